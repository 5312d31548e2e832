using BeAlert.TestUtils;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace BeAlert.Cap.Tests.Properties;

/// <summary>Arbitrary and mutated bytes end in a document (with diagnostics) or a CapParseException, never anything else.</summary>
public sealed class HostileBytesProperties
{
    private static readonly byte[] Seed = CapWriter.WriteToBytes(CapGenerators.Alert.Sample(10, 1)[0]);

    private static bool ParsesOrFailsCleanly(byte[] bytes, CapParser parser)
    {
        try
        {
            var document = parser.Parse(bytes);
            _ = CapValidator.Default.Validate(document);
            return true;
        }
        catch (CapParseException e)
        {
            return e.Code.StartsWith("CAP00", StringComparison.Ordinal);
        }
    }

    [Property(MaxTest = 500)]
    public Property ArbitraryBytes_ParseOrFailCleanly() =>
        Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), bytes => ParsesOrFailsCleanly(bytes, CapParser.Default));

    [Property(MaxTest = 500)]
    public Property MutatedAlerts_ParseOrFailCleanly_InBothModes() =>
        Prop.ForAll(Arb.From(Mutations), mutate =>
        {
            var bytes = mutate(Seed);
            return ParsesOrFailsCleanly(bytes, CapParser.Default) && ParsesOrFailsCleanly(bytes, CapParser.Lenient);
        });

    /// <summary>Byte flips, deletions, duplications and insertions of XML-significant bytes, one to eight of them.</summary>
    private static Gen<Func<byte[], byte[]>> Mutations { get; } =
        from steps in Gen.Choose(1, 8)
        from edits in Edit.ArrayOf(steps)
        select (Func<byte[], byte[]>)(bytes => edits.Aggregate(bytes, (b, edit) => edit(b)));

    private static Gen<Func<byte[], byte[]>> Edit { get; } =
        from kind in Gen.Choose(0, 3)
        from position in Gen.Choose(0, int.MaxValue)
        from length in Gen.Choose(1, 64)
        from value in Gen.Elements((byte)'<', (byte)'>', (byte)'/', (byte)'&', (byte)'"', (byte)'=', (byte)0, (byte)0xFF, (byte)0xC3, (byte)'x', (byte)' ', (byte)';')
        select (Func<byte[], byte[]>)(bytes =>
        {
            if (bytes.Length == 0)
            {
                return [value];
            }

            var at = position % bytes.Length;
            var n = Math.Min(length, bytes.Length - at);
            return kind switch
            {
                0 => [.. bytes[..at], value, .. bytes[(at + 1)..]],
                1 => [.. bytes[..at], .. bytes[(at + n)..]],
                2 => [.. bytes[..(at + n)], .. bytes[at..]],
                _ => [.. bytes[..at], value, .. bytes[at..]],
            };
        });
}
