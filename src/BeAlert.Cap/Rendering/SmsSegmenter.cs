namespace BeAlert.Cap;

/// <summary>
/// Cuts a text into SMS segments (3GPP TS 23.040 user data of 140 octets; TS 23.038 alphabets). A text that fits one
/// SMS (160 septets or 70 UCS-2 units) is one segment; a longer one is sent concatenated, and the 6-octet user data
/// header of each part leaves 153 septets or 67 units. Segments are filled greedily, which gives the fewest segments,
/// never splitting an escape pair (GSM extension character) or a surrogate pair. Thread-safe and allocation-light.
/// </summary>
public static class SmsSegmenter
{
    /// <summary>Septets in a single GSM 7-bit SMS.</summary>
    public const int SingleGsm7Septets = 160;

    /// <summary>Septets in each part of a concatenated GSM 7-bit SMS.</summary>
    public const int ConcatenatedGsm7Septets = 153;

    /// <summary>UTF-16 units in a single UCS-2 SMS.</summary>
    public const int SingleUcs2Units = 70;

    /// <summary>UTF-16 units in each part of a concatenated UCS-2 SMS.</summary>
    public const int ConcatenatedUcs2Units = 67;

    /// <summary>The most segments a concatenated SMS can have (the 8-bit count of the concatenation header).</summary>
    public const int MaxSegments = 255;

    /// <summary>Cuts a text into segments.</summary>
    /// <param name="text">The text (any string; lone surrogates are carried as single units).</param>
    /// <returns>The coding, size and segments.</returns>
    public static SmsSegmentation Segment(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var coding = Measure(text, out var units);
        var (single, concatenated) = Limits(coding);
        if (units <= single)
        {
            return new SmsSegmentation(text, coding, units, [text]);
        }

        var segments = new List<string>((units / concatenated) + 1);
        var start = 0;
        while (start < text.Length)
        {
            var end = FillOne(text, start, concatenated, coding);
            segments.Add(text[start..end]);
            start = end;
        }

        return new SmsSegmentation(text, coding, units, segments);
    }

    /// <summary>Counts the segments a text needs, without building them.</summary>
    /// <param name="text">The text.</param>
    /// <param name="dataCoding">The coding the text needs.</param>
    /// <returns>The number of segments (1 for an empty text).</returns>
    public static int CountSegments(ReadOnlySpan<char> text, out SmsDataCoding dataCoding)
    {
        dataCoding = Measure(text, out var units);
        var (single, concatenated) = Limits(dataCoding);
        if (units <= single)
        {
            return 1;
        }

        var count = 0;
        var start = 0;
        while (start < text.Length)
        {
            start = FillOne(text, start, concatenated, dataCoding);
            count++;
        }

        return count;
    }

    /// <summary>The coding of a text and its size in that coding.</summary>
    internal static SmsDataCoding Measure(ReadOnlySpan<char> text, out int units)
    {
        if (SmsEncoder.TryCountSeptets(text, out var septets))
        {
            units = septets;
            return SmsDataCoding.Gsm7;
        }

        units = text.Length;
        return SmsDataCoding.Ucs2;
    }

    /// <summary>
    /// The end (exclusive) of the longest run from <paramref name="start"/> that fits <paramref name="capacity"/>
    /// without splitting an escape pair or a surrogate pair; at least one atom, so progress is guaranteed.
    /// </summary>
    internal static int FillOne(ReadOnlySpan<char> text, int start, int capacity, SmsDataCoding coding)
    {
        var used = 0;
        var i = start;
        while (i < text.Length)
        {
            int cost;
            int width;
            if (coding == SmsDataCoding.Gsm7)
            {
                cost = SmsEncoder.SeptetCost(text[i]);
                width = 1;
            }
            else if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                cost = 2;
                width = 2;
            }
            else
            {
                cost = 1;
                width = 1;
            }

            if (used + cost > capacity && used > 0)
            {
                break;
            }

            used += cost;
            i += width;
        }

        return i;
    }

    private static (int Single, int Concatenated) Limits(SmsDataCoding coding) => coding == SmsDataCoding.Gsm7
        ? (SingleGsm7Septets, ConcatenatedGsm7Septets)
        : (SingleUcs2Units, ConcatenatedUcs2Units);
}
