namespace BeAlert.Cap;

/// <summary>
/// The GSM 7-bit default alphabet of 3GPP TS 23.038 §6.2.1 (128 code points) and its extension table §6.2.1.1 (ten
/// characters reached through the escape code 0x1B, so each costs two septets). National language shift tables are not
/// supported. The table follows the current TS 23.038 text: 0x09 is the capital <c>Ç</c>; the small <c>ç</c> is not in
/// the default alphabet, so text containing it is sent as UCS-2 (the Unicode mapping table's note that reads 0x09 as
/// the small letter is not followed).
/// </summary>
public static class SmsEncoder
{
    /// <summary>The escape code that announces a character of the extension table.</summary>
    public const byte EscapeSeptet = 0x1B;

    /// <summary>The basic table in code order; the escape position holds a placeholder that no input maps to.</summary>
    private const string BasicTable =
        "@£$¥èéùìòÇ\nØø\rÅå" +
        "Δ_ΦΓΛΩΠΨΣΘΞ\uFFFFÆæßÉ" +
        " !\"#¤%&'()*+,-./" +
        "0123456789:;<=>?" +
        "¡ABCDEFGHIJKLMNO" +
        "PQRSTUVWXYZÄÖÑÜ§" +
        "¿abcdefghijklmno" +
        "pqrstuvwxyzäöñüà";

    /// <summary>The extension table: (character, code after the escape).</summary>
    private static readonly (char Char, byte Code)[] ExtensionTable =
    [
        ('\f', 0x0A), ('^', 0x14), ('{', 0x28), ('}', 0x29), ('\\', 0x2F),
        ('[', 0x3C), ('~', 0x3D), (']', 0x3E), ('|', 0x40), ('€', 0x65),
    ];

    /// <summary>Every GSM character is below U+0400 except the euro sign.</summary>
    private const int TableSize = 0x400;

    private const char Euro = '€';

    private const byte EuroCode = 0x65;

    /// <summary>Per UTF-16 unit below <see cref="TableSize"/>: 0 not in the alphabet, 1..128 basic (code + 1), 0x100 + code extension.</summary>
    private static readonly ushort[] Lookup = BuildLookup();

    /// <summary>Per septet: the basic character (the escape position decodes to a space).</summary>
    private static readonly char[] BasicBySeptet = BuildBasicBySeptet();

    /// <summary>Per septet after an escape: the extension character, or <c>'\0'</c> when the code is not assigned.</summary>
    private static readonly char[] ExtensionBySeptet = BuildExtensionBySeptet();

    /// <summary>Whether the character is in the basic table (one septet).</summary>
    /// <param name="c">The character.</param>
    /// <returns>Whether it costs one septet.</returns>
    public static bool IsGsm7Basic(char c) => c < TableSize && Lookup[c] is > 0 and <= 128;

    /// <summary>Whether the character is in the extension table (an escape plus one septet).</summary>
    /// <param name="c">The character.</param>
    /// <returns>Whether it costs two septets.</returns>
    public static bool IsGsm7Extension(char c) => c == Euro || (c < TableSize && Lookup[c] > 0x100);

    /// <summary>Whether the character can be sent in the GSM 7-bit default alphabet (basic or extension table).</summary>
    /// <param name="c">The character.</param>
    /// <returns>Whether it is a GSM character.</returns>
    public static bool IsGsm7(char c) => SeptetCost(c) > 0;

    /// <summary>The septets a character costs: 1 (basic), 2 (extension) or 0 (not in the alphabet).</summary>
    /// <param name="c">The character.</param>
    /// <returns>The cost in septets, 0 when the character cannot be sent as GSM 7-bit.</returns>
    public static int SeptetCost(char c)
    {
        if (c < TableSize)
        {
            var entry = Lookup[c];
            return entry == 0 ? 0 : entry <= 128 ? 1 : 2;
        }

        return c == Euro ? 2 : 0;
    }

    /// <summary>Counts the septets of a text in the GSM 7-bit alphabet.</summary>
    /// <param name="text">The text.</param>
    /// <param name="septets">The septets (extension characters count two); 0 when the text is not GSM.</param>
    /// <returns>Whether every character is in the GSM 7-bit alphabet.</returns>
    public static bool TryCountSeptets(ReadOnlySpan<char> text, out int septets)
    {
        var total = 0;
        foreach (var c in text)
        {
            var cost = SeptetCost(c);
            if (cost == 0)
            {
                septets = 0;
                return false;
            }

            total += cost;
        }

        septets = total;
        return true;
    }

    /// <summary>The coding a text needs: GSM 7-bit when every character is in the alphabet, UCS-2 otherwise.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The data coding.</returns>
    public static SmsDataCoding GetDataCoding(ReadOnlySpan<char> text) =>
        TryCountSeptets(text, out _) ? SmsDataCoding.Gsm7 : SmsDataCoding.Ucs2;

