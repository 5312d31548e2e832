using NetTopologySuite.Geometries;

namespace BeAlert.Cap.Geo.Tests.Geometry;

public sealed class CapAreaLocatorTests
{
    private static readonly CapAreaLocator Locator = CapAreaLocator.Default;

    private static CapPolygon Ring(params (double Lat, double Lon)[] points) => new(points.Select(p => new CapPoint(p.Lat, p.Lon)));

    /// <summary>A square around the centre of Gent, in CAP order (latitude, longitude), closed.</summary>
    private static readonly CapPolygon GentSquare = Ring((51.04, 3.70), (51.04, 3.76), (51.07, 3.76), (51.07, 3.70), (51.04, 3.70));

    private static CapAlert Alert(params CapArea[] areas) =>
        new("BE-GEO-1", "crisis@gent.be", DateTimeOffset.Parse("2026-03-05T10:00:00+01:00", System.Globalization.CultureInfo.InvariantCulture), CapStatus.Test, CapMessageType.Alert, CapScope.Public)
        {
            Infos = [new CapInfo("Brand", CapUrgency.Immediate, CapSeverity.Severe, CapCertainty.Observed, [CapCategory.Fire]) { Areas = areas }],
        };

    [Fact]
    public void Locate_Polygon_LatitudeLongitudeBecomeYAndX()
    {
        var located = Locator.Locate(new CapArea("Gent") { Polygons = [GentSquare] });
        var box = located.GetGeometry().EnvelopeInternal;

        Assert.Empty(located.Diagnostics);
        Assert.Equal(new Envelope(3.70, 3.76, 51.04, 51.07), box);
        Assert.True(located.Contains(51.0538, 3.7250)); // Belfry of Gent
        Assert.False(located.Contains(3.7250, 51.0538)); // the same point with the coordinates swapped
    }

    [Fact]
    public void Locate_Circle_IsGeodesicNotADegreeDisc()
    {
        const double lat = 50.85, lon = 4.35, radius = 10;
        var located = Locator.Locate(new CapArea("Brussels") { Circles = [new CapCircle(new CapPoint(lat, lon), radius)] });
        var box = located.GetGeometry().EnvelopeInternal;

        // A disc of radius r degrees would be as wide as it is tall; a real circle at 50.85°N spans 1/cos(lat) more
        // degrees of longitude than of latitude.
        Assert.Equal(1 / Math.Cos(lat * Math.PI / 180), box.Width / box.Height, 2);
        // Every vertex is about the radius away on an independent sphere model (the polygon's corners lie 0.03 % out).
        foreach (var c in located.GetGeometry().Coordinates)
        {
            Assert.InRange(Sphere.DistanceKm(lat, lon, c.Y, c.X), radius * 0.995, radius * 1.006);
        }

        Assert.InRange(located.AreaKm2, Math.PI * radius * radius * 0.999, Math.PI * radius * radius * 1.002);
    }

    [Theory]
    [InlineData(50.85, 4.35, 10)]
    [InlineData(78.2, 15.6, 100)] // Longyearbyen: high latitude
    [InlineData(-33.9, 18.4, 500)]
    public void Locate_Circle_ContainsPointsJustInsideAndNotJustOutside(double lat, double lon, double radius)
    {
        var located = Locator.Locate(new CapArea("circle") { Circles = [new CapCircle(new CapPoint(lat, lon), radius)] });

        for (var bearing = 0; bearing < 360; bearing += 15)
        {
            var (inLat, inLon) = Sphere.Destination(lat, lon, bearing, radius * 0.99);
            var (outLat, outLon) = Sphere.Destination(lat, lon, bearing, radius * 1.01);
            Assert.True(located.Contains(inLat, inLon), $"bearing {bearing} inside");
            Assert.False(located.Contains(outLat, outLon), $"bearing {bearing} outside");
        }
    }

