namespace BeAlert.Cap;

/// <summary>
/// A conservative size check of cell broadcast text (3GPP TS 23.038 alphabets, TS 23.041 pages): at most 15 pages of
/// 82 octets, that is 93 characters of the GSM 7-bit default alphabet (extension-table characters count twice) or 41
/// UCS-2 characters per page, less the language indication at the start of the message. Text with any character
/// outside the GSM 7-bit alphabets is counted as UCS-2 as a whole. This is a validation bound only: the channel
/// renderer does the real encoding and page split.
/// </summary>
internal static class CellBroadcastText
{
    internal const int MaxPages = 15;
    internal const int Gsm7CharactersPerPage = 93;
    internal const int Ucs2CharactersPerPage = 41;

    /// <summary>Two letters of ISO 639 language plus a carriage return, at the start of a GSM 7-bit message.</summary>
    private const int Gsm7LanguageIndication = 3;

    /// <summary>The same indication packed into the first two octets of a UCS-2 message.</summary>
    private const int Ucs2LanguageIndication = 1;

    /// <summary>The GSM 7-bit default alphabet (3GPP TS 23.038 §6.2.1), in code order.</summary>
    private const string Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
        "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    /// <summary>The characters of the default extension table (3GPP TS 23.038 §6.2.1.1), two septets each.</summary>
    private const string Extension = "\f^{}\\[~]|€";

    /// <summary>The size of <paramref name="text"/> in the encoding it needs.</summary>
    /// <returns>Whether it fits in GSM 7-bit, and its length in septets (GSM-7) or UTF-16 code units (UCS-2).</returns>
    internal static (bool Gsm7, int Length) Measure(string text)
    {
        var septets = 0;
        foreach (var c in text)
        {
            if (c != '\u001B' && Basic.Contains(c, StringComparison.Ordinal))
            {
                septets++;
            }
            else if (Extension.Contains(c, StringComparison.Ordinal))
            {
                septets += 2;
            }
            else
            {
                return (false, text.Length);
            }
        }

        return (true, septets);
    }

    /// <summary>The most characters one message can carry in the given encoding, after the language indication.</summary>
    internal static int Capacity(bool gsm7) =>
        gsm7 ? (MaxPages * Gsm7CharactersPerPage) - Gsm7LanguageIndication : (MaxPages * Ucs2CharactersPerPage) - Ucs2LanguageIndication;

    /// <summary>Whether <paramref name="text"/> fits in one cell broadcast message.</summary>
    internal static bool Fits(string text)
    {
        var (gsm7, length) = Measure(text);
        return length <= Capacity(gsm7);
    }

    /// <summary>Describes the size of a text for a message: "1,450 GSM-7 characters (at most 1,392)".</summary>
    internal static string Describe(string text)
    {
        var (gsm7, length) = Measure(text);
        return $"{ProfileText.Number(length)} {(gsm7 ? "GSM 7-bit septets" : "UCS-2 characters")} where one message carries at most {ProfileText.Number(Capacity(gsm7))}";
    }

    /// <summary>The texts of an info block joined as a broadcast would show them, skipping the absent ones.</summary>
    internal static string Join(params string?[] parts) => string.Join("\n", parts.Where(ProfileText.HasText).Select(p => p!.Trim()));
}
