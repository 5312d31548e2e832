using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace BeAlert.Cap;

/// <summary>Which block reader <see cref="CapPointBlocks"/> runs.</summary>
internal enum CapPointBlockKind
{
    /// <summary>None: the scalar reader reads everything.</summary>
    None,

    /// <summary>32-byte vectors (AVX2): most x64 servers and desktops of the last ten years.</summary>
    Avx2,

    /// <summary>64-byte vectors with byte compress and permute (AVX-512 VBMI2: Intel Ice Lake, AMD Zen 4 and later).</summary>
    Avx512,
}

/// <summary>The AVX2 block reader.</summary>
/// <remarks>
/// <para>
/// The same 64-byte blocks and byte-class masks as the AVX-512 reader (two 32-byte halves), checked without <c>pdep</c>:
/// a longitude is a number right after a comma, a latitude any other; the carry of adding a bit at each number's start
/// runs to the byte after its end, so "the bytes after the latitudes are exactly the commas, and the bytes after the
/// commas exactly the longitudes' starts" are two mask comparisons (a longitude followed by a comma, as in 1,2,3, makes
/// the first one fail: that comma does not follow a latitude). The block's complete points end at its last longitude.
/// </para>
/// <para>
/// There is no byte compress or cross-lane byte permute in AVX2, so numbers are walked one at a time with
/// <c>tzcnt</c> (digits start, whole digits stop, end), and each number is one 16-byte load from its first digit,
/// reordered by <c>pshufb</c> with a mask picked by its (whole, fraction) digit counts: right-aligned, the dot skipped,
/// zeros before. Four numbers (two points) then take the multiply-add ladder together, and their mantissas (at most 15
/// digits: hi * 10^8 + lo, exact in a double) are divided by ±10^f, as the scalar reader (Clinger's fast path).
/// </para>
/// </remarks>
internal static partial class CapPointBlocks
{
    /// <summary>10^0 to 10^15, exact doubles.</summary>
    private static readonly double[] PowersOfTen = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

    /// <summary>
    /// The <c>pshufb</c> mask for a number of w whole and f fraction digits (entry 16w + f, 16 bytes): output byte k
    /// takes digit k - lead (lead = 16 - w - f) from the load at the first digit, one byte further from the dot on;
    /// bytes before the lead take 0x80, which <c>pshufb</c> turns into zero.
    /// </summary>
    private static readonly byte[] DigitShuffles = BuildDigitShuffles();

    /// <summary>
    /// Reads whole points from a point boundary with AVX2, as <see cref="ReadAvx512"/>; it stops 80 bytes before the
    /// text's end, so that the 16-byte load at any number of a block (or just after the block) stays inside the text.
    /// </summary>
    private static int ReadAvx2(ReadOnlySpan<byte> text, int start, CapPoint[] points, ref int count)
    {
        ref var first = ref MemoryMarshal.GetReference(text);
        ref var output = ref Unsafe.As<CapPoint, double>(ref MemoryMarshal.GetArrayDataReference(points));
        ref var shuffles = ref MemoryMarshal.GetArrayDataReference(DigitShuffles);
        ref var powers = ref Unsafe.As<double, long>(ref MemoryMarshal.GetArrayDataReference(PowersOfTen));
        var room = points.Length - count;
        var p = start;
        while (p <= text.Length - 80 && room > 0)
        {
            var masks = new Masks(Vector256.LoadUnsafe(ref first, (nuint)p), Vector256.LoadUnsafe(ref first, (nuint)p + 32));
            var number = masks.Number;

            // The byte after each longitude (a number right after a comma): the carry from its start runs there. A
            // longitude that reaches the block's last byte carries out and is not complete.
            var longitudeStarts = masks.Starts & (masks.Comma << 1);
            var afterLongitudes = (number + longitudeStarts) & ~number;
            if (afterLongitudes == 0)
            {
                if (masks.Blank == ulong.MaxValue)
                {
                    p += 64;
                    continue;
                }

                return p;
            }

            var last = 62 - (int)Lzcnt.X64.LeadingZeroCount(afterLongitudes);
            var region = (2UL << (last + 1)) - 1;
            var afterLatitudes = (number + (masks.Starts & ~longitudeStarts & region)) & ~number;
            var pairs = (int)Popcnt.X64.PopCount(longitudeStarts & region);

            // Numbers without a digit end on their sign, or on a dot with no digit before it. Numbers of more than 15
            // digits have 16 digits in a row, or 17 bytes or more after their sign; leaving those to the scalar reader,
            // every number has 1 to 15 digits and lies within the 16 bytes loaded at its first digit.
            var ends = masks.Ends & region;
            var empty = ends & (masks.Sign | (masks.Dot & ~(masks.Digit << 1)));
            var body16 = RunsOf16(number & ~masks.Sign);
            var tooLong = (body16 & (body16 >> 1)) | RunsOf16(masks.Digit);
            if (((masks.Other | (masks.Sign & ~masks.Starts) | (masks.Dot & masks.Fraction) | empty | tooLong) & region) != 0
                || (afterLatitudes & region) != (masks.Comma & region)
                || ((masks.Comma << 1) & region) != (longitudeStarts & region)
                || pairs > room)
            {
                return p;
            }

            // Per number, in order: where its digits start (after a sign), where its whole digits stop (its dot, or
            // its end + 1), where it ends; whether the byte before its digits is a minus.
            var starts = masks.Starts & region;
            var digits = (starts & ~masks.Sign) | ((starts & masks.Sign) << 1);
            var whole = masks.Digit & ~masks.Fraction;
            var stops = (whole + digits) & ~whole;
            var negative = masks.Minus << 1;
            var numbers = pairs * 2;
            ref var target = ref Unsafe.Add(ref output, count * 2);
            for (var j = 0; j < numbers; j += 4)
            {
                // Two numbers to a vector, one to each 16-byte lane. Past the last number (two of a group of four),
                // the masks are empty: offset 64, no digits, a result that is not stored.
                var (text0, shuffle0, divisor0) = NextNumber(ref first, ref shuffles, ref powers, p, negative, ref digits, ref stops, ref ends);
                var (text1, shuffle1, divisor1) = NextNumber(ref first, ref shuffles, ref powers, p, negative, ref digits, ref stops, ref ends);
                var (text2, shuffle2, divisor2) = NextNumber(ref first, ref shuffles, ref powers, p, negative, ref digits, ref stops, ref ends);
                var (text3, shuffle3, divisor3) = NextNumber(ref first, ref shuffles, ref powers, p, negative, ref digits, ref stops, ref ends);
                var result = Mantissas(
                    Avx2.Shuffle(Vector256.Create(text0, text1), Vector256.Create(shuffle0, shuffle1)),
                    Avx2.Shuffle(Vector256.Create(text2, text3), Vector256.Create(shuffle2, shuffle3)))
                    / Vector256.Create(divisor0, divisor1, divisor2, divisor3);
                if (numbers - j >= 4)
                {
                    result.StoreUnsafe(ref Unsafe.Add(ref target, j));
                }
                else
                {
                    result.GetLower().StoreUnsafe(ref Unsafe.Add(ref target, j));
                }
            }

            count += pairs;
            room -= pairs;
            p += last + 1;
        }

        return p;
    }

