using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace BeAlert.Cap.Tests.Properties;

/// <summary>
/// Each block reader (<see cref="CapPointBlocks"/>: AVX-512, AVX2) and the scalar point reader must read any polygon
/// text the same way: the same points, bit for bit, the same count and the same failure position, whatever the room in
/// the array. Each block reader the machine has is compared; one it lacks reads nothing, and
/// <see cref="BlockReader_TakesWellFormedBlocks_WhenSupported"/> says which case ran.
/// </summary>
public sealed class PointBlockProperties
{
    private static readonly string[] Junk = [",", ".", "-", "+", "e", "E5", " ", "\t", "x", "é", ";", "..", ",,", " ,", ", ", "0", "\u0000", "<"];

    /// <summary>A number as a polygon may write it: a sign or not, 0 to 18 whole digits (leading zeros too), a dot or not, 0 to 18 decimals.</summary>
    private static Gen<string> Numbers { get; } =
        from sign in Gen.Elements("", "", "", "-", "+")
        from whole in Gen.OneOf(Gen.Choose(0, 3), Gen.Choose(0, 18))
        from dot in Gen.Elements(true, true, true, false)
        from fraction in Gen.OneOf(Gen.Choose(0, 8), Gen.Choose(0, 18))
        from digits in Gen.ArrayOf(Gen.Choose(0, 9), whole + fraction)
        select sign + string.Concat(digits.Take(whole)) + (dot ? "." : "") + string.Concat(digits.Skip(whole));

    private static Gen<string> Blanks { get; } = Gen.OneOf(
        Gen.Elements(" ", " ", " ", "\n", "\r\n", "\t", "  \n\t "),
        Gen.Choose(1, 140).Select(n => new string(' ', n)));

    /// <summary>Point lists of 1 to 70 points, with a leading and trailing blank sometimes.</summary>
    private static Gen<string> PointLists { get; } =
        from count in Gen.Choose(1, 70)
        from points in Gen.ArrayOf(
            from latitude in Numbers
            from longitude in Numbers
            from blank in Blanks
            select $"{latitude},{longitude}{blank}",
            count)
        from lead in Gen.Elements("", "", " ", "\n  ", new string(' ', 70))
        from trim in Gen.Elements(true, false)
        let text = lead + string.Concat(points)
        select trim ? text.TrimEnd() : text;

    /// <summary>Point lists with one to three pieces of junk inserted anywhere.</summary>
    private static Gen<string> DamagedLists { get; } =
        from text in PointLists
        from damage in Gen.ArrayOf(Gen.Zip(Gen.Choose(0, 10_000), Gen.Elements(Junk)), 3)
        from used in Gen.Choose(1, 3)
        select damage.Take(used).Aggregate(text, (current, d) => current.Insert(d.Item1 % (current.Length + 1), d.Item2));

