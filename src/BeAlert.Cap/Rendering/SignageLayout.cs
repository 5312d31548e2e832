using System.Globalization;

namespace BeAlert.Cap;

/// <summary>
/// Word wrapping for fixed screens, measured in user-perceived characters (text elements), so that an accented
/// letter written with a combining mark or an emoji counts as one column and is never split.
/// </summary>
internal static class SignageLayout
{
    /// <summary>
    /// Wraps a one-line text into lines of at most <paramref name="columns"/> characters, breaking at spaces; a word
    /// longer than a line is broken where the line ends.
    /// </summary>
    internal static List<string> Wrap(string text, int columns)
    {
        var lines = new List<string>();
        if (text.Length == 0)
        {
            return lines;
        }

        var line = new System.Text.StringBuilder();
        var lineWidth = 0;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var elements = TextElements(word);
            var wordWidth = elements.Count;
            if (lineWidth > 0 && lineWidth + 1 + wordWidth <= columns)
            {
                line.Append(' ').Append(word);
                lineWidth += 1 + wordWidth;
                continue;
            }

            if (lineWidth > 0)
            {
                lines.Add(line.ToString());
                line.Clear();
                lineWidth = 0;
            }

            // Hard-break a word that is wider than a line.
            var start = 0;
            while (wordWidth - start > columns)
            {
                lines.Add(string.Concat(elements.GetRange(start, columns)));
                start += columns;
            }

            foreach (var element in elements.Skip(start))
            {
                line.Append(element);
            }

            lineWidth = wordWidth - start;
        }

        if (lineWidth > 0)
        {
            lines.Add(line.ToString());
        }

        return lines;
    }

    /// <summary>The width of a text in columns.</summary>
    internal static int Width(string text) => new StringInfo(text).LengthInTextElements;

    /// <summary>
    /// Wraps a text into at most <paramref name="maxLines"/> lines: whole, else cut at the last word boundary that fits
    /// (with "..."), else cut inside the first word.
    /// </summary>
    internal static List<string> WrapInto(string text, int columns, int maxLines, out bool cut)
    {
        var lines = Wrap(text, columns);
        cut = false;
        if (lines.Count <= maxLines)
        {
            return lines;
        }

        cut = true;
        var boundaries = new List<int>();
        for (var i = 1; i < text.Length; i++)
        {
            if (text[i] == ' ' && text[i - 1] != ' ')
            {
                boundaries.Add(i);
            }
        }

        var low = 0;
        var high = boundaries.Count - 1;
        List<string>? best = null;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            var candidate = Wrap(RenderText.Finish(text[..boundaries[middle]]), columns);
            if (candidate.Count <= maxLines)
            {
                best = candidate;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        if (best is not null)
        {
            return best;
        }

        // Not even the first word fits: fill the lines and end the last one with "...".
        var filled = lines.GetRange(0, maxLines);
        var last = TextElements(filled[^1]);
        var keep = Math.Max(0, Math.Min(last.Count, columns - RenderText.Ellipsis.Length));
        filled[^1] = string.Concat(last.GetRange(0, keep)).TrimEnd() + RenderText.Ellipsis;
        return filled;
    }

    private static List<string> TextElements(string text)
    {
        var elements = new List<string>(text.Length);
        var enumerator = StringInfo.GetTextElementEnumerator(text);
        while (enumerator.MoveNext())
        {
            elements.Add(enumerator.GetTextElement());
        }

        return elements;
    }
}
