using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace BeAlert.Cap.Tests.Rendering;

/// <summary>Alerts built in code can hold anything: rendering never throws and never breaks a limit.</summary>
public sealed class RenderHostileInputTests
{
    private static readonly RenderOptions Small = new() { SmsMaxSegments = 1, CellBroadcastMaxPages = 1, SignageColumns = 10, SignageLines = 1, VoiceMaxCharacters = 200 };

    private static Gen<string> Nasty { get; } =
        from pieces in Gen.Frequency(
            (20, Gen.Elements("Blijf", "binnen.", " ", "  ", "é", "ë", "€", "[", "ç", "😀", "Ç")),
            (4, Gen.Elements("\r\n", "\n", "\t", "\u00A0", "\u2028", "\u0085")),
            (3, Gen.Elements("\0", "\u0007", "\u001B", "\u007F", "\u009F", "\uFFFE", "\uFFFF")),
            (3, Gen.Elements("\u202E", "\u2066", "\u200B", "\uFEFF", "\u00AD", "\U000E0041")),
            (3, Gen.Elements("\uD800", "\uDC00", "\u0301", "\u0308")),
            (3, Gen.Elements("<", ">", "&", "\"", "'", "]]>", "<!--", "{0}", "%s")))
            .ListOf().Resize(80)
        select string.Concat(pieces);

    private static Gen<CapAlert> Alerts { get; } =
        from headline in Nasty
        from @event in Nasty
        from description in Nasty
        from instruction in Nasty
        from area in Nasty
        from note in Nasty
        from language in Gen.Elements<string?>("nl", "fr-BE", null, "", "x-\u0007", "de")
        from status in Gen.Elements(CapStatus.Actual, CapStatus.Test, CapStatus.Exercise, CapStatus.System, CapStatus.Draft)
        from withInfo in Gen.Frequency((5, Gen.Constant(true)), (1, Gen.Constant(false)))
        select withInfo
            ? RenderAlerts.Alert(status, RenderAlerts.Info(language, @event, headline, description, instruction, "https://x.be/" + Uri.EscapeDataString(area), area, headline, note))
            : RenderAlerts.Alert(status, CapMessageType.Cancel) with { Note = note };

    [Property(MaxTest = 300)]
    public Property Render_AnyContent_StaysWithinLimits() =>
        Prop.ForAll(Arb.From(Alerts), alert =>
        {
            foreach (var options in new[] { new RenderOptions(), Small })
            {
                var renderer = new CapRenderer(options);
                RenderLimits.AssertWithin(renderer.RenderSms(alert, "nl"), options);
                RenderLimits.AssertWithin(renderer.RenderCellBroadcast(alert, "fr"), options);
                RenderLimits.AssertWithin(renderer.RenderVoice(alert, "de"), options);
                RenderLimits.AssertWithin(renderer.RenderEmail(alert, "en"), options);
                RenderLimits.AssertWithin(renderer.RenderSignage(alert, "nl"), options);
            }
        });

    [Fact]
    public void Render_MegabyteFields_AreBoundedAndReportedShortened()
    {
        var huge = RenderAlerts.Words(120_000);
        var alert = RenderAlerts.Alert(CapStatus.Actual, RenderAlerts.Info("nl", headline: huge, description: huge, instruction: huge, area: huge));
        var options = new RenderOptions();

        var email = CapRenderer.Default.RenderEmail(alert, "nl");
        var voice = CapRenderer.Default.RenderVoice(alert, "nl");
        var sms = CapRenderer.Default.RenderSms(alert, "nl");

        RenderLimits.AssertWithin(email, options);
        Assert.InRange(email.TextBody.Length, options.MaxFieldLength, options.MaxFieldLength * 6);
        RenderLimits.AssertWithin(voice, options);
        RenderLimits.AssertWithin(sms, options);
        Assert.True((sms.Shortened & RenderParts.Instruction) != 0);
        RenderLimits.AssertWithin(CapRenderer.Default.RenderSignage(alert, "nl"), options);
        RenderLimits.AssertWithin(CapRenderer.Default.RenderCellBroadcast(alert, "nl"), options);
    }

    [Fact]
    public void Render_InvisibleAndControlCharacters_AreRemoved()
    {
        var alert = RenderAlerts.Alert(CapStatus.Actual, RenderAlerts.Info("nl", headline: "Br\u0000and\u200B in \u202EGent\u202C\u0007 \uFEFFnu"));

        Assert.Equal("Brand in Gent nu", CapRenderer.Default.RenderSms(alert, "nl").Text);
    }

    [Fact]
    public void Render_LoneSurrogate_BecomesAReplacementCharacter()
    {
        var alert = RenderAlerts.Alert(CapStatus.Actual, RenderAlerts.Info("nl", headline: "Brand \uD800 Gent"));

        Assert.Equal("Brand \uFFFD Gent", CapRenderer.Default.RenderSms(alert, "nl").Text);
    }

    [Fact]
    public void Render_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => CapRenderer.Default.RenderSms(null!, "nl"));
        Assert.Throws<ArgumentNullException>(() => SmsSegmenter.Segment(null!));
    }
}
