using System.Net;
using BeAlert.Gateway.Security;
using BeAlert.Gateway.Hosting;

namespace BeAlert.Gateway.Tests.Security;

/// <summary>
/// Per-key and per-address token buckets. The limit is 1 request/s with a burst of 2, so a run of 20 requests can
/// only all pass if it takes about 18 s: the tests assert that some are refused, never how fast anything was.
/// </summary>
public sealed class RateLimitTests : IDisposable
{
    private const int Attempts = 20;
    private readonly GatewayFactory _factory = new();

    public RateLimitTests()
    {
        _factory.Settings["BeAlert:Limits:RequestsPerSecondPerKey"] = "1";
        _factory.Settings["BeAlert:Limits:AnonymousRequestsPerSecond"] = "1";
    }

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task OverTheKeysLimit_Is429WithRetryAfterAndAProblem_AndOtherKeysAreUnaffected()
    {
        using var commune = _factory.CreateClient(DemoKeyNames.Commune);
        var refused = await FirstRefusalAsync(commune, "/api/me");
        Assert.NotNull(refused);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 2);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("access key", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        refused.Dispose();

        // Another key has its own bucket: its first request passes even though the commune's bucket is empty.
        using var province = _factory.CreateClient(DemoKeyNames.Province);
        Assert.Equal(HttpStatusCode.OK, (await province.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task WithoutAValidKey_TheAddressIsLimited_SoGuessingKeysIsThrottled()
    {
        using var guesser = _factory.CreateClient();
        guesser.DefaultRequestHeaders.Add("X-Api-Key", "bea_" + new string('g', 43));
        var refused = await FirstRefusalAsync(guesser, "/api/me");
        Assert.NotNull(refused);
        Assert.Contains("no valid access key", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(refused.Headers.Contains("Retry-After"));
        refused.Dispose();
    }

    [Fact]
    public void AnonymousLimit_OutOfRange_IsRefusedAtStart()
    {
        var e = Assert.Throws<GatewayConfigurationException>(() => GatewayApp.Build(["--BeAlert:Limits:AnonymousRequestsPerSecond=0"]));
        Assert.Contains(e.Errors, m => m.Contains("AnonymousRequestsPerSecond must be between", StringComparison.Ordinal));
    }

    /// <summary>The first response that is not the usual answer (200 or 401), or null if all <see cref="Attempts"/> passed.</summary>
    private static async Task<HttpResponseMessage?> FirstRefusalAsync(HttpClient client, string path)
    {
        for (var i = 0; i < Attempts; i++)
        {
            var response = await client.GetAsync(path);
            if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Unauthorized))
            {
                return response;
            }

            response.Dispose();
        }

        return null;
    }
}
