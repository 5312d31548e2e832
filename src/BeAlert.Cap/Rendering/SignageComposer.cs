namespace BeAlert.Cap;

/// <summary>
/// The signage screen: the status prefix and headline, then the instruction, word-wrapped to the screen. The
/// description is never shown. When the two do not fit, in this order:
/// <list type="number">
/// <item>the event replaces the headline when it takes fewer lines;</item>
/// <item>the headline (or event) is cut to the lines the instruction leaves, at least one;</item>
/// <item>the instruction keeps its leading sentences that fit, else is cut at a word boundary (inside a word only
/// when one word is wider than the room), else is left out (a one-line screen shows only the headline).</item>
/// </list>
/// </summary>
internal static class SignageComposer
{
    internal static SignageText Compose(RenderContent content)
    {
        var columns = content.Options.SignageColumns;
        var rows = content.Options.SignageLines;
        var shortened = content.Cut & (content.TitlePart | RenderParts.Instruction);
        var omitted = RenderParts.None;
        var titlePart = content.TitlePart;
        var title = content.Prefix + content.Title;
        var instruction = content.Instruction;
        var titleLines = SignageLayout.Wrap(title, columns);
        var instructionLines = SignageLayout.Wrap(instruction, columns);
        if (titleLines.Count + instructionLines.Count <= rows)
        {
            return Result(content, titleLines, instructionLines, shortened, omitted);
        }

        if (titlePart == RenderParts.Headline && content.Event.Length > 0)
        {
            var eventTitle = content.Prefix + content.Event;
            var eventLines = SignageLayout.Wrap(eventTitle, columns);
            if (eventLines.Count < titleLines.Count)
            {
                omitted |= RenderParts.Headline;
                shortened &= ~RenderParts.Headline;
                titlePart = RenderParts.Event;
                title = eventTitle;
                titleLines = eventLines;
                if (titleLines.Count + instructionLines.Count <= rows)
                {
                    return Result(content, titleLines, instructionLines, shortened, omitted);
                }
            }
        }

        var titleRows = Math.Max(1, rows - instructionLines.Count);
        if (titleLines.Count > titleRows)
        {
            titleLines = SignageLayout.WrapInto(title, columns, titleRows, out _);
            shortened |= titlePart;
        }

        var instructionRows = rows - titleLines.Count;
        if (instructionLines.Count > instructionRows)
        {
            if (instructionRows <= 0)
            {
                instructionLines = [];
                omitted |= RenderParts.Instruction;
                shortened &= ~RenderParts.Instruction;
            }
            else
            {
                instructionLines = LeadingSentences(instruction, columns, instructionRows)
                    ?? SignageLayout.WrapInto(instruction, columns, instructionRows, out _);
                shortened |= RenderParts.Instruction;
            }
        }

        return Result(content, titleLines, instructionLines, shortened, omitted);
    }

    /// <summary>The most leading whole sentences that fit, or <see langword="null"/> when not even the first does.</summary>
    private static List<string>? LeadingSentences(string text, int columns, int rows)
    {
        List<string>? best = null;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '.' or '!' or '?' && (i + 1 == text.Length || text[i + 1] == ' '))
            {
                var lines = SignageLayout.Wrap(text[..(i + 1)], columns);
                if (lines.Count > rows)
                {
                    break;
                }

                best = lines;
            }
        }

        return best;
    }

    private static SignageText Result(RenderContent content, List<string> title, List<string> instruction, RenderParts shortened, RenderParts omitted)
    {
        var lines = new List<string>(title.Count + instruction.Count);
        lines.AddRange(title);
        lines.AddRange(instruction);
        if (lines.Count == 0 && content.Prefix.Length > 0)
        {
            lines.Add(content.Prefix.TrimEnd(' ', ':'));
        }

        return new SignageText(content.Language, content.Options.SignageColumns, lines, shortened & ~omitted, omitted);
    }
}