    [Property(MaxTest = 3000)]
    public Property BlockAndScalarReaders_Agree() =>
        Prop.ForAll(Arb.From(Gen.OneOf(PointLists, PointLists, DamagedLists)), Arb.From(Gen.Choose(0, 80)), (text, roomShort) =>
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            var commas = bytes.Count(b => b == (byte)',');
            var room = roomShort % 3 == 0 ? Math.Max(0, commas - (roomShort / 3)) : commas;
            var reference = Read(bytes, room, CapPointBlockKind.None);
            return Read(bytes, room, CapPointBlockKind.Avx512) == reference && Read(bytes, room, CapPointBlockKind.Avx2) == reference;
        });

    /// <summary>
    /// The parser runs the widest block reader the processor has (AVX-512 VBMI2 implies AVX2 on every x64 processor
    /// that has it): on this project's machine the AVX-512 one, and the AVX2 one when test.sh runs these tests again
    /// with DOTNET_EnableAVX512=0.
    /// </summary>
    [Fact]
    public void Best_IsTheWidestReaderTheProcessorHas()
    {
        var expected = System.Runtime.Intrinsics.X86.Avx512Vbmi2.IsSupported ? CapPointBlockKind.Avx512
            : System.Runtime.Intrinsics.X86.Avx2.IsSupported ? CapPointBlockKind.Avx2
            : CapPointBlockKind.None;
        Assert.Equal(expected, CapPointBlocks.Best);
        Assert.Equal(expected != CapPointBlockKind.None, CapPointBlocks.IsSupportedOn(CapPointBlocks.Best));
    }

    [Theory]
    [InlineData("Avx2")]
    [InlineData("Avx512")]
    public void BlockReader_TakesWellFormedBlocks_WhenSupported(string kindName)
    {
        var kind = Enum.Parse<CapPointBlockKind>(kindName);
        var text = Encoding.UTF8.GetBytes(string.Join(' ', Enumerable.Range(0, 400).Select(i => $"{50 + (i / 1000.0):0.00000},{4 + (i / 700.0):0.00000}")));
        var points = new CapPoint[400];
        var count = 0;
        var stop = CapPointBlocks.Read(text, 0, points, ref count, kind);
        if (CapPointBlocks.IsSupportedOn(kind))
        {
            // All but the last blocks' worth (the AVX2 reader keeps 80 bytes from the end), and every point as the
            // scalar reader gives it.
            Assert.InRange(count, 394, 400);
            Assert.InRange(stop, text.Length - 96, text.Length);
            var scalar = new CapPoint[400];
            CapPointText.ReadPoints(text, scalar, CapPointBlockKind.None, out _);
            Assert.Equal(scalar.AsSpan(0, count).ToArray(), points.AsSpan(0, count).ToArray());
        }
        else
        {
            Assert.Equal(0, stop);
            Assert.Equal(0, count);
        }
    }

    [Theory]
    [InlineData("-.5,.5 ", -0.5, 0.5)]
    [InlineData("-5,-.5 ", -5.0, -0.5)]
    [InlineData("1,2 ", 1.0, 2.0)]
    [InlineData("123456789012345,.123456789012345 ", 123456789012345.0, 0.123456789012345)]
    [InlineData("5.,-0 ", 5.0, -0.0)]
    [InlineData("+050.100,-000.0 ", 50.1, -0.0)]
    [InlineData("12345678901.2345,-1.23456789012345 ", 12345678901.2345, -1.23456789012345)]
    [InlineData("0.1,0.2 ", 0.1, 0.2)]
    [InlineData("12345678,-.12345678 ", 12345678.0, -0.12345678)]
    [InlineData("1234567.8,-99999999 ", 1234567.8, -99999999.0)]
    [InlineData("123456789,1 ", 123456789.0, 1.0)]
    [InlineData("50.93638,4.3500001 ", 50.93638, 4.3500001)]
    [InlineData("89.999999999999,-179.99999999999 ", 89.999999999999, -179.99999999999)]
    public void BlockReader_ReadsEdgeNumbers_AsTheScalarReader(string point, double latitude, double longitude)
    {
        // Repeated so that whole blocks hold it, at every alignment, by each block reader.
        foreach (var (kind, lead) in from k in new[] { CapPointBlockKind.Avx2, CapPointBlockKind.Avx512 } from l in new[] { "", " ", "  ", "   " } select (k, l))
        {
            var text = Encoding.UTF8.GetBytes(lead + string.Concat(Enumerable.Repeat(point, 40)));
            var points = new CapPoint[40];
            var count = 0;
            CapPointBlocks.Read(text, 0, points, ref count, kind);
            Assert.Equal(CapPointBlocks.IsSupportedOn(kind), count > 0);
            for (var i = 0; i < count; i++)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(latitude), BitConverter.DoubleToInt64Bits(points[i].Latitude));
                Assert.Equal(BitConverter.DoubleToInt64Bits(longitude), BitConverter.DoubleToInt64Bits(points[i].Longitude));
            }
        }
    }

    [Theory]
    [InlineData("1.2.3,4.5 ")]
    [InlineData("1,2,3 4,5 ")]
    [InlineData("1 2,3 ")]
    [InlineData("1,2 3 ")]
    [InlineData("1,,2 ")]
    [InlineData("1,2, ")]
    [InlineData("+-1,2 ")]
    [InlineData("1,2- ")]
    [InlineData("1234567890123456,4.5 ")]
    [InlineData("12345678.12345678,4.5 ")]
    [InlineData("-,4.5 ")]
    [InlineData(".,4.5 ")]
    [InlineData("1-2,4.5 ")]
    [InlineData("1 ,4.5 ")]
    [InlineData("1,4.5,6 ")]
    public void BlockReader_LeavesWhatItCannotProve_ToTheScalarReader(string bad)
    {
        // Good points, then the bad one inside a block: each block reader stops before the block that holds it, and the
        // scalar reader reads the rest the same way in every case.
        var good = string.Concat(Enumerable.Repeat("50.85,4.35 ", 12));
        var text = Encoding.UTF8.GetBytes(good + bad + good);
        foreach (var kind in new[] { CapPointBlockKind.Avx2, CapPointBlockKind.Avx512 })
        {
            var points = new CapPoint[30];
            var count = 0;
            var stop = CapPointBlocks.Read(text, 0, points, ref count, kind);
            Assert.True(stop <= good.Length, $"{kind} stopped at {stop}, after the bad point at {good.Length}");
            Assert.Equal(Read(text, 30, CapPointBlockKind.None), Read(text, 30, kind));
        }
    }

    /// <summary>What a read gives, as text: count, failure position and every point's bits.</summary>
    private static string Read(byte[] text, int room, CapPointBlockKind blocks)
    {
        var points = new CapPoint[room];
        var count = CapPointText.ReadPoints(text, points, blocks, out var failedAt);
        var bits = points.Take(count).Select(p => $"{BitConverter.DoubleToInt64Bits(p.Latitude):x}/{BitConverter.DoubleToInt64Bits(p.Longitude):x}");
        return $"{count} {failedAt} {string.Join(' ', bits)}";
    }
}
