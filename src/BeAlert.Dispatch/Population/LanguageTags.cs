namespace BeAlert.Dispatch;

/// <summary>Small helpers for language tags (RFC 5646 shape, as CAP's xml:lang values use).</summary>
internal static class LanguageTags
{
    public const int MaxLength = 35;

    /// <summary>Letters, digits and hyphens; a primary subtag of 2–8 letters; at most <see cref="MaxLength"/> characters.</summary>
    public static bool IsWellFormed(string? tag)
    {
        if (string.IsNullOrEmpty(tag) || tag.Length > MaxLength)
        {
            return false;
        }

        var primary = Primary(tag);
        if (primary.Length is < 2 or > 8)
        {
            return false;
        }

        foreach (var c in primary)
        {
            if (!char.IsAsciiLetter(c))
            {
                return false;
            }
        }

        foreach (var c in tag)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-')
            {
                return false;
            }
        }

        return tag[^1] != '-';
    }

    /// <summary>The primary subtag: <c>nl</c> for <c>nl-BE</c>.</summary>
    public static ReadOnlySpan<char> Primary(string tag)
    {
        var dash = tag.IndexOf('-', StringComparison.Ordinal);
        return dash < 0 ? tag : tag.AsSpan(0, dash);
    }

    public static bool SamePrimary(string a, string b) => Primary(a).Equals(Primary(b), StringComparison.OrdinalIgnoreCase);
}
