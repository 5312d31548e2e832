namespace BeAlert.Cap.Tests.Profiles.EuAlert;

/// <summary>
/// The EU-Alert mapping against the message identifier table of 3GPP TS 23.041 §9.4.1.2.2 (the CMAS/EU-Alert range
/// 4370–4399) and the level names of ETSI TS 102 900 Table 1, written out here from those tables.
/// </summary>
public sealed class EuAlertMapperTests
{
    private static CapInfo Info(CapSeverity severity, CapUrgency urgency, CapCertainty certainty, params (string Name, string Value)[] parameters) =>
        new("Test event", urgency, severity, certainty, [CapCategory.Safety]) { Parameters = [.. parameters.Select(p => new CapNamedValue(p.Name, p.Value))] };

    [Theory]
    [InlineData(CapSeverity.Extreme, CapUrgency.Immediate, CapCertainty.Observed, EuAlertLevel.Level2, 4371, 4384)]
    [InlineData(CapSeverity.Extreme, CapUrgency.Immediate, CapCertainty.Likely, EuAlertLevel.Level2, 4372, 4385)]
    [InlineData(CapSeverity.Extreme, CapUrgency.Expected, CapCertainty.Observed, EuAlertLevel.Level3, 4373, 4386)]
    [InlineData(CapSeverity.Extreme, CapUrgency.Expected, CapCertainty.Likely, EuAlertLevel.Level3, 4374, 4387)]
    [InlineData(CapSeverity.Severe, CapUrgency.Immediate, CapCertainty.Observed, EuAlertLevel.Level3, 4375, 4388)]
    [InlineData(CapSeverity.Severe, CapUrgency.Immediate, CapCertainty.Likely, EuAlertLevel.Level3, 4376, 4389)]
    [InlineData(CapSeverity.Severe, CapUrgency.Expected, CapCertainty.Observed, EuAlertLevel.Level3, 4377, 4390)]
    [InlineData(CapSeverity.Severe, CapUrgency.Expected, CapCertainty.Likely, EuAlertLevel.Level3, 4378, 4391)]
    public void TryMap_ActualDerivedLevels_FollowTheIdentifierTable(CapSeverity severity, CapUrgency urgency, CapCertainty certainty, EuAlertLevel level, int primary, int additional)
    {
        Assert.True(EuAlertMapper.TryMap(CapStatus.Actual, Info(severity, urgency, certainty), out var identifiers, out var reason));
        Assert.Equal(new EuAlertIdentifiers(level, primary, additional), identifiers);
        Assert.Null(reason);
    }

