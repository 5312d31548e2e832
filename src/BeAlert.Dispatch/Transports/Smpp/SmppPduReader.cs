using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace BeAlert.Dispatch.Smpp;

/// <summary>
/// Frames SMPP PDUs out of the bytes a session receives and decodes the bodies the client needs. Anything the
/// peer sends that breaks SMPP 3.4 (a command_length below the header or above the configured limit, a C-Octet
/// string without its NUL or longer than its field allows, a body shorter than its fields) raises an
/// <see cref="SmppException"/> that names the PDU and the field; the session then closes.
/// </summary>
internal static class SmppPduReader
{
    /// <summary>TLV tag of receipted_message_id (SMPP 3.4 §5.3.2.12).</summary>
    public const ushort ReceiptedMessageIdTag = 0x001E;

    /// <summary>TLV tag of message_state (SMPP 3.4 §5.3.2.35).</summary>
    public const ushort MessageStateTag = 0x0427;

    /// <summary>TLV tag of network_error_code (SMPP 3.4 §5.3.2.31).</summary>
    public const ushort NetworkErrorCodeTag = 0x0423;

    /// <summary>TLV tag of message_payload (SMPP 3.4 §5.3.2.32).</summary>
    public const ushort MessagePayloadTag = 0x0424;

    /// <summary>
    /// Takes one whole PDU off the front of <paramref name="buffer"/> when it is there.
    /// </summary>
    /// <param name="buffer">The received bytes; on success, what follows the PDU.</param>
    /// <param name="maxLength">The largest command_length accepted.</param>
    /// <param name="header">The PDU's header.</param>
    /// <param name="body">The PDU's body (possibly empty).</param>
    /// <returns><see langword="false"/> when more bytes are needed.</returns>
    /// <exception cref="SmppException">The command_length is impossible.</exception>
    public static bool TryReadPdu(ref ReadOnlySequence<byte> buffer, int maxLength, out SmppPduHeader header, out ReadOnlySequence<byte> body)
    {
        header = default;
        body = default;
        if (buffer.Length < 4)
        {
            return false;
        }

        Span<byte> head = stackalloc byte[SmppPduHeader.Size];
        var available = (int)Math.Min(buffer.Length, SmppPduHeader.Size);
        buffer.Slice(0, available).CopyTo(head);
        var length = BinaryPrimitives.ReadUInt32BigEndian(head);
        if (length < SmppPduHeader.Size || length > (uint)maxLength)
        {
            throw new SmppException(
                $"The peer sent a PDU with command_length {length}; SMPP allows 16 (the header) up to the configured limit of {maxLength} octets. The session is closed.");
        }

        if (buffer.Length < length)
        {
            return false;
        }

        header = new SmppPduHeader(
            length,
            (SmppCommandId)BinaryPrimitives.ReadUInt32BigEndian(head[4..]),
            BinaryPrimitives.ReadUInt32BigEndian(head[8..]),
            BinaryPrimitives.ReadUInt32BigEndian(head[12..]));
        body = buffer.Slice(SmppPduHeader.Size, length - SmppPduHeader.Size);
        buffer = buffer.Slice(length);
        return true;
    }

    /// <summary>
    /// The message_id of a submit_sm_resp (SMPP 3.4 §4.4.2: a C-Octet string of at most 65 octets). An error response
    /// may have no body at all (§4.4.2 lets the SMSC omit it), which gives <see langword="null"/>.
    /// </summary>
    public static string? ReadMessageId(in ReadOnlySequence<byte> body, string pdu)
    {
        if (body.IsEmpty)
        {
            return null;
        }

        var reader = new SmppBodyReader(body.IsSingleSegment ? body.FirstSpan : body.ToArray(), pdu);
        var id = reader.ReadCString("message_id", 65);
        return id.Length == 0 ? null : id;
    }