    /// <summary>Bit i set where bits i to i + 15 of <paramref name="bits"/> are all set.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong RunsOf16(ulong bits)
    {
        var twos = bits & (bits >> 1);
        var fours = twos & (twos >> 2);
        var eights = fours & (fours >> 4);
        return eights & (eights >> 8);
    }

    /// <summary>
    /// The next number of a block: the 16 bytes from its first digit, the shuffle for its digit counts and its signed
    /// power of ten; takes its bits off the three position masks.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector128<byte> Text, Vector128<byte> Shuffle, double Divisor) NextNumber(
        ref byte text, ref byte shuffles, ref long powers, int p, ulong negative, ref ulong digits, ref ulong stops, ref ulong ends)
    {
        var start = (int)Bmi1.X64.TrailingZeroCount(digits);
        var stop = (int)Bmi1.X64.TrailingZeroCount(stops);
        var end = (int)Bmi1.X64.TrailingZeroCount(ends);
        digits = Bmi1.X64.ResetLowestSetBit(digits);
        stops = Bmi1.X64.ResetLowestSetBit(stops);
        ends = Bmi1.X64.ResetLowestSetBit(ends);
        var fraction = Math.Max(end - stop, 0);
        var shape = ((stop - start) << 4) | fraction;
        var power = Unsafe.Add(ref powers, fraction) ^ (long)((negative >> start) << 63);
        return (
            Vector128.LoadUnsafe(ref text, (nuint)(p + start)),
            Vector128.LoadUnsafe(ref shuffles, (nuint)(shape * 16)),
            BitConverter.Int64BitsToDouble(power));
    }

    /// <summary>
    /// The mantissas of four numbers whose digits are right-aligned in 16-byte lanes (as ASCII, zeros before): numbers
    /// 0 and 1 in <paramref name="front"/>, 2 and 3 in <paramref name="back"/>; exact doubles, in number order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Mantissas(Vector256<byte> front, Vector256<byte> back)
    {
        // Digit values (the zeros stay zero), pairs, fours (per lane: four 4-digit groups), packed two numbers to a
        // lane, then eights: lane 0 holds [0 hi, 0 lo, 2 hi, 2 lo], lane 1 the same for 1 and 3.
        var zero = Vector256.Create((byte)'0');
        var tens = Vector256.Create((ushort)0x010A).AsSByte();
        var hundreds = Vector256.Create(0x0001_0064).AsInt16();
        var frontFours = Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(Avx2.SubtractSaturate(front, zero), tens), hundreds);
        var backFours = Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(Avx2.SubtractSaturate(back, zero), tens), hundreds);
        var packed = Avx2.PackUnsignedSaturate(frontFours, backFours).AsInt16();
        var eights = Avx2.MultiplyAddAdjacent(packed, Vector256.Create(0x0001_2710).AsInt16());
        var ordered = Avx2.PermuteVar8x32(eights, Vector256.Create(0, 4, 2, 6, 1, 5, 3, 7));

        // hi < 10^7 and the sum < 10^15: both exact, so one division rounds as the scalar reader's.
        return (Avx.ConvertToVector256Double(ordered.GetLower()) * Vector256.Create(1e8)) + Avx.ConvertToVector256Double(ordered.GetUpper());
    }

    private static byte[] BuildDigitShuffles()
    {
        var table = new byte[16 * 16 * 16];
        for (var whole = 0; whole < 16; whole++)
        {
            for (var fraction = 0; whole + fraction < 16; fraction++)
            {
                var lead = 16 - whole - fraction;
                for (var k = 0; k < 16; k++)
                {
                    var digit = k - lead;
                    table[(((whole << 4) | fraction) * 16) + k] = digit < 0 ? (byte)0x80 : (byte)(digit < whole ? digit : digit + 1);
                }
            }
        }

        return table;
    }
}
