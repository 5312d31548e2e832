using BeAlert.Gateway.Storage;
using Microsoft.AspNetCore.Authentication;

namespace BeAlert.Gateway.Security;

/// <summary>Access keys, authorities, authorization policies (core), plus the admin API, audit log and per-key rate limits.</summary>
public static class SecurityModule
{
    public static IServiceCollection AddGatewaySecurity(this IServiceCollection services)
    {
        services.AddSingleton<ISchemaPart, SecuritySchema>();
        services.AddSingleton<AuthorityStore>();
        services.AddSingleton<AccessKeyStore>();
        services.AddSingleton<ISchemaPart, Audit.AuditSchema>();
        services.AddSingleton<Audit.AuditLog>();
        services.AddAuthentication(AccessKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, AccessKeyAuthenticationHandler>(AccessKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(GatewayPolicies.Admin, p => p.RequireRole(nameof(KeyRole.Admin)))
            .AddPolicy(GatewayPolicies.Operator, p => p.RequireRole(nameof(KeyRole.Operator)))
            .AddPolicy(GatewayPolicies.Vendor, p => p.RequireRole(nameof(KeyRole.Vendor)))
            .AddPolicy(GatewayPolicies.AnyKey, p => p.RequireAuthenticatedUser());
        services.AddKeysAdmin();
        return services;
    }

    /// <summary><c>GET /api/me</c>: who the presented key is (id, name, role, authority or vendor areas), never the key.</summary>
    public static WebApplication MapIdentity(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/me", (HttpContext context) =>
            {
                var caller = context.GetCaller();
                return Results.Ok(new
                {
                    keyId = caller.KeyId,
                    name = caller.KeyName,
                    role = caller.Role.ToString(),
                    authority = caller.Authority,
                    vendor = caller.Vendor,
                });
            })
            .RequireAuthorization(GatewayPolicies.AnyKey)
            .WithName("GetCurrentKey")
            .WithSummary("The access key in use: its id, role and authority or areas.");
        return app;
    }

    /// <summary>Admin API for keys and authorities, audit log, per-key rate limiting.</summary>
    public static IServiceCollection AddKeysAdmin(this IServiceCollection services) => services.AddKeyRateLimits();

    /// <summary>
    /// <c>/api/admin/authorities</c>, <c>/api/admin/keys</c>, <c>/api/admin/audit</c> (admin keys) and
    /// <c>/api/audit</c> (an operator's own authority).
    /// </summary>
    public static WebApplication MapKeysAdmin(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        Admin.KeysAdminEndpoints.Map(app);
        return app;
    }
}
