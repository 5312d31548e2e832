namespace BeAlert.Cap.Tests.Profiles.EuAlert;

/// <summary>The EU-Alert rules on alerts built in code: which messages they look at.</summary>
public sealed class EuAlertRulesTests
{
    private static readonly CapProfile Profile = CapProfile.EuAlert;

    private static CapAlert Alert(CapStatus status, CapMessageType msgType, CapSeverity severity = CapSeverity.Moderate) =>
        CapAlertBuilder.Create("BE-2026-0042", "crisis@gent.be", new DateTimeOffset(2026, 11, 25, 14, 30, 0, TimeSpan.FromHours(1)))
            .Status(status)
            .AddInfo("nl-BE", CapCategory.Fire, "Brand", CapUrgency.Immediate, severity, CapCertainty.Observed, i => i
                .Headline("Brand in Gent")
                .Instruction("Blijf binnen.")
                .AddArea("Gent", a => a.AddGeocode("NIS", "44021")))
            .Build() with { MsgType = msgType };

    [Theory]
    [InlineData(CapMessageType.Cancel)]
    [InlineData(CapMessageType.Ack)]
    [InlineData(CapMessageType.Error)]
    public void NonBroadcastMessages_NeedNoLevel(CapMessageType msgType) =>
        ProfileAssert.None(Profile, Alert(CapStatus.Actual, msgType));

    [Theory]
    [InlineData(CapStatus.Draft)]
    [InlineData(CapStatus.System)]
    public void DraftOrSystemAlert_ReportsOnlyEua001(CapStatus status) =>
        Assert.Equal([CapProfileDiagnosticCodes.EuAlertNotBroadcastable], ProfileAssert.Codes(Profile, Alert(status, CapMessageType.Alert)));

    [Fact]
    public void ModerateActualUpdate_ReportsEua002WithTheReason()
    {
        var diagnostic = Assert.Single(ProfileAssert.Of(Profile, Alert(CapStatus.Actual, CapMessageType.Update)));

        Assert.Equal(CapProfileDiagnosticCodes.EuAlertNoLevel, diagnostic.Code);
        Assert.Equal("/alert/info[1]", diagnostic.Path);
        Assert.Contains("Severity Moderate", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LevelParameter_PathPointsAtTheParameter()
    {
        var alert = Alert(CapStatus.Actual, CapMessageType.Alert);
        alert = alert with { Infos = [alert.Infos[0] with { Parameters = [new CapNamedValue("layer", "x"), new CapNamedValue("EU-Alert-Level", "9")] }] };

        var diagnostic = Assert.Single(ProfileAssert.Of(Profile, alert));
        Assert.Equal(CapProfileDiagnosticCodes.EuAlertLevelParameter, diagnostic.Code);
        Assert.Equal("/alert/info[1]/parameter[2]", diagnostic.Path);
    }

    [Fact]
    public void UnreadableSeverity_GivesNoLevelDiagnostic()
    {
        // A document whose <severity> cannot be read: the parser reports it, the profile says nothing more about it.
        const string Xml = """
            <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
              <identifier>BE-1</identifier><sender>crisis@gent.be</sender><sent>2026-11-25T14:30:00+01:00</sent>
              <status>Actual</status><msgType>Alert</msgType><scope>Public</scope>
              <info><category>Fire</category><event>Brand</event><urgency>Immediate</urgency><severity>Bad</severity>
                <certainty>Observed</certainty><headline>Brand</headline></info>
            </alert>
            """;
        var diagnostics = CapValidator.For(Profile).Validate(CapParser.Default.Parse(System.Text.Encoding.UTF8.GetBytes(Xml))).Diagnostics;

        Assert.Contains(diagnostics, d => d.Code == CapDiagnosticCodes.InvalidEnumValue);
        Assert.DoesNotContain(diagnostics, d => d.Code.StartsWith("EUA", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("nl")]
    [InlineData("nl-BE")]
    [InlineData("EN-us")]
    [InlineData(null)]
    public void Language_TwoLetterPrimarySubtag_IsUsable(string? language)
    {
        var alert = Alert(CapStatus.Exercise, CapMessageType.Alert);
        alert = alert with { Infos = [alert.Infos[0] with { Language = language }] };

        ProfileAssert.None(Profile, alert);
    }
}
