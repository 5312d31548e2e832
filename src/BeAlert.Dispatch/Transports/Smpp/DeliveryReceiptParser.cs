using System.Text;

namespace BeAlert.Dispatch.Smpp;

/// <summary>
/// Reads SMSC delivery receipts. The text form is the one SMPP 3.4 Appendix B describes and SMSCs vary on:
/// <c>id:IIII sub:SSS dlvrd:DDD submit date:YYMMDDhhmm done date:YYMMDDhhmm stat:DDDDDDD err:E text:...</c>, with
/// keys in any case and order, fields missing, ids in hex or decimal, zero-padded or not, dates of 10 (minutes),
/// 12 (seconds) or 14 (four-digit year) digits, and full words for stat (DELIVERED). The TLV form carries
/// receipted_message_id and message_state (SMPP 3.4 §5.3.2.12, §5.3.2.35); when both are present the TLVs win, as
/// they are the structured form. Works on octets: receipt texts are ASCII in both the GSM default alphabet and Latin-1.
/// </summary>
internal static class DeliveryReceiptParser
{
    /// <summary>Reads the receipt a deliver_sm carries.</summary>
    /// <param name="deliver">A deliver_sm (its <see cref="SmppDeliverSm.IsDeliveryReceipt"/> need not be set; some SMSCs forget it).</param>
    /// <param name="receipt">The receipt.</param>
    /// <returns>Whether a receipt with a message id and a state was found.</returns>
    public static bool TryParse(SmppDeliverSm deliver, out SmppReceipt receipt)
    {
        ArgumentNullException.ThrowIfNull(deliver);
        var text = deliver.DataCoding == 8 ? Ucs2ToAscii(deliver.Message) : deliver.Message;
        var hasText = TryParseText(text, out var fromText);
        if (deliver.ReceiptedMessageId is { Length: > 0 } id && deliver.MessageState is { } state && FromMessageState(state) is { } tlv)
        {
            var error = deliver.NetworkErrorCode is { } code ? Convert.ToHexString(code) : hasText ? fromText.Error : null;
            receipt = new SmppReceipt(id, tlv.State, tlv.Name, error, hasText ? fromText.DoneAt : null);
            return true;
        }

        if (hasText && deliver.ReceiptedMessageId is { Length: > 0 } tlvId)
        {
            receipt = fromText with { MessageId = tlvId };
            return true;
        }

        receipt = fromText;
        return hasText;
    }

    /// <summary>Reads the text form of a receipt.</summary>
    /// <param name="text">The short_message octets.</param>
    /// <param name="receipt">The receipt.</param>
    /// <returns>Whether the text had an id and a known stat.</returns>
    public static bool TryParseText(ReadOnlySpan<byte> text, out SmppReceipt receipt)
    {
        receipt = default;
        ReadOnlySpan<byte> id = default;
        ReadOnlySpan<byte> stat = default;
        ReadOnlySpan<byte> err = default;
        ReadOnlySpan<byte> done = default;
        Span<byte> key = stackalloc byte[16];
        var at = 0;
        while (at < text.Length)
        {
            while (at < text.Length && text[at] == (byte)' ')
            {
                at++;
            }

            var colon = text[at..].IndexOf((byte)':');
            if (colon < 0)
            {
                break;
            }

            var keyLength = NormalizeKey(text.Slice(at, colon), key);
            at += colon + 1;
            var keyText = key[..keyLength];
            if (keyText.SequenceEqual("text"u8))
            {
                break; // The free text runs to the end and may hold anything, colons included.
            }

            var end = text[at..].IndexOf((byte)' ');
            var value = end < 0 ? text[at..] : text.Slice(at, end);
            at += value.Length;
            if (keyText.SequenceEqual("id"u8))
            {
                id = value;
            }
            else if (keyText.SequenceEqual("stat"u8))
            {
                stat = value;
            }
            else if (keyText.SequenceEqual("err"u8))
            {
                err = value;
            }
            else if (keyText.SequenceEqual("donedate"u8))
            {
                done = value;
            }
        }

        if (id.IsEmpty || id.Length > 65 || FromStat(stat) is not { } state)
        {
            return false;
        }

        receipt = new SmppReceipt(
            Encoding.ASCII.GetString(id),
            state.State,
            state.Name,
            err.IsEmpty ? null : Encoding.ASCII.GetString(err),
            ParseDate(done));
        return true;
    }

