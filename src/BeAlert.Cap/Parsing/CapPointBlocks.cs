using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace BeAlert.Cap;

/// <summary>
/// Reads a polygon's points a 64-byte block at a time, for <see cref="CapPointText"/>: with AVX-512 (VBMI, VBMI2) where
/// the machine has it, else with AVX2 (<see cref="ReadAvx2"/>). It takes only what it can prove well-formed and leaves
/// everything else, at a point boundary, to the scalar reader, which stays the reference: they give the same points,
/// bit for bit, and the same failures (a property test compares each block reader with it).
/// </summary>
/// <remarks>
/// <para>
/// One block: byte classes become 64-bit masks (digit, dot, comma, sign, blank, anything else); numbers are the runs of
/// digits, dots and signs, so their starts and ends are bit tricks, and the complete points of the block are checked in
/// a few mask operations: nothing else than these bytes, a comma right after every latitude and right before every
/// longitude, signs only at a number's start, at most one dot per number (the run after a dot, found with one
/// carry-propagating addition, holds no dot). Compressing the positions where each number's digits start, where its
/// whole digits stop and where it ends gives every number's offset and digit counts in one vector, in number order.
/// </para>
/// <para>
/// Then one byte permutation puts each number's digits, right-aligned, in a lane of its own (the dot skipped): 8 bytes
/// when every number of the block has at most 8 digits (eight numbers at a time), else 16 (four at a time). The classic
/// multiply-add ladder (10, 100, 10,000, then 10^8) turns each lane into its integer mantissa. At most 15 digits make
/// the mantissa and the power of ten exact doubles, so one IEEE division rounds correctly (Clinger's fast path, as the
/// scalar reader). Numbers of 16 digits or more, or none, stop the block.
/// </para>
/// <para>
/// The scalar reader is bound by one load, test and multiply-add per digit; on the benchmark alert's polygons this
/// reader takes about half its time (docs/architecture.md, "CAP parse: polygons read 64 bytes at a time").
/// </para>
/// </remarks>
internal static partial class CapPointBlocks
{
    private const ulong Latitudes = 0x5555_5555_5555_5555;
    private const ulong Longitudes = 0xAAAA_AAAA_AAAA_AAAA;

    /// <summary>The block reader this machine runs: AVX-512 where it has the instructions, else AVX2, else none.</summary>
    internal static CapPointBlockKind Best { get; } =
        IsSupportedOn(CapPointBlockKind.Avx512) ? CapPointBlockKind.Avx512
        : IsSupportedOn(CapPointBlockKind.Avx2) ? CapPointBlockKind.Avx2
        : CapPointBlockKind.None;

    /// <summary>
    /// Whether this machine has the instructions of one block reader: AVX-512 F, BW, DQ, VL, VBMI, VBMI2 with BMI1/2 and
    /// POPCNT; or AVX2 with BMI1, LZCNT and POPCNT (no <c>pdep</c>: it is slow on AMD before Zen 3).
    /// </summary>
    internal static bool IsSupportedOn(CapPointBlockKind kind) => kind switch
    {
        CapPointBlockKind.Avx512 => Avx512BW.IsSupported && Avx512DQ.VL.IsSupported && Avx512Vbmi.IsSupported
            && Avx512Vbmi2.IsSupported && Bmi1.X64.IsSupported && Bmi2.X64.IsSupported && Popcnt.X64.IsSupported,
        CapPointBlockKind.Avx2 => Avx2.IsSupported && Bmi1.X64.IsSupported && Lzcnt.X64.IsSupported && Popcnt.X64.IsSupported,
        _ => false,
    };

    private static readonly Vector512<byte> Positions = Vector512.Create(
        (byte)0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31,
        32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63);

    /// <summary>
    /// Reads whole points from <paramref name="start"/>, a point boundary (the start of the text, or a blank after a
    /// point), into <paramref name="points"/> from <paramref name="count"/>, while whole 64-byte blocks remain and hold
    /// well-formed points; returns the boundary where it stopped, for the scalar reader to go on from.
    /// </summary>
    internal static int Read(ReadOnlySpan<byte> text, int start, CapPoint[] points, ref int count) =>
        Read(text, start, points, ref count, Best);

