namespace BeAlert.Cap;

/// <summary>
/// The space-delimited list form of CAP <c>addresses</c> and <c>incidents</c>: entries containing whitespace are
/// enclosed in double quotes.
/// </summary>
internal static class CapListText
{
    internal static string Join(IReadOnlyList<string> items) =>
        string.Join(' ', items.Select(i => i.Any(char.IsWhiteSpace) ? "\"" + i + "\"" : i));

    /// <summary>Splits the list; returns <see langword="false"/> on an unbalanced quote or an empty quoted entry.</summary>
    internal static bool TrySplit(string text, out List<string> items)
    {
        items = [];
        var i = 0;
        while (i < text.Length)
        {
            if (IsSpace(text[i]))
            {
                i++;
                continue;
            }

            if (text[i] == '"')
            {
                var end = text.IndexOf('"', i + 1);
                if (end < 0 || end == i + 1 || (end + 1 < text.Length && !IsSpace(text[end + 1])))
                {
                    return false;
                }

                items.Add(text[(i + 1)..end]);
                i = end + 1;
            }
            else
            {
                var start = i;
                while (i < text.Length && !IsSpace(text[i]))
                {
                    if (text[i] == '"')
                    {
                        return false;
                    }

                    i++;
                }

                items.Add(text[start..i]);
            }
        }

        return true;
    }

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\r' or '\n';
}
