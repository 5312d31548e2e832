using System.Globalization;

namespace BeAlert.Cap;

/// <summary>Reads and writes the plain decimal numbers of CAP coordinates and radii (no exponent, no NaN).</summary>
internal static class CapNumber
{
    /// <summary>Parses <c>[+-]digits[.digits]</c> or <c>[+-].digits</c>; rejects exponents, NaN, infinity and spaces.</summary>
    internal static bool TryParse(ReadOnlySpan<char> s, out double value)
    {
        value = 0;
        var i = 0;
        if (i < s.Length && (s[i] == '-' || s[i] == '+'))
        {
            i++;
        }

        var digits = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
            digits++;
        }

        if (i < s.Length && s[i] == '.')
        {
            i++;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
                digits++;
            }
        }

        if (digits == 0 || i != s.Length)
        {
            return false;
        }

        return double.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value);
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
