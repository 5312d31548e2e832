namespace BeAlert.Cap.Tests.Profiles.CapAu;

/// <summary>The CAP-AU rules on alerts built in code, and the embedded AUeventLIST.</summary>
public sealed class CapAuRulesTests
{
    private static readonly CapProfile Profile = CapProfile.CapAu;
    private const string EventList = "https://govshare.gov.au/xmlui/handle/10772/6495";

    private static CapAlert Alert(string code = "bushFire", string @event = "Bushfire", string language = "en-AU") =>
        CapAlertBuilder.Create("RFS-2026-678279", "webmaster@rfs.nsw.gov.au", new DateTimeOffset(2026, 9, 20, 9, 5, 0, TimeSpan.FromHours(10)))
            .AddCode("urn:oasis:names:tc:emergency:cap:1.2:profile:CAP-AU:1.0")
            .AddInfo(language, CapCategory.Fire, @event, CapUrgency.Immediate, CapSeverity.Severe, CapCertainty.Observed, i => i
                .AddResponseType(CapResponseType.Monitor)
                .AddEventCode(EventList, code)
                .Expires(new DateTimeOffset(2026, 9, 20, 21, 5, 0, TimeSpan.FromHours(10)))
                .SenderName("NSW Rural Fire Service")
                .Instruction("Monitor conditions.")
                .AddArea("Port Stephens", a => a.AddGeocode("http://www.iso.org/iso/country_codes.html", "AU-NSW")))
            .Build();

    [Fact]
    public void ValidAlert_GivesNothing() => ProfileAssert.None(Profile, Alert());

    [Fact]
    public void EventList_Has176EntriesWith175DistinctCodes()
    {
        // AUeventLIST 1.0 numbers its entries 1 to 176; "water" is both Utility/Water Supply (172) and Water quality (175).
        Assert.Equal(175, AuEventList.Count);
        Assert.Equal(["Utility", "Water Supply", "Water quality"], AuEventList.EventNames("water"));
    }

    [Theory]
    [InlineData("bushFire", "Bushfire", true)]
    [InlineData("bushFire", "Fire", true)] // the Tier I name
    [InlineData("tropCyclone", "Tropical Cyclone", true)]
    [InlineData("TotalFireBan", "Total Fire Ban", true)]
    [InlineData("bushFire", "bushfire", false)] // names are compared exactly
    [InlineData("flood", "Riverine Flood", false)] // a Tier II name of another code
    public void EventName_MatchesTierIOrTierII(string code, string @event, bool matches) =>
        Assert.Equal(!matches, ProfileAssert.Codes(Profile, Alert(code, @event)).Contains(CapProfileDiagnosticCodes.CapAuEventName));

    [Fact]
    public void EventName_NotEnglish_IsNotCompared() =>
        ProfileAssert.None(Profile, Alert("bushFire", "Cháy rừng", "vi"));

    [Theory]
    [InlineData("BushFire")]
    [InlineData("bush fire")]
    [InlineData("")]
    public void UnknownCode_ReportsCau005(string code) =>
        Assert.Equal([CapProfileDiagnosticCodes.CapAuUnknownEventCode], ProfileAssert.Codes(Profile, Alert(code)));
}