    /// <summary>Decodes a deliver_sm body (SMPP 3.4 §4.6.1), TLVs included.</summary>
    public static SmppDeliverSm ReadDeliverSm(in ReadOnlySequence<byte> body)
    {
        var reader = new SmppBodyReader(body.IsSingleSegment ? body.FirstSpan : body.ToArray(), "deliver_sm");
        reader.ReadCString("service_type", 6);
        reader.ReadByte("source_addr_ton");
        reader.ReadByte("source_addr_npi");
        var source = reader.ReadCString("source_addr", 21);
        reader.ReadByte("dest_addr_ton");
        reader.ReadByte("dest_addr_npi");
        var destination = reader.ReadCString("destination_addr", 21);
        var esmClass = reader.ReadByte("esm_class");
        reader.ReadByte("protocol_id");
        reader.ReadByte("priority_flag");
        reader.ReadCString("schedule_delivery_time", 17);
        reader.ReadCString("validity_period", 17);
        reader.ReadByte("registered_delivery");
        reader.ReadByte("replace_if_present_flag");
        var dataCoding = reader.ReadByte("data_coding");
        reader.ReadByte("sm_default_msg_id");
        var smLength = reader.ReadByte("sm_length");
        if (smLength > 254)
        {
            throw new SmppException($"The peer sent a deliver_sm with sm_length {smLength}; SMPP 3.4 allows at most 254. The session is closed.");
        }

        var shortMessage = reader.ReadBytes("short_message", smLength).ToArray();
        string? receiptedId = null;
        byte? messageState = null;
        byte[]? networkError = null;
        byte[]? payload = null;
        while (!reader.AtEnd)
        {
            var tag = reader.ReadUInt16("TLV tag");
            var length = reader.ReadUInt16("TLV length");
            var value = reader.ReadBytes("TLV value", length);
            switch (tag)
            {
                case ReceiptedMessageIdTag:
                    receiptedId = new SmppBodyReader(value, "deliver_sm").ReadCString("receipted_message_id", 65);
                    break;
                case MessageStateTag when length == 1:
                    messageState = value[0];
                    break;
                case NetworkErrorCodeTag when length == 3:
                    networkError = value.ToArray();
                    break;
                case MessagePayloadTag:
                    payload = value.ToArray();
                    break;
                default:
                    break; // SMPP 3.4 §3.1: an unknown optional parameter is ignored.
            }
        }

        return new SmppDeliverSm(source, destination, esmClass, dataCoding, payload ?? shortMessage, receiptedId, messageState, networkError);
    }

    /// <summary>Reads the fields of a PDU body in order, failing clearly when the peer's body does not hold them.</summary>
    private ref struct SmppBodyReader(ReadOnlySpan<byte> span, string pdu)
    {
        private readonly ReadOnlySpan<byte> _span = span;
        private int _at;

        public readonly bool AtEnd => _at >= _span.Length;

        public byte ReadByte(string field)
        {
            if (_at >= _span.Length)
            {
                throw Truncated(field);
            }

            return _span[_at++];
        }

        public ushort ReadUInt16(string field)
        {
            if (_at + 2 > _span.Length)
            {
                throw Truncated(field);
            }

            var value = BinaryPrimitives.ReadUInt16BigEndian(_span[_at..]);
            _at += 2;
            return value;
        }

        public ReadOnlySpan<byte> ReadBytes(string field, int count)
        {
            if (_at + count > _span.Length)
            {
                throw Truncated(field);
            }

            var value = _span.Slice(_at, count);
            _at += count;
            return value;
        }

        public string ReadCString(string field, int maxOctets)
        {
            var rest = _span[_at..];
            var nul = rest[..Math.Min(rest.Length, maxOctets)].IndexOf((byte)0);
            if (nul < 0)
            {
                throw new SmppException(rest.Length < maxOctets
                    ? $"The peer sent a {pdu} whose {field} has no terminating NUL. The session is closed."
                    : $"The peer sent a {pdu} whose {field} is longer than the {maxOctets} octets SMPP 3.4 allows. The session is closed.");
            }

            var value = nul == 0 ? string.Empty : Encoding.Latin1.GetString(rest[..nul]);
            _at += nul + 1;
            return value;
        }

        private readonly SmppException Truncated(string field) =>
            new($"The peer sent a {pdu} that ends before its {field}. The session is closed.");
    }
}
