using System.Globalization;

namespace BeAlert.Cap;

/// <summary>Character checks and message fragments shared by the rules. Nothing here allocates unless a message is built.</summary>
internal static class CapRuleText
{
    /// <summary>
    /// The index of the first character that CAP forbids in an identifier or sender (whitespace, ',', '&lt;', '&amp;'),
    /// or -1 when there is none.
    /// </summary>
    internal static int IndexOfIdentifierBreaker(string? value)
    {
        if (value is null)
        {
            return -1;
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c is ',' or '<' or '&' || char.IsWhiteSpace(c))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The index of the first whitespace or comma (the separators of <c>references</c>), or -1 when there is none.</summary>
    internal static int IndexOfReferenceSeparator(string? value)
    {
        if (value is null)
        {
            return -1;
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == ',' || char.IsWhiteSpace(c))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Names a character for a message: "a space", "a comma", "'&lt;'", "U+00A0".</summary>
    internal static string Describe(char c) => c switch
    {
        ' ' => "a space",
        '\t' => "a tab",
        '\r' or '\n' => "a line break",
        ',' => "a comma",
        '"' => "a double quote",
        _ when char.IsWhiteSpace(c) => "a whitespace character (U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) + ")",
        _ => "'" + c + "'",
    };

    /// <summary>Quotes a value for a message, shortening very long values so that a message stays readable.</summary>
    internal static string Quote(string? value)
    {
        const int MaxShown = 80;
        if (value is null)
        {
            return "(null)";
        }

        return value.Length <= MaxShown ? "'" + value + "'" : "'" + value[..MaxShown] + "...' (" + value.Length.ToString(CultureInfo.InvariantCulture) + " characters)";
    }

    internal static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    internal static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
