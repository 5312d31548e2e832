namespace BeAlert.Cap;

/// <summary>
/// A text cut into SMS segments by <see cref="SmsSegmenter"/>: the coding, the size in septets or UTF-16 units, and
/// the segments, which concatenate to the text.
/// </summary>
public sealed record SmsSegmentation
{
    internal SmsSegmentation(string text, SmsDataCoding dataCoding, int units, IReadOnlyList<string> segments)
    {
        Text = text;
        DataCoding = dataCoding;
        Units = units;
        Segments = EquatableList<string>.From(segments);
    }

    /// <summary>The whole text.</summary>
    public string Text { get; }

    /// <summary>GSM 7-bit when every character is in the GSM alphabet, UCS-2 otherwise.</summary>
    public SmsDataCoding DataCoding { get; }

    /// <summary>The size of the text: septets for GSM 7-bit (an extension character counts two), UTF-16 units for UCS-2.</summary>
    public int Units { get; }

    /// <summary>
    /// The segments, in order: one when the text fits a single SMS, otherwise pieces that each fit a concatenated SMS.
    /// An escape pair or a surrogate pair is never split between two segments.
    /// </summary>
    public IReadOnlyList<string> Segments { get; }

    /// <summary>The number of segments (each one billed as an SMS).</summary>
    public int SegmentCount => Segments.Count;
}
