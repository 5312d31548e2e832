using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace BeAlert.Cap.Geo.Tests.Diagnostics;

/// <summary>One test per code of CAP1101–CAP1110: the code, its severity and the element path; never an exception.</summary>
public sealed class GeometryDiagnosticsTests
{
    private static CapPolygon Ring(params (double Lat, double Lon)[] points) => new(points.Select(p => new CapPoint(p.Lat, p.Lon)));

    private static CapAlert Alert(params CapArea[] areas) =>
        new("BE-GEO-2", "crisis@gent.be", DateTimeOffset.Parse("2026-03-05T10:00:00+01:00", System.Globalization.CultureInfo.InvariantCulture), CapStatus.Test, CapMessageType.Alert, CapScope.Public)
        {
            Infos = [new CapInfo("Brand", CapUrgency.Immediate, CapSeverity.Severe, CapCertainty.Observed, [CapCategory.Fire]) { Areas = areas }],
        };

    private static CapDiagnostic Single(CapGeometry located, string code)
    {
        var diagnostic = Assert.Single(located.Diagnostics);
        Assert.Equal(code, diagnostic.Code);
        Assert.Equal(CapGeoRuleCatalog.Severity(code), diagnostic.Severity);
        return diagnostic;
    }

    [Fact]
    public void BowTie_CAP1101_ErrorAndRepairedArea()
    {
        var bowTie = Ring((51.00, 3.70), (51.05, 3.80), (51.05, 3.70), (51.00, 3.80), (51.00, 3.70));
        var located = CapAreaLocator.Default.Locate(Alert(new CapArea("ok") { Polygons = [Ring((50.0, 4.0), (50.0, 4.1), (50.1, 4.1), (50.0, 4.0))] }, new CapArea("x") { Polygons = [bowTie] }));

        var diagnostic = Single(located, CapGeoDiagnosticCodes.SelfIntersection);
        Assert.Equal("/alert/info[1]/area[2]/polygon[1]", diagnostic.Path);
        Assert.True(located.HasErrors);
        Assert.True(located.Contains(51.01, 3.75)); // the lower triangle of the bow-tie
    }

    [Theory]
    [InlineData(91, 4.0)]
    [InlineData(50.0, 181)]
    [InlineData(double.NaN, 4.0)]
    [InlineData(50.0, double.PositiveInfinity)]
    public void OutOfRangePolygonPoint_CAP1102_ShapeLeftOut(double lat, double lon)
    {
        var located = CapAreaLocator.Default.Locate(new CapArea("x") { Polygons = [Ring((50.0, 4.0), (50.0, 4.1), (lat, lon), (50.0, 4.0))] });

        Assert.Equal("/area/polygon[1]", Single(located, CapGeoDiagnosticCodes.CoordinateOutOfRange).Path);
        Assert.True(located.IsEmpty);
    }

    [Fact]
    public void OutOfRangeCircleCentre_CAP1102()
    {
        var located = CapAreaLocator.Default.Locate(new CapArea("x") { Circles = [new CapCircle(new CapPoint(4.35, 250), 5)] });

        Assert.Equal("/area/circle[1]", Single(located, CapGeoDiagnosticCodes.CoordinateOutOfRange).Path);
    }

    [Theory]
    [InlineData(new[] { 50.0, 4.0, 50.1, 4.1, 50.2, 4.2, 50.0, 4.0 })] // on one line
    [InlineData(new[] { 50.0, 4.0, 50.1, 4.1, 50.0, 4.0, 50.0, 4.0 })] // two distinct points
    [InlineData(new[] { 50.0, 4.0 })]
    public void DegenerateRing_CAP1103_LeftOut(double[] flat)
    {
        var points = Enumerable.Range(0, flat.Length / 2).Select(i => new CapPoint(flat[2 * i], flat[(2 * i) + 1]));
        var located = CapAreaLocator.Default.Locate(new CapArea("x") { Polygons = [new CapPolygon(points)] });

        Single(located, CapGeoDiagnosticCodes.DegenerateRing);
        Assert.True(located.IsEmpty);
    }

    [Fact]
    public void UnclosedRing_CAP1104_WarningAndClosed()
    {
        var located = CapAreaLocator.Default.Locate(new CapArea("x") { Polygons = [Ring((51.04, 3.70), (51.04, 3.76), (51.07, 3.76), (51.07, 3.70))] });

        Single(located, CapGeoDiagnosticCodes.RingNotClosed);
        Assert.False(located.HasErrors);
        Assert.True(located.Contains(51.0538, 3.7250));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(5001)]
    public void BadRadius_CAP1105_LeftOut(double radius)
    {
        var located = CapAreaLocator.Default.Locate(new CapArea("x") { Circles = [new CapCircle(new CapPoint(50.85, 4.35), radius)] });

        Single(located, CapGeoDiagnosticCodes.InvalidRadius);
        Assert.True(located.IsEmpty);
    }

