namespace BeAlert.Cap;

/// <summary>Cuts a text into CBS pages (93 septets or 41 UCS-2 units each) and chooses the data coding scheme octet.</summary>
internal static class CellBroadcastPages
{
    /// <summary>The number of pages a text needs (1 for an empty text).</summary>
    internal static int Count(ReadOnlySpan<char> text)
    {
        var coding = SmsSegmenter.Measure(text, out _);
        var capacity = Capacity(coding);
        var count = 0;
        var start = 0;
        while (start < text.Length)
        {
            start = SmsSegmenter.FillOne(text, start, capacity, coding);
            count++;
        }

        return Math.Max(count, 1);
    }

    /// <summary>The pages of a text, filled greedily, never splitting an escape pair or a surrogate pair.</summary>
    internal static List<string> Split(string text)
    {
        var coding = SmsSegmenter.Measure(text, out _);
        var capacity = Capacity(coding);
        var pages = new List<string>();
        var start = 0;
        while (start < text.Length)
        {
            var end = SmsSegmenter.FillOne(text, start, capacity, coding);
            pages.Add(text[start..end]);
            start = end;
        }

        if (pages.Count == 0)
        {
            pages.Add(string.Empty);
        }

        return pages;
    }

    /// <summary>
    /// The CBS data coding scheme (TS 23.038 §5): GSM 7-bit in coding group 0000 with the language of the text (German
    /// 0x00, English 0x01, French 0x03, Dutch 0x05, otherwise 0x0F unspecified); UCS-2 as 0x48 (group 01xx,
    /// uncompressed, no class, UCS-2).
    /// </summary>
    internal static byte DataCodingScheme(SmsDataCoding coding, string language)
    {
        if (coding == SmsDataCoding.Ucs2)
        {
            return 0x48;
        }

        var primary = RenderPhrases.PrimarySubtag(language);
        return primary switch
        {
            _ when primary.Equals("de", StringComparison.OrdinalIgnoreCase) => 0x00,
            _ when primary.Equals("en", StringComparison.OrdinalIgnoreCase) => 0x01,
            _ when primary.Equals("fr", StringComparison.OrdinalIgnoreCase) => 0x03,
            _ when primary.Equals("nl", StringComparison.OrdinalIgnoreCase) => 0x05,
            _ => 0x0F,
        };
    }

    private static int Capacity(SmsDataCoding coding) =>
        coding == SmsDataCoding.Gsm7 ? CellBroadcastMessage.Gsm7PageCharacters : CellBroadcastMessage.Ucs2PageUnits;
}
