namespace BeAlert.Cap.Tests.Validation.Rules;

/// <summary>Rules never throw, whatever the model holds: they report instead.</summary>
public sealed class RuleRobustnessTests
{
    private static readonly string[] NastyStrings =
    [
        "", " ", "\t\r\n", "\"", "\"\"", ",", "<&>", "\u00A0", "\uD800", "é\u0301", "a/b; c=\"\\", "http://", ":", "-",
        new string('x', 100_000), "https://x/" + new string('y', 100_000), new string(' ', 70_000), "=", "====", "QUJD", "urn:oid:2.49.0.0.56.0",
    ];

    private static readonly double[] NastyDoubles =
    [
        double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.MaxValue, double.MinValue, double.Epsilon, -0.0, 0, 90, 180, -1e308,
    ];

    private static readonly CapDateTime[] NastyTimes =
    [
        default, new(DateTimeOffset.MaxValue), new(DateTimeOffset.MinValue), new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), plusZeroOffset: true),
        new(new DateTimeOffset(9999, 12, 31, 23, 59, 59, TimeSpan.FromHours(14))), new(new DateTimeOffset(1, 1, 1, 0, 0, 0, TimeSpan.FromHours(-14))),
    ];

    [Fact]
    public void Validate_NullFieldsInReferenceAndUndefinedEnums_DoesNotThrow()
    {
        var alert = new CapAlert("", "", default, (CapStatus)99, (CapMessageType)99, (CapScope)99)
        {
            Restriction = "",
            References = [new CapReference(null!, null!, default), new CapReference("", "", NastyTimes[1])],
            Infos = [new CapInfo("", (CapUrgency)99, (CapSeverity)99, (CapCertainty)99, [(CapCategory)99])],
        };

        var diagnostics = CapValidator.Default.Validate(alert).Diagnostics;

        Assert.Contains(diagnostics, d => d.Code == "CAP0305");
        Assert.Contains(diagnostics, d => d.Code == "CAP0308");
    }

    [Fact]
    public void Validate_EmptyEverything_DoesNotThrow()
    {
        var area = new CapArea("") { Polygons = [new CapPolygon([])], Circles = [], Geocodes = [new CapNamedValue("", "")], Ceiling = decimal.MaxValue, Altitude = decimal.MinValue };
        var resource = new CapResource("", "") { Size = long.MinValue, Uri = "", DerefUri = "", Digest = "" };
        var info = new CapInfo("", CapUrgency.Unknown, CapSeverity.Unknown, CapCertainty.Unknown, [])
        {
            Language = "", Headline = "", Web = "", EventCodes = [new CapNamedValue("", "")], Resources = [resource], Areas = [area],
        };

        var diagnostics = CapValidator.Default.Validate(new CapAlert("", "", default, CapStatus.Actual, CapMessageType.Error, CapScope.Private) { Infos = [info] }).Diagnostics;

        Assert.NotEmpty(diagnostics);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Validate_RandomHostileAlert_DoesNotThrowAndUsesCatalogueCodes(int seed)
    {
        var random = new Random(seed);
        var alert = HostileAlert(random);

        var diagnostics = CapValidator.Default.Validate(alert).Diagnostics;

        Assert.All(diagnostics, d => Assert.Equal(CapRuleCatalog.Get(d.Code).Severity, d.Severity));
        Assert.All(diagnostics, d => Assert.StartsWith("/alert", d.Path, StringComparison.Ordinal));
    }

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 100)];

    private static CapAlert HostileAlert(Random random)
    {
        string S() => NastyStrings[random.Next(NastyStrings.Length)];
        string? N() => random.Next(4) == 0 ? null : S();
        double D() => random.Next(3) == 0 ? NastyDoubles[random.Next(NastyDoubles.Length)] : (random.NextDouble() * 400) - 200;
        CapDateTime T() => NastyTimes[random.Next(NastyTimes.Length)];
        CapDateTime? NT() => random.Next(3) == 0 ? null : T();
        CapPoint P() => new(D(), D());
        decimal? Dec() => random.Next(3) switch { 0 => null, 1 => decimal.MaxValue, _ => (decimal)random.Next(-1000, 1000) };
        List<T> Many<T>(Func<T> make) => [.. Enumerable.Range(0, random.Next(4)).Select(_ => make())];

        var areas = Many(() => new CapArea(S())
        {
            Polygons = Many(() => new CapPolygon(Many(P))),
            Circles = Many(() => new CapCircle(P(), D())),
            Geocodes = Many(() => new CapNamedValue(S(), S())),
            Altitude = Dec(),
            Ceiling = Dec(),
        });
        var resources = Many(() => new CapResource(S(), S()) { Size = random.Next(3) == 0 ? null : random.NextInt64(long.MinValue, long.MaxValue), Uri = N(), DerefUri = N(), Digest = N() });
        var infos = Many(() => new CapInfo(S(), CapUrgency.Unknown, CapSeverity.Unknown, CapCertainty.Unknown, [CapCategory.Other])
        {
            Language = N(), Effective = NT(), Onset = NT(), Expires = NT(), Headline = N(), Web = N(),
            EventCodes = Many(() => new CapNamedValue(S(), S())), Parameters = Many(() => new CapNamedValue(S(), S())),
            Resources = resources, Areas = areas,
        });

        return new CapAlert(S(), S(), T(), (CapStatus)random.Next(6), (CapMessageType)random.Next(6), (CapScope)random.Next(4))
        {
            Restriction = N(), Note = N(), Addresses = Many(S), Incidents = Many(S),
            References = Many(() => new CapReference(S(), S(), T())),
            Infos = infos,
        };
    }
}
