using System.Buffers;
using BeAlert.Dispatch.Smpp;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace BeAlert.Dispatch.Tests.Transports.Smpp;

public sealed class SmppPduReaderTests
{
    private static ReadOnlySequence<byte> Bytes(string hex) => new(Convert.FromHexString(hex));

    /// <summary>A delivery receipt deliver_sm built by hand from SMPP 3.4 §4.6.1, with a receipted_message_id and message_state TLV.</summary>
    private const string ReceiptBody =
        "00" + // service_type
        "01" + "01" + "333234373031323334353600" + // source ton/npi, "32470123456"
        "03" + "00" + "3137383900" + // dest ton/npi, "1789"
        "04" + "00" + "00" + // esm_class = receipt, protocol_id, priority
        "00" + "00" + // schedule, validity
        "00" + "00" + "00" + "00" + // registered_delivery, replace, data_coding, sm_default_msg_id
        "05" + "69643a3141" + // sm_length 5, "id:1A"
        "001E" + "0003" + "314100" + // receipted_message_id "1A"
        "0427" + "0001" + "02"; // message_state DELIVERED

    [Fact]
    public void TryReadPdu_TwoPdusAndAHalf_ReadsTwoAndKeepsTheRest()
    {
        var buffer = Bytes("00000010800000150000000000000001" + "00000010000000150000000000000002" + "000000");
        Assert.True(SmppPduReader.TryReadPdu(ref buffer, 1024, out var first, out var body));
        Assert.Equal(new SmppPduHeader(16, SmppCommandId.EnquireLinkResp, 0, 1), first);
        Assert.True(body.IsEmpty);
        Assert.True(first.IsResponse);
        Assert.True(SmppPduReader.TryReadPdu(ref buffer, 1024, out var second, out _));
        Assert.Equal(SmppCommandId.EnquireLink, second.CommandId);
        Assert.False(second.IsResponse);
        Assert.False(SmppPduReader.TryReadPdu(ref buffer, 1024, out _, out _));
        Assert.Equal(3, buffer.Length);
    }

    [Theory]
    [InlineData("0000000F800000150000000000000001", "command_length 15")]
    [InlineData("00000000", "command_length 0")]
    [InlineData("00010001", "command_length 65537")]
    public void TryReadPdu_ImpossibleLength_ThrowsNamingIt(string hex, string expected)
    {
        var buffer = Bytes(hex);
        var ex = Assert.Throws<SmppException>(() => SmppPduReader.TryReadPdu(ref buffer, 65536, out _, out _));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryReadPdu_SplitAcrossSegments_ReadsTheWholePdu()
    {
        var bytes = Convert.FromHexString("0000001480000004000000000000000931413200" + "FF");
        var first = new Segment(bytes.AsMemory(0, 7));
        var last = first.Append(bytes.AsMemory(7));
        var buffer = new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
        Assert.True(SmppPduReader.TryReadPdu(ref buffer, 1024, out var header, out var body));
        Assert.Equal(SmppCommandId.SubmitSmResp, header.CommandId);
        Assert.Equal("1A2", SmppPduReader.ReadMessageId(body, "submit_sm_resp"));
        Assert.Equal(1, buffer.Length);
    }

    [Fact]
    public void ReadMessageId_NoNul_ThrowsNamingTheField()
    {
        var ex = Assert.Throws<SmppException>(() => SmppPduReader.ReadMessageId(Bytes("31323334"), "submit_sm_resp"));
        Assert.Contains("message_id", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadMessageId_LongerThan65_ThrowsNamingTheLimit()
    {
        var ex = Assert.Throws<SmppException>(() => SmppPduReader.ReadMessageId(new ReadOnlySequence<byte>(Enumerable.Repeat((byte)'1', 80).Append((byte)0).ToArray()), "submit_sm_resp"));
        Assert.Contains("65", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadDeliverSm_ReceiptWithTlvs_DecodesEveryField()
    {
        var deliver = SmppPduReader.ReadDeliverSm(Bytes(ReceiptBody));
        Assert.Equal("32470123456", deliver.SourceAddress);
        Assert.Equal("1789", deliver.DestinationAddress);
        Assert.True(deliver.IsDeliveryReceipt);
        Assert.Equal("id:1A"u8.ToArray(), deliver.Message);
        Assert.Equal("1A", deliver.ReceiptedMessageId);
        Assert.Equal((byte)2, deliver.MessageState);
    }

    [Fact]
    public void ReadDeliverSm_Truncated_ThrowsNamingTheMissingField()
    {
        var cut = ReceiptBody[..(ReceiptBody.IndexOf("05" + "69643a", StringComparison.Ordinal) + 6)];
        var ex = Assert.Throws<SmppException>(() => SmppPduReader.ReadDeliverSm(Bytes(cut)));
        Assert.Contains("short_message", ex.Message, StringComparison.Ordinal);
    }

    [Property(MaxTest = 2000)]
    public void ReadDeliverSm_AnyBytes_OnlySmppException(byte[] body)
    {
        try
        {
            SmppPduReader.ReadDeliverSm(new ReadOnlySequence<byte>(body));
        }
        catch (SmppException ex)
        {
            Assert.Contains("deliver_sm", ex.Message, StringComparison.Ordinal);
        }
    }

    [Property(MaxTest = 500)]
    public Property WriteSubmitSm_ThenFrame_GivesBackLengthAndSequence()
    {
        var gen =
            from sequence in Gen.Choose(1, int.MaxValue)
            from digits in Gen.Choose(7, 15)
            from text in Gen.ArrayOf(Gen.Choose(0, 127).Select(i => (byte)i)).Where(a => a.Length <= 254)
            select (sequence, digits, text);
        return Prop.ForAll(Arb.From(gen), t =>
        {
            var writer = new ArrayBufferWriter<byte>();
            var submit = new SmppSubmit(new string('9', t.digits), 1, 1, 0, 0, 1, t.text, ReadOnlyMemory<byte>.Empty);
            SmppPduWriter.WriteSubmitSm(writer, (uint)t.sequence, submit, "1789"u8, 3, 0);
            var buffer = new ReadOnlySequence<byte>(writer.WrittenMemory);
            Assert.True(SmppPduReader.TryReadPdu(ref buffer, 65536, out var header, out var body));
            Assert.True(buffer.IsEmpty);
            Assert.Equal((uint)writer.WrittenCount, header.Length);
            Assert.Equal((uint)t.sequence, header.Sequence);
            Assert.Equal(SmppCommandId.SubmitSm, header.CommandId);

            // The short message is the last sm_length octets of the body.
            var bodyBytes = body.ToArray();
            Assert.Equal(t.text.Length, bodyBytes[^(t.text.Length + 1)]);
            Assert.Equal(t.text, bodyBytes[^t.text.Length..]);
        });
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