    /// <summary>Reads an SMPP receipt date: YYMMDDhhmm, YYMMDDhhmmss or YYYYMMDDhhmmss, taken as UTC.</summary>
    public static DateTimeOffset? ParseDate(ReadOnlySpan<byte> digits)
    {
        if (digits.Length is not (10 or 12 or 14))
        {
            return null;
        }

        foreach (var d in digits)
        {
            if (d is < (byte)'0' or > (byte)'9')
            {
                return null;
            }
        }

        var at = 0;
        var year = digits.Length == 14 ? Take(digits, ref at, 4) : 2000 + Take(digits, ref at, 2);
        var month = Take(digits, ref at, 2);
        var day = Take(digits, ref at, 2);
        var hour = Take(digits, ref at, 2);
        var minute = Take(digits, ref at, 2);
        var second = digits.Length > 10 ? Take(digits, ref at, 2) : 0;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return null;
        }

        return new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero);
    }

    private static int Take(ReadOnlySpan<byte> digits, ref int at, int count)
    {
        var value = 0;
        for (var i = 0; i < count; i++)
        {
            value = (value * 10) + (digits[at++] - '0');
        }

        return value;
    }

    /// <summary>Lower-cases the key and drops spaces and underscores ("submit date", "Submit_Date" → "submitdate").</summary>
    private static int NormalizeKey(ReadOnlySpan<byte> raw, Span<byte> key)
    {
        var n = 0;
        foreach (var b in raw)
        {
            if (b is (byte)' ' or (byte)'_')
            {
                continue;
            }

            if (n == key.Length)
            {
                return 0;
            }

            key[n++] = b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b + 32) : b;
        }

        return n;
    }

    private static (SmppReceiptState State, string Name)? FromStat(ReadOnlySpan<byte> stat)
    {
        if (stat.Length < 5)
        {
            return null;
        }

        Span<byte> head = stackalloc byte[5];
        for (var i = 0; i < 5; i++)
        {
            head[i] = stat[i] is >= (byte)'a' and <= (byte)'z' ? (byte)(stat[i] - 32) : stat[i];
        }

        return head switch
        {
            _ when head.SequenceEqual("DELIV"u8) => (SmppReceiptState.Delivered, "DELIVRD"),
            _ when head.SequenceEqual("EXPIR"u8) => (SmppReceiptState.Undeliverable, "EXPIRED"),
            _ when head.SequenceEqual("DELET"u8) => (SmppReceiptState.Undeliverable, "DELETED"),
            _ when head.SequenceEqual("UNDEL"u8) => (SmppReceiptState.Undeliverable, "UNDELIV"),
            _ when head.SequenceEqual("UNKNO"u8) => (SmppReceiptState.Undeliverable, "UNKNOWN"),
            _ when head.SequenceEqual("REJEC"u8) => (SmppReceiptState.Rejected, "REJECTD"),
            _ when head.SequenceEqual("ACCEP"u8) => (SmppReceiptState.Intermediate, "ACCEPTD"),
            _ when head.SequenceEqual("ENROU"u8) => (SmppReceiptState.Intermediate, "ENROUTE"),
            _ => null,
        };
    }

    private static (SmppReceiptState State, string Name)? FromMessageState(byte state) => state switch
    {
        1 => (SmppReceiptState.Intermediate, "ENROUTE"),
        2 => (SmppReceiptState.Delivered, "DELIVRD"),
        3 => (SmppReceiptState.Undeliverable, "EXPIRED"),
        4 => (SmppReceiptState.Undeliverable, "DELETED"),
        5 => (SmppReceiptState.Undeliverable, "UNDELIV"),
        6 => (SmppReceiptState.Intermediate, "ACCEPTD"),
        7 => (SmppReceiptState.Undeliverable, "UNKNOWN"),
        8 => (SmppReceiptState.Rejected, "REJECTD"),
        _ => null,
    };

    private static byte[] Ucs2ToAscii(byte[] ucs2)
    {
        var ascii = new byte[ucs2.Length / 2];
        for (var i = 0; i < ascii.Length; i++)
        {
            ascii[i] = ucs2[2 * i] == 0 && ucs2[(2 * i) + 1] < 0x80 ? ucs2[(2 * i) + 1] : (byte)'?';
        }

        return ascii;
    }
}
