namespace BeAlert.Cap;

/// <summary>
/// Renders one alert into what each channel carries, in one language: an SMS (<see cref="RenderSms"/>), a cell
/// broadcast message (<see cref="RenderCellBroadcast"/>), a voice script (<see cref="RenderVoice"/>), an e-mail
/// (<see cref="RenderEmail"/>) and a signage screen (<see cref="RenderSignage"/>).
/// </summary>
/// <remarks>
/// <para>
/// The info block is chosen by language: the exact tag (case-insensitive), then the same primary subtag
/// (<c>nl</c> finds <c>nl-BE</c>), then <see cref="RenderOptions.FallbackLanguages"/> in order, then the first block.
/// The fixed words (status marks, labels, spoken sentences) follow the chosen block's language when it is nl, fr, de
/// or en, else the requested language, else English.
/// </para>
/// <para>
/// Every channel shows the status: Test, Exercise, System and Draft alerts carry a mark (TEST, OEFENING/EXERCICE/ÜBUNG/
/// EXERCISE, ...), as does every text rendered with <see cref="RenderOptions.Simulation"/>; an Actual alert carries none.
/// Updates, cancellations, acknowledgements and errors are marked too. An alert without info block renders its
/// <c>note</c> (or the message it refers to). Rendering never throws for the content of an alert: every value is
/// cleaned (control and invisible characters removed, whitespace collapsed) and bounded by
/// <see cref="RenderOptions.MaxFieldLength"/>. Thread-safe.
/// </para>
/// </remarks>
public sealed class CapRenderer
{
    private static readonly TextFitter.SlotKind[] SmsOrder =
        [TextFitter.SlotKind.Title, TextFitter.SlotKind.Description, TextFitter.SlotKind.Instruction, TextFitter.SlotKind.Link];

    private static readonly TextFitter.SlotKind[] CellBroadcastOrder =
        [TextFitter.SlotKind.Title, TextFitter.SlotKind.Instruction, TextFitter.SlotKind.Description, TextFitter.SlotKind.Link];

    private readonly RenderOptions _options;

    /// <summary>Creates a renderer.</summary>
    /// <param name="options">The options (copied); <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public CapRenderer(RenderOptions? options = null)
    {
        options?.Validate();
        _options = options is null ? RenderOptions.Default : options.Clone();
    }

    /// <summary>A renderer with the default options.</summary>
    public static CapRenderer Default { get; } = new();

    /// <summary>
    /// Chooses the info block for a language: exact tag, then primary subtag, then the fallback languages in order,
    /// then the first block.
    /// </summary>
    /// <param name="alert">The alert.</param>
    /// <param name="language">The requested language (an RFC 3066 tag such as <c>nl</c> or <c>fr-BE</c>); <see langword="null"/> or empty to use the fallbacks.</param>
    /// <returns>The info block, or <see langword="null"/> when the alert has none.</returns>
    public CapInfo? SelectInfo(CapAlert alert, string? language)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return SelectInfo(alert, language, _options.FallbackLanguages);
    }

    /// <summary>Renders the alert as an SMS: at most <see cref="RenderOptions.SmsMaxSegments"/> segments, the instruction and a link kept longest.</summary>
    /// <param name="alert">The alert.</param>
    /// <param name="language">The requested language.</param>
    /// <returns>The SMS.</returns>
    public SmsMessage RenderSms(CapAlert alert, string? language)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var content = RenderContent.Create(alert, language, _options);
        var max = _options.SmsMaxSegments;
        var (text, shortened, omitted) = TextFitter.Fit(content, SmsOrder, Punctuation, t => SmsSegmenter.CountSegments(t, out _) <= max);
        return new SmsMessage(content.Language, SmsSegmenter.Segment(text), _options.SmsTariffPerSegment, shortened, omitted);
    }

    /// <summary>Renders the alert for cell broadcast: at most <see cref="RenderOptions.CellBroadcastMaxPages"/> pages, the instruction right after the headline and kept longest.</summary>
    /// <param name="alert">The alert.</param>
    /// <param name="language">The requested language.</param>
    /// <returns>The cell broadcast message.</returns>
    public CellBroadcastMessage RenderCellBroadcast(CapAlert alert, string? language)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var content = RenderContent.Create(alert, language, _options);
        var max = _options.CellBroadcastMaxPages;
        var (text, shortened, omitted) = TextFitter.Fit(content, CellBroadcastOrder, Punctuation, t => CellBroadcastPages.Count(t) <= max);
        var coding = SmsEncoder.GetDataCoding(text);
        return new CellBroadcastMessage(
            content.Language,
            text,
            coding,
            CellBroadcastPages.DataCodingScheme(coding, content.Language),
            CellBroadcastPages.Split(text),
            shortened,
            omitted);
    }

    /// <summary>Renders the alert as a text-to-speech script (plain text and SSML).</summary>
    /// <param name="alert">The alert.</param>
    /// <param name="language">The requested language.</param>
    /// <returns>The voice script.</returns>
    public VoiceScript RenderVoice(CapAlert alert, string? language)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return VoiceComposer.Compose(RenderContent.Create(alert, language, _options));
    }

    /// <summary>Renders the alert as an e-mail: subject, plain text and HTML bodies.</summary>
    /// <param name="alert">The alert.</param>
    /// <param name="language">The requested language.</param>
    /// <returns>The e-mail.</returns>
    public EmailMessage RenderEmail(CapAlert alert, string? language)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return EmailComposer.Compose(RenderContent.Create(alert, language, _options));
    }

    /// <summary>Renders the alert for a signage screen of <see cref="RenderOptions.SignageColumns"/> × <see cref="RenderOptions.SignageLines"/>.</summary>
    /// <param name="alert">The alert.</param>
    /// <param name="language">The requested language.</param>
    /// <returns>The screen text.</returns>
    public SignageText RenderSignage(CapAlert alert, string? language)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return SignageComposer.Compose(RenderContent.Create(alert, language, _options));
    }

    internal static CapInfo? SelectInfo(CapAlert alert, string? language, IReadOnlyList<string> fallbacks)
    {
        var infos = alert.Infos;
        if (infos.Count == 0)
        {
            return null;
        }

        var requested = language?.Trim();
        if (!string.IsNullOrEmpty(requested))
        {
            var match = FindLanguage(infos, requested);
            if (match is not null)
            {
                return match;
            }
        }

        foreach (var fallback in fallbacks)
        {
            var match = FindLanguage(infos, fallback.Trim());
            if (match is not null)
            {
                return match;
            }
        }

        return infos[0];
    }

    private static CapInfo? FindLanguage(IReadOnlyList<CapInfo> infos, string tag)
    {
        foreach (var info in infos)
        {
            if (info.EffectiveLanguage.Trim().Equals(tag, StringComparison.OrdinalIgnoreCase))
            {
                return info;
            }
        }

        var primary = RenderPhrases.PrimarySubtag(tag);
        if (primary.IsEmpty)
        {
            return null;
        }

        foreach (var info in infos)
        {
            if (RenderPhrases.PrimarySubtag(info.EffectiveLanguage).Equals(primary, StringComparison.OrdinalIgnoreCase))
            {
                return info;
            }
        }

        return null;
    }

    private string Punctuation(string text) => _options.GsmFriendlyPunctuation ? RenderText.GsmPunctuation(text) : text;
}
