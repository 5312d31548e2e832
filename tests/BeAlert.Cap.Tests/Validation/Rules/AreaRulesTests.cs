namespace BeAlert.Cap.Tests.Validation.Rules;

/// <summary>The rules on areas: CAP0602-CAP0604, CAP0606-CAP0609.</summary>
public sealed class AreaRulesTests
{
    private const string AreaPath = "/alert/info[1]/area[1]";
    private static readonly CapPoint A = new(51.06, 3.70);
    private static readonly CapPoint B = new(51.06, 3.75);
    private static readonly CapPoint C = new(51.03, 3.75);

    private static CapAlert WithPolygons(params CapPolygon[] polygons) => ValidAlerts.Full().WithArea(area => area with { Polygons = polygons });

    private static CapAlert WithCircles(params CapCircle[] circles) => ValidAlerts.Full().WithArea(area => area with { Circles = circles });

    [Fact]
    public void PolygonTooFewPointsRule_ThreePointRing_ReportsCap0602() =>
        DiagnosticAssert.Single(WithPolygons(new CapPolygon([A, B, A])), "CAP0602", AreaPath + "/polygon[1]");

    [Fact]
    public void PolygonTooFewPointsRule_NoPoints_ReportsCap0602Only() =>
        DiagnosticAssert.Single(WithPolygons(new CapPolygon([])), "CAP0602", AreaPath + "/polygon[1]");

    [Fact]
    public void PolygonTooFewPointsRule_SecondPolygonShort_ReportsItsIndex() =>
        DiagnosticAssert.Single(WithPolygons(ValidAlerts.Ring(A, B, C), new CapPolygon([A, B, A])), "CAP0602", AreaPath + "/polygon[2]");

    [Fact]
    public void PolygonTooFewPointsRule_FourPointRing_ReportsNothing() =>
        DiagnosticAssert.None(WithPolygons(ValidAlerts.Ring(A, B, C)));

    [Fact]
    public void PolygonNotClosedRule_LastPointDiffers_ReportsCap0603() =>
        DiagnosticAssert.Single(WithPolygons(new CapPolygon([A, B, C, A, B])), "CAP0603", AreaPath + "/polygon[1]");

    [Fact]
    public void PolygonNotClosedRule_OnePoint_ReportsTooFewPointsOnly() =>
        DiagnosticAssert.Single(WithPolygons(new CapPolygon([A])), "CAP0602", AreaPath + "/polygon[1]");

    [Fact]
    public void PolygonNotClosedRule_TwoDifferentPoints_ReportsBoth()
    {
        var codes = CapValidator.Default.Validate(WithPolygons(new CapPolygon([A, B]))).Diagnostics.Select(d => d.Code);
        Assert.Equal(["CAP0602", "CAP0603"], codes);
    }

    [Theory]
    [InlineData(90.5, 4.0)]
    [InlineData(-91, 4.0)]
    [InlineData(51.0, 180.01)]
    [InlineData(51.0, -181)]
    [InlineData(double.NaN, 4.0)]
    [InlineData(51.0, double.PositiveInfinity)]
    public void CoordinateOutOfRangeRule_BadPolygonPoint_ReportsCap0604(double latitude, double longitude) =>
        DiagnosticAssert.Single(WithPolygons(ValidAlerts.Ring(A, new CapPoint(latitude, longitude), C)), "CAP0604", AreaPath + "/polygon[1]");

