using System.Security.Claims;
using System.Xml.Linq;
using BeAlert.Gateway.Security;
using BeAlert.Gateway.Storage;
using Dapper;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace BeAlert.Gateway.Web.Console;

/// <summary>
/// Operator console sign-in: a cookie (HttpOnly, SameSite=Strict, 8 h sliding) that stands for a
/// <see cref="ConsoleAccount"/>. A signed-in person is a <see cref="Caller"/> like an operator key
/// (<c>KeyId = "console:{account}"</c>, role Operator, the account's authority), so the console's scripts use the same
/// JSON API as scripts with keys. Requests that carry a key (<c>Authorization</c> / <c>X-Api-Key</c>) are
/// authenticated by the key; others by the cookie. Changes made with the cookie need the CSRF token
/// (<c>X-CSRF-TOKEN</c> header or form field), checked by <see cref="RequireCsrfToken"/>.
/// </summary>
public static class ConsoleAuthentication
{
    /// <summary>The default scheme: picks the access-key handler or the console cookie per request.</summary>
    public const string SelectorScheme = "Gateway";

    public const string CookieScheme = "Console";
    public const string CookieName = "bealert.console";
    public const string CsrfHeader = "X-CSRF-TOKEN";
    public const string CsrfCookie = "bealert.csrf";
    public const string CallerPrefix = "console:";
    public const string SignInPath = "/console/sign-in";

    private const string PasswordStampClaim = "pwstamp";

    /// <summary>Console pages: signed in with the cookie (any authority).</summary>
    public const string ConsolePolicy = "console";

    public static IServiceCollection AddConsoleAuthentication(this IServiceCollection services)
    {
        services.AddSingleton<ISchemaPart, ConsoleSchema>();
        services.AddSingleton<ConsoleAccountStore>();
        services.AddOptions<SignInThrottleOptions>().BindConfiguration(SignInThrottleOptions.Section);
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<DatabaseXmlRepository>();
        services.AddDataProtection().SetApplicationName("BeAlert.Gateway");
        services.AddOptions<KeyManagementOptions>()
            .Configure<DatabaseXmlRepository>((o, repository) => o.XmlRepository = repository);

        services.AddAuthentication(SelectorScheme)
            .AddPolicyScheme(SelectorScheme, "Access key or console sign-in", o => o.ForwardDefaultSelector = context =>
                AccessKeyAuthenticationHandler.ReadKey(context.Request) is null && context.Request.Cookies.ContainsKey(CookieName)
                    ? CookieScheme
                    : AccessKeyAuthenticationHandler.SchemeName)
            .AddCookie(CookieScheme, o =>
            {
                o.Cookie.Name = CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.Cookie.IsEssential = true;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                o.LoginPath = SignInPath;
                o.AccessDeniedPath = "/console/denied";
                o.Events.OnValidatePrincipal = ValidateAsync;
                o.Events.OnRedirectToLogin = context => ApiOrRedirect(context, StatusCodes.Status401Unauthorized, "Sign in again: the console session has ended.");
                o.Events.OnRedirectToAccessDenied = context => ApiOrRedirect(context, StatusCodes.Status403Forbidden, "This account may not use this endpoint.");
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(ConsolePolicy, p => p.AddAuthenticationSchemes(CookieScheme).RequireRole(nameof(KeyRole.Operator)));
        services.AddAntiforgery(o =>
        {
            o.HeaderName = CsrfHeader;
            o.Cookie.Name = CsrfCookie;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        return services;
    }

    /// <summary>The claims of a signed-in account (the authority is re-read on every request).</summary>
    public static ClaimsPrincipal Principal(ConsoleAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, CallerPrefix + account.Id),
                new Claim(ClaimTypes.Name, account.UserName),
                new Claim(ClaimTypes.Role, nameof(KeyRole.Operator)),
                new Claim("account", account.Id),
                new Claim("authority", account.AuthorityId),
                new Claim(PasswordStampClaim, account.PasswordStamp),
            ],
            CookieScheme);
        return new ClaimsPrincipal(identity);
    }

    /// <summary>
    /// Middleware (after authentication): a change (POST, PUT, PATCH, DELETE) made with the console cookie must carry
    /// the CSRF token, or it gets 400. Key-authenticated requests have no ambient credential and need none.
    /// </summary>
    public static async Task RequireCsrfToken(HttpContext context, Func<Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) && !HttpMethods.IsOptions(context.Request.Method)
            && context.FindCaller()?.KeyId.StartsWith(CallerPrefix, StringComparison.Ordinal) == true)
        {
            var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
            if (!await antiforgery.IsRequestValidAsync(context).ConfigureAwait(false))
            {
                await Results.Problem(
                    statusCode: StatusCodes.Status400BadRequest,
                    title: "Missing or invalid CSRF token",
                    detail: $"Changes made from the console carry the page's CSRF token in the {CsrfHeader} header or the form; reload the page and try again.")
                    .ExecuteAsync(context).ConfigureAwait(false);
                return;
            }
        }

        await next().ConfigureAwait(false);
    }

    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var accountId = context.Principal?.FindFirstValue("account");
        var services = context.HttpContext.RequestServices;
        var account = accountId is null ? null : await services.GetRequiredService<ConsoleAccountStore>().FindAsync(accountId, context.HttpContext.RequestAborted).ConfigureAwait(false);
        var authority = account is null || account.Disabled
            ? null
            : await services.GetRequiredService<AuthorityStore>().FindAsync(account.AuthorityId, context.HttpContext.RequestAborted).ConfigureAwait(false);
        if (account is null || authority is null
            || !string.Equals(context.Principal?.FindFirstValue(PasswordStampClaim), account.PasswordStamp, StringComparison.Ordinal))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieScheme).ConfigureAwait(false);
            return;
        }

        context.HttpContext.Features.Set(new Caller(CallerPrefix + account.Id, account.UserName, KeyRole.Operator, authority, null));
    }

    private static Task ApiOrRedirect(RedirectContext<CookieAuthenticationOptions> context, int status, string detail)
    {
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            return Results.Problem(statusCode: status, detail: detail).ExecuteAsync(context.HttpContext);
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}

/// <summary>
/// The data-protection key ring (which protects console cookies and CSRF tokens) in the gateway database, so every
/// instance on a shared PostgreSQL database reads the same keys and sessions survive restarts. The keys are stored as
/// ASP.NET Core writes them (not encrypted at rest, as with its default file store); protect the database accordingly.
/// </summary>
internal sealed class DatabaseXmlRepository(GatewayDatabase database) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = database.OpenAsync().GetAwaiter().GetResult();
        return [.. connection.Query<string>("SELECT xml FROM data_protection_keys ORDER BY name").Select(XElement.Parse)];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        using var connection = database.OpenAsync().GetAwaiter().GetResult();
        connection.Execute(
            "INSERT INTO data_protection_keys (name, xml) VALUES (@name, @xml) ON CONFLICT (name) DO NOTHING",
            new { name = friendlyName, xml = element.ToString(SaveOptions.DisableFormatting) });
    }
}
