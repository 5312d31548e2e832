using System.Buffers;
using BeAlert.Dispatch.Smpp;

namespace BeAlert.Dispatch.Tests.Transports.Smpp;

/// <summary>Byte-exact PDUs, derived by hand from the field tables of SMPP 3.4 §3.2, §4.1.5, §4.4.1 and §4.11.</summary>
public sealed class SmppPduWriterTests
{
    [Fact]
    public void WriteHeaderOnly_EnquireLink_IsSixteenOctetsBigEndian()
    {
        var writer = new ArrayBufferWriter<byte>();
        SmppPduWriter.WriteHeaderOnly(writer, SmppCommandId.EnquireLink, 0, 7);
        Assert.Equal(Convert.FromHexString("00000010" + "00000015" + "00000000" + "00000007"), writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void WriteHeaderOnly_GenericNack_CarriesStatusAndSequence()
    {
        var writer = new ArrayBufferWriter<byte>();
        SmppPduWriter.WriteHeaderOnly(writer, SmppCommandId.GenericNack, SmppCommandStatus.InvalidCommandId, 0x7FFFFFFF);
        Assert.Equal(Convert.FromHexString("00000010" + "80000000" + "00000003" + "7FFFFFFF"), writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void WriteBind_Transceiver_MatchesTheSpecLayout()
    {
        var writer = new ArrayBufferWriter<byte>();
        SmppPduWriter.WriteBind(writer, SmppCommandId.BindTransceiver, 1, "test", "secret", "", 0, 0, "");

        // system_id "test\0", password "secret\0", system_type "\0", interface_version 0x34, addr_ton 0, addr_npi 0, address_range "\0".
        var body = "7465737400" + "73656372657400" + "00" + "34" + "00" + "00" + "00";
        var expected = Convert.FromHexString("00000021" + "00000009" + "00000000" + "00000001" + body);
        Assert.Equal(expected, writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void WriteSubmitSm_GsmText_MatchesTheSpecLayout()
    {
        var writer = new ArrayBufferWriter<byte>();
        var submit = new SmppSubmit("32470123456", 1, 1, 0, 0, 1, "Hi"u8.ToArray(), ReadOnlyMemory<byte>.Empty);
        SmppPduWriter.WriteSubmitSm(writer, 2, submit, "1789"u8, 3, 0);

        var body =
            "00" + // service_type
            "03" + "00" + "3137383900" + // source_addr_ton, source_addr_npi, source_addr "1789"
            "01" + "01" + "333234373031323334353600" + // dest ton 1, npi 1, "32470123456"
            "00" + "00" + "00" + // esm_class, protocol_id, priority_flag
            "00" + "00" + // schedule_delivery_time, validity_period
            "01" + "00" + "00" + "00" + // registered_delivery, replace_if_present, data_coding, sm_default_msg_id
            "02" + "4869"; // sm_length, short_message
        var length = 16 + (body.Length / 2);
        var expected = Convert.FromHexString(length.ToString("X8", System.Globalization.CultureInfo.InvariantCulture) + "00000004" + "00000000" + "00000002" + body);
        Assert.Equal(expected, writer.WrittenSpan.ToArray());
        Assert.Equal(length, SmppPduWriter.SubmitSmLength(submit, "1789"u8));
    }

    [Fact]
    public void AppendTlv_SarReference_IsTagLengthValue()
    {
        var output = new List<byte>();
        SmppPduWriter.AppendTlv(output, 0x020C, [0x12, 0x34]);
        Assert.Equal(Convert.FromHexString("020C" + "0002" + "1234"), output.ToArray());
    }
}
