using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace BeAlert.Gateway.Security;

/// <summary>
/// Authenticates <c>Authorization: Bearer bea_…</c> (or <c>X-Api-Key: bea_…</c>). A missing key is "no result" (the
/// endpoint's policy then answers 401); a wrong, revoked or malformed key fails with a specific message. The key
/// itself is never logged.
/// </summary>
public sealed class AccessKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AccessKeyStore keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "AccessKey";

    private const string FailureItem = "bealert.auth.failure";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = ReadKey(Request);

        // A citizen's token (cit_…) is not an access key: the citizen endpoints check it themselves.
        if (presented is null || presented.StartsWith(Citizens.CitizenSecrets.TokenPrefix, StringComparison.Ordinal))
        {
            return AuthenticateResult.NoResult();
        }

        var caller = await keys.AuthenticateAsync(presented, Context.RequestAborted).ConfigureAwait(false);
        if (caller is null)
        {
            var reason = AccessKeyFormat.IsWellFormed(presented)
                ? "The access key is unknown or has been revoked."
                : $"The access key is malformed: expected {AccessKeyFormat.Description}.";
            Context.Items[FailureItem] = reason;
            return AuthenticateResult.Fail(reason);
        }

        Context.Features.Set(caller);
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, caller.KeyId),
            new(ClaimTypes.Name, caller.KeyName),
            new(ClaimTypes.Role, caller.Role.ToString()),
        };
        if (caller.Authority is { } authority)
        {
            claims.Add(new Claim("authority", authority.Id));
        }

        var identity = new ClaimsIdentity(claims, SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"BeAlert\"";
        var detail = Context.Items[FailureItem] as string
            ?? "An access key is required: send 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'.";
        await Results.Problem(statusCode: 401, title: "Unauthorized", detail: detail).ExecuteAsync(Context).ConfigureAwait(false);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var role = Context.FindCaller()?.Role.ToString() ?? "this";
        await Results.Problem(statusCode: 403, title: "Forbidden", detail: $"A {role} key may not use this endpoint.").ExecuteAsync(Context).ConfigureAwait(false);
    }

    internal static string? ReadKey(HttpRequest request)
    {
        if (request.Headers.Authorization is { Count: > 0 } authorization)
        {
            var value = authorization.ToString();
            return value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? value["Bearer ".Length..].Trim() : value.Trim();
        }

        return request.Headers.TryGetValue("X-Api-Key", out var header) && header.Count > 0 ? header.ToString().Trim() : null;
    }
}
