namespace BeAlert.Cap;

/// <summary>
/// One alert rendered for a signage screen in one language by <see cref="CapRenderer.RenderSignage"/>: a short
/// headline and the instruction, word-wrapped to <see cref="Columns"/> × at most <see cref="RenderOptions.SignageLines"/> lines.
/// </summary>
public sealed record SignageText
{
    internal SignageText(string language, int columns, IReadOnlyList<string> lines, RenderParts shortened, RenderParts omitted)
    {
        Language = language;
        Columns = columns;
        Lines = EquatableList<string>.From(lines);
        Shortened = shortened;
        Omitted = omitted;
    }

    /// <summary>The language of the text.</summary>
    public string Language { get; }

    /// <summary>The width of the screen in characters (user-perceived characters, not UTF-16 units).</summary>
    public int Columns { get; }

    /// <summary>The lines, each at most <see cref="Columns"/> characters wide.</summary>
    public IReadOnlyList<string> Lines { get; }

    /// <summary>The lines joined with <c>\n</c>.</summary>
    public string Text => string.Join('\n', Lines);

    /// <summary>The parts that were shortened to fit the screen.</summary>
    public RenderParts Shortened { get; }

    /// <summary>The parts that were left out to fit the screen.</summary>
    public RenderParts Omitted { get; }
}
