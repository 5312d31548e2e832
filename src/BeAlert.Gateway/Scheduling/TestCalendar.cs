using System.Globalization;

namespace BeAlert.Gateway.Scheduling;

/// <summary>
/// When scheduled tests fall due: the first Thursday of the month (every month, or January, April, July and October)
/// at a local time of day in a time zone, as a UTC instant. A local time that does not exist (the spring-forward gap)
/// moves forward by the gap; one that exists twice (autumn) is the first of the two.
/// </summary>
public static class TestCalendar
{
    /// <summary>How far <see cref="Next"/> and <see cref="Previous"/> look (no schedule is sparser than quarterly).</summary>
    private const int MonthsToSearch = 24;

    public static DateOnly FirstThursday(int year, int month)
    {
        var first = new DateOnly(year, month, 1);
        var delta = ((int)DayOfWeek.Thursday - (int)first.DayOfWeek + 7) % 7;
        return first.AddDays(delta);
    }

    public static bool IsScheduledMonth(ScheduleKind kind, int month) => kind == ScheduleKind.Monthly || month is 1 or 4 or 7 or 10;

    /// <summary>The UTC instant of a local date and time in a zone.</summary>
    public static DateTimeOffset ToUtc(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        TimeSpan offset;
        if (zone.IsAmbiguousTime(local))
        {
            offset = zone.GetAmbiguousTimeOffsets(local).Max();
        }
        else if (zone.IsInvalidTime(local))
        {
            // The offset before the gap: 02:30 on a spring-forward night in Brussels is 01:30 UTC, shown as 03:30.
            offset = zone.GetUtcOffset(local.AddDays(-1));
        }
        else
        {
            offset = zone.GetUtcOffset(local);
        }

        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    /// <summary>The due instant in one month, or null when the schedule has none in that month.</summary>
    public static DateTimeOffset? DueIn(ScheduleKind kind, int year, int month, TimeOnly time, TimeZoneInfo zone) =>
        IsScheduledMonth(kind, month) ? ToUtc(FirstThursday(year, month), time, zone) : null;

    /// <summary>The first due instant strictly after <paramref name="after"/>.</summary>
    public static DateTimeOffset Next(ScheduleKind kind, TimeOnly time, TimeZoneInfo zone, DateTimeOffset after)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTime(after, zone);
        var month = new DateOnly(local.Year, local.Month, 1).AddMonths(-1);
        for (var i = 0; i < MonthsToSearch; i++, month = month.AddMonths(1))
        {
            if (DueIn(kind, month.Year, month.Month, time, zone) is { } due && due > after)
            {
                return due;
            }
        }

        throw new InvalidOperationException("No due time within two years.");
    }

    /// <summary>The last due instant at or before <paramref name="atOrBefore"/>.</summary>
    public static DateTimeOffset Previous(ScheduleKind kind, TimeOnly time, TimeZoneInfo zone, DateTimeOffset atOrBefore)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTime(atOrBefore, zone);
        var month = new DateOnly(local.Year, local.Month, 1).AddMonths(1);
        for (var i = 0; i < MonthsToSearch; i++, month = month.AddMonths(-1))
        {
            if (DueIn(kind, month.Year, month.Month, time, zone) is { } due && due <= atOrBefore)
            {
                return due;
            }
        }

        throw new InvalidOperationException("No due time within two years.");
    }

    /// <summary>Parses <c>HH:mm</c> (or <c>HH:mm:ss</c>).</summary>
    public static bool TryParseTimeOfDay(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
}
