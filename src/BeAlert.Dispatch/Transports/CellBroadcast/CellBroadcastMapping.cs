using System.Text;
using BeAlert.Cap;

namespace BeAlert.Dispatch;

/// <summary>What the transport does at the CBC for one delivery.</summary>
internal enum CellBroadcastOperation
{
    /// <summary>Start a broadcast (CAP Alert).</summary>
    New,

    /// <summary>Replace a running broadcast with new content, update number raised (CAP Update).</summary>
    Update,

    /// <summary>Stop a running broadcast (CAP Cancel).</summary>
    Kill,
}

/// <summary>
/// The mapping of one alert, language and zone onto an EU-Alert broadcast: the message identifier by level and language
/// (<see cref="EuAlertMapper"/>: the alert's first language on the level's identifier, every other language on the
/// paired "additional language" identifier), the serial number, the pages and the data coding scheme (from
/// <see cref="CapRenderer.RenderCellBroadcast"/>).
/// </summary>
internal static class CellBroadcastMapping
{
    /// <summary>The octets of one CBS page's content (3GPP TS 23.041 §9.4.1.2.2 without its 6-octet header).</summary>
    public const int PageOctets = CellBroadcastMessage.PageOctets;

    private const byte CarriageReturn = 0x0D;

    /// <summary>The operation a CAP msgType asks for; Ack and Error are never broadcast.</summary>
    public static CellBroadcastOperation? Operation(CapMessageType type) => type switch
    {
        CapMessageType.Alert => CellBroadcastOperation.New,
        CapMessageType.Update => CellBroadcastOperation.Update,
        CapMessageType.Cancel => CellBroadcastOperation.Kill,
        _ => null,
    };

    /// <summary>
    /// The first message of the chain an alert belongs to (its sender and identifier): itself for an Alert, otherwise
    /// the earliest message it references. Every Update and Cancel of one broadcast finds the same root.
    /// </summary>
    public static (string Sender, string Identifier) Root(CapAlert alert)
    {
        if (alert.MsgType == CapMessageType.Alert || alert.References.Count == 0)
        {
            return (alert.Sender, alert.Identifier);
        }

        var earliest = alert.References.MinBy(r => r.Sent.UtcValue)!;
        return (earliest.Sender, earliest.Identifier);
    }

    /// <summary>The two-letter language (lower case) of a language tag, or <see langword="null"/> when its primary subtag is not two letters.</summary>
    public static string? TwoLetterLanguage(string? language)
    {
        if (string.IsNullOrEmpty(language))
        {
            return null;
        }

        var end = language.IndexOf('-', StringComparison.Ordinal);
        var primary = end < 0 ? language : language[..end];
        return primary.Length == 2 && char.IsAsciiLetter(primary[0]) && char.IsAsciiLetter(primary[1]) ? primary.ToLowerInvariant() : null;
    }

    /// <summary>
    /// The message code of a broadcast: 10 bits of an FNV-1a hash of the chain's root (sender and identifier) and the
    /// language, so that each language of one alert is its own message (phones keep messages with a different serial
    /// number apart), while its updates keep their code and only raise the update number.
    /// </summary>
    public static int MessageCode(string rootSender, string rootIdentifier, string language)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(rootSender + "\n" + rootIdentifier + "\n" + language))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return (int)((hash ^ (hash >> 10) ^ (hash >> 20) ^ (hash >> 30)) & CellBroadcastSerialNumber.MaxMessageCode);
    }

    /// <summary>Whether a language is the alert's first (primary) language: the level's own identifier, not the additional-language one.</summary>
    public static bool IsPrimaryLanguage(CapAlert alert, string language)
    {
        var first = alert.Infos.Count == 0 ? null : TwoLetterLanguage(alert.Infos[0].EffectiveLanguage);
        return first is null || string.Equals(first, TwoLetterLanguage(language), StringComparison.Ordinal);
    }

    /// <summary>The message identifier for a language: the level's identifier for the primary language, its paired identifier otherwise (EU-Info has none and keeps its own).</summary>
    public static int MessageIdentifier(EuAlertIdentifiers identifiers, bool primaryLanguage) =>
        primaryLanguage ? identifiers.MessageIdentifier : identifiers.AdditionalLanguageMessageIdentifier ?? identifiers.MessageIdentifier;

    /// <summary>
    /// The pages as the CBC sends them: each exactly 82 octets. GSM 7-bit pages are packed septets
    /// (<see cref="SmsEncoder.PackSeptets"/>) filled up to 93 septets with carriage returns; UCS-2 pages are big-endian
    /// UTF-16 filled up to 41 units with carriage returns (3GPP TS 23.041 §9.4.1.2.2, TS 23.038 §6.1.2.2).
    /// </summary>
    public static List<byte[]> EncodePages(CellBroadcastMessage message)
    {
        var pages = new List<byte[]>(message.Pages.Count);
        foreach (var page in message.Pages)
        {
            if (message.DataCoding == SmsDataCoding.Gsm7)
            {
                var septets = SmsEncoder.EncodeGsm7(page);
                var padded = new byte[CellBroadcastMessage.Gsm7PageCharacters];
                Array.Fill(padded, CarriageReturn);
                septets.CopyTo(padded, 0);
                var packed = SmsEncoder.PackSeptets(padded);
                var octets = new byte[PageOctets];
                packed.AsSpan(0, Math.Min(packed.Length, PageOctets)).CopyTo(octets);
                pages.Add(octets);
            }
            else
            {
                var octets = new byte[PageOctets];
                for (var i = 0; i < CellBroadcastMessage.Ucs2PageUnits; i++)
                {
                    var unit = i < page.Length ? page[i] : (char)CarriageReturn;
                    octets[2 * i] = (byte)(unit >> 8);
                    octets[(2 * i) + 1] = (byte)unit;
                }

                pages.Add(octets);
            }
        }

        return pages;
    }
}
