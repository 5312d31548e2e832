using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace BeAlert.Dispatch.Smpp;

/// <summary>
/// Writes SMPP 3.4 PDUs straight into a buffer writer (the session's pipe): each method computes the command_length
/// first, asks for one span of that size and fills it, so a PDU costs no intermediate allocation.
/// C-Octet strings are ASCII followed by a NUL (SMPP 3.4 §3.1); callers pass values already checked for length.
/// </summary>
internal static class SmppPduWriter
{
    /// <summary>The interface_version a bind announces: 0x34 for SMPP 3.4 (SMPP 3.4 §5.2.4).</summary>
    public const byte InterfaceVersion = 0x34;

    /// <summary>Writes a PDU that is only a header (enquire_link, unbind, their responses, generic_nack).</summary>
    public static void WriteHeaderOnly(IBufferWriter<byte> writer, SmppCommandId commandId, uint status, uint sequence)
    {
        var span = writer.GetSpan(SmppPduHeader.Size);
        WriteHeader(span, SmppPduHeader.Size, commandId, status, sequence);
        writer.Advance(SmppPduHeader.Size);
    }

    /// <summary>Writes deliver_sm_resp (its message_id is unused and empty, SMPP 3.4 §4.6.2) or data_sm_resp.</summary>
    public static void WriteEmptyMessageIdResponse(IBufferWriter<byte> writer, SmppCommandId commandId, uint status, uint sequence)
    {
        const int Length = SmppPduHeader.Size + 1;
        var span = writer.GetSpan(Length);
        WriteHeader(span, Length, commandId, status, sequence);
        span[SmppPduHeader.Size] = 0;
        writer.Advance(Length);
    }

    /// <summary>Writes bind_transmitter, bind_receiver or bind_transceiver (SMPP 3.4 §4.1).</summary>
    public static void WriteBind(
        IBufferWriter<byte> writer,
        SmppCommandId commandId,
        uint sequence,
        string systemId,
        string password,
        string systemType,
        byte addressTon,
        byte addressNpi,
        string addressRange)
    {
        var length = SmppPduHeader.Size + CStringLength(systemId) + CStringLength(password) + CStringLength(systemType) + 3 +
            CStringLength(addressRange);
        var span = writer.GetSpan(length);
        WriteHeader(span, length, commandId, 0, sequence);
        var at = SmppPduHeader.Size;
        at += WriteCString(span[at..], systemId);
        at += WriteCString(span[at..], password);
        at += WriteCString(span[at..], systemType);
        span[at++] = InterfaceVersion;
        span[at++] = addressTon;
        span[at++] = addressNpi;
        at += WriteCString(span[at..], addressRange);
        writer.Advance(at);
    }

    /// <summary>The command_length of a submit_sm.</summary>
    public static int SubmitSmLength(in SmppSubmit submit, ReadOnlySpan<byte> sourceAddress) =>
        SmppPduHeader.Size
        + 1 // service_type: empty
        + 2 + sourceAddress.Length + 1
        + 2 + submit.Destination.Length + 1
        + 3 // esm_class, protocol_id, priority_flag
        + 2 // schedule_delivery_time, validity_period: empty
        + 5 // registered_delivery, replace_if_present_flag, data_coding, sm_default_msg_id, sm_length
        + submit.ShortMessage.Length
        + submit.Tlvs.Length;

    /// <summary>Writes a submit_sm (SMPP 3.4 §4.4.1) with an empty service_type, immediate delivery and the SMSC's default validity.</summary>
    public static void WriteSubmitSm(
        IBufferWriter<byte> writer,
        uint sequence,
        in SmppSubmit submit,
        ReadOnlySpan<byte> sourceAddress,
        byte sourceTon,
        byte sourceNpi)
    {
        var length = SubmitSmLength(submit, sourceAddress);
        var span = writer.GetSpan(length);
        WriteHeader(span, length, SmppCommandId.SubmitSm, 0, sequence);
        var at = SmppPduHeader.Size;
        span[at++] = 0; // service_type
        span[at++] = sourceTon;
        span[at++] = sourceNpi;
        sourceAddress.CopyTo(span[at..]);
        at += sourceAddress.Length;
        span[at++] = 0;
        span[at++] = submit.DestinationTon;
        span[at++] = submit.DestinationNpi;
        at += WriteCString(span[at..], submit.Destination);
        span[at++] = submit.EsmClass;
        span[at++] = 0; // protocol_id
        span[at++] = 0; // priority_flag
        span[at++] = 0; // schedule_delivery_time
        span[at++] = 0; // validity_period
        span[at++] = submit.RegisteredDelivery;
        span[at++] = 0; // replace_if_present_flag
        span[at++] = submit.DataCoding;
        span[at++] = 0; // sm_default_msg_id
        span[at++] = (byte)submit.ShortMessage.Length;
        submit.ShortMessage.Span.CopyTo(span[at..]);
        at += submit.ShortMessage.Length;
        submit.Tlvs.Span.CopyTo(span[at..]);
        at += submit.Tlvs.Length;
        writer.Advance(at);
    }

    /// <summary>Appends one TLV (SMPP 3.4 §3.1: tag and length as big-endian 16-bit integers, then the value).</summary>
    public static void AppendTlv(List<byte> output, ushort tag, ReadOnlySpan<byte> value)
    {
        output.Add((byte)(tag >> 8));
        output.Add((byte)tag);
        output.Add((byte)(value.Length >> 8));
        output.Add((byte)value.Length);
        foreach (var b in value)
        {
            output.Add(b);
        }
    }

    /// <summary>The length of a C-Octet string: its ASCII octets and the NUL.</summary>
    public static int CStringLength(string value) => value.Length + 1;

    private static void WriteHeader(Span<byte> span, int length, SmppCommandId commandId, uint status, uint sequence)
    {
        BinaryPrimitives.WriteUInt32BigEndian(span, (uint)length);
        BinaryPrimitives.WriteUInt32BigEndian(span[4..], (uint)commandId);
        BinaryPrimitives.WriteUInt32BigEndian(span[8..], status);
        BinaryPrimitives.WriteUInt32BigEndian(span[12..], sequence);
    }

    private static int WriteCString(Span<byte> span, string value)
    {
        var written = Encoding.ASCII.GetBytes(value, span);
        span[written] = 0;
        return written + 1;
    }
}
