using System.Globalization;

namespace BeAlert.Cap;

/// <summary>Small checks on text values shared by the profile rules.</summary>
internal static class ProfileText
{
    /// <summary>The primary subtag of the language that applies to <paramref name="info"/>, in lower case: <c>nl</c> for <c>nl-BE</c>.</summary>
    internal static string PrimaryLanguage(CapInfo info) => PrimaryLanguage(info.EffectiveLanguage);

    /// <summary>The primary subtag of a language tag, in lower case.</summary>
    internal static string PrimaryLanguage(string tag)
    {
        var dash = tag.IndexOf('-', StringComparison.Ordinal);
        return (dash < 0 ? tag : tag[..dash]).Trim().ToLowerInvariant();
    }

    /// <summary>Whether <paramref name="value"/> has visible text.</summary>
    internal static bool HasText(string? value) => !string.IsNullOrWhiteSpace(value);

    /// <summary>
    /// Whether <paramref name="value"/> is a plain e-mail address <c>local@domain.tld</c>: one '@', a local part of
    /// letters, digits and the atom punctuation of RFC 5322, a domain of at least two dot-separated labels of letters,
    /// digits and inner hyphens, ending in a label of letters. No comments, quotes or IP literals.
    /// </summary>
    internal static bool IsEmailAddress(string value)
    {
        var at = value.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != value.LastIndexOf('@') || at == value.Length - 1)
        {
            return false;
        }

        var local = value.AsSpan(0, at);
        foreach (var c in local)
        {
            if (!char.IsAsciiLetterOrDigit(c) && "!#$%&'*+/=?^_`{|}~.-".IndexOf(c, StringComparison.Ordinal) < 0)
            {
                return false;
            }
        }

        if (local[0] == '.' || local[^1] == '.' || local.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        var labels = value[(at + 1)..].Split('.');
        if (labels.Length < 2)
        {
            return false;
        }

        foreach (var label in labels)
        {
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }

            foreach (var c in label)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c != '-')
                {
                    return false;
                }
            }
        }

        var top = labels[^1];
        return top.Length >= 2 && top.All(char.IsAsciiLetter);
    }

    /// <summary>Whether <paramref name="value"/> is an OID URN: <c>urn:oid:</c> followed by dot-separated numbers.</summary>
    internal static bool IsOidUrn(string value)
    {
        const string Prefix = "urn:oid:";
        if (!value.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || value.Length == Prefix.Length)
        {
            return false;
        }

        foreach (var arc in value[Prefix.Length..].Split('.'))
        {
            if (arc.Length == 0 || !arc.All(char.IsAsciiDigit))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether <paramref name="value"/> is exactly <paramref name="length"/> ASCII digits.</summary>
    internal static bool IsDigits(string value, int length) => value.Length == length && value.All(char.IsAsciiDigit);

    /// <summary>The number of characters a person counts (Unicode scalar values, so an emoji counts once).</summary>
    internal static int CharacterCount(string value)
    {
        var count = 0;
        foreach (var _ in value.EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    /// <summary>Whether two lists hold the same items, ignoring order and repetition.</summary>
    internal static bool SameSet<T>(IReadOnlyList<T> a, IReadOnlyList<T> b) => a.ToHashSet().SetEquals(b);

    /// <summary>A list of values for a message: <c>'a', 'b'</c>, or <c>(none)</c>.</summary>
    internal static string List<T>(IEnumerable<T> values, Func<T, string> format)
    {
        var text = string.Join(", ", values.Select(format));
        return text.Length == 0 ? "(none)" : text;
    }

    /// <summary>Formats a name/value pair for a message: <c>SAME=TOR</c>.</summary>
    internal static string Pair(CapNamedValue pair) => CapRuleText.Quote(pair.ValueName + "=" + pair.Value);

    /// <summary>A whole number for a message.</summary>
    internal static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
