namespace BeAlert.Cap.Tests.Profiles.Ipaws;

/// <summary>The IPAWS rules on alerts built in code: the edges of the SAME codes and the WEA text limits.</summary>
public sealed class IpawsRulesTests
{
    private static readonly CapProfile Profile = CapProfile.Ipaws;

    private static CapAlert Alert(Action<CapInfoBuilder>? extra = null) =>
        CapAlertBuilder.Create("NWS-2026-0042", "w-nws.webmaster@noaa.gov", new DateTimeOffset(2026, 5, 20, 15, 50, 0, TimeSpan.FromHours(-5)))
            .AddCode("IPAWSv1.0")
            .AddInfo("en-US", CapCategory.Met, "Tornado Warning", CapUrgency.Immediate, CapSeverity.Extreme, CapCertainty.Observed, i =>
            {
                i.AddEventCode("SAME", "TOR")
                    .Expires(new DateTimeOffset(2026, 5, 20, 16, 30, 0, TimeSpan.FromHours(-5)))
                    .Description("A tornado was observed near Tomball.")
                    .Instruction("Take cover now.")
                    .AddArea("Harris", a => a.AddGeocode("SAME", "048201"));
                extra?.Invoke(i);
            })
            .Build();

    [Fact]
    public void ValidAlert_GivesNothing() => ProfileAssert.None(Profile, Alert());

    [Theory]
    [InlineData(90, false)]
    [InlineData(91, true)]
    public void CmamText_LimitIsNinetyCharacters(int length, bool reported) =>
        Assert.Equal(reported, ProfileAssert.Codes(Profile, Alert(i => i.AddParameter("CMAMtext", new string('x', length)))).Contains(CapProfileDiagnosticCodes.IpawsCmamTextTooLong));

    [Fact]
    public void CmamText_CountsCharactersNotUtf16Units()
    {
        // 90 emoji are 180 UTF-16 code units but 90 characters on the phone.
        var text = string.Concat(Enumerable.Repeat("🌪", 90));

        Assert.Equal(180, text.Length);
        ProfileAssert.None(Profile, Alert(i => i.AddParameter("CMAMtext", text)));
    }

    [Theory]
    [InlineData(360, false)]
    [InlineData(361, true)]
    public void CmamLongText_LimitIs360Characters(int length, bool reported) =>
        Assert.Equal(reported, ProfileAssert.Codes(Profile, Alert(i => i.AddParameter("CMAMlongtext", new string('x', length)))).Contains(CapProfileDiagnosticCodes.IpawsCmamLongTextTooLong));

    [Theory]
    [InlineData("EAS", false)]
    [InlineData("CIV", false)]
    [InlineData("WXR", false)]
    [InlineData("PEP", false)]
    [InlineData("wxr", true)]
    [InlineData("NWS", true)]
    public void EasOrg_OriginatorCodes(string value, bool reported) =>
        Assert.Equal(reported, ProfileAssert.Codes(Profile, Alert(i => i.AddParameter("EAS-ORG", value))).Contains(CapProfileDiagnosticCodes.IpawsEasOrg));

    [Theory]
    [InlineData("048201", false)]
    [InlineData("000000", false)]
    [InlineData("48201", true)]
    [InlineData("0482011", true)]
    [InlineData("04820A", true)]
    public void SameGeocode_SixDigits(string value, bool reported)
    {
        var alert = Alert();
        alert = alert with { Infos = [alert.Infos[0] with { Areas = [new CapArea("Harris") { Geocodes = [new CapNamedValue("SAME", value)] }] }] };

        Assert.Equal(reported, ProfileAssert.Codes(Profile, alert).Contains(CapProfileDiagnosticCodes.IpawsSameGeocodeFormat));
    }

    [Fact]
    public void SameEventCode_OnlyTheValueNameSameCounts()
    {
        var alert = Alert();
        alert = alert with { Infos = [alert.Infos[0] with { EventCodes = [new CapNamedValue("same", "TOR"), new CapNamedValue("NationalWeatherService", "TOW")] }] };

        var diagnostic = Assert.Single(ProfileAssert.Of(Profile, alert));
        Assert.Equal(CapProfileDiagnosticCodes.IpawsSameEventCode, diagnostic.Code);
        Assert.Equal("/alert/info[1]", diagnostic.Path);
    }

    [Theory]
    [InlineData("en-US", false)]
    [InlineData("es-US", false)]
    [InlineData("es-MX", false)]
    [InlineData("fr-CA", true)]
    [InlineData("vi", true)]
    public void Language_EnglishOrSpanish(string language, bool reported)
    {
        var alert = Alert();
        alert = alert with { Infos = [alert.Infos[0] with { Language = language }] };

        Assert.Equal(reported, ProfileAssert.Codes(Profile, alert).Contains(CapProfileDiagnosticCodes.IpawsLanguage));
    }
}
