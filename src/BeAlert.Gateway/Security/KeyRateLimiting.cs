using System.Globalization;
using System.Threading.RateLimiting;
using BeAlert.Gateway.Hosting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace BeAlert.Gateway.Security;

/// <summary>
/// Per-key rate limiting: a token bucket per access key id (<c>BeAlert:Limits:RequestsPerSecondPerKey</c>, burst
/// two seconds' worth) for authenticated requests, and one per remote IP address
/// (<c>BeAlert:Limits:AnonymousRequestsPerSecond</c>) for everything else (public endpoints, and requests whose key
/// is missing, wrong or revoked, so guessing keys is throttled too). Over the limit: 429 with <c>Retry-After</c> and
/// a ProblemDetails. Runs after authentication, so it knows the key.
/// </summary>
public static class KeyRateLimiting
{
    public static IServiceCollection AddKeyRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(Partition);
            o.OnRejected = OnRejectedAsync;
        });
        return services;
    }

    /// <summary>The rate-limiting middleware: call right after <c>UseAuthentication</c>.</summary>
    public static WebApplication UseKeyRateLimits(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseRateLimiter();
        return app;
    }

    internal static TokenBucketRateLimiterOptions Bucket(int perSecond) => new()
    {
        TokensPerPeriod = perSecond,
        TokenLimit = (int)Math.Min(int.MaxValue, 2L * perSecond),
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static RateLimitPartition<string> Partition(HttpContext context)
    {
        var limits = context.RequestServices.GetRequiredService<IOptions<GatewayOptions>>().Value.Limits;
        if (context.FindCaller() is { } caller)
        {
            var perKey = limits.RequestsPerSecondPerKey;
            return RateLimitPartition.GetTokenBucketLimiter("key:" + caller.KeyId, _ => Bucket(perKey));
        }

        var anonymous = limits.AnonymousRequestsPerSecond;
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return RateLimitPartition.GetTokenBucketLimiter("ip:" + address, _ => Bucket(anonymous));
    }

    private static async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 1;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var who = context.FindCaller() is null ? "this address (no valid access key)" : "this access key";
        await Results.Problem(
                statusCode: StatusCodes.Status429TooManyRequests,
                title: "Too many requests",
                detail: $"The request rate for {who} is over its limit; retry after {seconds} s.")
            .ExecuteAsync(context).ConfigureAwait(false);
    }
}