    [Fact]
    public void Locate_CircleAcrossTheAntimeridian_SplitIntoPartsWithinRange()
    {
        var located = Locator.Locate(new CapArea("Fiji") { Circles = [new CapCircle(new CapPoint(-17, 179.9), 50)] });
        var geometry = located.GetGeometry();

        Assert.IsType<MultiPolygon>(geometry);
        Assert.All(geometry.Coordinates, c => Assert.InRange(c.X, -180, 180));
        Assert.True(located.Contains(-17, -179.9));
        Assert.True(located.Contains(-17, 179.8));
        Assert.False(located.Contains(-17, 0));
        Assert.InRange(located.AreaKm2, Math.PI * 2500 * 0.995, Math.PI * 2500 * 1.005);
    }

    [Fact]
    public void Locate_CircleAroundThePole_CoversThePole()
    {
        var located = Locator.Locate(new CapArea("pole") { Circles = [new CapCircle(new CapPoint(89.5, 0), 200)] });

        Assert.True(located.Contains(90, 0));
        Assert.True(located.Contains(89.9, 120));
        Assert.True(located.Contains(89.5, -170)); // 111 km from the centre, across the pole
        Assert.False(located.Contains(87, 0));
        Assert.All(located.GetGeometry().Coordinates, c => Assert.InRange(c.X, -180, 180));
        // On the sphere a cap of radius r has area 2πR²(1 - cos(r/R)); the ellipsoid near the pole differs by < 1 %.
        var cap = 2 * Math.PI * 6371.0088 * 6371.0088 * (1 - Math.Cos(200 / 6371.0088));
        Assert.InRange(located.AreaKm2, cap * 0.99, cap * 1.02);
    }

    [Fact]
    public void Locate_PolygonAcrossTheAntimeridian_TakesTheShortWay()
    {
        var located = Locator.Locate(new CapArea("dateline") { Polygons = [Ring((10, 179), (10, -179), (11, -179), (11, 179), (10, 179))] });

        Assert.Empty(located.Diagnostics);
        Assert.True(located.Contains(10.5, 179.5));
        Assert.True(located.Contains(10.5, -179.5));
        Assert.False(located.Contains(10.5, 0));
    }

    [Theory]
    [InlineData("NIS")]
    [InlineData("nis")]
    [InlineData("INS")]
    [InlineData("REFNIS")]
    public void Locate_NisGeocode_IsTheMunicipality(string valueName)
    {
        var located = Locator.Locate(new CapArea("Gent") { Geocodes = [new CapNamedValue(valueName, "44021")] });

        Assert.Empty(located.Diagnostics);
        Assert.True(located.Contains(51.0538, 3.7250));
        Assert.False(located.Contains(50.8467, 4.3525)); // Brussels
        Assert.True(BelgianBoundaries.Default.TryFind("44021", out var gent));
        Assert.Equal(gent.AreaKm2, located.AreaKm2, 6);
    }

    [Theory]
    [InlineData("40000", 51.0538, 3.7250, true)] // East Flanders contains Gent
    [InlineData("40000", 50.8467, 4.3525, false)]
    [InlineData("04000", 50.8467, 4.3525, true)] // Brussels-Capital Region
    [InlineData("21000", 50.8467, 4.3525, true)] // its arrondissement
    [InlineData("01000", 50.4, 4.4, true)] // Belgium
    public void Locate_HigherLevelGeocode_IsTheUnit(string code, double lat, double lon, bool inside) =>
        Assert.Equal(inside, Locator.Locate(new CapArea("unit") { Geocodes = [new CapNamedValue("NIS", code)] }).Contains(lat, lon));

    [Fact]
    public void Locate_AlertWithSeveralAreas_IsTheirUnion()
    {
        var liegeCircle = new CapArea("Liège") { Circles = [new CapCircle(new CapPoint(50.6412, 5.5718), 2)] };
        var alert = Alert(new CapArea("Gent") { Polygons = [GentSquare] }, liegeCircle);

        var located = Locator.Locate(alert);
        var gentOnly = Locator.Locate(alert.Infos[0].Areas[0]);
        var liegeOnly = Locator.Locate(liegeCircle);

        Assert.True(located.Contains(51.0538, 3.7250));
        Assert.True(located.Contains(50.6412, 5.5718));
        Assert.False(located.Contains(50.8467, 4.3525));
        Assert.Equal(gentOnly.AreaKm2 + liegeOnly.AreaKm2, located.AreaKm2, 6);
    }

