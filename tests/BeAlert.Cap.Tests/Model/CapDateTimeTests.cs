namespace BeAlert.Cap.Tests.Model;

public sealed class CapDateTimeTests
{
    [Theory]
    [InlineData("2026-11-25T14:30:00+01:00")]
    [InlineData("2026-11-25T13:30:00-00:00")]
    [InlineData("2026-11-25T13:30:00+00:00")]
    [InlineData("2026-11-25T08:30:00-05:00")]
    public void TryParse_CapForm_RoundTripsText(string text)
    {
        Assert.True(CapDateTime.TryParse(text, out var time));
        Assert.Equal(text, time.ToString());
    }

    [Theory]
    [InlineData("2026-11-25T13:30:00Z")]
    [InlineData("2026-11-25T13:30:00")]
    [InlineData("2026-11-25T13:30:00.5-00:00")]
    [InlineData("2026-02-30T13:30:00-00:00")]
    [InlineData("2026-11-25 13:30:00-00:00")]
    [InlineData("")]
    public void TryParse_NotCapForm_Fails(string text) => Assert.False(CapDateTime.TryParse(text, out _));

    [Fact]
    public void Constructor_DropsFractionsOfSeconds()
    {
        var time = new CapDateTime(new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.FromHours(1)));
        Assert.Equal("2026-01-02T03:04:05+01:00", time.ToString());
    }
}
