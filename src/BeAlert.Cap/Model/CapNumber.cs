using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace BeAlert.Cap;

/// <summary>Reads and writes the plain decimal numbers of CAP coordinates and radii (no exponent, no NaN).</summary>
internal static class CapNumber
{
    private static readonly double[] PowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    /// <summary>Parses <c>[+-]digits[.digits]</c> or <c>[+-].digits</c>; rejects exponents, NaN, infinity and spaces.</summary>
    internal static bool TryParse(ReadOnlySpan<char> s, out double value) => TryParsePrefix(s, out value, out var consumed) && consumed == s.Length;

    /// <summary>
    /// Reads the decimal number at the start of <paramref name="s"/> (sign, digits, optional fraction; no exponent) and
    /// says how many characters it took, so that a caller can go on with the separator that follows.
    /// </summary>
    internal static bool TryParsePrefix(ReadOnlySpan<char> s, out double value, out int consumed)
    {
        var i = 0;
        var parsed = TryParseAt(s, ref i, out value);
        consumed = i;
        return parsed;
    }

    /// <summary>
    /// Reads the decimal number that starts at <paramref name="i"/> and moves <paramref name="i"/> past it (past what
    /// was read, when it fails). The text is UTF-16 (<see cref="char"/>) or UTF-8 (<see cref="byte"/>); each is
    /// compiled on its own. No slices and no copies, so that a polygon's points are read in one pass over its text.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool TryParseAt<TChar>(ReadOnlySpan<TChar> s, ref int i, out double value)
        where TChar : unmanaged, IBinaryInteger<TChar>
    {
        var begin = i;
        var negative = false;
        if ((uint)i < (uint)s.Length)
        {
            var sign = uint.CreateTruncating(s[i]);
            if (sign == '-')
            {
                negative = true;
                i++;
            }
            else if (sign == '+')
            {
                i++;
            }
        }

        // Every digit goes into the mantissa (leading zeros add nothing to it); past 15 digits the mantissa may not be
        // exact, and the general parser takes over. The counts come from positions, so that each digit costs a load, a
        // test and a multiply-add.
        ulong mantissa = 0;
        var wholeStart = i;
        while ((uint)i < (uint)s.Length)
        {
            var digit = ulong.CreateTruncating(s[i]) - '0';
            if (digit > 9)
            {
                break;
            }

            mantissa = unchecked((mantissa * 10) + digit);
            i++;
        }

        var digits = i - wholeStart;
        var fractionDigits = 0;
        if ((uint)i < (uint)s.Length && uint.CreateTruncating(s[i]) == '.')
        {
            var fractionStart = ++i;
            while ((uint)i < (uint)s.Length)
            {
                var digit = ulong.CreateTruncating(s[i]) - '0';
                if (digit > 9)
                {
                    break;
                }

                mantissa = unchecked((mantissa * 10) + digit);
                i++;
            }

            fractionDigits = i - fractionStart;
            digits += fractionDigits;
        }

        if (digits == 0)
        {
            value = 0;
            return false;
        }

        // Clinger's fast path: an integer mantissa of at most 15 digits and a power of ten of at most 22 are both
        // exact doubles, so one IEEE division gives the correctly rounded result.
        if (digits <= 15)
        {
            value = FromDecimal(mantissa, fractionDigits, negative);
            return true;
        }

        return TryParseLong(s[begin..i], out value);
    }

