namespace BeAlert.Cap.Tests.Rendering;

/// <summary>Options: documented defaults, every error reported at once, copied by the renderer.</summary>
public sealed class RenderOptionsTests
{
    [Fact]
    public void Defaults_AreValidAndDocumented()
    {
        var options = new RenderOptions();

        options.Validate();
        Assert.Equal(["nl", "fr", "de", "en"], options.FallbackLanguages);
        Assert.Equal(3, options.SmsMaxSegments);
        Assert.Equal(0.055m, options.SmsTariffPerSegment);
        Assert.Equal(15, options.CellBroadcastMaxPages);
        Assert.Equal((40, 4), (options.SignageColumns, options.SignageLines));
        Assert.False(options.Simulation);
        Assert.Null(options.DefaultInfoUrl);
    }

    [Fact]
    public void Validate_EveryProblem_IsReportedTogether()
    {
        var options = new RenderOptions
        {
            SmsMaxSegments = 0,
            SmsTariffPerSegment = -1m,
            CellBroadcastMaxPages = 16,
            SignageColumns = 5,
            SignageLines = 0,
            VoiceRepetitions = 9,
            VoiceWordsPerMinute = 10,
            VoiceMaxCharacters = 10,
            MaxFieldLength = 5,
            DefaultInfoUrl = "javascript:alert(1)",
            DefaultSenderName = " ",
            FallbackLanguages = ["nl", ""],
        };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        foreach (var name in new[] { "SmsMaxSegments", "SmsTariffPerSegment", "CellBroadcastMaxPages", "SignageColumns", "SignageLines", "VoiceRepetitions", "VoiceWordsPerMinute", "VoiceMaxCharacters", "MaxFieldLength", "DefaultInfoUrl", "DefaultSenderName", "FallbackLanguages" })
        {
            Assert.Contains(name, error.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(256)]
    [InlineData(-1)]
    public void Constructor_InvalidOptions_Throws(int segments) =>
        Assert.Throws<ArgumentException>(() => new CapRenderer(new RenderOptions { SmsMaxSegments = segments }));

    [Fact]
    public void Constructor_CopiesTheOptions()
    {
        var options = new RenderOptions { SmsMaxSegments = 1 };
        var renderer = new CapRenderer(options);
        options.SmsMaxSegments = 10;

        var sms = renderer.RenderSms(RenderAlerts.Alert(CapStatus.Actual, RenderAlerts.Info("nl", headline: RenderAlerts.Words(100, "kop"))), "nl");

        Assert.Equal(1, sms.SegmentCount);
    }
}