    /// <summary>
    /// Encodes a text as unpacked GSM 7-bit septets, one per byte (the form SMPP <c>data_coding</c> 0 carries);
    /// an extension character becomes the escape 0x1B followed by its code.
    /// </summary>
    /// <param name="text">The text; every character must be in the GSM 7-bit alphabet.</param>
    /// <returns>The septets.</returns>
    /// <exception cref="ArgumentException">A character is not in the GSM 7-bit alphabet.</exception>
    public static byte[] EncodeGsm7(ReadOnlySpan<char> text)
    {
        var output = new List<byte>(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == Euro)
            {
                output.Add(EscapeSeptet);
                output.Add(EuroCode);
                continue;
            }

            var entry = c < TableSize ? Lookup[c] : (ushort)0;
            if (entry == 0)
            {
                throw new ArgumentException($"The character U+{(int)c:X4} at index {i} is not in the GSM 7-bit default alphabet.", nameof(text));
            }

            if (entry <= 128)
            {
                output.Add((byte)(entry - 1));
            }
            else
            {
                output.Add(EscapeSeptet);
                output.Add((byte)(entry - 0x100));
            }
        }

        return [.. output];
    }

    /// <summary>
    /// Decodes unpacked GSM 7-bit septets. An escape followed by an unassigned code shows the basic character of that
    /// code, and a final lone escape shows a space, as TS 23.038 asks of a receiving entity.
    /// </summary>
    /// <param name="septets">The septets, one per byte (each below 0x80).</param>
    /// <returns>The text.</returns>
    /// <exception cref="ArgumentException">A byte is not a septet (0x80 or above).</exception>
    public static string DecodeGsm7(ReadOnlySpan<byte> septets)
    {
        var output = new System.Text.StringBuilder(septets.Length);
        for (var i = 0; i < septets.Length; i++)
        {
            var septet = septets[i];
            if (septet > 0x7F)
            {
                throw new ArgumentException($"The byte 0x{septet:X2} at index {i} is not a 7-bit septet.", nameof(septets));
            }

            if (septet != EscapeSeptet)
            {
                output.Append(BasicBySeptet[septet]);
                continue;
            }

            if (i + 1 == septets.Length)
            {
                output.Append(' ');
                break;
            }

            var code = septets[++i];
            if (code > 0x7F)
            {
                throw new ArgumentException($"The byte 0x{code:X2} at index {i} is not a 7-bit septet.", nameof(septets));
            }

            var extension = ExtensionBySeptet[code];
            output.Append(extension != '\0' ? extension : BasicBySeptet[code]);
        }

        return output.ToString();
    }

    /// <summary>
    /// Packs septets into octets as TS 23.038 §6.1.2.1.1 describes (the first septet in the low bits of the first
    /// octet, the next one's low bits filling the rest, and so on; unused high bits of the last octet are zero).
    /// </summary>
    /// <param name="septets">The septets (each below 0x80).</param>
    /// <returns>The packed octets: ceil(7 × count / 8) of them.</returns>
    /// <exception cref="ArgumentException">A byte is not a septet.</exception>
    public static byte[] PackSeptets(ReadOnlySpan<byte> septets)
    {
        var packed = new byte[((septets.Length * 7) + 7) / 8];
        var bit = 0;
        for (var i = 0; i < septets.Length; i++)
        {
            var septet = septets[i];
            if (septet > 0x7F)
            {
                throw new ArgumentException($"The byte 0x{septet:X2} at index {i} is not a 7-bit septet.", nameof(septets));
            }

            var index = bit >> 3;
            var shift = bit & 7;
            packed[index] |= (byte)(septet << shift);
            if (shift > 1)
            {
                packed[index + 1] |= (byte)(septet >> (8 - shift));
            }

            bit += 7;
        }

        return packed;
    }

    private static ushort[] BuildLookup()
    {
        var lookup = new ushort[TableSize];
        for (var code = 0; code < BasicTable.Length; code++)
        {
            var c = BasicTable[code];
            if (code != EscapeSeptet)
            {
                lookup[c] = (ushort)(code + 1);
            }
        }

        foreach (var (c, code) in ExtensionTable)
        {
            if (c < TableSize)
            {
                lookup[c] = (ushort)(0x100 + code);
            }
        }

        return lookup;
    }

    private static char[] BuildBasicBySeptet()
    {
        var table = BasicTable.ToCharArray();
        table[EscapeSeptet] = ' ';
        return table;
    }

    private static char[] BuildExtensionBySeptet()
    {
        var table = new char[128];
        foreach (var (c, code) in ExtensionTable)
        {
            table[code] = c;
        }

        return table;
    }
}
