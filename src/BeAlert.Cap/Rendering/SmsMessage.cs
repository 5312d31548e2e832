namespace BeAlert.Cap;

/// <summary>
/// One alert rendered as an SMS in one language by <see cref="CapRenderer.RenderSms"/>: the text, its coding, the
/// segments a transport sends, and what it costs per recipient.
/// </summary>
public sealed record SmsMessage
{
    internal SmsMessage(string language, SmsSegmentation segmentation, decimal tariffPerSegment, RenderParts shortened, RenderParts omitted)
    {
        Language = language;
        Segmentation = segmentation;
        TariffPerSegment = tariffPerSegment;
        Shortened = shortened;
        Omitted = omitted;
    }

    /// <summary>The language of the text: the chosen info block's language, or the phrase language when the alert has no info block.</summary>
    public string Language { get; }

    /// <summary>The text as sent (status prefix included).</summary>
    public string Text => Segmentation.Text;

    /// <summary>GSM 7-bit or UCS-2.</summary>
    public SmsDataCoding DataCoding => Segmentation.DataCoding;

    /// <summary>The segments to send, in order; they concatenate to <see cref="Text"/>.</summary>
    public IReadOnlyList<string> Segments => Segmentation.Segments;

    /// <summary>The number of segments (each billed).</summary>
    public int SegmentCount => Segmentation.SegmentCount;

    /// <summary>The coding, size and segments together.</summary>
    public SmsSegmentation Segmentation { get; }

    /// <summary>The price of one segment (<see cref="RenderOptions.SmsTariffPerSegment"/>).</summary>
    public decimal TariffPerSegment { get; }

    /// <summary>The cost of sending this message to one recipient: segments × tariff.</summary>
    public decimal CostPerRecipient => SegmentCount * TariffPerSegment;

    /// <summary>The parts that were shortened to respect <see cref="RenderOptions.SmsMaxSegments"/>.</summary>
    public RenderParts Shortened { get; }

    /// <summary>The parts that were left out to respect <see cref="RenderOptions.SmsMaxSegments"/>.</summary>
    public RenderParts Omitted { get; }
}