    /// <summary>
    /// ±<paramref name="mantissa"/> / 10^<paramref name="fractionDigits"/> for a mantissa of at most 15 digits, correctly
    /// rounded (Clinger's fast path: both are exact doubles, so one IEEE division rounds once).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double FromDecimal(ulong mantissa, int fractionDigits, bool negative)
    {
        Debug.Assert((uint)fractionDigits <= 15, "Clinger's fast path only");
        var value = mantissa / Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(PowersOfTen), fractionDigits);
        return negative ? -value : value;
    }

    /// <summary>More than 15 digits: the general parser (kept out of the inlined fast path).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool TryParseLong<TChar>(ReadOnlySpan<TChar> s, out double value)
        where TChar : unmanaged, IBinaryInteger<TChar>
    {
        const NumberStyles Styles = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;
        var parsed = typeof(TChar) == typeof(byte)
            ? double.TryParse(MemoryMarshal.Cast<TChar, byte>(s), Styles, CultureInfo.InvariantCulture, out value)
            : double.TryParse(MemoryMarshal.Cast<TChar, char>(s), Styles, CultureInfo.InvariantCulture, out value);
        return parsed && double.IsFinite(value);
    }

    /// <summary>Writes <see cref="Format"/>'s text into <paramref name="destination"/> without allocating in the common case.</summary>
    internal static int FormatInto(double value, Span<char> destination)
    {
        if (TryFormatShortDecimal(value, destination, out var written))
        {
            return written;
        }

        if (double.IsFinite(value) && value.TryFormat(destination, out written, "R", CultureInfo.InvariantCulture)
            && destination[..written].IndexOf('E') < 0)
        {
            return written;
        }

        var text = Format(value);
        text.CopyTo(destination);
        return text.Length;
    }

    /// <summary>
    /// The fast path for coordinates and radii: the fewest decimals k for which the nearest integer m to value × 10^k
    /// gives back exactly value as m / 10^k. With m below 10^15 both are exact doubles, so that division is correctly
    /// rounded (Clinger): the text reads back as the same double in any correct parser, and it is the unique shortest
    /// such text, which is what the "R" format prints (a property test checks the two agree).
    /// </summary>
    private static bool TryFormatShortDecimal(double value, Span<char> destination, out int written)
    {
        written = 0;
        var magnitude = Math.Abs(value);
        if (!(magnitude is >= 1e-6 and < 1e15))
        {
            return false;
        }

        for (var k = 0; k <= 15; k++)
        {
            var scaled = magnitude * PowersOfTen[k];
            if (scaled >= 1e15)
            {
                return false;
            }

            // Cheap filter before the exact test (a division, the slow part of this loop): when m / 10^k == value
            // holds, value × 10^k is m within a few units in the last place (relative error below 3e-16), so a
            // scaled value farther than 1e-9 × itself from the nearest integer cannot pass and is skipped. The
            // filter only ever skips k that the exact test would reject, so the chosen k (and the text) is unchanged.
            var mantissa = Math.Round(scaled);
            if (Math.Abs(scaled - mantissa) > scaled * 1e-9 || mantissa / PowersOfTen[k] != magnitude)
            {
                continue;
            }

            // Digits straight into the destination, last first: no intermediate buffer and no copies.
            var m = (ulong)mantissa;
            var count = CountDigits(m);
            var integerDigits = Math.Max(1, count - k);
            var length = (value < 0 ? 1 : 0) + integerDigits + (k > 0 ? 1 + k : 0);
            if (destination.Length < length)
            {
                return false;
            }

            var at = length;
            for (var i = 0; i < k; i++)
            {
                var next = m / 10;
                destination[--at] = (char)('0' + (int)(m - (next * 10)));
                m = next;
            }

            if (k > 0)
            {
                destination[--at] = '.';
            }

            do
            {
                var next = m / 10;
                destination[--at] = (char)('0' + (int)(m - (next * 10)));
                m = next;
            }
            while (m != 0);

            if (value < 0)
            {
                destination[--at] = '-';
            }

            written = length;
            return true;
        }

        return false;
    }

    private static int CountDigits(ulong value)
    {
        var count = 1;
        while (value >= 10)
        {
            value /= 10;
            count++;
        }

        return count;
    }

    /// <summary>Shortest text that reads back as the same double, never in exponent form.</summary>
    internal static string Format(double value)
    {
        if (!double.IsFinite(value))
        {
            // Not representable in CAP; written as-is so the validator's diagnostic points at something visible.
            return value.ToString(CultureInfo.InvariantCulture);
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        if (text.Contains('E', StringComparison.Ordinal))
        {
            var magnitude = Math.Abs(value);
            if (magnitude is >= 1e-20 and < 1e20)
            {
                // decimal holds the shortest round-trip digits exactly for these magnitudes.
                text = decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
            }
            else
            {
                // Far outside any coordinate: the exact expansion, which reads back as the same double.
                text = value.ToString("F1100", CultureInfo.InvariantCulture).TrimEnd('0').TrimEnd('.');
            }
        }

        return text;
    }
}
