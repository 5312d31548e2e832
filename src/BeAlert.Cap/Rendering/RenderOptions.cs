namespace BeAlert.Cap;

/// <summary>
/// Settings of <see cref="CapRenderer"/>. The defaults suit BE-Alert: languages nl, fr, de, en; SMS of at most three
/// segments at EUR 0.055 each; cell broadcast up to the 15 pages the standard allows; a 40 × 4 signage screen.
/// </summary>
public sealed class RenderOptions
{
    /// <summary>The shared default options. Do not modify.</summary>
    internal static readonly RenderOptions Default = new();

    /// <summary>
    /// The languages to fall back on, in order, when no info block matches the requested language (neither the exact
    /// tag nor its primary subtag). Default nl, fr, de, en; after them the first info block is taken.
    /// </summary>
    public IReadOnlyList<string> FallbackLanguages { get; set; } = ["nl", "fr", "de", "en"];

    /// <summary>
    /// Render for the simulation environment: every text is marked SIMULATION (in the recipient's language) before any
    /// status mark. Default <see langword="false"/>.
    /// </summary>
    public bool Simulation { get; set; }

    /// <summary>
    /// The link to full information when the info block has no usable <c>web</c> (an absolute http or https URI).
    /// Default <see langword="null"/>: no link then. Must be an absolute http or https URI when set.
    /// </summary>
    public string? DefaultInfoUrl { get; set; }

    /// <summary>The sender's display name when the info block has no <c>senderName</c>. Default "BE-Alert".</summary>
    public string DefaultSenderName { get; set; } = "BE-Alert";

    /// <summary>The most SMS segments one message may take (1 to 255). Default 3.</summary>
    public int SmsMaxSegments { get; set; } = 3;

    /// <summary>The price of one SMS segment, in the currency of the contract (EUR for BE-Alert). Default 0.055 (the 2018 BE-Alert rate).</summary>
    public decimal SmsTariffPerSegment { get; set; } = 0.055m;

    /// <summary>
    /// Replace typographic punctuation that the GSM alphabet lacks (curly quotes, guillemets, dashes, ellipsis,
    /// non-breaking and thin spaces, bullets) with its plain equivalent in SMS and cell broadcast texts, so that a
    /// typographic apostrophe alone does not turn a message into UCS-2 and halve its room. Letters are never changed.
    /// Default <see langword="true"/>.
    /// </summary>
    public bool GsmFriendlyPunctuation { get; set; } = true;

    /// <summary>The most cell broadcast pages one message may take (1 to 15). Default 15.</summary>
    public int CellBroadcastMaxPages { get; set; } = CellBroadcastMessage.MaxPages;

    /// <summary>The width of a signage screen in characters (10 to 1,000). Default 40.</summary>
    public int SignageColumns { get; set; } = 40;

    /// <summary>The number of lines of a signage screen (1 to 1,000). Default 4.</summary>
    public int SignageLines { get; set; } = 4;

    /// <summary>How many times a voice message repeats its essentials (headline or event, and instruction) after the first reading (0 to 3). Default 1.</summary>
    public int VoiceRepetitions { get; set; } = 1;

    /// <summary>The speaking rate used to estimate a voice message's duration (60 to 400 words per minute). Default 150.</summary>
    public int VoiceWordsPerMinute { get; set; } = 150;

    /// <summary>
    /// The longest voice script, in characters, repetitions included (200 to 20,000). Default 2,000 (about two minutes
    /// of speech). Repetitions go first, then the areas, the headline and the instruction are shortened.
    /// </summary>
    public int VoiceMaxCharacters { get; set; } = 2000;

    /// <summary>
    /// The longest text taken from any one CAP element, in characters (100 to 1,000,000). Longer values are cut at a
    /// word boundary and reported as shortened. Bounds the work of rendering hostile input. Default 20,000.
    /// </summary>
    public int MaxFieldLength { get; set; } = 20_000;

    /// <summary>Checks the options, listing every problem at once.</summary>
    /// <exception cref="ArgumentException">One or more settings are out of range.</exception>
    public void Validate()
    {
        var errors = new List<string>();
        if (FallbackLanguages is null)
        {
            errors.Add($"{nameof(FallbackLanguages)} must not be null.");
        }
        else if (FallbackLanguages.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add($"{nameof(FallbackLanguages)} must not contain empty entries.");
        }

        if (DefaultInfoUrl is not null && !RenderText.IsWebLink(DefaultInfoUrl))
        {
            errors.Add($"{nameof(DefaultInfoUrl)} must be an absolute http or https URI (it is '{DefaultInfoUrl}').");
        }
        else if (DefaultInfoUrl is { Length: > 200 })
        {
            errors.Add($"{nameof(DefaultInfoUrl)} must be at most 200 characters (it has {DefaultInfoUrl.Length}).");
        }

        if (string.IsNullOrWhiteSpace(DefaultSenderName))
        {
            errors.Add($"{nameof(DefaultSenderName)} must not be empty.");
        }
        else if (DefaultSenderName.Length > 100 || DefaultSenderName.Any(char.IsControl))
        {
            errors.Add($"{nameof(DefaultSenderName)} must be at most 100 characters without control characters.");
        }

        Range(SmsMaxSegments, 1, SmsSegmenter.MaxSegments, nameof(SmsMaxSegments), errors);
        if (SmsTariffPerSegment < 0)
        {
            errors.Add($"{nameof(SmsTariffPerSegment)} must not be negative (it is {SmsTariffPerSegment}).");
        }

        Range(CellBroadcastMaxPages, 1, CellBroadcastMessage.MaxPages, nameof(CellBroadcastMaxPages), errors);
        Range(SignageColumns, 10, 1000, nameof(SignageColumns), errors);
        Range(SignageLines, 1, 1000, nameof(SignageLines), errors);
        Range(VoiceRepetitions, 0, 3, nameof(VoiceRepetitions), errors);
        Range(VoiceWordsPerMinute, 60, 400, nameof(VoiceWordsPerMinute), errors);
        Range(VoiceMaxCharacters, 200, 20_000, nameof(VoiceMaxCharacters), errors);
        Range(MaxFieldLength, 100, 1_000_000, nameof(MaxFieldLength), errors);
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid RenderOptions: " + string.Join(" ", errors));
        }
    }

    internal RenderOptions Clone() => new()
    {
        FallbackLanguages = [.. FallbackLanguages],
        Simulation = Simulation,
        DefaultInfoUrl = DefaultInfoUrl,
        DefaultSenderName = DefaultSenderName,
        SmsMaxSegments = SmsMaxSegments,
        SmsTariffPerSegment = SmsTariffPerSegment,
        GsmFriendlyPunctuation = GsmFriendlyPunctuation,
        CellBroadcastMaxPages = CellBroadcastMaxPages,
        SignageColumns = SignageColumns,
        SignageLines = SignageLines,
        VoiceRepetitions = VoiceRepetitions,
        VoiceWordsPerMinute = VoiceWordsPerMinute,
        VoiceMaxCharacters = VoiceMaxCharacters,
        MaxFieldLength = MaxFieldLength,
    };

    private static void Range(int value, int min, int max, string name, List<string> errors)
    {
        if (value < min || value > max)
        {
            errors.Add($"{name} must be between {min} and {max} (it is {value}).");
        }
    }
}
