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
    /// The parser runs a block reader the processor has, and the widest: the AVX-512 one on this project's machine, the
    /// AVX2 one when test.sh runs these tests again with DOTNET_EnableAVX512=0.
    /// </summary>
    [Fact]
    public void Best_IsTheWidestReaderTheProcessorHas()
    {
        var best = CapPointBlocks.Best;
        Assert.True(best == CapPointBlockKind.None || CapPointBlocks.IsSupportedOn(best), $"{best} is not supported here");
        if (CapPointBlocks.IsSupportedOn(CapPointBlockKind.Avx512))
        {
            Assert.Equal(CapPointBlockKind.Avx512, best);
        }
        else if (CapPointBlocks.IsSupportedOn(CapPointBlockKind.Avx2))
        {
            Assert.Equal(CapPointBlockKind.Avx2, best);
        }
        else
        {
            Assert.Equal(CapPointBlockKind.None, best);
        }

        // An x64 processor with AVX2 has BMI1, LZCNT and POPCNT too: such a machine always gets a block reader.
        Assert.True(!System.Runtime.Intrinsics.X86.Avx2.IsSupported || best != CapPointBlockKind.None);
    }

    /// <summary>
    /// No reader looks past the text's end: each text ends at the last byte before a page that may not be read (a
    /// read there kills the test run), at every length from 1 to 320 bytes and for every reader; the polygon text is
    /// a slice of the document in the parser, so a read past it would read another element's bytes.
    /// </summary>
    [Fact]
    public void Readers_NeverReadPastTheText()
    {
        Assert.True(OperatingSystem.IsLinux(), "this test maps a guard page with Linux mmap");
        var page = Environment.SystemPageSize;
        var memory = Mmap(0, (nuint)(2 * page), ProtRead | ProtWrite, MapPrivate | MapAnonymous, -1, 0);
        Assert.NotEqual(-1, memory);
        try
        {
            Assert.Equal(0, Mprotect(memory + page, (nuint)page, ProtNone));
            var points = string.Concat(Enumerable.Range(0, 40).Select(i => $"{50 + (i / 1000.0):0.00000},-{4 + (i / 700.0):0.0000000} "));
            ref var origin = ref System.Runtime.CompilerServices.Unsafe.AddByteOffset(ref System.Runtime.CompilerServices.Unsafe.NullRef<byte>(), memory);
            var whole = System.Runtime.InteropServices.MemoryMarshal.CreateSpan(ref origin, page);
            for (var length = 1; length <= 320; length++)
            {
                var text = Encoding.UTF8.GetBytes(points[..length]);
                text.CopyTo(whole[(page - length)..]);
                ReadOnlySpan<byte> guarded = whole[(page - length)..];
                var expected = Read(text, 40, CapPointBlockKind.None);
                foreach (var kind in new[] { CapPointBlockKind.None, CapPointBlockKind.Avx2, CapPointBlockKind.Avx512 })
                {
                    var read = new CapPoint[40];
                    var count = CapPointText.ReadPoints(guarded, read, kind, out var failedAt);
                    Assert.Equal(expected, Describe(read, count, failedAt));
                }
            }
        }
        finally
        {
            Assert.Equal(0, Munmap(memory, (nuint)(2 * page)));
        }
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
    [InlineData("-123456789012345,+123456789012345. ", -123456789012345.0, 123456789012345.0)]
    [InlineData("000000000000001,-0.0000000000001 ", 1.0, -0.0000000000001)]
    [InlineData("+.5,-0. ", 0.5, -0.0)]
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
    [InlineData("3 1,2 ")]
    [InlineData("1,,2 ")]
    [InlineData("1,2, ")]
    [InlineData("+-1,2 ")]
    [InlineData("1,2- ")]
    [InlineData("-1234567890123456,1 ")]
    [InlineData("1234567890123456.,1 ")]
    [InlineData(".1234567890123456,1 ")]
    [InlineData("+.,1 ")]
    [InlineData("-.,1 ")]
    [InlineData("1..2,3 ")]
    [InlineData("1,2,,3 ")]
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
        // The bad point at every offset of a block (leads of 0 to 63 blanks), touching its end and split across two.
        foreach (var (kind, lead) in from k in new[] { CapPointBlockKind.Avx2, CapPointBlockKind.Avx512 } from l in Enumerable.Range(0, 64) select (k, l))
        {
            var good = new string(' ', lead) + string.Concat(Enumerable.Repeat("50.85,4.35 ", 12));
            var text = Encoding.UTF8.GetBytes(good + bad + good);
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
        return Describe(points, count, failedAt);
    }

    private static string Describe(CapPoint[] points, int count, int failedAt)
    {
        var bits = points.Take(count).Select(p => $"{BitConverter.DoubleToInt64Bits(p.Latitude):x}/{BitConverter.DoubleToInt64Bits(p.Longitude):x}");
        return $"{count} {failedAt} {string.Join(' ', bits)}";
    }

    private const int ProtNone = 0;
    private const int ProtRead = 1;
    private const int ProtWrite = 2;
    private const int MapPrivate = 0x02;
    private const int MapAnonymous = 0x20;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "mmap", SetLastError = true)]
    private static extern nint Mmap(nint address, nuint length, int protection, int flags, int descriptor, nint offset);

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "mprotect", SetLastError = true)]
    private static extern int Mprotect(nint address, nuint length, int protection);

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "munmap", SetLastError = true)]
    private static extern int Munmap(nint address, nuint length);
}
