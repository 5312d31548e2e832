namespace BeAlert.Cap;

/// <summary>
/// What every channel draws from: the chosen info block's values, cleaned and bounded, the phrases of the content's
/// language, and the status marks.
/// </summary>
internal sealed class RenderContent
{
    private RenderContent(CapAlert alert, CapInfo? info, RenderPhrases phrases, RenderOptions options)
    {
        Alert = alert;
        Info = info;
        Phrases = phrases;
        Options = options;
        var language = RenderText.Line(info?.EffectiveLanguage, 64, out _);
        Language = language.Length > 0 ? language : phrases.Code;
        var max = options.MaxFieldLength;
        var marks = phrases.Marks(alert, options.Simulation);
        Marks = marks;
        if (info is not null)
        {
            Headline = Field(info.Headline, RenderParts.Headline, max);
            Event = Field(info.Event, RenderParts.Event, max);
            Description = Field(info.Description, RenderParts.Description, max);
            Instruction = Field(info.Instruction, RenderParts.Instruction, max);
            SenderName = RenderText.Line(info.SenderName, 200, out _);
            var areas = info.Areas
                .Select(a => RenderText.Line(a.AreaDesc, max, out _))
                .Where(a => a.Length > 0)
                .Distinct(StringComparer.Ordinal)
                .ToList();
            Areas = RenderText.Line(string.Join(", ", areas), max, out var areaCut);
            if (areaCut)
            {
                Cut |= RenderParts.Area;
            }

            Link = RenderText.IsWebLink(info.Web) ? info.Web : options.DefaultInfoUrl;
        }
        else
        {
            Note = Field(alert.Note, RenderParts.Note, max);
            Link = options.DefaultInfoUrl;
        }

        if (SenderName.Length == 0)
        {
            SenderName = options.DefaultSenderName;
        }

        // A message must say something: an alert without info block and without note names what it refers to.
        if (info is null && Note.Length == 0)
        {
            var referred = alert.References.Count > 0 ? alert.References[^1].Identifier : alert.Identifier;
            Note = phrases.Reference + ": " + RenderText.Line(referred, 200, out _);
        }

        // A title that already starts with the first mark ("TEST : ceci est un test") is not marked twice; the
        // mark still comes first.
        var shown = new List<string>(marks);
        if (shown.Count > 0 && StartsWithWord(Title, shown[0]))
        {
            shown.RemoveAt(0);
        }

        Prefix = shown.Count == 0 ? string.Empty : string.Join(" - ", shown) + ": ";
    }

    internal CapAlert Alert { get; }

    internal CapInfo? Info { get; }

    internal RenderPhrases Phrases { get; }

    internal RenderOptions Options { get; }

    /// <summary>The language of the content (the info block's, or the phrases' code).</summary>
    internal string Language { get; }

    /// <summary>The marks (simulation, status, message type), in the content's language.</summary>
    internal IReadOnlyList<string> Marks { get; }

    /// <summary>
    /// The marks as a prefix, <c>"TEST: "</c>; empty for an actual new alert. The first mark is left out when the title
    /// already starts with it.
    /// </summary>
    internal string Prefix { get; }

    internal string Headline { get; } = string.Empty;

    internal string Event { get; } = string.Empty;

    internal string Description { get; } = string.Empty;

    internal string Instruction { get; } = string.Empty;

    /// <summary>The note of an alert without info block (or what it refers to); empty otherwise.</summary>
    internal string Note { get; } = string.Empty;

    internal string SenderName { get; } = string.Empty;

    /// <summary>The distinct area descriptions, joined with commas.</summary>
    internal string Areas { get; } = string.Empty;

    /// <summary>The link to full information: the info's web when it is an http(s) URI, else the configured default.</summary>
    internal string? Link { get; }

    /// <summary>The parts cut by <see cref="RenderOptions.MaxFieldLength"/>.</summary>
    internal RenderParts Cut { get; private set; }

    /// <summary>The title: headline, or event when there is no headline; the note for an alert without info.</summary>
    internal string Title => Info is null ? Note : Headline.Length > 0 ? Headline : Event;

    /// <summary>What <see cref="Title"/> is.</summary>
    internal RenderParts TitlePart => Info is null ? RenderParts.Note : Headline.Length > 0 ? RenderParts.Headline : RenderParts.Event;

    /// <summary>Chooses the info block and the phrases and extracts the content.</summary>
    internal static RenderContent Create(CapAlert alert, string? language, RenderOptions options)
    {
        var info = CapRenderer.SelectInfo(alert, language, options.FallbackLanguages);
        var phrases = RenderPhrases.Find(info?.EffectiveLanguage)
            ?? RenderPhrases.Find(language)
            ?? RenderPhrases.English;
        return new RenderContent(alert, info, phrases, options);
    }

    private static bool StartsWithWord(string text, string word) =>
        text.StartsWith(word, StringComparison.OrdinalIgnoreCase)
        && (text.Length == word.Length || !char.IsLetterOrDigit(text[word.Length]));

    private string Field(string? value, RenderParts part, int max)
    {
        var text = RenderText.Line(value, max, out var cut);
        if (cut)
        {
            Cut |= part;
        }

        return text;
    }
}