    [Fact]
    public void Locate_OverlappingAreas_CountOnce()
    {
        var alert = Alert(new CapArea("a") { Polygons = [GentSquare] }, new CapArea("b") { Polygons = [GentSquare] });

        Assert.Equal(Locator.Locate(alert.Infos[0].Areas[0]).AreaKm2, Locator.Locate(alert).AreaKm2, 6);
    }

    [Fact]
    public void Locate_SameGeocodeInEveryArea_CountedOnce_AndEveryAreaLocated()
    {
        var areas = Enumerable.Range(0, 2000).Select(i => new CapArea("Gent " + i) { Geocodes = [new CapNamedValue("NIS", "44021"), new CapNamedValue("NIS", "44021")] }).ToArray();

        var located = Locator.Locate(Alert(areas));

        Assert.Empty(located.Diagnostics);
        Assert.True(BelgianBoundaries.Default.TryFind("44021", out var gent));
        Assert.Equal(gent.AreaKm2, located.AreaKm2, 6);
    }

    [Fact]
    public void Locate_InfoIndex_OnlyThatBlock()
    {
        var alert = Alert(new CapArea("Gent") { Polygons = [GentSquare] });
        alert = alert with { Infos = [.. alert.Infos, alert.Infos[0] with { Areas = [new CapArea("Brussel") { Geocodes = [new CapNamedValue("NIS", "21004")] }] }] };

        Assert.False(Locator.Locate(alert, 0).Contains(50.8467, 4.3525));
        Assert.True(Locator.Locate(alert, 1).Contains(50.8467, 4.3525));
        Assert.Throws<ArgumentOutOfRangeException>(() => Locator.Locate(alert, 2));
    }

    [Fact]
    public void Locate_ZeroRadiusCircle_IsAPoint()
    {
        var located = Locator.Locate(new CapArea("point") { Circles = [new CapCircle(new CapPoint(50.8467, 4.3525), 0)] });

        Assert.IsType<Point>(located.GetGeometry());
        Assert.Equal(0, located.AreaKm2);
        Assert.True(located.Contains(50.8467, 4.3525));
        Assert.Equal(["21004"], BelgianBoundaries.Default.FindAffectedMunicipalities(located).Select(m => m.Code));
    }

    [Fact]
    public void GetGeometry_IsACopy()
    {
        var located = Locator.Locate(new CapArea("Gent") { Polygons = [GentSquare] });
        located.GetGeometry().Apply(new MoveEverything());

        Assert.True(located.Contains(51.0538, 3.7250));
    }

    [Fact]
    public void Constructor_BadOptions_ListsEveryProblem()
    {
        var e = Assert.Throws<ArgumentException>(() => new CapAreaLocator(new CapGeoOptions { CircleVertices = 3, MaxVertices = 0, MaxCircleRadiusKm = -1 }));

        Assert.Contains(nameof(CapGeoOptions.CircleVertices), e.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(CapGeoOptions.MaxVertices), e.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(CapGeoOptions.MaxCircleRadiusKm), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Contains_FromManyThreads_SameAnswers()
    {
        var located = Locator.Locate(new CapArea("Gent") { Geocodes = [new CapNamedValue("NIS", "44021")] });
        var random = new Random(7);
        var points = Enumerable.Range(0, 20_000).Select(_ => (Lat: 51.0 + (random.NextDouble() * 0.15), Lon: 3.6 + (random.NextDouble() * 0.25))).ToArray();
        var expected = points.Select(p => located.GetGeometry().Covers(GeoServices.Factory.CreatePoint(new Coordinate(p.Lon, p.Lat)))).ToArray();

        var actual = new bool[points.Length];
        Parallel.For(0, points.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => actual[i] = located.Contains(points[i].Lat, points[i].Lon));

        Assert.Equal(expected, actual);
        Assert.Contains(true, actual);
        Assert.Contains(false, actual);
    }

    private sealed class MoveEverything : ICoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq, int i) => seq.SetX(i, seq.GetX(i) + 10);
    }
}
