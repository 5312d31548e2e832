using BeAlert.TestUtils;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace BeAlert.Cap.Tests.Profiles.BeAlert;

/// <summary>The BE-Alert rules on alerts built in code: the edges that the test documents do not show.</summary>
public sealed class BeAlertRulesTests
{
    private static readonly CapProfile Profile = CapProfile.BeAlert;

    [Fact]
    public void ValidAlert_GivesNothing() => ProfileAssert.None(Profile, BeAlertAlerts.Gent());

    [Theory]
    [InlineData("nl")]
    [InlineData("NL-be")]
    [InlineData("fr-BE")]
    [InlineData("de-DE")]
    [InlineData("en-US")]
    [InlineData("en")]
    public void LanguageRule_OfficialLanguageOrEnglish_GivesNothing(string language) =>
        Assert.DoesNotContain(CapProfileDiagnosticCodes.BeAlertLanguageNotOfficial, ProfileAssert.Codes(Profile, BeAlertAlerts.Gent().WithInfo(1, i => i with { Language = language })));

    [Fact]
    public void LanguageRule_NoLanguageElement_CountsAsEnglish() =>
        Assert.DoesNotContain(CapProfileDiagnosticCodes.BeAlertLanguageNotOfficial, ProfileAssert.Codes(Profile, BeAlertAlerts.Gent().WithInfo(1, i => i with { Language = null })));

    [Theory]
    [InlineData("nld")]
    [InlineData("it")]
    [InlineData("lb-LU")]
    public void LanguageRule_OtherLanguage_ReportsBea001(string language) =>
        Assert.Contains(CapProfileDiagnosticCodes.BeAlertLanguageNotOfficial, ProfileAssert.Codes(Profile, BeAlertAlerts.Gent().WithInfo(1, i => i with { Language = language })));

    [Fact]
    public void InfosDiffer_SameInstantInAnotherOffset_GivesNothing()
    {
        var alert = BeAlertAlerts.Gent().WithInfo(1, i => i with { Expires = new CapDateTime(i.Expires!.Value.UtcValue) });

        Assert.NotEqual(alert.Infos[0].Expires!.Value.Value.Offset, alert.Infos[1].Expires!.Value.Value.Offset);
        ProfileAssert.None(Profile, alert);
    }

    [Fact]
    public void InfosDiffer_CategoriesInAnotherOrderOrRepeated_GivesNothing()
    {
        var alert = BeAlertAlerts.Gent()
            .WithInfo(0, i => i with { Categories = [CapCategory.Fire, CapCategory.Cbrne] })
            .WithInfo(1, i => i with { Categories = [CapCategory.Cbrne, CapCategory.Fire, CapCategory.Fire] });

        ProfileAssert.None(Profile, alert);
    }

    [Fact]
    public void InfosDiffer_AreaNotInTheFirstInfo_ReportsBea002AtThatArea()
    {
        var alert = BeAlertAlerts.Gent().WithInfo(1, i => i with { Areas = [i.Areas[0] with { Geocodes = [new CapNamedValue("NIS", "44064")] }] });

        ProfileAssert.Single(Profile, alert, CapProfileDiagnosticCodes.BeAlertInfosDiffer, "/alert/info[2]/area[1]");
    }

    [Fact]
    public void InfosDiffer_AreasInAnotherOrderWithTranslatedDescriptions_GivesNothing()
    {
        var second = new CapArea("Sint-Martens-Latem") { Geocodes = [new CapNamedValue("NIS", "44064")] };
        var alert = BeAlertAlerts.Gent()
            .WithInfo(0, i => i with { Areas = [i.Areas[0], second] })
            .WithInfo(1, i => i with { Areas = [second with { AreaDesc = "Laethem-Saint-Martin" }, i.Areas[0]] });

        ProfileAssert.None(Profile, alert);
    }