    [Theory]
    [InlineData("4402")]
    [InlineData("440210")]
    [InlineData("Gent")]
    [InlineData("")]
    public void MalformedNisCode_CAP1106(string value)
    {
        var located = CapAreaLocator.Default.Locate(Alert(new CapArea("x") { Geocodes = [new CapNamedValue("NIS", "44021"), new CapNamedValue("NIS", value)] }));

        Assert.Equal("/alert/info[1]/area[1]/geocode[2]", Single(located, CapGeoDiagnosticCodes.MalformedNisCode).Path);
        Assert.True(located.Contains(51.0538, 3.7250));
    }

    [Theory]
    [InlineData("99999")]
    [InlineData("44999")]
    [InlineData("05000")]
    public void UnknownNisCode_CAP1107(string value)
    {
        var located = CapAreaLocator.Default.Locate(new CapArea("x") { Geocodes = [new CapNamedValue("NIS", value)], Polygons = [Ring((50.0, 4.0), (50.0, 4.1), (50.1, 4.1), (50.0, 4.0))] });

        Assert.Equal("/area/geocode[1]", Single(located, CapGeoDiagnosticCodes.UnknownNisCode).Path);
    }

    [Fact]
    public void UnsupportedGeocode_CAP1108_InfoAndAreaNotLocated_CAP1109()
    {
        var located = CapAreaLocator.Default.Locate(new CapArea("somewhere") { Geocodes = [new CapNamedValue("SAME", "006113")] });

        Assert.Equal([CapGeoDiagnosticCodes.UnsupportedGeocode, CapGeoDiagnosticCodes.AreaNotLocated], located.Diagnostics.Select(d => d.Code));
        Assert.Equal(CapDiagnosticSeverity.Info, located.Diagnostics[0].Severity);
        Assert.Equal("/area", located.Diagnostics[1].Path);
        Assert.True(located.IsEmpty);
        Assert.False(located.HasErrors);
    }

    [Fact]
    public void NisValueNames_Option_ChangesWhatIsResolved()
    {
        var locator = new CapAreaLocator(new CapGeoOptions { NisValueNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "BE_NIS" } });

        Assert.Empty(locator.Locate(new CapArea("x") { Geocodes = [new CapNamedValue("BE_NIS", "44021")] }).Diagnostics);
        Assert.Equal(CapGeoDiagnosticCodes.UnsupportedGeocode, locator.Locate(new CapArea("x") { Geocodes = [new CapNamedValue("NIS", "44021")] }).Diagnostics[0].Code);
    }

    [Fact]
    public void TooManyVertices_CAP1110_LaterShapesLeftOut()
    {
        var locator = new CapAreaLocator(new CapGeoOptions { MaxVertices = 300, CircleVertices = 128 });
        var circles = Enumerable.Range(0, 5).Select(i => new CapCircle(new CapPoint(50 + i, 4), 1)).ToArray();

        var located = locator.Locate(new CapArea("x") { Circles = circles });

        Assert.Equal("/area/circle[3]", Single(located, CapGeoDiagnosticCodes.TooManyVertices).Path);
        Assert.True(located.Contains(50, 4));
        Assert.True(located.Contains(51, 4));
        Assert.False(located.Contains(52, 4));
    }

    [Fact]
    public void HugePolygon_IsBoundedByTheVertexLimit()
    {
        var points = Enumerable.Range(0, 1_000_000).Select(i => new CapPoint(50 + Math.Sin(i * 1e-5), 4 + Math.Cos(i * 1e-5))).ToList();
        points.Add(points[0]);

        var located = CapAreaLocator.Default.Locate(new CapArea("x") { Polygons = [new CapPolygon(points)] });

        Single(located, CapGeoDiagnosticCodes.TooManyVertices);
    }

    public static Arbitrary<double> Coordinates() => Gen.OneOf(
        Gen.Choose(-200_000, 200_000).Select(i => i / 1000.0),
        Gen.Elements(double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.0, 90.0, -90.0, 180.0, -180.0, 1e300)).ToArbitrary();

    [Property(MaxTest = 300, Arbitrary = [typeof(GeometryDiagnosticsTests)])]
    public void Locate_ArbitraryShapes_NeverThrows_AndErrorsAreCatalogued(double[] coordinates, double radius)
    {
        var points = Enumerable.Range(0, coordinates.Length / 2).Select(i => new CapPoint(coordinates[2 * i], coordinates[(2 * i) + 1])).ToList();
        var area = new CapArea("fuzz")
        {
            Polygons = [new CapPolygon(points), new CapPolygon(points.Append(points.FirstOrDefault()))],
            Circles = [new CapCircle(points.FirstOrDefault(), radius)],
        };

        var located = CapAreaLocator.Default.Locate(area);

        Assert.All(located.Diagnostics, d => Assert.Contains(CapGeoRuleCatalog.All, r => r.Code == d.Code));
        _ = located.AreaKm2;
        _ = located.Contains(50, 4);
        _ = BelgianBoundaries.Default.FindAffectedMunicipalities(located);
    }
}
