using BeAlert.Gateway.Web.Console;
using BeAlert.Gateway.Web.Geo;
using Microsoft.Extensions.FileProviders;

namespace BeAlert.Gateway.Web;

/// <summary>
/// The web experiences: the public alert map (<c>/</c>), the operator console (<c>/console</c>) and citizen
/// self-service (<c>/citizen</c>), in nl, fr, de and en. Pages are Razor Pages under <c>Web/Pages</c>; scripts, styles
/// and the base map are written here and embedded in the assembly (served under <c>/web/</c>): nothing is fetched from
/// the internet.
/// </summary>
public static class WebModule
{
    /// <summary>Where the embedded assets (Web/Assets) are served.</summary>
    public const string AssetPath = "/web";

    public static IServiceCollection AddWeb(this IServiceCollection services)
    {
        // Pages are in four languages: let Razor write "België" and "Liège" as they are, not as &#xEB; escapes.
        services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddSingleton<WebText>();
        services.AddSingleton<MapData>();
        services.AddConsoleAuthentication();
        services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Web/Pages";
            o.Conventions.AuthorizeFolder("/Console", ConsoleAuthentication.ConsolePolicy);
            o.Conventions.AllowAnonymousToPage("/Console/SignIn");
            o.Conventions.AllowAnonymousToPage("/Console/Denied");
        });
        return services;
    }

    /// <summary>Language choice and the CSRF check; runs after authentication.</summary>
    public static WebApplication UseWeb(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(AddPageSecurityHeaders);
        app.Use(WebLanguage.RememberChoice);
        app.Use(ConsoleAuthentication.RequireCsrfToken);
        return app;
    }

    /// <summary>
    /// The pages' Content-Security-Policy: scripts, styles, images and connections from this server only (no inline
    /// script or style, no frames), plus nosniff and a same-origin referrer. The JSON API and the API reference
    /// (<c>/scalar</c>, which needs its own inline script) are left as they are.
    /// </summary>
    internal const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private static Task AddPageSecurityHeaders(HttpContext context, Func<Task> next)
    {
        var path = context.Request.Path;
        if (!path.StartsWithSegments("/api") && !path.StartsWithSegments("/scalar") && !path.StartsWithSegments("/openapi")
            && !path.StartsWithSegments("/health") && !path.StartsWithSegments("/_load"))
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(self)";
        }

        return next();
    }

    public static WebApplication MapWeb(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new ManifestEmbeddedFileProvider(typeof(WebModule).Assembly, "Web/Assets"),
            RequestPath = AssetPath,
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "public, max-age=300",
        });
        MapData.Map(app);
        ConsoleAccountEndpoints.Map(app);
        Compose.ComposeEndpoints.Map(app);
        app.MapRazorPages();
        return app;
    }
}
