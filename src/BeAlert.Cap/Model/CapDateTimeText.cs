namespace BeAlert.Cap;

/// <summary>Strict and lenient readers of CAP date-time text.</summary>
internal static class CapDateTimeText
{
    internal enum Outcome
    {
        Valid,
        /// <summary>Valid except that UTC is written with the <c>Z</c> designator.</summary>
        ZuluDesignator,
        /// <summary>Valid xs:dateTime, but with fractional seconds that the CAP pattern forbids.</summary>
        FractionalSeconds,
        /// <summary>No explicit offset at all (a local time).</summary>
        MissingOffset,
        Invalid,
    }

    /// <summary>
    /// Reads <c>YYYY-MM-DDThh:mm:ss±hh:mm</c>. Also recognises the common near-misses (Z, fractions,
    /// no offset) so that callers can report them precisely or repair them in lenient mode.
    /// </summary>
    internal static Outcome TryParse(ReadOnlySpan<char> s, out CapDateTime result)
    {
        result = default;
        if (s.Length < 19 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':')
        {
            return Outcome.Invalid;
        }

        if (!Digits(s[..4], out var year) || !Digits(s.Slice(5, 2), out var month) || !Digits(s.Slice(8, 2), out var day)
            || !Digits(s.Slice(11, 2), out var hour) || !Digits(s.Slice(14, 2), out var minute) || !Digits(s.Slice(17, 2), out var second))
        {
            return Outcome.Invalid;
        }

        var rest = s[19..];
        var fractional = false;
        if (rest.Length > 0 && rest[0] == '.')
        {
            var i = 1;
            while (i < rest.Length && char.IsAsciiDigit(rest[i]))
            {
                i++;
            }

            if (i == 1)
            {
                return Outcome.Invalid;
            }

            fractional = true;
            rest = rest[i..];
        }

        TimeSpan offset;
        var zulu = false;
        var plusZero = false;
        if (rest.Length == 0)
        {
            return IsValidDate(year, month, day, hour, minute, second) ? Outcome.MissingOffset : Outcome.Invalid;
        }
        else if (rest.Length == 1 && rest[0] == 'Z')
        {
            zulu = true;
            offset = TimeSpan.Zero;
        }
        else if (rest.Length == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':'
            && Digits(rest.Slice(1, 2), out var oh) && Digits(rest.Slice(4, 2), out var om) && oh <= 14 && om <= 59
            && (oh < 14 || om == 0))
        {
            offset = new TimeSpan(oh, om, 0);
            if (rest[0] == '-')
            {
                offset = -offset;
            }

            plusZero = rest[0] == '+' && offset == TimeSpan.Zero;
        }
        else
        {
            return Outcome.Invalid;
        }

        if (!IsValidDate(year, month, day, hour, minute, second))
        {
            return Outcome.Invalid;
        }

        try
        {
            result = new CapDateTime(new DateTimeOffset(year, month, day, hour, minute, second, offset), plusZero);
        }
        catch (ArgumentOutOfRangeException)
        {
            // The instant falls outside DateTimeOffset's range once the offset is applied (year 1 or 9999 edges).
            return Outcome.Invalid;
        }

        return zulu ? Outcome.ZuluDesignator : fractional ? Outcome.FractionalSeconds : Outcome.Valid;
    }

    private static bool IsValidDate(int year, int month, int day, int hour, int minute, int second) =>
        year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
        && hour <= 23 && minute <= 59 && second <= 59;

    private static bool Digits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
