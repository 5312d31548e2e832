using Microsoft.Net.Http.Headers;

namespace BeAlert.Gateway.Web;

/// <summary>
/// The language of a web page: <c>?lang=nl|fr|de|en</c> (remembered in a cookie), else the cookie, else the browser's
/// <c>Accept-Language</c> (by quality), else English. No <see cref="System.Globalization.CultureInfo"/> is involved: the
/// gateway runs with invariant globalization, so texts come from <see cref="WebText"/> and numbers and dates are
/// formatted by the pages themselves.
/// </summary>
public static class WebLanguage
{
    public const string QueryKey = "lang";
    public const string CookieName = "bealert.lang";
    public const string Fallback = "en";

    /// <summary>The four languages of the site: the three national languages and English.</summary>
    public static readonly IReadOnlyList<string> Supported = ["nl", "fr", "de", "en"];

    private const string ItemKey = "bealert.web.lang";

    /// <summary>The request's language (resolved once per request).</summary>
    public static string Get(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items.TryGetValue(ItemKey, out var cached) && cached is string language)
        {
            return language;
        }

        language = Resolve(context.Request);
        context.Items[ItemKey] = language;
        return language;
    }

    /// <summary>Middleware: remembers an explicit <c>?lang=</c> choice in a cookie so the next pages keep it.</summary>
    public static Task RememberChoice(HttpContext context, Func<Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (Normalize(context.Request.Query[QueryKey].ToString()) is { } chosen
            && !string.Equals(context.Request.Cookies[CookieName], chosen, StringComparison.Ordinal))
        {
            context.Response.Cookies.Append(CookieName, chosen, new CookieOptions
            {
                HttpOnly = false,
                SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Lax,
                Secure = context.Request.IsHttps,
                MaxAge = TimeSpan.FromDays(365),
                IsEssential = true,
                Path = "/",
            });
        }

        return next();
    }

    internal static string Resolve(HttpRequest request)
    {
        if (Normalize(request.Query[QueryKey].ToString()) is { } fromQuery)
        {
            return fromQuery;
        }

        if (Normalize(request.Cookies[CookieName]) is { } fromCookie)
        {
            return fromCookie;
        }

        return FromAcceptLanguage(request.Headers.AcceptLanguage.ToString()) ?? Fallback;
    }

    /// <summary>The best supported language in an Accept-Language header, or null (malformed input is ignored).</summary>
    internal static string? FromAcceptLanguage(string? header)
    {
        if (string.IsNullOrWhiteSpace(header) || header.Length > 1024
            || !StringWithQualityHeaderValue.TryParseList(header.Split(','), out var values))
        {
            return null;
        }

        return values
            .Where(v => (v.Quality ?? 1) > 0)
            .Select((v, index) => (Language: Normalize(v.Value.Value), Quality: v.Quality ?? 1, index))
            .Where(v => v.Language is not null)
            .OrderByDescending(v => v.Quality)
            .ThenBy(v => v.index)
            .Select(v => v.Language)
            .FirstOrDefault();
    }

    /// <summary>"nl", "nl-BE", "NL" → "nl"; anything else → null.</summary>
    internal static string? Normalize(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 35)
        {
            return null;
        }

        var dash = value.IndexOf('-', StringComparison.Ordinal);
        var primary = (dash < 0 ? value : value[..dash]).ToLowerInvariant();
        return Supported.Contains(primary) ? primary : null;
    }
}
