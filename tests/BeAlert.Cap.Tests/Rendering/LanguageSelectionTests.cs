namespace BeAlert.Cap.Tests.Rendering;

/// <summary>Choosing the info block: exact tag, primary subtag, nl/fr/de/en, then the first.</summary>
public sealed class LanguageSelectionTests
{
    private static CapAlert Alert(params string?[] languages) =>
        RenderAlerts.Alert(CapStatus.Actual, [.. languages.Select(l => RenderAlerts.Info(l, @event: "event-" + (l ?? "none")))]);

    [Theory]
    [InlineData("fr-BE", "fr-BE")] // exact
    [InlineData("FR-be", "fr-BE")] // exact, any case
    [InlineData("fr", "fr")] // exact beats an earlier block with the same primary subtag
    [InlineData("fr-fr", "fr-FR")]
    [InlineData("fr-CA", "fr-BE")] // primary subtag: the first block with it
    [InlineData("de", "de-BE")]
    [InlineData("it", "nl-BE")] // no match: nl first
    [InlineData("", "nl-BE")]
    [InlineData(null, "nl-BE")]
    public void SelectInfo_RequestedLanguage_FindsTheExpectedBlock(string? requested, string expected)
    {
        var alert = Alert("en-GB", "fr-BE", "fr", "fr-FR", "de-BE", "nl-BE");

        Assert.Equal(expected, CapRenderer.Default.SelectInfo(alert, requested)?.Language);
    }

    [Fact]
    public void SelectInfo_NoRequestedOrFallbackLanguage_TakesTheFirstBlock()
    {
        var alert = Alert("it", "es");

        Assert.Equal("it", CapRenderer.Default.SelectInfo(alert, "pl")?.Language);
    }

    [Fact]
    public void SelectInfo_FallbackOrder_IsNlFrDeEn()
    {
        Assert.Equal("fr", CapRenderer.Default.SelectInfo(Alert("en", "de", "fr"), "it")?.Language);
        Assert.Equal("de", CapRenderer.Default.SelectInfo(Alert("en", "de"), "it")?.Language);
        Assert.Equal("en", CapRenderer.Default.SelectInfo(Alert("es", "en"), "it")?.Language);
    }

    [Fact]
    public void SelectInfo_ConfiguredFallbacks_AreUsedInOrder()
    {
        var renderer = new CapRenderer(new RenderOptions { FallbackLanguages = ["de", "fr"] });

        Assert.Equal("de-BE", renderer.SelectInfo(Alert("nl-BE", "fr-BE", "de-BE"), "it")?.Language);
    }

    [Fact]
    public void SelectInfo_BlockWithoutLanguage_CountsAsEnUs()
    {
        var alert = Alert(null, "fr");

        Assert.Null(CapRenderer.Default.SelectInfo(alert, "en-US")?.Language);
        Assert.Null(CapRenderer.Default.SelectInfo(alert, "en")?.Language);
    }

    [Fact]
    public void SelectInfo_AlertWithoutInfo_IsNull() =>
        Assert.Null(CapRenderer.Default.SelectInfo(RenderAlerts.Alert(CapStatus.Actual, CapMessageType.Cancel), "nl"));

    [Fact]
    public void RenderSms_InfoInAnotherLanguage_UsesThatLanguagesWords()
    {
        var alert = RenderAlerts.Alert(CapStatus.Exercise, RenderAlerts.Info("fr-BE", headline: "Incendie"));

        var sms = CapRenderer.Default.RenderSms(alert, "nl");

        Assert.Equal("fr-BE", sms.Language);
        Assert.StartsWith("EXERCICE: Incendie", sms.Text, StringComparison.Ordinal);
    }
}