    /// <summary>
    /// <see cref="Read(ReadOnlySpan{byte}, int, CapPoint[], ref int)"/> with a given block reader (tests run each one the
    /// machine has); one the machine lacks reads nothing. Never inlined: it runs once per stretch of blocks, and inlined
    /// into the point loop it used up the inlining budget that the scalar number reader needs (without AVX-512 the
    /// polygon read was 1.5 times slower).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static int Read(ReadOnlySpan<byte> text, int start, CapPoint[] points, ref int count, CapPointBlockKind kind) =>
        kind == CapPointBlockKind.Avx512 && IsSupportedOn(CapPointBlockKind.Avx512) ? ReadAvx512(text, start, points, ref count)
        : kind == CapPointBlockKind.Avx2 && IsSupportedOn(CapPointBlockKind.Avx2) ? ReadAvx2(text, start, points, ref count)
        : start;

    private static int ReadAvx512(ReadOnlySpan<byte> text, int start, CapPoint[] points, ref int count)
    {
        ref var first = ref MemoryMarshal.GetReference(text);
        ref var output = ref Unsafe.As<CapPoint, double>(ref MemoryMarshal.GetArrayDataReference(points));
        var room = points.Length - count;
        var p = start;
        while (p <= text.Length - 64 && room > 0)
        {
            var block = Vector512.LoadUnsafe(ref first, (nuint)p);
            var masks = new Masks(block);
            var pairs = Math.Min((int)(Popcnt.X64.PopCount(masks.Ends) / 2), room);
            if (pairs == 0)
            {
                if (masks.Blank == ulong.MaxValue)
                {
                    p += 64;
                    continue;
                }

                return p;
            }

            // The block's complete points end at the last longitude's end; the byte after it is part of the check.
            var latitudeEnds = Bmi2.X64.ParallelBitDeposit(Latitudes, masks.Ends);
            var longitudeEnds = Bmi2.X64.ParallelBitDeposit(Longitudes, masks.Ends);
            var last = (int)Bmi1.X64.TrailingZeroCount(Bmi2.X64.ParallelBitDeposit(1UL << (pairs - 1), longitudeEnds));
            var region = (2UL << (last + 1)) - 1;
            if (!masks.ArePoints(region, latitudeEnds))
            {
                return p;
            }

            var numbers = pairs * 2;
            if (!Convert(block, masks, region, numbers, ref Unsafe.Add(ref output, count * 2)))
            {
                return p;
            }

            count += pairs;
            room -= pairs;
            p += last + 1;
        }

        return p;
    }

    /// <summary>
    /// Converts the first <paramref name="numbers"/> numbers of the block (whole points, checked) into doubles at
    /// <paramref name="destination"/>; false, with nothing written, when one has no digit or more than 15.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Convert(Vector512<byte> block, in Masks masks, ulong region, int numbers, ref double destination)
    {
        // Per number, in number order: where its digits start (after a sign), where its whole digits stop (its dot, or
        // its end + 1), where it ends, and whether it is negative.
        var starts = masks.Starts & region;
        var whole = masks.Digit & ~masks.Fraction;
        var body = (starts & ~masks.Sign) | ((starts & masks.Sign) << 1);
        var split = (whole + body) & ~whole;
        var offsets = Avx512Vbmi2.Compress(Vector512<byte>.Zero, ToVector(body), Positions);
        var splits = Avx512Vbmi2.Compress(Vector512<byte>.Zero, ToVector(split), Positions);
        var ends = Avx512Vbmi2.Compress(Vector512<byte>.Zero, ToVector(masks.Ends & region), Positions);
        var negatives = Avx512Vbmi2.Compress(Vector512<byte>.Zero, ToVector(starts), Vector512.Equals(block, Vector512.Create((byte)'-')) & Vector512<byte>.One);
        var wholeDigits = splits - offsets;
        var fractionDigits = Avx512BW.SubtractSaturate(ends, splits);
        var digits = wholeDigits + fractionDigits;
        var bad = Vector512.GreaterThanOrEqual(digits - Vector512<byte>.One, Vector512.Create((byte)15)).ExtractMostSignificantBits();
        if ((bad & ((1UL << numbers) - 1)) != 0)
        {
            return false;
        }

        var scale = fractionDigits | (negatives << 4);
        var values = block - Vector512.Create((byte)'0');
        var wide = Vector512.GreaterThan(digits, Vector512.Create((byte)8)).ExtractMostSignificantBits();
        if ((wide & ((1UL << numbers) - 1)) == 0)
        {
            EightDigitLanes(values, offsets, wholeDigits, digits, scale, numbers, ref destination);
        }
        else
        {
            SixteenDigitLanes(values, offsets, wholeDigits, digits, scale, numbers, ref destination);
        }

        return true;
    }

