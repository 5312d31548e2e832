using BeAlert.Cap;

namespace BeAlert.Dispatch;

/// <summary>
/// Picks, for one person, the language of the alert they receive, among the languages the alert has info blocks in.
/// </summary>
/// <remarks>
/// In order: the first of the person's preferred languages that the alert has (a tag matches exactly, ignoring case,
/// or else by its primary subtag, so <c>nl</c> finds <c>nl-BE</c> and <c>fr-BE</c> finds <c>fr</c>); else the language
/// of the region the person lives in (Dutch in Flanders, French in Wallonia, German in the East Cantons, French then
/// Dutch in Brussels); else English; else the alert's first info block. The result is always one of the alert's own
/// tags, as written, so content rendered per info language can be looked up by it. Thread-safe.
/// </remarks>
public sealed class LanguageChooser
{
    private readonly string[] _alertLanguages;

    /// <summary>Creates a chooser for an alert's languages.</summary>
    /// <param name="alertLanguages">The languages of the alert's info blocks, in document order (duplicates allowed).</param>
    /// <exception cref="ArgumentException">No language, or a tag that is empty or too long.</exception>
    public LanguageChooser(IEnumerable<string> alertLanguages)
    {
        ArgumentNullException.ThrowIfNull(alertLanguages);
        _alertLanguages = [.. alertLanguages.Distinct(StringComparer.OrdinalIgnoreCase)];
        if (_alertLanguages.Length == 0)
        {
            throw new ArgumentException("The alert has no info block, so no language to send.", nameof(alertLanguages));
        }

        foreach (var tag in _alertLanguages)
        {
            if (string.IsNullOrWhiteSpace(tag) || tag.Length > LanguageTags.MaxLength)
            {
                throw new ArgumentException($"'{tag}' is not a language tag.", nameof(alertLanguages));
            }
        }
    }

    /// <summary>The alert's distinct languages, in document order.</summary>
    public IReadOnlyList<string> AlertLanguages => _alertLanguages;

    /// <summary>A chooser for the languages of an alert's info blocks (<see cref="CapInfo.EffectiveLanguage"/>).</summary>
    /// <param name="alert">The alert.</param>
    /// <returns>The chooser.</returns>
    /// <exception cref="ArgumentException">The alert has no info block.</exception>
    public static LanguageChooser For(CapAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return new LanguageChooser(alert.Infos.Select(i => i.EffectiveLanguage));
    }

    /// <summary>Chooses the language for one person.</summary>
    /// <param name="preferences">The person's languages, best first (may be empty).</param>
    /// <param name="region">Where the person lives.</param>
    /// <returns>One of <see cref="AlertLanguages"/>.</returns>
    public string Choose(IReadOnlyList<string> preferences, LanguageRegion region)
    {
        ArgumentNullException.ThrowIfNull(preferences);
        foreach (var preference in preferences)
        {
            if (Match(preference) is { } match)
            {
                return match;
            }
        }

        return ForRegion(region);
    }

    internal string ForRegion(LanguageRegion region)
    {
        var regional = region switch
        {
            LanguageRegion.Flanders => Match("nl"),
            LanguageRegion.Wallonia => Match("fr"),
            LanguageRegion.EastCantons => Match("de"),
            LanguageRegion.Brussels => Match("fr") ?? Match("nl"),
            _ => null,
        };
        return regional ?? Match("en") ?? _alertLanguages[0];
    }

    internal string? Match(string? preference)
    {
        if (string.IsNullOrEmpty(preference))
        {
            return null;
        }

        foreach (var tag in _alertLanguages)
        {
            if (string.Equals(tag, preference, StringComparison.OrdinalIgnoreCase))
            {
                return tag;
            }
        }

        foreach (var tag in _alertLanguages)
        {
            if (LanguageTags.SamePrimary(tag, preference))
            {
                return tag;
            }
        }

        return null;
    }
}
