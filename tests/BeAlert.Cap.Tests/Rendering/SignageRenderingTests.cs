using System.Globalization;

namespace BeAlert.Cap.Tests.Rendering;

/// <summary>Signage: word-wrapped headline and instruction within columns × lines, and what gives way first.</summary>
public sealed class SignageRenderingTests
{
    private static CapRenderer Screen(int columns, int lines) => new(new RenderOptions { SignageColumns = columns, SignageLines = lines });

    private static int Width(string line) => new StringInfo(line).LengthInTextElements;

    [Fact]
    public void RenderSignage_EverythingFits_IsHeadlineThenInstruction()
    {
        var alert = RenderAlerts.Alert(CapStatus.Actual, RenderAlerts.Info("nl", headline: "Brand in Gent", description: "Nooit op een scherm.", instruction: "Blijf binnen. Sluit ramen en deuren."));

        var signage = Screen(20, 4).RenderSignage(alert, "nl");

        Assert.Equal(["Brand in Gent", "Blijf binnen. Sluit", "ramen en deuren."], signage.Lines);
        Assert.Equal(RenderParts.None, signage.Shortened | signage.Omitted);
        Assert.Equal("Brand in Gent\nBlijf binnen. Sluit\nramen en deuren.", signage.Text);
    }

    [Theory]
    [InlineData(10, 1)]
    [InlineData(16, 3)]
    [InlineData(20, 2)]
    [InlineData(40, 4)]
    [InlineData(80, 2)]
    public void RenderSignage_AnyScreen_StaysWithinItsColumnsAndLines(int columns, int lines)
    {
        foreach (var language in new[] { "nl", "fr", "de", "en" })
        {
            var signage = Screen(columns, lines).RenderSignage(RenderAlerts.Typical(CapStatus.Exercise), language);

            Assert.InRange(signage.Lines.Count, 1, lines);
            Assert.All(signage.Lines, l => Assert.InRange(Width(l), 1, columns));
            Assert.Equal(columns, signage.Columns);
        }
    }

    [Fact]
    public void RenderSignage_HeadlineTooLong_GivesWayToAShorterEvent()
    {
        var signage = Screen(40, 4).RenderSignage(RenderAlerts.Typical(), "nl");

        Assert.Equal(["Brand met rookontwikkeling", "Blijf binnen. Sluit ramen en deuren. Zet", "ventilatie en airco uit. Volg de", "berichten op de radio."], signage.Lines);
        Assert.Equal(RenderParts.Headline, signage.Omitted);
    }

    [Fact]
    public void RenderSignage_InstructionTooLong_KeepsItsLeadingSentences()
    {
        var signage = Screen(20, 3).RenderSignage(RenderAlerts.Typical(), "nl");

        // The instruction would take five lines: the title keeps one, the instruction its first two sentences.
        Assert.Equal(["Brand met...", "Blijf binnen. Sluit", "ramen en deuren."], signage.Lines);
        Assert.Equal(RenderParts.Event | RenderParts.Instruction, signage.Shortened);
        Assert.Equal(RenderParts.Headline, signage.Omitted);
    }

    [Fact]
    public void RenderSignage_FirstSentenceTooLong_IsCutAtAWord()
    {
        var alert = RenderAlerts.Alert(CapStatus.Actual, RenderAlerts.Info("nl", @event: "Brand", instruction: "Verlaat onmiddellijk de woning langs de achterkant en ga naar het verzamelpunt."));

        var signage = Screen(20, 3).RenderSignage(alert, "nl");

        Assert.Equal(["Brand", "Verlaat onmiddellijk", "de woning langs..."], signage.Lines);
    }

    [Fact]
    public void RenderSignage_LongHeadlineAndInstruction_HeadlineGetsTheLinesTheInstructionLeaves()
    {
        var alert = RenderAlerts.Alert(CapStatus.Test, RenderAlerts.Info("nl", @event: RenderAlerts.Words(10, "gebeurtenis"), headline: RenderAlerts.Words(10, "kop"), instruction: "Blijf binnen."));

        var signage = Screen(20, 3).RenderSignage(alert, "nl");

        Assert.Equal(3, signage.Lines.Count);
        Assert.StartsWith("TEST: kop000", signage.Lines[0], StringComparison.Ordinal);
        Assert.EndsWith("...", signage.Lines[1], StringComparison.Ordinal);
        Assert.Equal("Blijf binnen.", signage.Lines[2]);
        Assert.Equal(RenderParts.Headline, signage.Shortened);
    }

    [Fact]
    public void RenderSignage_OneLine_ShowsOnlyTheHeadline()
    {
        var signage = Screen(30, 1).RenderSignage(RenderAlerts.Typical(CapStatus.Test), "en");

        Assert.Equal(["TEST: Fire with smoke plume"], signage.Lines);
        Assert.Equal(RenderParts.Headline | RenderParts.Instruction, signage.Omitted);
    }

    [Fact]
    public void RenderSignage_WordWiderThanTheScreen_IsBroken()
    {
        var alert = RenderAlerts.Alert(CapStatus.Actual, RenderAlerts.Info("de", @event: "Donaudampfschifffahrtsgesellschaft"));

        var signage = Screen(12, 4).RenderSignage(alert, "de");

        Assert.Equal(["Donaudampfsc", "hifffahrtsge", "sellschaft"], signage.Lines);
    }

    [Fact]
    public void RenderSignage_CombiningMarksAndEmoji_CountAsOneColumn()
    {
        var alert = RenderAlerts.Alert(CapStatus.Actual, RenderAlerts.Info("nl", @event: "🚒🚒🚒🚒🚒 e\u0301e\u0301"));

        var signage = Screen(10, 2).RenderSignage(alert, "nl");

        Assert.Equal(["🚒🚒🚒🚒🚒 éé"], signage.Lines);
    }
}