    /// <summary>
    /// Numbers of at most 8 digits, eight at a time: lane j (8 bytes) of a group takes number g + j. Output byte k holds
    /// digit t = k - lead (lead = 8 - digits), found at offset + t, one byte further from the dot on; bytes before the
    /// lead are zero. Each lane's mantissa fits 32 bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void EightDigitLanes(
        Vector512<byte> values, Vector512<byte> offsets, Vector512<byte> wholeDigits, Vector512<byte> digits, Vector512<byte> scale, int numbers, ref double destination)
    {
        var lead = Vector512.Create((byte)8) - digits;
        var shift = offsets - lead;
        var dotAt = lead + wholeDigits;
        var within = Positions & Vector512.Create((byte)7);
        var select = Positions >>> 3;
        var next = Positions;
        for (var g = 0; g < numbers; g += 8)
        {
            var laneDigits = GatherDigits(values, shift, dotAt, lead, within, select);
            var groupScale = Avx512F.ConvertToVector512UInt64(Avx512Vbmi.PermuteVar64x8(scale, next).GetLower().GetLower());
            select += Vector512.Create((byte)8);
            next += Vector512.Create((byte)8);

            // Per 128-bit lane: two numbers' halves of four digits, packed, joined by 10,000: dwords 0 and 1.
            var twos = Avx512BW.MultiplyAddAdjacent(laneDigits, Vector512.Create((ushort)0x010A).AsSByte());
            var fours = Avx512BW.MultiplyAddAdjacent(twos, Vector512.Create(0x0001_0064).AsInt16());
            var packed = Avx512BW.PackUnsignedSaturate(fours, fours).AsInt16();
            var eights = Avx512BW.MultiplyAddAdjacent(packed, Vector512.Create(0x0001_2710).AsInt16()).AsUInt32();
            var mantissas = Avx512F.PermuteVar16x32(eights, Vector512.Create(0u, 1, 4, 5, 8, 9, 12, 13, 0, 1, 4, 5, 8, 9, 12, 13)).GetLower();
            var result = Avx512F.ConvertToVector512Double(mantissas) / Divisors(groupScale);
            ref var target = ref Unsafe.Add(ref destination, g);
            var left = numbers - g;
            if (left >= 8)
            {
                result.StoreUnsafe(ref target);
            }
            else if (left >= 4)
            {
                result.GetLower().StoreUnsafe(ref target);
                if (left == 6)
                {
                    result.GetUpper().GetLower().StoreUnsafe(ref Unsafe.Add(ref target, 4));
                }
            }
            else
            {
                result.GetLower().GetLower().StoreUnsafe(ref target);
            }
        }
    }

    /// <summary>
    /// Numbers of up to 15 digits, four at a time: lane j (16 bytes) of a group takes number g + j, laid out as in
    /// <see cref="EightDigitLanes"/> with lead = 16 - digits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SixteenDigitLanes(
        Vector512<byte> values, Vector512<byte> offsets, Vector512<byte> wholeDigits, Vector512<byte> digits, Vector512<byte> scale, int numbers, ref double destination)
    {
        var lead = Vector512.Create((byte)16) - digits;
        var shift = offsets - lead;
        var dotAt = lead + wholeDigits;
        var within = Positions & Vector512.Create((byte)15);
        var select = Positions >>> 4;
        var next = Positions;
        for (var g = 0; g < numbers; g += 4)
        {
            var laneDigits = GatherDigits(values, shift, dotAt, lead, within, select);
            var groupScale = Avx512F.ConvertToVector512UInt64(Avx512Vbmi.PermuteVar64x8(scale, next).GetLower().GetLower());
            select += Vector512.Create((byte)4);
            next += Vector512.Create((byte)4);
            var result = Mantissas(laneDigits) / Divisors(groupScale).GetLower();
            ref var target = ref Unsafe.Add(ref destination, g);
            if (numbers - g >= 4)
            {
                result.StoreUnsafe(ref target);
            }
            else
            {
                result.GetLower().StoreUnsafe(ref target);
            }
        }
    }

    /// <summary>
    /// The digits of a group's numbers, each right-aligned in its lane, the dot skipped, zeros before: lane byte k
    /// (<paramref name="within"/>) takes byte offset + k - lead of the block, one further from the dot on.
    /// <paramref name="select"/> picks each lane's number from the per-number vectors.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<byte> GatherDigits(
        Vector512<byte> values, Vector512<byte> shift, Vector512<byte> dotAt, Vector512<byte> lead, Vector512<byte> within, Vector512<byte> select)
    {
        var at = within + Avx512Vbmi.PermuteVar64x8(shift, select);
        at = Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(within, Avx512Vbmi.PermuteVar64x8(dotAt, select)), at + Vector512<byte>.One, at);
        return Vector512.ConditionalSelect(
            Vector512.GreaterThanOrEqual(within, Avx512Vbmi.PermuteVar64x8(lead, select)), Avx512Vbmi.PermuteVar64x8(values, at), Vector512<byte>.Zero);
    }

    /// <summary>Four lanes of 16 right-aligned digits (values 0 to 9) as exact doubles.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Mantissas(Vector512<byte> laneDigits)
    {
        var twos = Avx512BW.MultiplyAddAdjacent(laneDigits, Vector512.Create((ushort)0x010A).AsSByte());
        var fours = Avx512BW.MultiplyAddAdjacent(twos, Vector512.Create(0x0001_0064).AsInt16());
        var packed = Avx512BW.PackUnsignedSaturate(fours, fours).AsInt16();
        var eights = Avx512BW.MultiplyAddAdjacent(packed, Vector512.Create(0x0001_2710).AsInt16()).AsUInt64();
        var sixteens = Avx512F.Multiply(eights.AsUInt32(), Vector512.Create(100_000_000UL).AsUInt32()) + (eights >>> 32);
        var four = Avx512F.PermuteVar8x64(sixteens, Vector512.Create(0UL, 2, 4, 6, 0, 2, 4, 6)).GetLower();
        return Avx512DQ.VL.ConvertToVector256Double(four);
    }

    /// <summary>10^f for each of eight scales (f in the low four bits), negative where bit 4 is set.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Divisors(Vector512<ulong> scales)
    {
        var low = Vector512.Create(1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7);
        var high = Vector512.Create(1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15);
        var powers = Avx512F.PermuteVar8x64x2(low, (scales & Vector512.Create(15UL)).AsInt64(), high);
        return (powers.AsUInt64() ^ ((scales >>> 4) << 63)).AsDouble();
    }

    /// <summary>A byte mask per set bit: byte i is 0xFF when bit i of <paramref name="bits"/> is set.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<byte> ToVector(ulong bits)
    {
        var spread = Avx512Vbmi.PermuteVar64x8(Vector512.Create(bits).AsByte(), Positions >>> 3);
        return ~Vector512.Equals(spread & Vector512.Create(0x8040_2010_0804_0201UL).AsByte(), Vector512<byte>.Zero);
    }

    /// <summary>The byte classes of one block as bit masks (bit i for byte i).</summary>
    private readonly struct Masks
    {
        /// <summary>
        /// The masks of one 64-byte block. The digit and blank compares are written out here rather than taken from
        /// <see cref="CapByteClasses"/> (which the 32-byte paths use): through a 64-byte helper the JIT ordered the
        /// compares worse and the large alert took 2.6–3.3% longer (cap-ab, 20 pairs; the same build against itself 1.005).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Masks(Vector512<byte> block)
            : this(
                Vector512.LessThanOrEqual(block - Vector512.Create((byte)'0'), Vector512.Create((byte)9)).ExtractMostSignificantBits(),
                Vector512.Equals(block, Vector512.Create((byte)'.')).ExtractMostSignificantBits(),
                Vector512.Equals(block, Vector512.Create((byte)',')).ExtractMostSignificantBits(),
                Vector512.Equals(block, Vector512.Create((byte)'-')).ExtractMostSignificantBits(),
                Vector512.Equals(block, Vector512.Create((byte)'+')).ExtractMostSignificantBits(),
                (Vector512.Equals(block, Vector512.Create((byte)' ')) | Vector512.Equals(block, Vector512.Create((byte)'\n'))
                    | Vector512.Equals(block, Vector512.Create((byte)'\r')) | Vector512.Equals(block, Vector512.Create((byte)'\t')))
                    .ExtractMostSignificantBits())
        {
        }

        /// <summary>The masks of a block read as two 32-byte halves.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Masks(Vector256<byte> low, Vector256<byte> high)
            : this(
                Join(CapByteClasses.Digits(low), CapByteClasses.Digits(high)),
                Join(Vector256.Equals(low, Vector256.Create((byte)'.')), Vector256.Equals(high, Vector256.Create((byte)'.'))),
                Join(Vector256.Equals(low, Vector256.Create((byte)',')), Vector256.Equals(high, Vector256.Create((byte)','))),
                Join(Vector256.Equals(low, Vector256.Create((byte)'-')), Vector256.Equals(high, Vector256.Create((byte)'-'))),
                Join(Vector256.Equals(low, Vector256.Create((byte)'+')), Vector256.Equals(high, Vector256.Create((byte)'+'))),
                Join(CapByteClasses.Blanks(low), CapByteClasses.Blanks(high)))
        {
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private Masks(ulong digit, ulong dot, ulong comma, ulong minus, ulong plus, ulong blank)
        {
            Digit = digit;
            Dot = dot;
            Comma = comma;
            Minus = minus;
            Sign = minus | plus;
            Blank = blank;
            var number = Digit | Dot | Sign;
            Number = number;
            Other = ~(number | Comma | Blank);
            Starts = number & ~(number << 1);

            // A number that reaches the last byte may go on in the next block: it does not end here.
            Ends = number & ~(number >> 1) & (ulong.MaxValue >> 1);

            // The bytes after each number's first dot: the carry of dot + 1 runs to the number's end. A second dot
            // of the same number lands inside it.
            Fraction = number & ((number + (Dot << 1)) ^ number);
        }

        public ulong Digit { get; }

        public ulong Minus { get; }

        public ulong Number { get; }

        public ulong Dot { get; }

        public ulong Comma { get; }

        public ulong Sign { get; }

        public ulong Blank { get; }

        public ulong Other { get; }

        public ulong Starts { get; }

        public ulong Ends { get; }

        public ulong Fraction { get; }

        /// <summary>
        /// Whether the bytes of <paramref name="region"/> are whole points: only number bytes, commas and blanks; a
        /// comma right after each latitude, a longitude right after that comma; signs only at a number's start; at most
        /// one dot in a number.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool ArePoints(ulong region, ulong latitudeEnds)
        {
            var longitudeStarts = Bmi2.X64.ParallelBitDeposit(Longitudes, Starts);
            return ((Other | (Sign & ~Starts) | (Dot & Fraction)) & region) == 0
                && (Comma & region) == ((latitudeEnds << 1) & region)
                && (longitudeStarts & region) == ((latitudeEnds << 2) & region);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static ulong Join(Vector256<byte> low, Vector256<byte> high) =>
            low.ExtractMostSignificantBits() | ((ulong)high.ExtractMostSignificantBits() << 32);
    }
}