    public static TheoryData<CapSeverity, CapUrgency, CapCertainty> AllCombinations()
    {
        var data = new TheoryData<CapSeverity, CapUrgency, CapCertainty>();
        foreach (var s in Enum.GetValues<CapSeverity>())
        {
            foreach (var u in Enum.GetValues<CapUrgency>())
            {
                foreach (var c in Enum.GetValues<CapCertainty>())
                {
                    data.Add(s, u, c);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllCombinations))]
    public void TryMap_Actual_MapsExactlyTheExtremeOrSevereImmediateOrExpectedObservedOrLikelyCombinations(CapSeverity severity, CapUrgency urgency, CapCertainty certainty)
    {
        var expected = severity is CapSeverity.Extreme or CapSeverity.Severe && urgency is CapUrgency.Immediate or CapUrgency.Expected && certainty is CapCertainty.Observed or CapCertainty.Likely;

        var mapped = EuAlertMapper.TryMap(CapStatus.Actual, Info(severity, urgency, certainty), out var identifiers, out var reason);

        Assert.Equal(expected, mapped);
        if (mapped)
        {
            Assert.InRange(identifiers!.MessageIdentifier, 4371, 4378);
            Assert.Equal(identifiers.MessageIdentifier + 13, identifiers.AdditionalLanguageMessageIdentifier);
        }
        else
        {
            Assert.Contains(EuAlertMapper.LevelParameterName, reason, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(AllCombinations))]
    public void TryMap_ExerciseAndTest_GoToTheirChannelsWhateverTheSeverity(CapSeverity severity, CapUrgency urgency, CapCertainty certainty)
    {
        var info = Info(severity, urgency, certainty);

        Assert.True(EuAlertMapper.TryMap(CapStatus.Exercise, info, out var exercise, out _));
        Assert.Equal(new EuAlertIdentifiers(EuAlertLevel.Exercise, 4381, 4394), exercise);
        Assert.True(EuAlertMapper.TryMap(CapStatus.Test, info, out var test, out _));
        Assert.Equal(new EuAlertIdentifiers(EuAlertLevel.MonthlyTest, 4380, 4393), test);
    }

    [Theory]
    [InlineData(CapStatus.Draft)]
    [InlineData(CapStatus.System)]
    public void TryMap_DraftAndSystem_AreNeverBroadcast(CapStatus status)
    {
        Assert.False(EuAlertMapper.TryMap(status, Info(CapSeverity.Extreme, CapUrgency.Immediate, CapCertainty.Observed, ("EU-Alert-Level", "1")), out var identifiers, out var reason));
        Assert.Null(identifiers);
        Assert.Contains(CapEnumText.ToText(status), reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1", EuAlertLevel.Level1, 4370, 4383)]
    [InlineData("4", EuAlertLevel.Level4, 4396, 4397)]
    [InlineData("Amber", EuAlertLevel.Amber, 4379, 4392)]
    [InlineData("AMBER", EuAlertLevel.Amber, 4379, 4392)]
    [InlineData(" amber ", EuAlertLevel.Amber, 4379, 4392)]
    [InlineData("info", EuAlertLevel.Info, 6400, null)]
    public void TryMap_ExplicitLevel_OverridesSeverityUrgencyCertainty(string value, EuAlertLevel level, int primary, int? additional)
    {
        Assert.True(EuAlertMapper.TryMap(CapStatus.Actual, Info(CapSeverity.Minor, CapUrgency.Future, CapCertainty.Unlikely, ("EU-Alert-Level", value)), out var identifiers, out _));
        Assert.Equal(new EuAlertIdentifiers(level, primary, additional), identifiers);
    }

    [Fact]
    public void TryMap_ParameterNameIgnoresCase() =>
        Assert.True(EuAlertMapper.TryMap(CapStatus.Actual, Info(CapSeverity.Minor, CapUrgency.Future, CapCertainty.Unlikely, ("eu-alert-level", "1")), out _, out _));

    [Theory]
    [InlineData("2", CapSeverity.Extreme, CapUrgency.Immediate, true)]
    [InlineData("3", CapSeverity.Severe, CapUrgency.Expected, true)]
    [InlineData("2", CapSeverity.Severe, CapUrgency.Expected, false)]
    [InlineData("3", CapSeverity.Extreme, CapUrgency.Immediate, false)]
    [InlineData("3", CapSeverity.Moderate, CapUrgency.Immediate, false)]
    public void TryMap_ExplicitLevel2Or3_MustAgreeWithTheDerivedLevel(string value, CapSeverity severity, CapUrgency urgency, bool agrees)
    {
        var mapped = EuAlertMapper.TryMap(CapStatus.Actual, Info(severity, urgency, CapCertainty.Observed, ("EU-Alert-Level", value)), out _, out var reason);

        Assert.Equal(agrees, mapped);
        Assert.Equal(agrees, reason is null);
    }

    [Theory]
    [InlineData("5")]
    [InlineData("")]
    [InlineData("Level1")]
    [InlineData("EU-Amber")]
    public void TryMap_UnknownValue_FailsNamingTheAllowedValues(string value)
    {
        Assert.False(EuAlertMapper.TryMap(CapStatus.Actual, Info(CapSeverity.Extreme, CapUrgency.Immediate, CapCertainty.Observed, ("EU-Alert-Level", value)), out _, out var reason));
        Assert.Contains("1, 2, 3, 4, Amber or Info", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TryMap_SameValueTwice_IsFineButTwoValuesFail()
    {
        Assert.True(EuAlertMapper.TryMap(CapStatus.Actual, Info(CapSeverity.Minor, CapUrgency.Past, CapCertainty.Unknown, ("EU-Alert-Level", "1"), ("EU-Alert-Level", "1")), out _, out _));
        Assert.False(EuAlertMapper.TryMap(CapStatus.Actual, Info(CapSeverity.Minor, CapUrgency.Past, CapCertainty.Unknown, ("EU-Alert-Level", "1"), ("EU-Alert-Level", "Amber")), out _, out _));
    }

    [Fact]
    public void TryMap_NullInfo_Throws() => Assert.Throws<ArgumentNullException>(() => EuAlertMapper.TryMap(CapStatus.Actual, null!, out _, out _));
}
