using System.Text;
using BeAlert.Cap;

namespace BeAlert.Dispatch.Smpp;

/// <summary>One submit_sm's worth of content: everything but the destination.</summary>
/// <param name="EsmClass">esm_class (0x40 with a user data header).</param>
/// <param name="DataCoding">data_coding.</param>
/// <param name="ShortMessage">short_message octets.</param>
/// <param name="Tlvs">Encoded TLVs (SAR or message_payload).</param>
internal sealed record SmppPart(byte EsmClass, byte DataCoding, byte[] ShortMessage, byte[] Tlvs);

/// <summary>
/// A text encoded for SMPP once and reused for every recipient: its parts as submit_sm content. Segment boundaries
/// come from BeAlert.Cap's <see cref="SmsSegmenter"/> (GSM 7-bit or UCS-2, never splitting an escape or a surrogate
/// pair); GSM text travels as unpacked septets, one per octet, as SMPP data_coding 0 carries it (SMPP 3.4 §5.2.19).
/// </summary>
internal sealed class SmppEncodedText
{
    /// <summary>data_coding for the SMSC default alphabet (GSM 03.38 on Belgian SMSCs).</summary>
    public const byte DataCodingDefault = 0x00;

    /// <summary>data_coding for UCS-2.</summary>
    public const byte DataCodingUcs2 = 0x08;

    /// <summary>esm_class bit 6: the short message begins with a user data header (SMPP 3.4 §5.2.12).</summary>
    public const byte EsmClassUdhi = 0x40;

    private const ushort SarMsgRefNumTag = 0x020C;
    private const ushort SarTotalSegmentsTag = 0x020E;
    private const ushort SarSegmentSeqnumTag = 0x020F;
    private const int MaxPayloadOctets = 64 * 1024 - 1024;

    private SmppEncodedText(SmppPart[] parts, SmsDataCoding coding)
    {
        Parts = parts;
        Coding = coding;
    }

    /// <summary>The parts, in order.</summary>
    public SmppPart[] Parts { get; }

    /// <summary>The alphabet.</summary>
    public SmsDataCoding Coding { get; }

    /// <summary>Encodes a text.</summary>
    /// <param name="text">The text.</param>
    /// <param name="policy">Which data_coding to use.</param>
    /// <param name="concatenation">How to send a long text.</param>
    /// <param name="reference">The concatenation reference shared by the parts (8 bits in a UDH, 16 in SAR).</param>
    /// <param name="error">Why the text cannot be sent, when it cannot.</param>
    /// <returns>The encoded text, or <see langword="null"/> with <paramref name="error"/>.</returns>
    public static SmppEncodedText? TryEncode(string text, SmppDataCodingPolicy policy, SmppConcatenation concatenation, ushort reference, out string? error)
    {
        error = null;
        var coding = policy == SmppDataCodingPolicy.Ucs2 ? SmsDataCoding.Ucs2 : SmsEncoder.GetDataCoding(text);
        var dataCoding = coding == SmsDataCoding.Gsm7 ? DataCodingDefault : DataCodingUcs2;
        if (concatenation == SmppConcatenation.Payload)
        {
            var all = Encode(text, coding);
            if (all.Length > MaxPayloadOctets)
            {
                error = $"The text takes {all.Length} octets; message_payload is limited here to {MaxPayloadOctets}.";
                return null;
            }

            var tlv = new List<byte>(all.Length + 4);
            SmppPduWriter.AppendTlv(tlv, SmppPduReader.MessagePayloadTag, all);
            return new SmppEncodedText([new SmppPart(0, dataCoding, [], [.. tlv])], coding);
        }

        var segments = coding == SmsDataCoding.Gsm7 || policy == SmppDataCodingPolicy.Auto
            ? SmsSegmenter.Segment(text).Segments
            : SplitUcs2(text);
        if (segments.Count > SmsSegmenter.MaxSegments)
        {
            error = $"The text needs {segments.Count} SMS segments; a concatenated SMS has at most {SmsSegmenter.MaxSegments}.";
            return null;
        }

        if (segments.Count == 1)
        {
            return new SmppEncodedText([new SmppPart(0, dataCoding, Encode(segments[0], coding), [])], coding);
        }

        var parts = new SmppPart[segments.Count];
        for (var i = 0; i < parts.Length; i++)
        {
            var body = Encode(segments[i], coding);
            if (concatenation == SmppConcatenation.Udh)
            {
                // TS 23.040 §9.2.3.24.1: UDHL 5, IEI 0x00 (concatenation, 8-bit reference), IEDL 3, ref, total, part (from 1).
                var message = new byte[6 + body.Length];
                message[0] = 0x05;
                message[1] = 0x00;
                message[2] = 0x03;
                message[3] = (byte)reference;
                message[4] = (byte)parts.Length;
                message[5] = (byte)(i + 1);
                body.CopyTo(message, 6);
                parts[i] = new SmppPart(EsmClassUdhi, dataCoding, message, []);
            }
            else
            {
                var tlvs = new List<byte>(17);
                SmppPduWriter.AppendTlv(tlvs, SarMsgRefNumTag, [(byte)(reference >> 8), (byte)reference]);
                SmppPduWriter.AppendTlv(tlvs, SarTotalSegmentsTag, [(byte)parts.Length]);
                SmppPduWriter.AppendTlv(tlvs, SarSegmentSeqnumTag, [(byte)(i + 1)]);
                parts[i] = new SmppPart(0, dataCoding, body, [.. tlvs]);
            }
        }

        return new SmppEncodedText(parts, coding);
    }

    private static byte[] Encode(string text, SmsDataCoding coding) =>
        coding == SmsDataCoding.Gsm7 ? SmsEncoder.EncodeGsm7(text) : Encoding.BigEndianUnicode.GetBytes(text);

    /// <summary>Splits a text for UCS-2 forced on GSM-only text: 70 units in one SMS, else 67 per part, keeping surrogate pairs whole.</summary>
    private static List<string> SplitUcs2(string text)
    {
        if (text.Length <= SmsSegmenter.SingleUcs2Units)
        {
            return [text];
        }

        var segments = new List<string>();
        var start = 0;
        while (start < text.Length)
        {
            var end = Math.Min(start + SmsSegmenter.ConcatenatedUcs2Units, text.Length);
            if (end < text.Length && char.IsHighSurrogate(text[end - 1]))
            {
                end--;
            }

            segments.Add(text[start..end]);
            start = end;
        }

        return segments;
    }
}
