using System.Globalization;

namespace BeAlert.Cap;

/// <summary>Readers of the date formats feeds use: RFC 3339 (Atom), RFC 822 with four-digit years (RSS).</summary>
internal static class FeedDates
{
    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    private static readonly string[] Days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

    /// <summary>RFC 3339 date-time: <c>2026-11-25T14:30:00+01:00</c>, <c>...Z</c>, fractions allowed, offset required.</summary>
    internal static bool TryParseRfc3339(string text, out DateTimeOffset value)
    {
        value = default;
        var s = text.Trim();
        if (s.Length < 20)
        {
            return false;
        }

        // RFC 3339 §5.6 allows lower-case 't' and 'z'.
        Span<char> buffer = stackalloc char[Math.Min(s.Length, 64)];
        if (s.Length > buffer.Length)
        {
            return false;
        }

        s.AsSpan().CopyTo(buffer);
        if (buffer[10] == 't')
        {
            buffer[10] = 'T';
        }

        if (buffer[^1] == 'z')
        {
            buffer[^1] = 'Z';
        }

        var outcome = CapDateTimeText.TryParse(buffer, out var parsed);
        if (outcome is CapDateTimeText.Outcome.Valid or CapDateTimeText.Outcome.ZuluDesignator or CapDateTimeText.Outcome.FractionalSeconds)
        {
            value = parsed.Value;
            return true;
        }

        return false;
    }

    /// <summary>RFC 822 / RFC 1123 date: <c>[Wed, ]25 Nov 2026 14:30[:00] +0100</c> (GMT, UT, Z and US zone names too).</summary>
    internal static bool TryParseRfc822(string text, out DateTimeOffset value)
    {
        value = default;
        var s = text.Trim();
        var comma = s.IndexOf(',', StringComparison.Ordinal);
        if (comma >= 0)
        {
            if (Array.IndexOf(Days, s[..comma].Trim().ToLowerInvariant()) < 0)
            {
                return false;
            }

            s = s[(comma + 1)..];
        }

        var parts = s.Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 5 || parts[0].Length > 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var day))
        {
            return false;
        }

        var month = Array.IndexOf(Months, parts[1].ToLowerInvariant()) + 1;
        if (month == 0 || parts[2].Length is not (2 or 4) || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            return false;
        }

        if (parts[2].Length == 2)
        {
            year += year < 50 ? 2000 : 1900;
        }

        var time = parts[3].Split(':');
        if (time.Length is not (2 or 3) || time.Any(t => t.Length != 2)
            || !int.TryParse(time[0], NumberStyles.None, CultureInfo.InvariantCulture, out var hour)
            || !int.TryParse(time[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minute))
        {
            return false;
        }

        var second = 0;
        if (time.Length == 3 && !int.TryParse(time[2], NumberStyles.None, CultureInfo.InvariantCulture, out second))
        {
            return false;
        }

        if (!TryZone(parts[4], out var offset) || hour > 23 || minute > 59 || second > 59 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        value = new DateTimeOffset(year, month, day, hour, minute, second, offset);
        return true;
    }

    private static bool TryZone(string zone, out TimeSpan offset)
    {
        offset = zone.ToUpperInvariant() switch
        {
            "UT" or "GMT" or "Z" => TimeSpan.Zero,
            "EST" => TimeSpan.FromHours(-5),
            "EDT" => TimeSpan.FromHours(-4),
            "CST" => TimeSpan.FromHours(-6),
            "CDT" => TimeSpan.FromHours(-5),
            "MST" => TimeSpan.FromHours(-7),
            "MDT" => TimeSpan.FromHours(-6),
            "PST" => TimeSpan.FromHours(-8),
            "PDT" => TimeSpan.FromHours(-7),
            _ => TimeSpan.MinValue,
        };
        if (offset != TimeSpan.MinValue)
        {
            return true;
        }

        if (zone.Length == 5 && zone[0] is '+' or '-'
            && int.TryParse(zone.AsSpan(1, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            && int.TryParse(zone.AsSpan(3, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)
            && hours <= 14 && minutes <= 59)
        {
            offset = new TimeSpan(hours, minutes, 0) * (zone[0] == '-' ? -1 : 1);
            return true;
        }

        return false;
    }
}
