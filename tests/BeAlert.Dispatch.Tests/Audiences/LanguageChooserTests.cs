using BeAlert.Cap;

namespace BeAlert.Dispatch.Tests.Audiences;

public sealed class LanguageChooserTests
{
    private static readonly LanguageChooser FourLanguages = new(["nl-BE", "fr-BE", "de-BE", "en-US"]);

    [Theory]
    [InlineData(new[] { "nl" }, LanguageRegion.Wallonia, "nl-BE")] // a preference beats the region
    [InlineData(new[] { "FR-be" }, LanguageRegion.Flanders, "fr-BE")]
    [InlineData(new[] { "es", "de" }, LanguageRegion.Flanders, "de-BE")] // the first preference the alert has
    [InlineData(new[] { "en-GB" }, LanguageRegion.Flanders, "en-US")] // primary subtag match
    [InlineData(new string[0], LanguageRegion.Flanders, "nl-BE")]
    [InlineData(new string[0], LanguageRegion.Wallonia, "fr-BE")]
    [InlineData(new string[0], LanguageRegion.EastCantons, "de-BE")]
    [InlineData(new string[0], LanguageRegion.Brussels, "fr-BE")]
    [InlineData(new[] { "es" }, LanguageRegion.Unknown, "en-US")]
    public void Choose_FourLanguageAlert_FollowsTheOrder(string[] preferences, LanguageRegion region, string expected)
    {
        Assert.Equal(expected, FourLanguages.Choose(preferences, region));
    }

    [Fact]
    public void Choose_ExactTagBeatsPrimaryMatch()
    {
        var chooser = new LanguageChooser(["fr", "fr-BE"]);
        Assert.Equal("fr-BE", chooser.Choose(["fr-be"], LanguageRegion.Unknown));
        Assert.Equal("fr", chooser.Choose(["fr-CA"], LanguageRegion.Unknown));
    }

    [Fact]
    public void Choose_BrusselsWithoutFrench_Dutch()
    {
        Assert.Equal("nl", new LanguageChooser(["de", "nl"]).Choose([], LanguageRegion.Brussels));
    }

    [Fact]
    public void Choose_NothingMatches_NoEnglish_FirstInfoBlock()
    {
        var chooser = new LanguageChooser(["de", "fr"]);
        Assert.Equal("de", chooser.Choose(["es"], LanguageRegion.Flanders));
    }

    [Fact]
    public void For_Alert_UsesInfoLanguagesInOrder_DefaultEnUs()
    {
        var info = new CapInfo("Flood", CapUrgency.Immediate, CapSeverity.Severe, CapCertainty.Observed, [CapCategory.Met]);
        var alert = new CapAlert("id", "sender@example.be", new CapDateTime(new DateTimeOffset(2026, 11, 26, 4, 0, 0, TimeSpan.Zero)), CapStatus.Actual, CapMessageType.Alert, CapScope.Public)
        {
            Infos = [info with { Language = "fr-BE" }, info with { Language = "nl-BE" }, info],
        };

        var chooser = LanguageChooser.For(alert);

        Assert.Equal(["fr-BE", "nl-BE", "en-US"], chooser.AlertLanguages);
        Assert.Throws<ArgumentException>(() => LanguageChooser.For(alert with { Infos = [] }));
    }
}