    [Fact]
    public void InfosDiffer_AreaMissingInTranslation_ReportsBea002AtTheInfo()
    {
        var second = new CapArea("Sint-Martens-Latem") { Geocodes = [new CapNamedValue("NIS", "44064")] };
        var alert = BeAlertAlerts.Gent().WithInfo(0, i => i with { Areas = [i.Areas[0], second] });

        var diagnostic = ProfileAssert.Single(Profile, alert, CapProfileDiagnosticCodes.BeAlertInfosDiffer, "/alert/info[2]");
        Assert.Contains("1 area and the first (nl-BE) 2 areas", diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("urgency")]
    [InlineData("severity")]
    [InlineData("certainty")]
    [InlineData("eventCode")]
    [InlineData("effective")]
    [InlineData("onset")]
    [InlineData("expires")]
    [InlineData("category")]
    public void InfosDiffer_EachComparedField_ReportsBea002AtThatField(string field)
    {
        CapInfo Change(CapInfo i) => field switch
        {
            "urgency" => i with { Urgency = CapUrgency.Expected },
            "severity" => i with { Severity = CapSeverity.Extreme },
            "certainty" => i with { Certainty = CapCertainty.Likely },
            "eventCode" => i with { EventCodes = [] },
            "effective" => i with { Effective = null },
            "onset" => i with { Onset = i.Effective },
            "expires" => i with { Expires = i.Expires!.Value.Value.AddMinutes(1) },
            _ => i with { Categories = [CapCategory.Fire, CapCategory.Safety] },
        };

        ProfileAssert.Single(Profile, BeAlertAlerts.Gent().WithInfo(1, Change), CapProfileDiagnosticCodes.BeAlertInfosDiffer, "/alert/info[2]/" + field);
    }

    [Property(MaxTest = 100)]
    public Property InfosDiffer_TranslatedCopyOfTheFirstInfo_NeverReports() =>
        Prop.ForAll(Arb.From(from headline in CapGenerators.Text from areaDesc in CapGenerators.Text select (headline, areaDesc)), texts =>
        {
            var (headline, areaDesc) = texts;
            var alert = BeAlertAlerts.Gent();
            var translated = alert.Infos[0] with
            {
                Language = "de-BE",
                Event = headline,
                Headline = headline,
                Description = areaDesc,
                Instruction = "Bleiben Sie drinnen.",
                Areas = [.. alert.Infos[0].Areas.Select(a => a with { AreaDesc = areaDesc })],
            };
            return !ProfileAssert.Codes(Profile, alert with { Infos = [.. alert.Infos, translated] }).Contains(CapProfileDiagnosticCodes.BeAlertInfosDiffer);
        });

    [Theory]
    [InlineData("44021", new[] { "en" }, "nl")] // Gent, Dutch missing
    [InlineData("62063", new[] { "fr" }, null)] // Liège, French present
    [InlineData("62063", new[] { "nl" }, "fr")]
    [InlineData("21004", new[] { "nl" }, "fr")] // Brussels needs both
    [InlineData("21004", new[] { "fr" }, "nl")]
    [InlineData("63023", new[] { "fr" }, "de")] // Eupen needs German and French
    [InlineData("63023", new[] { "de" }, "fr")]
    [InlineData("63049", new[] { "fr" }, null)] // Malmedy (French language area)
    [InlineData("60000", new[] { "fr" }, "de")] // the province of Liège holds the German-language area
    [InlineData("04000", new[] { "nl", "fr" }, null)]
    [InlineData("99999", new[] { "en" }, null)] // unknown code: BEA004's business, no language needed
    public void RegionLanguage_ReportsEachMissingLanguage(string nis, string[] languages, string? missing)
    {
        var alert = BeAlertAlerts.Gent().WithNis(nis);
        alert = alert with { Infos = [.. languages.Select(l => alert.Infos[0] with { Language = l + "-BE" })] };

        var diagnostics = ProfileAssert.Of(Profile, alert).Where(d => d.Code == CapProfileDiagnosticCodes.BeAlertRegionLanguageMissing).ToList();
        if (missing is null)
        {
            Assert.Empty(diagnostics);
        }
        else
        {
            var diagnostic = Assert.Single(diagnostics);
            Assert.Contains($"({missing})", diagnostic.Message, StringComparison.Ordinal);
            Assert.Contains($"({nis})", diagnostic.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(CapScope.Restricted, CapMessageType.Alert)]
    [InlineData(CapScope.Public, CapMessageType.Cancel)]
    public void RegionLanguage_NotAPublicAlertOrUpdate_GivesNothing(CapScope scope, CapMessageType msgType)
    {
        var alert = BeAlertAlerts.Gent().Only("fr") with { Scope = scope, MsgType = msgType };

        Assert.DoesNotContain(CapProfileDiagnosticCodes.BeAlertRegionLanguageMissing, ProfileAssert.Codes(Profile, alert));
    }

    [Fact]
    public void RegionLanguage_ManyPlaces_NamesThreeAndCountsTheRest()
    {
        var alert = BeAlertAlerts.Gent().WithNis("44021", "44064", "44048", "44020", "44012").Only("fr");

        var diagnostic = Assert.Single(ProfileAssert.Of(Profile, alert));
        Assert.Contains("Gent (44021), Sint-Martens-Latem (44064), Nazareth (44048) and 2 more", diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(" 44021", "remove the surrounding whitespace")]
    [InlineData("2000", "a leading zero is missing")] // 02000, the Flemish Region
    [InlineData("2016", "NIS codes are five digits")]
    [InlineData("12345", "no such code")]
    [InlineData("Gent", "NIS codes are five digits")]
    public void NisCode_Unknown_ReportsBea004WithAHint(string value, string hint)
    {
        var alert = BeAlertAlerts.Gent().WithNis(value);
        var diagnostics = ProfileAssert.Of(Profile, alert).Where(d => d.Code == CapProfileDiagnosticCodes.BeAlertUnknownNisCode).ToList();

        Assert.Equal(2, diagnostics.Count);
        Assert.Equal("/alert/info[1]/area[1]/geocode[1]/value", diagnostics[0].Path);
        Assert.Contains(hint, diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NisCode_OtherValueNames_AreNotChecked()
    {
        var alert = BeAlertAlerts.Gent() with { Infos = [.. BeAlertAlerts.Gent().Infos.Select(i => i with { Areas = [i.Areas[0] with { Geocodes = [.. i.Areas[0].Geocodes, new CapNamedValue("postcode", "9000"), new CapNamedValue("EMMA_ID", "BE004")] }] })] };

        ProfileAssert.None(Profile, alert);
    }

    [Fact]
    public void NisCode_CaseVariantOfValueName_StillChecksTheValue()
    {
        var alert = BeAlertAlerts.Gent() with { Infos = [.. BeAlertAlerts.Gent().Infos.Select(i => i with { Areas = [i.Areas[0] with { Geocodes = [new CapNamedValue("Nis", "99999")] }] })] };

        Assert.Equal(
            [CapProfileDiagnosticCodes.BeAlertNisValueNameCase, CapProfileDiagnosticCodes.BeAlertUnknownNisCode, CapProfileDiagnosticCodes.BeAlertNisValueNameCase, CapProfileDiagnosticCodes.BeAlertUnknownNisCode],
            ProfileAssert.Codes(Profile, alert));
    }

    [Theory]
    [InlineData("noodplanning@gent.be", true)]
    [InlineData("child-alert@police.belgium.eu", true)]
    [InlineData("first.last+alerts@sub.domain.be", true)]
    [InlineData("urn:oid:2.49.0.0.56.0", true)]
    [InlineData("URN:OID:2.49.0.0.56.0", true)]
    [InlineData("brandweer@gent", false)]
    [InlineData("@gent.be", false)]
    [InlineData("brandweer@@gent.be", false)]
    [InlineData("brandweer@-gent.be", false)]
    [InlineData("brandweer@gent.b3", false)]
    [InlineData(".brandweer@gent.be", false)]
    [InlineData("urn:oid:2.49..0", false)]
    [InlineData("urn:oid:", false)]
    [InlineData("urn:uuid:7d8f1c52", false)]
    [InlineData("https://gent.be", false)]
    public void Sender_EmailOrOid(string sender, bool valid)
    {
        var codes = ProfileAssert.Codes(Profile, BeAlertAlerts.Gent() with { Sender = sender });

        Assert.Equal(valid, !codes.Contains(CapProfileDiagnosticCodes.BeAlertSenderConvention));
    }

    [Fact]
    public void Sender_RejectedByCap_IsNotReportedAgain()
    {
        var diagnostics = CapValidator.For(Profile).Validate(BeAlertAlerts.Gent() with { Sender = "brand weer" }).Diagnostics;

        Assert.Equal([CapDiagnosticCodes.InvalidSender], diagnostics.Select(d => d.Code));
    }

    [Theory]
    [InlineData("BE-GENT-2026-0412", true)]
    [InlineData("urn:uuid:7d8f1c52-6a1b-4c49-9c2f-0a5f1b2e3d4c", true)]
    [InlineData("2.49.0.1.56.0.2026.42", true)]
    [InlineData("BE_GENT.2026:1", true)]
    [InlineData("BE/2026", false)]
    [InlineData("BE#2026", false)]
    [InlineData("BE-GENT-2026-0412é", false)]
    public void Identifier_Characters(string identifier, bool valid)
    {
        var codes = ProfileAssert.Codes(Profile, BeAlertAlerts.Gent() with { Identifier = identifier });

        Assert.Equal(valid, !codes.Contains(CapProfileDiagnosticCodes.BeAlertIdentifierConvention));
    }

    [Theory]
    [InlineData("TEST: dit is een test", true)]
    [InlineData("test", true)]
    [InlineData("Dit is een Test.", true)]
    [InlineData("OEFENING - brand", true)]
    [InlineData("Exercice : incendie", true)]
    [InlineData("ÜBUNG: Brand", true)]
    [InlineData("übung: Brand", true)]
    [InlineData("UEBUNG: Brand", true)]
    [InlineData("Exercise: fire", true)]
    [InlineData("[TEST] brand", true)]
    [InlineData("TESTAMENT", false)]
    [InlineData("Contest", false)]
    [InlineData("Brand in Gent", false)]
    [InlineData("", false)]
    public void TestHeadline_MarkerAsWholeWord(string headline, bool marked) =>
        Assert.Equal(marked, BeAlertTestHeadlineRule.HasMarker(headline));

    [Theory]
    [InlineData(CapStatus.Test)]
    [InlineData(CapStatus.Exercise)]
    public void TestHeadline_UnmarkedTestOrExercise_ReportsBea008(CapStatus status) =>
        Assert.Equal(
            [CapProfileDiagnosticCodes.BeAlertTestNotInHeadline, CapProfileDiagnosticCodes.BeAlertTestNotInHeadline],
            ProfileAssert.Codes(Profile, BeAlertAlerts.Gent() with { Status = status }));

    [Theory]
    [InlineData(CapStatus.Actual)]
    [InlineData(CapStatus.Draft)]
    [InlineData(CapStatus.System)]
    public void TestHeadline_OtherStatuses_NeedNoMarker(CapStatus status) =>
        Assert.DoesNotContain(CapProfileDiagnosticCodes.BeAlertTestNotInHeadline, ProfileAssert.Codes(Profile, BeAlertAlerts.Gent() with { Status = status }));

    [Theory]
    [InlineData(CapStatus.Actual, CapScope.Public, CapMessageType.Update, true)]
    [InlineData(CapStatus.Actual, CapScope.Public, CapMessageType.Alert, true)]
    [InlineData(CapStatus.Actual, CapScope.Public, CapMessageType.Cancel, false)]
    [InlineData(CapStatus.Actual, CapScope.Restricted, CapMessageType.Alert, false)]
    [InlineData(CapStatus.Actual, CapScope.Private, CapMessageType.Alert, false)]
    [InlineData(CapStatus.Exercise, CapScope.Public, CapMessageType.Alert, false)]
    [InlineData(CapStatus.Test, CapScope.Public, CapMessageType.Alert, false)]
    public void ActualPublic_ExpiresAndInstructionRequiredOnlyForActualPublicAlertsAndUpdates(CapStatus status, CapScope scope, CapMessageType msgType, bool required)
    {
        var alert = BeAlertAlerts.Gent().WithInfo(0, i => i with { Expires = null, Instruction = " " }).WithInfo(1, i => i with { Expires = null, Instruction = null })
            with { Status = status, Scope = scope, MsgType = msgType };

        var codes = ProfileAssert.Codes(Profile, alert);
        Assert.Equal(required ? 2 : 0, codes.Count(c => c == CapProfileDiagnosticCodes.BeAlertExpiresRequired));
        Assert.Equal(required ? 2 : 0, codes.Count(c => c == CapProfileDiagnosticCodes.BeAlertInstructionRequired));
    }
}
