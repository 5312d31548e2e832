using System.Globalization;
using System.Text;
using BeAlert.Dispatch.Smpp;

namespace BeAlert.Dispatch.Tests.Transports.Smpp;

public sealed class SmppReceiptTrackerTests
{
    private static readonly DeliveryKey Key = new(SmppTestSupport.CampaignId, 1);

    [Theory]
    [InlineData("3039", "12345")] // hex id, decimal receipt
    [InlineData("12345", "3039")] // decimal id, hex receipt (no decimal id "3039" tracked)
    [InlineData("00ab12", "AB12")] // zero padding and case
    [InlineData("AB12", "0000ab12")]
    [InlineData("msg-7", "MSG-7")]
    public void TryMatch_IdWrittenDifferently_Matches(string submitted, string inReceipt)
    {
        var tracker = new SmppReceiptTracker(10);
        Assert.True(tracker.Track(Key, [submitted]));
        Assert.True(tracker.TryMatch(inReceipt, out var delivery));
        Assert.Equal(Key, delivery.Key);
    }

    [Fact]
    public void TryMatch_UnknownId_DoesNotMatch()
    {
        var tracker = new SmppReceiptTracker(10);
        tracker.Track(Key, ["1A"]);
        Assert.False(tracker.TryMatch("1B", out _));
    }

    [Fact]
    public void PartDelivered_ThreeParts_FinalOnlyAtTheLast()
    {
        var tracker = new SmppReceiptTracker(10);
        tracker.Track(Key, ["1", "2", "3"]);
        Assert.True(tracker.TryMatch("2", out var delivery));
        Assert.False(delivery.PartDelivered());
        Assert.False(delivery.PartDelivered());
        Assert.True(delivery.PartDelivered());
        Assert.False(delivery.Fail());
        tracker.Forget(delivery);
        Assert.Equal(0, tracker.Count);
    }

    [Fact]
    public void Track_BeyondCapacity_ReturnsFalse()
    {
        var tracker = new SmppReceiptTracker(2);
        Assert.True(tracker.Track(Key, ["1", "2"]));
        Assert.False(tracker.Track(Key with { Sequence = 2 }, ["3"]));
    }

    /// <summary>
    /// The issue's measured behaviour: one million receipts in the forms SMSCs send (the id in hex or in decimal,
    /// zero-padded or not, lower or upper case; 10- or 12-digit dates; TLV-only receipts) are matched to their
    /// submissions at 99.99 % or better. The receipts are written by this test from the submitted ids, not by the code
    /// under test; the SMSC's ids are a mix of hex counters and decimal numbers, like real SMSCs'.
    /// </summary>
    [Fact]
    public void ParseAndMatch_OneMillionReceiptsInRealFormats_AtLeast9999PerCentMatched()
    {
        const int Count = 1_000_000;
        var random = new Random(20261126);
        var tracker = new SmppReceiptTracker(Count);
        var ids = new string[Count];
        for (var i = 0; i < Count; i++)
        {
            // Half the SMSC ids are 8-hex-digit counters, half 10-digit decimals.
            ids[i] = i % 2 == 0
                ? (0x5F000000u + (uint)i).ToString("X8", CultureInfo.InvariantCulture)
                : (4_000_000_000L + i).ToString(CultureInfo.InvariantCulture);
            tracker.Track(new DeliveryKey(SmppTestSupport.CampaignId, i), [ids[i]]);
        }

        var matched = 0;
        var wrongKey = 0;
        var buffer = new byte[256];
        for (var i = 0; i < Count; i++)
        {
            var id = ids[i];
            var value = ulong.Parse(id, i % 2 == 0 ? NumberStyles.AllowHexSpecifier : NumberStyles.None, CultureInfo.InvariantCulture);
            var form = random.Next(6);
            var written = form switch
            {
                0 => id,
                1 => value.ToString(CultureInfo.InvariantCulture), // decimal form of the value
                2 => value.ToString("x", CultureInfo.InvariantCulture), // lower-case hex
                3 => id.PadLeft(12, '0'),
                4 => value.ToString("X", CultureInfo.InvariantCulture).PadLeft(10, '0'),
                _ => id,
            };
            var done = new DateTime(2025, 11, 26, 0, 0, 0, DateTimeKind.Utc).AddSeconds(random.Next(86_400 * 30));
            var stat = random.Next(20) == 0 ? "UNDELIV" : "DELIVRD";
            SmppReceipt receipt;
            if (form == 5)
            {
                var deliver = new SmppDeliverSm("32470000000", "1789", 0x04, 0, [], written, (byte)(stat == "DELIVRD" ? 2 : 5), null);
                Assert.True(DeliveryReceiptParser.TryParse(deliver, out receipt));
            }
            else
            {
                var date = random.Next(2) == 0 ? done.ToString("yyMMddHHmm", CultureInfo.InvariantCulture) : done.ToString("yyMMddHHmmss", CultureInfo.InvariantCulture);
                var text = $"id:{written} sub:001 dlvrd:{(stat == "DELIVRD" ? "001" : "000")} submit date:{date} done date:{date} stat:{stat} err:000 text:BE-Alert";
                var length = Encoding.ASCII.GetBytes(text, buffer);
                if (!DeliveryReceiptParser.TryParseText(buffer.AsSpan(0, length), out receipt))
                {
                    continue;
                }
            }

            if (tracker.TryMatch(receipt.MessageId, out var delivery))
            {
                if (delivery.Key.Sequence == i)
                {
                    matched++;
                }
                else
                {
                    wrongKey++;
                }
            }
        }

        Assert.Equal(0, wrongKey);
        Assert.True(matched >= Count * 0.9999, $"{matched} of {Count} receipts matched");
    }
}
