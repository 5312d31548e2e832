using System.Buffers;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace BeAlert.Dispatch.Tests.Storage.Sqlite;

public sealed class PlanSegmentCodecTests
{
    private static Gen<string> Text { get; } = Gen.OneOf(
        ArbMap.Default.GeneratorFor<string>().Where(s => s is not null && s.Length < 100),
        Gen.Choose(0, 999_999_999).Select(i => "+32" + i),
        Gen.Choose(0, 99_999).Select(i => "0" + i),
        Gen.Elements("nl", "fr", "de", "en", ""));

    private static Gen<PlannedDelivery[]> Deliveries { get; } =
        from count in Gen.Choose(1, 60)
        from items in (
            from channel in Gen.Elements(Enum.GetValues<DeliveryChannel>())
            from recipient in ArbMap.Default.GeneratorFor<long>()
            from destination in Text
            from language in Text
            from nis in ArbMap.Default.GeneratorFor<int>()
            select (channel, recipient, destination, language, nis)).ArrayOf(count)
        select items.Select((x, i) => new PlannedDelivery(1000 + i, x.channel, x.recipient, x.destination, x.language, x.nis))
            .Where(d => System.Text.Encoding.UTF8.GetByteCount(d.Destination) <= PlanSegmentCodec.MaxDestinationBytes
                && System.Text.Encoding.UTF8.GetByteCount(d.Language) <= PlanSegmentCodec.MaxLanguageBytes)
            .Select((d, i) => d with { Sequence = 1000 + i })
            .ToArray();

    [Property(MaxTest = 300)]
    public Property EncodeThenDecode_ReturnsTheDeliveries() =>
        Prop.ForAll(Arb.From(Deliveries), deliveries =>
        {
            var decoded = new List<PlannedDelivery>();
            PlanSegmentCodec.Decode(Encode(deliveries), 1000, deliveries.Length, decoded);
            return decoded.SequenceEqual(deliveries);
        });

    [Property(MaxTest = 500)]
    public Property ArbitraryBytes_DecodeOrInvalidData() =>
        Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), Gen.Choose(0, 5).ToArbitrary(), (bytes, count) =>
        {
            try
            {
                PlanSegmentCodec.Decode(bytes ?? [], 0, count, []);
                return true;
            }
            catch (InvalidDataException)
            {
                return true;
            }
        });

    [Property(MaxTest = 300)]
    public Property TruncatedOrFlippedSegments_DecodeOrInvalidData() =>
        Prop.ForAll(Arb.From(Deliveries), Gen.Choose(0, int.MaxValue).ToArbitrary(), (deliveries, cut) =>
        {
            var bytes = Encode(deliveries);
            var damaged = bytes.AsSpan(0, cut % bytes.Length).ToArray();
            var flipped = bytes.ToArray();
            flipped[cut % flipped.Length] ^= 0xFF;
            foreach (var blob in new[] { damaged, flipped })
            {
                try
                {
                    PlanSegmentCodec.Decode(blob, 1000, deliveries.Length, []);
                }
                catch (InvalidDataException)
                {
                }
            }

            return true;
        });

    [Fact]
    public void Encode_PhoneNumbers_TakeAboutHalfABytePerDigit()
    {
        var deliveries = Enumerable.Range(0, 1000)
            .Select(i => new PlannedDelivery(i, DeliveryChannel.Sms, 5_000_000 + i, "+32470" + (100_000 + i), "nl", 44021))
            .ToArray();

        var bytes = Encode(deliveries);

        // channel 1 + recipient delta 1 + kind 1 + digit count 1 + 11 digits in 6 + language 1 + NIS 3 = 14 bytes
        Assert.InRange(bytes.Length, 13 * 1000, 15 * 1000);
    }

    private static byte[] Encode(PlannedDelivery[] deliveries)
    {
        var buffer = new ArrayBufferWriter<byte>();
        PlanSegmentCodec.Encode(deliveries, buffer, new Dictionary<string, int>(StringComparer.Ordinal));
        return buffer.WrittenSpan.ToArray();
    }
}
