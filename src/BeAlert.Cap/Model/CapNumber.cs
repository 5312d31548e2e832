using System.Globalization;

namespace BeAlert.Cap;

/// <summary>Reads and writes the plain decimal numbers of CAP coordinates and radii (no exponent, no NaN).</summary>
internal static class CapNumber
{
    private static readonly double[] PowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    /// <summary>Parses <c>[+-]digits[.digits]</c> or <c>[+-].digits</c>; rejects exponents, NaN, infinity and spaces.</summary>
    internal static bool TryParse(ReadOnlySpan<char> s, out double value)
    {
        value = 0;
        var i = 0;
        var negative = false;
        if (i < s.Length && (s[i] == '-' || s[i] == '+'))
        {
            negative = s[i] == '-';
            i++;
        }

        var digits = 0;
        var significant = 0;
        var fractionDigits = 0;
        ulong mantissa = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            Accumulate(s[i], ref mantissa, ref significant);
            i++;
            digits++;
        }

        if (i < s.Length && s[i] == '.')
        {
            i++;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                Accumulate(s[i], ref mantissa, ref significant);
                i++;
                digits++;
                fractionDigits++;
            }
        }

        if (digits == 0 || i != s.Length)
        {
            return false;
        }

        // Clinger's fast path: an integer mantissa of at most 15 digits and a power of ten of at most 22 are both
        // exact doubles, so one IEEE division gives the correctly rounded result.
        if (significant <= 15 && fractionDigits <= 22)
        {
            value = mantissa / PowersOfTen[fractionDigits];
            value = negative ? -value : value;
            return true;
        }

        return double.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value);
    }

    /// <summary>Adds a digit to the mantissa; leading zeros do not count as significant digits.</summary>
    private static void Accumulate(char digit, ref ulong mantissa, ref int significant)
    {
        if (significant > 0 || digit != '0')
        {
            significant++;
            if (significant <= 19)
            {
                mantissa = (mantissa * 10) + (ulong)(digit - '0');
            }
        }
    }

    /// <summary>Writes <see cref="Format"/>'s text into <paramref name="destination"/> without allocating in the common case.</summary>
    internal static int FormatInto(double value, Span<char> destination)
    {
        if (double.IsFinite(value) && value.TryFormat(destination, out var written, "R", CultureInfo.InvariantCulture)
            && destination[..written].IndexOf('E') < 0)
        {
            return written;
        }

        var text = Format(value);
        text.CopyTo(destination);
        return text.Length;
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
