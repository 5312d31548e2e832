namespace BeAlert.Cap;

/// <summary>
/// One alert rendered for cell broadcast in one language by <see cref="CapRenderer.RenderCellBroadcast"/>: pages of at
/// most <see cref="Gsm7PageCharacters"/> septets (GSM 7-bit) or <see cref="Ucs2PageUnits"/> UTF-16 units (UCS-2), each
/// filling the 82-octet content of one CBS page (3GPP TS 23.041 §9.4.1.2.2, TS 23.038 §6.1.2.2), at most
/// <see cref="MaxPages"/> pages.
/// </summary>
public sealed record CellBroadcastMessage
{
    /// <summary>The octets of message content in one CBS page.</summary>
    public const int PageOctets = 82;

    /// <summary>GSM 7-bit septets in one page: 82 × 8 / 7 = 93.7, so 93 (an extension character counts two).</summary>
    public const int Gsm7PageCharacters = 93;

    /// <summary>UCS-2 units in one page: 82 / 2 = 41 (data coding scheme 0x48, without a language indication).</summary>
    public const int Ucs2PageUnits = 41;

    /// <summary>The most pages of one CBS message (the 4-bit page parameter).</summary>
    public const int MaxPages = 15;

    internal CellBroadcastMessage(string language, string text, SmsDataCoding dataCoding, byte dataCodingScheme, IReadOnlyList<string> pages, RenderParts shortened, RenderParts omitted)
    {
        Language = language;
        Text = text;
        DataCoding = dataCoding;
        DataCodingScheme = dataCodingScheme;
        Pages = EquatableList<string>.From(pages);
        Shortened = shortened;
        Omitted = omitted;
    }

    /// <summary>The language of the text: the chosen info block's language, or the phrase language when the alert has no info block.</summary>
    public string Language { get; }

    /// <summary>The whole text (status prefix included); the pages concatenate to it.</summary>
    public string Text { get; }

    /// <summary>GSM 7-bit or UCS-2.</summary>
    public SmsDataCoding DataCoding { get; }

    /// <summary>
    /// The CBS data coding scheme octet (TS 23.038 §5): for GSM 7-bit the language group 0000 with the language
    /// (0x00 German, 0x01 English, 0x03 French, 0x05 Dutch, 0x0F unspecified); for UCS-2, 0x48 (general data coding,
    /// uncompressed, UCS-2, no message class).
    /// </summary>
    public byte DataCodingScheme { get; }

    /// <summary>The pages, in order; an escape pair or a surrogate pair is never split between two pages.</summary>
    public IReadOnlyList<string> Pages { get; }

    /// <summary>The parts that were shortened to fit <see cref="RenderOptions.CellBroadcastMaxPages"/>.</summary>
    public RenderParts Shortened { get; }

    /// <summary>The parts that were left out to fit <see cref="RenderOptions.CellBroadcastMaxPages"/>.</summary>
    public RenderParts Omitted { get; }
}
