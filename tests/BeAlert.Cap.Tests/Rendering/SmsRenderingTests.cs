namespace BeAlert.Cap.Tests.Rendering;

/// <summary>The SMS: status marks, length policy, link, coding and cost.</summary>
public sealed class SmsRenderingTests
{
    [Theory]
    [InlineData(CapStatus.Test, "nl", "TEST: ")]
    [InlineData(CapStatus.Test, "fr", "TEST: ")]
    [InlineData(CapStatus.Exercise, "nl", "OEFENING: ")]
    [InlineData(CapStatus.Exercise, "fr", "EXERCICE: ")]
    [InlineData(CapStatus.Exercise, "de", "ÜBUNG: ")]
    [InlineData(CapStatus.Exercise, "en", "EXERCISE: ")]
    [InlineData(CapStatus.System, "nl", "SYSTEEMBERICHT: ")]
    [InlineData(CapStatus.System, "en", "SYSTEM MESSAGE: ")]
    [InlineData(CapStatus.Draft, "nl", "ONTWERP: ")]
    [InlineData(CapStatus.Draft, "fr", "BROUILLON: ")]
    [InlineData(CapStatus.Draft, "de", "ENTWURF: ")]
    [InlineData(CapStatus.Draft, "en", "DRAFT: ")]
    public void RenderSms_Status_StartsWithTheLocalisedMark(CapStatus status, string language, string prefix)
    {
        var sms = CapRenderer.Default.RenderSms(RenderAlerts.Typical(status), language);

        Assert.StartsWith(prefix, sms.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nl", "Zware brand in Gent")]
    [InlineData("fr", "Incendie important")]
    [InlineData("de", "Großbrand in Gent")]
    [InlineData("en", "Major fire in Ghent")]
    public void RenderSms_Actual_HasNoMark(string language, string start)
    {
        var sms = CapRenderer.Default.RenderSms(RenderAlerts.Typical(), language);

        Assert.StartsWith(start, sms.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nl", CapStatus.Actual, "SIMULATIE: ")]
    [InlineData("fr", CapStatus.Actual, "SIMULATION: ")]
    [InlineData("de", CapStatus.Exercise, "SIMULATION - ÜBUNG: ")]
    [InlineData("en", CapStatus.Test, "SIMULATION - TEST: ")]
    public void RenderSms_Simulation_MarksEveryText(string language, CapStatus status, string prefix)
    {
        var renderer = new CapRenderer(new RenderOptions { Simulation = true });

        Assert.StartsWith(prefix, renderer.RenderSms(RenderAlerts.Typical(status), language).Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CapMessageType.Update, "nl", "UPDATE: ")]
    [InlineData(CapMessageType.Cancel, "nl", "INGETROKKEN: ")]
    [InlineData(CapMessageType.Cancel, "fr", "ANNULÉ: ")]
    [InlineData(CapMessageType.Update, "de", "AKTUALISIERUNG: ")]
    public void RenderSms_UpdateOrCancel_IsMarked(CapMessageType msgType, string language, string prefix)
    {
        var alert = RenderAlerts.Typical() with { MsgType = msgType, References = [new CapReference("crisis@gent.be", "BE-0", RenderAlerts.Sent)] };

        Assert.StartsWith(prefix, CapRenderer.Default.RenderSms(alert, language).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderSms_TitleAlreadyStartingWithTheMark_IsNotMarkedTwice()
    {
        var alert = RenderAlerts.Alert(CapStatus.Test, RenderAlerts.Info("nl", headline: "TEST: dit is een test van BE-Alert"));

        Assert.Equal("TEST: dit is een test van BE-Alert", CapRenderer.Default.RenderSms(alert, "nl").Text);
    }

    [Fact]
    public void RenderSms_TitleStartingWithAWordThatMerelyBeginsWithTheMark_IsStillMarked()
    {
        var alert = RenderAlerts.Alert(CapStatus.Test, RenderAlerts.Info("nl", headline: "Testcentrum gesloten"));

        Assert.Equal("TEST: Testcentrum gesloten", CapRenderer.Default.RenderSms(alert, "nl").Text);
    }

    [Fact]
    public void RenderSms_ShortAlert_IsHeadlineDescriptionInstructionLinkOnSeparateLines()
    {
        var alert = RenderAlerts.Alert(CapStatus.Actual, RenderAlerts.Info("nl", headline: "Brand in Gent", description: "Veel rook.", instruction: "Blijf binnen.", web: "https://gent.be/brand"));

        var sms = CapRenderer.Default.RenderSms(alert, "nl");

        Assert.Equal("Brand in Gent\nVeel rook.\nBlijf binnen.\nhttps://gent.be/brand", sms.Text);
        Assert.Equal(SmsDataCoding.Gsm7, sms.DataCoding);
        Assert.Equal(1, sms.SegmentCount);
        Assert.Equal(RenderParts.None, sms.Shortened | sms.Omitted);
    }

    [Fact]
    public void RenderSms_NoHeadline_UsesTheEvent()
    {
        var alert = RenderAlerts.Alert(CapStatus.Actual, RenderAlerts.Info("nl", @event: "Stroomonderbreking", instruction: "Gebruik geen kaarsen."));

        Assert.Equal("Stroomonderbreking\nGebruik geen kaarsen.", CapRenderer.Default.RenderSms(alert, "nl").Text);
    }

    [Fact]
    public void RenderSms_NoWeb_UsesTheDefaultUrl()
    {
        var renderer = new CapRenderer(new RenderOptions { DefaultInfoUrl = "https://www.be-alert.be" });
        var alert = RenderAlerts.Alert(CapStatus.Actual, RenderAlerts.Info("nl", headline: "Brand", instruction: "Blijf binnen."));

        Assert.EndsWith("\nhttps://www.be-alert.be", renderer.RenderSms(alert, "nl").Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("ftp://files.gent.be/brand")]
    [InlineData("www.gent.be")]
    public void RenderSms_WebNotHttp_GivesWayToTheDefaultUrl(string web)
    {
        var renderer = new CapRenderer(new RenderOptions { DefaultInfoUrl = "https://www.be-alert.be" });
        var alert = RenderAlerts.Alert(CapStatus.Actual, RenderAlerts.Info("nl", headline: "Brand", web: web));

        var text = renderer.RenderSms(alert, "nl").Text;

        Assert.DoesNotContain(web, text, StringComparison.Ordinal);
        Assert.EndsWith("https://www.be-alert.be", text, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderSms_LongDescription_IsShortenedFirstKeepingInstructionAndLink()
    {
        var instruction = "Blijf binnen. Sluit ramen en deuren.";
        var web = "https://www.be-alert.be/nl/brand-gent";
        var description = RenderAlerts.Words(200);
        var alert = RenderAlerts.Alert(CapStatus.Actual, RenderAlerts.Info("nl", headline: "Zware brand in Gent", description: description, instruction: instruction, web: web));

        var sms = new CapRenderer(new RenderOptions { SmsMaxSegments = 2 }).RenderSms(alert, "nl");

        Assert.Equal(2, sms.SegmentCount);
        Assert.Equal(RenderParts.Description, sms.Shortened);
        Assert.Equal(RenderParts.None, sms.Omitted);
        var lines = sms.Text.Split('\n');
        Assert.Equal(["Zware brand in Gent", instruction, web], [lines[0], lines[2], lines[3]]);
        // Cut at a word boundary: whole words of the description, then "...".
        Assert.EndsWith("...", lines[1], StringComparison.Ordinal);
        var kept = lines[1][..^3];
        Assert.StartsWith(kept + " ", description, StringComparison.Ordinal);
        // As much as fits: one more word would not.
        var nextWord = description[(kept.Length + 1)..].Split(' ')[0];
        var longer = sms.Text.Replace(lines[1], kept + " " + nextWord + "...", StringComparison.Ordinal);
        Assert.True(SmsSegmenter.CountSegments(longer, out _) > 2);
    }

    [Fact]
    public void RenderSms_DescriptionThatCannotKeepEnough_IsLeftOut()
    {
        var alert = RenderAlerts.Alert(CapStatus.Actual, RenderAlerts.Info("nl", headline: new string('h', 130), description: RenderAlerts.Words(20), instruction: "Blijf binnen."));

        var sms = new CapRenderer(new RenderOptions { SmsMaxSegments = 1 }).RenderSms(alert, "nl");

        Assert.Equal(RenderParts.Description, sms.Omitted);
        Assert.Equal(new string('h', 130) + "\nBlijf binnen.", sms.Text);
    }

    [Fact]
    public void RenderSms_HeadlineTooLongAfterTheDescriptionIsGone_IsCutAtAWord()
    {
        var headline = RenderAlerts.Words(40, "kop");
        var alert = RenderAlerts.Alert(CapStatus.Test, RenderAlerts.Info("nl", @event: "Brand", headline: headline, description: RenderAlerts.Words(40), instruction: "Blijf binnen."));

        var sms = new CapRenderer(new RenderOptions { SmsMaxSegments = 1 }).RenderSms(alert, "nl");

        Assert.Equal(1, sms.SegmentCount);
        Assert.Equal(RenderParts.Headline, sms.Shortened);
        Assert.Equal(RenderParts.Description, sms.Omitted);
        var title = sms.Text.Split('\n')[0];
        Assert.StartsWith("TEST: ", title, StringComparison.Ordinal);
        Assert.StartsWith(title["TEST: ".Length..^3] + " ", headline, StringComparison.Ordinal);
        Assert.EndsWith("\nBlijf binnen.", sms.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderSms_HeadlineWithoutWordBoundaries_GivesWayToTheEvent()
    {
        var alert = RenderAlerts.Alert(CapStatus.Actual, RenderAlerts.Info("nl", @event: "Brand", headline: new string('x', 300), instruction: "Blijf binnen."));

        var sms = new CapRenderer(new RenderOptions { SmsMaxSegments = 1 }).RenderSms(alert, "nl");

        Assert.Equal("Brand\nBlijf binnen.", sms.Text);
        Assert.Equal(RenderParts.Headline, sms.Omitted);
    }

    [Fact]
    public void RenderSms_InstructionAndLinkTooLongTogether_LinkGoesBeforeTheInstructionIsCutBelowOneWord()
    {
        // UCS-2, one segment: 70 units. The instruction alone fits; with the 60-unit link it does not.
        var instruction = "Blijf binnen in België, sluit ramen en deuren nu meteen.";
        var web = "https://www.be-alert.be/nl/" + new string('a', 33);
        var alert = RenderAlerts.Alert(CapStatus.Actual, RenderAlerts.Info("nl", headline: "Brand", instruction: instruction, web: web));

        var sms = new CapRenderer(new RenderOptions { SmsMaxSegments = 1 }).RenderSms(alert, "nl");

        Assert.Equal(SmsDataCoding.Ucs2, sms.DataCoding);
        Assert.Equal(1, sms.SegmentCount);
        Assert.Contains(instruction, sms.Text, StringComparison.Ordinal);
        Assert.True((sms.Omitted & RenderParts.Link) != 0);
    }

    [Fact]
    public void RenderSms_InstructionThatCannotFitWhole_IsCutAndKeepsTheLink()
    {
        var instruction = RenderAlerts.Words(25, "doe");
        var web = "https://gent.be/b";
        var alert = RenderAlerts.Alert(CapStatus.Actual, RenderAlerts.Info("nl", headline: "Brand", instruction: instruction, web: web));

        var sms = new CapRenderer(new RenderOptions { SmsMaxSegments = 1 }).RenderSms(alert, "nl");

        Assert.Equal(1, sms.SegmentCount);
        Assert.True((sms.Shortened & RenderParts.Instruction) != 0);
        Assert.EndsWith("...\n" + web, sms.Text, StringComparison.Ordinal);
        Assert.True(sms.Text.Length - web.Length > instruction.Length / 2);
    }

    [Fact]
    public void RenderSms_InstructionThatWouldKeepLessThanHalfWithTheLink_KeepsMoreWithoutTheLink()
    {
        var instruction = RenderAlerts.Words(60, "doe");
        var web = "https://gent.be/b";
        var alert = RenderAlerts.Alert(CapStatus.Actual, RenderAlerts.Info("nl", headline: "Brand", instruction: instruction, web: web));

        var sms = new CapRenderer(new RenderOptions { SmsMaxSegments = 1 }).RenderSms(alert, "nl");

        Assert.Equal(1, sms.SegmentCount);
        Assert.True((sms.Omitted & RenderParts.Link) != 0);
        Assert.True((sms.Shortened & RenderParts.Instruction) != 0);
        Assert.DoesNotContain(web, sms.Text, StringComparison.Ordinal);
        Assert.True(sms.Text.Length > 150);
    }

    [Fact]
    public void RenderSms_ResultAlwaysFitsMaxSegments()
    {
        foreach (var max in new[] { 1, 2, 3, 5 })
        {
            var renderer = new CapRenderer(new RenderOptions { SmsMaxSegments = max, DefaultInfoUrl = "https://www.be-alert.be" });
            var alert = RenderAlerts.Alert(CapStatus.Exercise, RenderAlerts.Info("nl", headline: RenderAlerts.Words(80, "kop"), description: RenderAlerts.Words(300), instruction: RenderAlerts.Words(120, "doe") + " ë"));

            var sms = renderer.RenderSms(alert, "nl");

            Assert.InRange(sms.SegmentCount, 1, max);
            Assert.StartsWith("OEFENING: ", sms.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void RenderSms_Cost_IsSegmentsTimesTariff()
    {
        // 200 GSM characters in one headline: two concatenated segments.
        var alert = RenderAlerts.Alert(CapStatus.Actual, RenderAlerts.Info("nl", headline: new string('a', 200)));

        var sms = new CapRenderer(new RenderOptions { SmsTariffPerSegment = 0.07m }).RenderSms(alert, "nl");

        Assert.Equal(2, sms.SegmentCount);
        Assert.Equal(0.14m, sms.CostPerRecipient);
        Assert.Equal(0.07m, sms.TariffPerSegment);
    }

    [Fact]
    public void RenderSms_DefaultTariff_IsTheBeAlertRate() =>
        Assert.Equal(0.055m, CapRenderer.Default.RenderSms(RenderAlerts.Alert(CapStatus.Actual, RenderAlerts.Info("nl", headline: "Brand")), "nl").CostPerRecipient);

    [Fact]
    public void RenderSms_Segments_ConcatenateToTheText()
    {
        var sms = CapRenderer.Default.RenderSms(RenderAlerts.Typical(), "nl");

        Assert.Equal(sms.Text, string.Concat(sms.Segments));
        Assert.Equal(sms.SegmentCount, sms.Segments.Count);
    }

    [Fact]
    public void RenderSms_TypographicApostrophe_StaysGsm7()
    {
        var alert = RenderAlerts.Alert(CapStatus.Actual, RenderAlerts.Info("fr", headline: "Restez à l’intérieur – fermez «portes» et volets…"));

        var sms = CapRenderer.Default.RenderSms(alert, "fr");

        Assert.Equal("Restez à l'intérieur - fermez \"portes\" et volets...", sms.Text);
        Assert.Equal(SmsDataCoding.Gsm7, sms.DataCoding);
    }

    [Fact]
    public void RenderSms_TypographicPunctuationKept_IsUcs2()
    {
        var alert = RenderAlerts.Alert(CapStatus.Actual, RenderAlerts.Info("fr", headline: "Restez à l’intérieur"));

        var sms = new CapRenderer(new RenderOptions { GsmFriendlyPunctuation = false }).RenderSms(alert, "fr");

        Assert.Equal("Restez à l’intérieur", sms.Text);
        Assert.Equal(SmsDataCoding.Ucs2, sms.DataCoding);
    }

    [Fact]
    public void RenderSms_LetterNotInGsm_IsUcs2AndUnchanged()
    {
        var alert = RenderAlerts.Alert(CapStatus.Actual, RenderAlerts.Info("nl", headline: "Overstroming in België: ça va"));

        var sms = CapRenderer.Default.RenderSms(alert, "nl");

        Assert.Equal("Overstroming in België: ça va", sms.Text);
        Assert.Equal(SmsDataCoding.Ucs2, sms.DataCoding);
    }

    [Fact]
    public void RenderSms_DecomposedAccent_IsComposedAndStaysGsm7()
    {
        var alert = RenderAlerts.Alert(CapStatus.Actual, RenderAlerts.Info("fr", headline: "Ope\u0301ration termine\u0301e"));

        var sms = CapRenderer.Default.RenderSms(alert, "fr");

        Assert.Equal("Opération terminée", sms.Text);
        Assert.Equal(SmsDataCoding.Gsm7, sms.DataCoding);
    }

    [Fact]
    public void RenderSms_AlertWithoutInfo_ShowsItsNote()
    {
        var alert = RenderAlerts.Alert(CapStatus.Exercise, CapMessageType.Cancel) with { Note = "Einde van de oefening" };

        var sms = CapRenderer.Default.RenderSms(alert, "nl");

        Assert.Equal("nl", sms.Language);
        Assert.Equal("OEFENING - INGETROKKEN: Einde van de oefening", sms.Text);
    }

    [Fact]
    public void RenderSms_AlertWithoutInfoOrNote_NamesTheMessageItRefersTo()
    {
        var alert = RenderAlerts.Alert(CapStatus.Actual, CapMessageType.Cancel);

        Assert.Equal("INGETROKKEN: Referentie: BE-TEST-0000", CapRenderer.Default.RenderSms(alert, "nl").Text);
    }
}
