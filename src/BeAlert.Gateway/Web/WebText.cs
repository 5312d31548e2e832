using System.Collections.Frozen;
using System.Text.Json;

namespace BeAlert.Gateway.Web;

/// <summary>
/// The site's texts in nl, fr, de and en, from the embedded files <c>Web/Text/{area}.{lang}.json</c> (flat objects of
/// key → text; one file per area so pages can be written side by side). Every key must exist in every language (a test
/// checks it); a key missing at run time falls back to English, then to the key itself, so a page never breaks.
/// Pages get it injected (<c>@inject WebText Text</c>) and call <see cref="Get(HttpContext, string)"/>; scripts get
/// the keys of an area with <see cref="ForScript"/>.
/// </summary>
public sealed class WebText
{
    private const string ResourcePrefix = "BeAlert.Gateway.Web.Text.";

    private readonly FrozenDictionary<string, FrozenDictionary<string, string>> _byLanguage;

    public WebText()
        : this(LoadEmbedded())
    {
    }

    internal WebText(IReadOnlyDictionary<string, Dictionary<string, string>> byLanguage)
    {
        _byLanguage = byLanguage.ToFrozenDictionary(p => p.Key, p => p.Value.ToFrozenDictionary(StringComparer.Ordinal), StringComparer.Ordinal);
    }

    /// <summary>Every key of a language (for the completeness test).</summary>
    public IReadOnlyCollection<string> Keys(string language) =>
        _byLanguage.TryGetValue(language, out var texts) ? texts.Keys : [];

    /// <summary>The text for <paramref name="key"/> in the request's language.</summary>
    public string Get(HttpContext context, string key) => Get(WebLanguage.Get(context), key);

    /// <summary>The text for <paramref name="key"/> in <paramref name="language"/>, else English, else the key.</summary>
    public string Get(string language, string key)
    {
        if (_byLanguage.TryGetValue(language, out var texts) && texts.TryGetValue(key, out var text))
        {
            return text;
        }

        return _byLanguage.TryGetValue(WebLanguage.Fallback, out var english) && english.TryGetValue(key, out var fallback) ? fallback : key;
    }

    /// <summary>Formats a text with <c>{0}</c>-style holes (invariant culture).</summary>
    public string Format(HttpContext context, string key, params object?[] args) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, Get(context, key), args);

    /// <summary>The texts whose keys start with one of <paramref name="prefixes"/>, as a JSON object for a page's scripts.</summary>
    public string ForScript(HttpContext context, params string[] prefixes)
    {
        var language = WebLanguage.Get(context);
        var english = _byLanguage.GetValueOrDefault(WebLanguage.Fallback) ?? FrozenDictionary<string, string>.Empty;
        var subset = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in english.Keys.Where(k => prefixes.Any(p => k.StartsWith(p, StringComparison.Ordinal))))
        {
            subset[key] = Get(language, key);
        }

        return JsonSerializer.Serialize(subset);
    }

    private static Dictionary<string, Dictionary<string, string>> LoadEmbedded()
    {
        var assembly = typeof(WebText).Assembly;
        var result = WebLanguage.Supported.ToDictionary(l => l, _ => new Dictionary<string, string>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            // BeAlert.Gateway.Web.Text.{area}.{lang}.json
            var parts = name[ResourcePrefix.Length..].Split('.');
            if (parts.Length != 3 || parts[2] != "json" || !result.TryGetValue(parts[1], out var texts))
            {
                throw new InvalidOperationException($"Unexpected web text resource '{name}': expected Web/Text/{{area}}.{{nl|fr|de|en}}.json.");
            }

            using var stream = assembly.GetManifestResourceStream(name)!;
            var entries = JsonSerializer.Deserialize<Dictionary<string, string>>(stream)
                ?? throw new InvalidOperationException($"Web text resource '{name}' is empty.");
            foreach (var (key, value) in entries)
            {
                if (!texts.TryAdd(key, value))
                {
                    throw new InvalidOperationException($"Web text key '{key}' is defined twice for '{parts[1]}' (seen again in {parts[0]}).");
                }
            }
        }

        return result;
    }
}
