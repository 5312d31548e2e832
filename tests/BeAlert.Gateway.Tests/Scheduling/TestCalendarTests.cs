using BeAlert.Gateway.Scheduling;
using FsCheck;
using FsCheck.Xunit;

namespace BeAlert.Gateway.Tests.Scheduling;

public sealed class TestCalendarTests
{
    private static readonly TimeZoneInfo Brussels = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");
    private static readonly TimeOnly Noon = new(12, 0);

    [Theory]
    [InlineData(2026, 1, 1)] // starts on a Thursday (and is New Year's Day)
    [InlineData(2026, 10, 1)] // starts on a Thursday
    [InlineData(2026, 5, 7)] // starts on a Friday: the latest possible first Thursday
    [InlineData(2026, 12, 3)]
    [InlineData(2027, 1, 7)]
    [InlineData(2028, 2, 3)] // leap year
    public void FirstThursday_KnownMonths_IsThatDay(int year, int month, int day) =>
        Assert.Equal(new DateOnly(year, month, day), TestCalendar.FirstThursday(year, month));

    [Property]
    public bool FirstThursday_AnyMonth_IsAThursdayInTheFirstWeek(PositiveInt yearSeed, PositiveInt monthSeed)
    {
        var year = 1900 + (yearSeed.Get % 300);
        var month = 1 + (monthSeed.Get % 12);
        var day = TestCalendar.FirstThursday(year, month);
        return day.DayOfWeek == DayOfWeek.Thursday && day.Day <= 7 && day.Month == month && day.Year == year;
    }

    [Theory]
    [InlineData("2026-02-20T00:00:00Z", "2026-03-05T11:00:00Z")] // winter time: 12:00 CET = 11:00 UTC
    [InlineData("2026-03-20T00:00:00Z", "2026-04-02T10:00:00Z")] // across the last Sunday of March: 12:00 CEST = 10:00 UTC
    [InlineData("2026-10-20T00:00:00Z", "2026-11-05T11:00:00Z")] // across the last Sunday of October: back to 11:00 UTC
    [InlineData("2026-09-30T00:00:00Z", "2026-10-01T10:00:00Z")] // a month starting on Thursday
    [InlineData("2026-04-30T00:00:00Z", "2026-05-07T10:00:00Z")] // a month starting on Friday
    [InlineData("2026-12-03T11:00:00Z", "2027-01-07T11:00:00Z")] // exactly at a due time: the next one
    public void Next_Monthly_IsTheFirstThursdayAtNoonBrussels(string after, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), TestCalendar.Next(ScheduleKind.Monthly, Noon, Brussels, DateTimeOffset.Parse(after, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("2026-01-02T00:00:00Z", "2026-04-02T10:00:00Z")]
    [InlineData("2026-04-02T10:00:00Z", "2026-07-02T10:00:00Z")]
    [InlineData("2026-07-03T00:00:00Z", "2026-10-01T10:00:00Z")]
    [InlineData("2026-10-02T00:00:00Z", "2027-01-07T11:00:00Z")]
    public void Next_Quarterly_IsTheFirstThursdayOfJanuaryAprilJulyOctober(string after, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), TestCalendar.Next(ScheduleKind.Quarterly, Noon, Brussels, DateTimeOffset.Parse(after, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Previous_AtOrBefore_IncludesTheDueInstantItself()
    {
        var due = new DateTimeOffset(2026, 12, 3, 11, 0, 0, TimeSpan.Zero);
        Assert.Equal(due, TestCalendar.Previous(ScheduleKind.Monthly, Noon, Brussels, due));
        Assert.Equal(new DateTimeOffset(2026, 11, 5, 11, 0, 0, TimeSpan.Zero), TestCalendar.Previous(ScheduleKind.Monthly, Noon, Brussels, due.AddTicks(-1)));
        Assert.Equal(new DateTimeOffset(2026, 10, 1, 10, 0, 0, TimeSpan.Zero), TestCalendar.Previous(ScheduleKind.Quarterly, Noon, Brussels, due));
    }

    [Fact]
    public void ToUtc_SpringForwardGap_MovesForwardByTheGap()
    {
        // 29 March 2026: 02:00 CET jumps to 03:00 CEST; 02:30 does not exist and becomes 03:30 CEST = 01:30 UTC.
        var utc = TestCalendar.ToUtc(new DateOnly(2026, 3, 29), new TimeOnly(2, 30), Brussels);
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.Zero), utc);
        Assert.Equal(new TimeOnly(3, 30), TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(utc, Brussels).DateTime));
    }

    [Fact]
    public void ToUtc_AutumnAmbiguousHour_IsTheFirstOccurrence()
    {
        // 25 October 2026: 03:00 CEST falls back to 02:00 CET; 02:30 happens twice, first at 00:30 UTC.
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), TestCalendar.ToUtc(new DateOnly(2026, 10, 25), new TimeOnly(2, 30), Brussels));
    }

    [Property]
    public bool Next_IsAfterAndPreviousIsAtOrBefore_AndBothAreNoonInBrussels(PositiveInt minutes)
    {
        var at = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(minutes.Get % (60 * 24 * 365 * 4));
        var next = TestCalendar.Next(ScheduleKind.Monthly, Noon, Brussels, at);
        var previous = TestCalendar.Previous(ScheduleKind.Monthly, Noon, Brussels, at);
        var nextLocal = TimeZoneInfo.ConvertTime(next, Brussels);
        return next > at && previous <= at && next - previous <= TimeSpan.FromDays(35)
            && nextLocal.Hour == 12 && nextLocal.Minute == 0 && nextLocal.DayOfWeek == DayOfWeek.Thursday && nextLocal.Day <= 7;
    }
}
