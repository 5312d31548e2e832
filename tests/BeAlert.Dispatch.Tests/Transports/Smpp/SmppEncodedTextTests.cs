using System.Text;
using BeAlert.Dispatch.Smpp;

namespace BeAlert.Dispatch.Tests.Transports.Smpp;

public sealed class SmppEncodedTextTests
{
    private static SmppEncodedText Encode(string text, SmppConcatenation mode = SmppConcatenation.Udh, SmppDataCodingPolicy policy = SmppDataCodingPolicy.Auto, ushort reference = 0x1234)
    {
        var encoded = SmppEncodedText.TryEncode(text, policy, mode, reference, out var error);
        Assert.Null(error);
        return Assert.IsType<SmppEncodedText>(encoded);
    }

    [Fact]
    public void TryEncode_ShortGsmText_OnePartOfUnpackedSeptets()
    {
        var part = Assert.Single(Encode("Alert @ 12€").Parts);
        Assert.Equal(0, part.DataCoding);
        Assert.Equal(0, part.EsmClass);

        // GSM 03.38: 'A'=0x41 ... '@'=0x00, '€' = escape 0x1B then 0x65.
        Assert.Equal(Convert.FromHexString("416C657274" + "20" + "00" + "20" + "3132" + "1B65"), part.ShortMessage);
        Assert.Empty(part.Tlvs);
    }

    [Fact]
    public void TryEncode_ShortNonGsmText_OneUcs2Part()
    {
        var part = Assert.Single(Encode("Çok güzel ç").Parts);
        Assert.Equal(8, part.DataCoding);
        Assert.Equal(Encoding.BigEndianUnicode.GetBytes("Çok güzel ç"), part.ShortMessage);
    }

    [Fact]
    public void TryEncode_LongGsmTextWithUdh_PartsCarryConcatenationHeaders()
    {
        var text = string.Concat(Enumerable.Repeat("Evacuate the area now. ", 15)); // 345 septets: 3 parts of at most 153
        var parts = Encode(text, reference: 0x1234).Parts;
        Assert.Equal(3, parts.Length);
        var rebuilt = new StringBuilder();
        for (var i = 0; i < parts.Length; i++)
        {
            Assert.Equal(0x40, parts[i].EsmClass);
            Assert.Equal(new byte[] { 0x05, 0x00, 0x03, 0x34, 0x03, (byte)(i + 1) }, parts[i].ShortMessage[..6]);
            Assert.True(parts[i].ShortMessage.Length - 6 <= 153);
            rebuilt.Append(Encoding.ASCII.GetString(parts[i].ShortMessage, 6, parts[i].ShortMessage.Length - 6));
        }

        Assert.Equal(text, rebuilt.ToString());
    }

    [Fact]
    public void TryEncode_LongUcs2TextWithSar_PartsCarrySarTlvs()
    {
        var text = string.Concat(Enumerable.Repeat("Évacuez → maintenant. ", 8)); // 176 UCS-2 units: 3 parts of at most 67
        var parts = Encode(text, SmppConcatenation.Sar, reference: 0x0A0B).Parts;
        Assert.Equal(3, parts.Length);
        var rebuilt = new StringBuilder();
        for (var i = 0; i < parts.Length; i++)
        {
            Assert.Equal(0, parts[i].EsmClass);
            Assert.Equal(8, parts[i].DataCoding);
            Assert.Equal(Convert.FromHexString("020C00020A0B" + "020E000103" + "020F00010" + (i + 1)), parts[i].Tlvs);
            Assert.True(parts[i].ShortMessage.Length <= 134);
            rebuilt.Append(Encoding.BigEndianUnicode.GetString(parts[i].ShortMessage));
        }

        Assert.Equal(text, rebuilt.ToString());
    }

    [Fact]
    public void TryEncode_Payload_OneSubmitWithMessagePayloadTlv()
    {
        var text = new string('x', 500);
        var part = Assert.Single(Encode(text, SmppConcatenation.Payload).Parts);
        Assert.Empty(part.ShortMessage);
        Assert.Equal(new byte[] { 0x04, 0x24, 0x01, 0xF4 }, part.Tlvs[..4]);
        Assert.Equal(504, part.Tlvs.Length);
    }

    [Fact]
    public void TryEncode_ForcedUcs2OnGsmText_SplitsAt67()
    {
        var parts = Encode(new string('a', 140), policy: SmppDataCodingPolicy.Ucs2).Parts;
        Assert.Equal(3, parts.Length);
        Assert.All(parts, p => Assert.Equal(8, p.DataCoding));
        Assert.Equal(6 + 134, parts[0].ShortMessage.Length);
    }

    [Fact]
    public void TryEncode_MoreThan255Segments_Refused()
    {
        var encoded = SmppEncodedText.TryEncode(new string('a', 153 * 256), SmppDataCodingPolicy.Auto, SmppConcatenation.Udh, 1, out var error);
        Assert.Null(encoded);
        Assert.Contains("255", error, StringComparison.Ordinal);
    }
}
