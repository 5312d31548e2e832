using System.Text;
using BeAlert.Dispatch.Smpp;

namespace BeAlert.Dispatch.Tests.Transports.Smpp;

/// <summary>Receipt texts in the shapes SMPP 3.4 Appendix B gives and SMSCs send in practice.</summary>
public sealed class DeliveryReceiptParserTests
{
    private static SmppReceipt Parse(string text)
    {
        Assert.True(DeliveryReceiptParser.TryParseText(Encoding.ASCII.GetBytes(text), out var receipt), text);
        return receipt;
    }

    [Fact]
    public void TryParseText_AppendixBForm_ReadsEveryField()
    {
        var receipt = Parse("id:0123456789 sub:001 dlvrd:001 submit date:2511260930 done date:2511260931 stat:DELIVRD err:000 text:Shelter in place");
        Assert.Equal("0123456789", receipt.MessageId);
        Assert.Equal(SmppReceiptState.Delivered, receipt.State);
        Assert.Equal("DELIVRD", receipt.Stat);
        Assert.Equal("000", receipt.Error);
        Assert.Equal(new DateTimeOffset(2025, 11, 26, 9, 31, 0, TimeSpan.Zero), receipt.DoneAt);
    }

    [Fact]
    public void TryParseText_HexIdTwelveDigitDates_ReadsSeconds()
    {
        var receipt = Parse("id:5F3A9C01 sub:001 dlvrd:000 submit date:251126093015 done date:251126093512 stat:UNDELIV err:001 text:");
        Assert.Equal("5F3A9C01", receipt.MessageId);
        Assert.Equal(SmppReceiptState.Undeliverable, receipt.State);
        Assert.Equal(new DateTimeOffset(2025, 11, 26, 9, 35, 12, TimeSpan.Zero), receipt.DoneAt);
    }

    [Fact]
    public void TryParseText_UpperCaseKeysUnderscoresAndFullWords_AreRead()
    {
        var receipt = Parse("ID:77 SUB:001 DLVRD:001 SUBMIT_DATE:20251126093015 DONE_DATE:20251126093512 STAT:DELIVERED ERR:0");
        Assert.Equal("77", receipt.MessageId);
        Assert.Equal(SmppReceiptState.Delivered, receipt.State);
        Assert.Equal(new DateTimeOffset(2025, 11, 26, 9, 35, 12, TimeSpan.Zero), receipt.DoneAt);
    }

    [Fact]
    public void TryParseText_OnlyIdAndStat_IsEnough()
    {
        var receipt = Parse("id:abc stat:EXPIRED");
        Assert.Equal(SmppReceiptState.Undeliverable, receipt.State);
        Assert.Null(receipt.DoneAt);
        Assert.Null(receipt.Error);
    }

    [Fact]
    public void TryParseText_TextWithColonsAndStatWords_DoesNotConfuseTheFields()
    {
        var receipt = Parse("id:42 sub:001 dlvrd:001 submit date:2511260930 done date:2511260931 stat:DELIVRD err:000 text:stat:REJECTD id:99");
        Assert.Equal("42", receipt.MessageId);
        Assert.Equal(SmppReceiptState.Delivered, receipt.State);
    }

    [Theory]
    [InlineData("EXPIRED", "Undeliverable")]
    [InlineData("DELETED", "Undeliverable")]
    [InlineData("UNDELIV", "Undeliverable")]
    [InlineData("UNKNOWN", "Undeliverable")]
    [InlineData("REJECTD", "Rejected")]
    [InlineData("ACCEPTD", "Intermediate")]
    [InlineData("ENROUTE", "Intermediate")]
    [InlineData("delivrd", "Delivered")]
    public void TryParseText_EachStat_MapsToItsState(string stat, string expected) =>
        Assert.Equal(Enum.Parse<SmppReceiptState>(expected), Parse($"id:1 stat:{stat} err:000").State);

    [Theory]
    [InlineData("")]
    [InlineData("hello world")]
    [InlineData("sub:001 dlvrd:001 stat:DELIVRD")]
    [InlineData("id: stat:DELIVRD")]
    [InlineData("id:1 stat:SOMETHING")]
    [InlineData("id:1")]
    public void TryParseText_NotAReceipt_ReturnsFalse(string text) =>
        Assert.False(DeliveryReceiptParser.TryParseText(Encoding.ASCII.GetBytes(text), out _));

    [Theory]
    [InlineData("2513260930")] // month 13
    [InlineData("2502300930")] // 30 February
    [InlineData("2511262460")] // hour 24
    [InlineData("25112609")] // too short
    [InlineData("25112609301")] // 11 digits
    [InlineData("25112609x0")]
    [InlineData("00001126093015")] // year 0
    public void ParseDate_Invalid_IsNull(string text) => Assert.Null(DeliveryReceiptParser.ParseDate(Encoding.ASCII.GetBytes(text)));

    [Fact]
    public void TryParse_TlvOnlyReceipt_UsesReceiptedIdAndMessageState()
    {
        var deliver = new SmppDeliverSm("32470123456", "1789", 0x04, 0, [], "1F2E", 5, [0x03, 0x00, 0x22]);
        Assert.True(DeliveryReceiptParser.TryParse(deliver, out var receipt));
        Assert.Equal("1F2E", receipt.MessageId);
        Assert.Equal(SmppReceiptState.Undeliverable, receipt.State);
        Assert.Equal("030022", receipt.Error);
    }

    [Fact]
    public void TryParse_TextAndTlvsDisagree_TlvsWin()
    {
        var text = Encoding.ASCII.GetBytes("id:1 stat:DELIVRD err:000");
        var deliver = new SmppDeliverSm("32470123456", "1789", 0x04, 0, text, "2", 8, null);
        Assert.True(DeliveryReceiptParser.TryParse(deliver, out var receipt));
        Assert.Equal("2", receipt.MessageId);
        Assert.Equal(SmppReceiptState.Rejected, receipt.State);
    }

    [Fact]
    public void TryParse_Ucs2Text_IsRead()
    {
        var text = Encoding.BigEndianUnicode.GetBytes("id:9 stat:DELIVRD err:000");
        var deliver = new SmppDeliverSm("32470123456", "1789", 0x04, 8, text, null, null, null);
        Assert.True(DeliveryReceiptParser.TryParse(deliver, out var receipt));
        Assert.Equal("9", receipt.MessageId);
        Assert.Equal(SmppReceiptState.Delivered, receipt.State);
    }
}