    [Fact]
    public void CoordinateOutOfRangeRule_SeveralBadPoints_ReportsOnceNamingTheFirst()
    {
        var polygon = ValidAlerts.Ring(A, new CapPoint(4.4, 200), new CapPoint(95, 4.4));
        var diagnostic = DiagnosticAssert.Single(WithPolygons(polygon), "CAP0604", AreaPath + "/polygon[1]");
        Assert.StartsWith("point 2 of <polygon>, 4.4,200, has a longitude outside", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CoordinateOutOfRangeRule_NaNFirstPointOfClosedRing_ReportsCap0604Only()
    {
        var nan = new CapPoint(double.NaN, double.NaN);
        DiagnosticAssert.Single(WithPolygons(ValidAlerts.Ring(nan, B, C)), "CAP0604", AreaPath + "/polygon[1]");
    }

    /// <summary>The vectorised search (two points at a time) finds the same first bad point as a loop over
    /// <see cref="CapPoint.IsInRange"/>, at every position of a long ring and for every kind of bad value.</summary>
    [Fact]
    public void CoordinateOutOfRangeRule_FirstOutOfRange_AgreesWithIsInRangeEverywhere()
    {
        double[] bad = [90.000001, -90.000001, 180.5, -181, double.NaN, double.PositiveInfinity, double.NegativeInfinity];
        double[] latitudes = [90, -90, 0, -0.0, 50.85];
        double[] longitudes = [180, -180, 0, -0.0, 4.35];
        var random = new Random(20261127);
        for (var length = 0; length <= 11; length++)
        {
            for (var at = -1; at < length; at++)
            {
                foreach (var value in bad)
                {
                    var points = Enumerable.Range(0, length).Select(_ => new CapPoint(latitudes[random.Next(latitudes.Length)], longitudes[random.Next(longitudes.Length)])).ToArray();
                    if (at >= 0)
                    {
                        points[at] = random.Next(2) == 0 ? points[at] with { Latitude = value } : points[at] with { Longitude = value is 180.5 or -181 ? value : value * 2 };
                    }

                    var expected = Array.FindIndex(points, p => !p.IsInRange);
                    Assert.Equal(expected, CoordinateOutOfRangeRule.FirstOutOfRange(points));
                }
            }
        }
    }

    [Fact]
    public void CoordinateOutOfRangeRule_BadCircleCentre_ReportsCap0604AtCircle() =>
        DiagnosticAssert.Single(WithCircles(new CapCircle(ValidAlerts.Gent, 1), new CapCircle(new CapPoint(3.72, 251.05), 1)), "CAP0604", AreaPath + "/circle[2]");

    [Fact]
    public void CoordinateOutOfRangeRule_Extremes_ReportsNothing() =>
        DiagnosticAssert.None(WithPolygons(ValidAlerts.Ring(new CapPoint(-90, -180), new CapPoint(90, -180), new CapPoint(90, 180))));

    [Theory]
    [InlineData(-0.001)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void InvalidCircleRadiusRule_NegativeOrNotFinite_ReportsCap0606(double radius) =>
        DiagnosticAssert.Single(WithCircles(new CapCircle(ValidAlerts.Gent, radius)), "CAP0606", AreaPath + "/circle[1]");

    [Theory]
    [InlineData(0.0)]
    [InlineData(12.5)]
    public void InvalidCircleRadiusRule_ZeroOrPositive_ReportsNothing(double radius) =>
        DiagnosticAssert.None(WithCircles(new CapCircle(ValidAlerts.Gent, radius)));

    [Fact]
    public void CeilingWithoutAltitudeRule_CeilingOnly_ReportsCap0607() =>
        DiagnosticAssert.Single(ValidAlerts.Full().WithArea(a => a with { Altitude = null, Ceiling = 1000 }), "CAP0607", AreaPath + "/ceiling");

    [Fact]
    public void CeilingWithoutAltitudeRule_AltitudeOnly_ReportsNothing() =>
        DiagnosticAssert.None(ValidAlerts.Full().WithArea(a => a with { Altitude = 500, Ceiling = null }));

    [Fact]
    public void CeilingBelowAltitudeRule_CeilingLower_ReportsCap0608() =>
        DiagnosticAssert.Single(ValidAlerts.Full().WithArea(a => a with { Altitude = 1000, Ceiling = 999.5m }), "CAP0608", AreaPath + "/ceiling");

    [Fact]
    public void CeilingBelowAltitudeRule_CeilingEqual_ReportsNothing() =>
        DiagnosticAssert.None(ValidAlerts.Full().WithArea(a => a with { Altitude = 1000, Ceiling = 1000 }));

    [Theory]
    [InlineData("", "44021", "/geocode[1]/valueName")]
    [InlineData("NIS", "", "/geocode[1]/value")]
    [InlineData("NIS", " ", "/geocode[1]/value")]
    [InlineData("", "", "/geocode[1]")]
    public void EmptyGeocodeRule_EmptyPart_ReportsCap0609AtThatPart(string valueName, string value, string path) =>
        DiagnosticAssert.Single(ValidAlerts.Full().WithArea(a => a with { Geocodes = [new CapNamedValue(valueName, value)] }), "CAP0609", AreaPath + path);

    [Fact]
    public void EmptyGeocodeRule_NamedCode_ReportsNothing() =>
        DiagnosticAssert.None(ValidAlerts.Full().WithArea(a => a with { Geocodes = [new CapNamedValue("NIS", "44021"), new CapNamedValue("EMMA_ID", "BE004")] }));
}
