namespace BeAlert.Cap.Tests.Profiles.CapCp;

/// <summary>The CAP-CP rules on alerts built in code: SGC location codes and languages.</summary>
public sealed class CapCpRulesTests
{
    private static readonly CapProfile Profile = CapProfile.CapCp;

    private static CapAlert Alert(string location = "3520005", params string[] languages)
    {
        var builder = CapAlertBuilder.Create("EC-2026-0042", "cap-pac@canada.ca", new DateTimeOffset(2026, 6, 16, 17, 48, 0, TimeSpan.FromHours(-6)))
            .AddCode("profile:CAP-CP:0.4");
        foreach (var language in languages.Length == 0 ? ["en-CA", "fr-CA"] : languages)
        {
            builder.AddInfo(language, CapCategory.Met, "thunderstorm", CapUrgency.Immediate, CapSeverity.Moderate, CapCertainty.Observed, i => i
                .AddResponseType(CapResponseType.Shelter)
                .AddEventCode("profile:CAP-CP:Event:0.4", "thunderstorm")
                .Expires(new DateTimeOffset(2026, 6, 16, 18, 48, 0, TimeSpan.FromHours(-6)))
                .SenderName("Environment Canada")
                .Instruction("Take cover.")
                .AddArea("Toronto", a => a.AddGeocode("profile:CAP-CP:Location:0.3", location)));
        }

        return builder.Build();
    }

    [Fact]
    public void ValidAlert_GivesNothing() => ProfileAssert.None(Profile, Alert());

    [Theory]
    [InlineData("35", false)] // Ontario
    [InlineData("3520", false)] // census division Toronto
    [InlineData("3520005", false)] // census subdivision Toronto
    [InlineData("62", false)] // Nunavut
    [InlineData("10", false)] // Newfoundland and Labrador
    [InlineData("14", true)] // no such province
    [InlineData("352000", true)]
    [InlineData("35200050", true)]
    [InlineData("35A", true)]
    [InlineData("065522", true)]
    public void Location_IsAnSgcCode(string code, bool reported) =>
        Assert.Equal(reported, ProfileAssert.Codes(Profile, Alert(code)).Contains(CapProfileDiagnosticCodes.CapCpLocationFormat));

    [Theory]
    [InlineData(new[] { "en-CA", "fr-CA" }, new string[] { })]
    [InlineData(new[] { "EN-ca", "fr-ca" }, new string[] { })]
    [InlineData(new[] { "en-CA" }, new[] { "CCP009" })]
    [InlineData(new[] { "fr-CA" }, new[] { "CCP009" })]
    [InlineData(new[] { "en-US", "fr-FR" }, new[] { "CCP008", "CCP008" })]
    [InlineData(new[] { "es-MX" }, new[] { "CCP008", "CCP009" })]
    public void Languages(string[] languages, string[] codes) =>
        Assert.Equal(codes, ProfileAssert.Codes(Profile, Alert("3520005", languages)));

    [Fact]
    public void AckWithoutInfo_NeedsNoInfoNorLanguages()
    {
        var ack = Alert() with { MsgType = CapMessageType.Ack, Infos = [], References = [new CapReference("cap-pac@canada.ca", "EC-2026-0041", new DateTimeOffset(2026, 6, 16, 17, 0, 0, TimeSpan.FromHours(-6)))] };

        ProfileAssert.None(Profile, ack);
    }
}
