using System.Text;
using System.Text.Json;
using FsCheck.Xunit;
using NetTopologySuite.Algorithm;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace BeAlert.Cap.Geo.Tests.GeoJson;

/// <summary>Export read back by NetTopologySuite's GeoJSON4STJ (an independent reader); import fed by it and by hand-written GeoJSON.</summary>
public sealed class CapGeoJsonTests
{
    private static readonly JsonSerializerOptions Peer = CreatePeer();

    private static JsonSerializerOptions CreatePeer()
    {
        var options = new JsonSerializerOptions();
        options.Converters.Add(new GeoJsonConverterFactory());
        return options;
    }

    private static CapAlert Alert(params CapInfo[] infos) =>
        new("BE-GEO-3", "crisis@gent.be", DateTimeOffset.Parse("2026-03-05T10:00:00+01:00", System.Globalization.CultureInfo.InvariantCulture), CapStatus.Actual, CapMessageType.Alert, CapScope.Public)
        {
            Infos = infos,
        };

    private static CapInfo Info(string language, params CapArea[] areas) =>
        new("Brand", CapUrgency.Immediate, CapSeverity.Severe, CapCertainty.Observed, [CapCategory.Fire, CapCategory.Cbrne])
        {
            Language = language,
            Headline = "Brand in Gent — sluit ramen",
            Expires = DateTimeOffset.Parse("2026-03-05T16:00:00+01:00", System.Globalization.CultureInfo.InvariantCulture),
            Areas = areas,
        };

    private static readonly CapArea Gent = new("Gent") { Geocodes = [new CapNamedValue("NIS", "44021")] };

    private static readonly CapArea Square = new("Square")
    {
        Polygons = [new CapPolygon([new(51.04, 3.70), new(51.04, 3.76), new(51.07, 3.76), new(51.07, 3.70), new(51.04, 3.70)])],
    };

    [Fact]
    public void ToJson_OneFeaturePerInfo_WithCapProperties_ReadByGeoJson4Stj()
    {
        var alert = Alert(Info("nl-BE", Gent, Square), Info("fr-BE", Gent));
        var json = CapGeoJson.ToJson(CapGeoJson.ToFeatureCollection([alert]));

        var collection = JsonSerializer.Deserialize<FeatureCollection>(json, Peer)!;

        Assert.Equal(2, collection.Count);
        var first = collection[0].Attributes;
        Assert.Equal("BE-GEO-3", first["identifier"]);
        Assert.Equal("crisis@gent.be", first["sender"]);
        Assert.Equal("2026-03-05T10:00:00+01:00", first["sent"]);
        Assert.Equal("Actual", first["status"]);
        Assert.Equal("Alert", first["msgType"]);
        Assert.Equal("Brand", first["event"]);
        Assert.Equal("Immediate", first["urgency"]);
        Assert.Equal("Severe", first["severity"]);
        Assert.Equal("Observed", first["certainty"]);
        Assert.Equal("Brand in Gent — sluit ramen", first["headline"]);
        Assert.Equal("Gent; Square", first["areaDesc"]);
        Assert.Equal("2026-03-05T16:00:00+01:00", first["expires"]);
        Assert.Equal("nl-BE", first["language"]);
        Assert.Equal("fr-BE", collection[1].Attributes["language"]);
        Assert.Contains("\"CBRNE\"", json, StringComparison.Ordinal);
        Assert.Contains("\"id\":\"BE-GEO-3#1\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u2014", json, StringComparison.Ordinal); // the dash stays readable
    }

    [Fact]
    public void ToJson_GeometryIsLongitudeLatitude_ExteriorCounterClockwise()
    {
        var json = CapGeoJson.ToJson(CapGeoJson.ToFeatureCollection([Alert(Info("nl-BE", Square))]));
        var geometry = JsonSerializer.Deserialize<FeatureCollection>(json, Peer)![0].Geometry;

        var polygon = Assert.IsType<Polygon>(geometry);
        Assert.Equal(new Envelope(3.70, 3.76, 51.04, 51.07), polygon.EnvelopeInternal); // x = longitude
        Assert.True(Orientation.IsCCW(polygon.ExteriorRing.CoordinateSequence)); // RFC 7946 §3.1.6
        Assert.True(polygon.Covers(new Point(3.7250, 51.0538)));
    }

    [Fact]
    public void ToFeatures_AlertWithoutInfo_OneFeatureWithNullGeometry()
    {
        var cancel = Alert() with { MsgType = CapMessageType.Cancel };
        var json = CapGeoJson.ToJson(CapGeoJson.ToFeatureCollection([cancel]));

        var feature = Assert.Single(JsonSerializer.Deserialize<FeatureCollection>(json, Peer)!);
        Assert.Null(feature.Geometry);
        Assert.Equal("Cancel", feature.Attributes["msgType"]);
    }

    [Fact]
    public void ToFeatures_CollectsLocatingDiagnostics()
    {
        var diagnostics = new List<CapDiagnostic>();
        CapGeoJson.ToFeatures(Alert(Info("nl-BE", new CapArea("x") { Geocodes = [new CapNamedValue("NIS", "99999")] })), diagnostics: diagnostics);

        Assert.Equal(CapGeoDiagnosticCodes.UnknownNisCode, Assert.Single(diagnostics).Code);
    }

    [Fact]
    public void Write_ToStream_IsUtf8GeoJson()
    {
        using var stream = new MemoryStream();
        CapGeoJson.Write(CapGeoJson.ToFeatureCollection([Alert(Info("nl-BE", Gent))]), stream);

        var collection = JsonSerializer.Deserialize<FeatureCollection>(stream.ToArray(), Peer)!;
        Assert.IsAssignableFrom<IPolygonal>(collection[0].Geometry);
    }

    [Fact]
    public void ReadArea_ExportedAlert_RoundTripsTheArea()
    {
        var original = CapAreaLocator.Default.Locate(Gent);
        var json = CapGeoJson.ToJson(CapGeoJson.ToFeatureCollection([Alert(Info("nl-BE", Gent))]));

        var result = CapGeoJson.ReadArea(Encoding.UTF8.GetBytes(json), "Gent (imported)", null);

        Assert.Empty(result.Diagnostics);
        Assert.Equal("Gent (imported)", result.Area!.AreaDesc);
        Assert.All(result.Area.Polygons, p => Assert.True(p.IsClosed));
        Assert.Equal(original.AreaKm2, CapAreaLocator.Default.Locate(result.Area).AreaKm2, 6);
    }

    [Fact]
    public void ReadArea_Polygon_BecomesCapLatitudeLongitude()
    {
        var json = """{"type":"Polygon","coordinates":[[[3.70,51.04],[3.76,51.04],[3.76,51.07],[3.70,51.07],[3.70,51.04]]]}""";

        var area = CapGeoJson.ReadArea(Encoding.UTF8.GetBytes(json), "Gent", null).Area!;

        Assert.Equal(new CapPoint(51.04, 3.70), area.Polygons[0].Points[0]);
        Assert.Equal(new CapPoint(51.04, 3.76), area.Polygons[0].Points[1]);
    }

    [Fact]
    public void ReadArea_UnclosedRing_CAP1104_WarningAndClosed()
    {
        var json = """{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[3.70,51.04],[3.76,51.04],[3.76,51.07],[3.70,51.07]]]}}""";

        var result = CapGeoJson.ReadArea(Encoding.UTF8.GetBytes(json), "Gent", null);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal((CapGeoDiagnosticCodes.RingNotClosed, "$.geometry.coordinates[0]"), (diagnostic.Code, diagnostic.Path));
        Assert.Equal(5, result.Area!.Polygons[0].Points.Count);
        Assert.True(result.Area.Polygons[0].IsClosed);
    }

    [Theory]
    [InlineData("{\"type\":\"Polygon\",", CapGeoDiagnosticCodes.InvalidGeoJson, "$")]
    [InlineData("[1,2,3]", CapGeoDiagnosticCodes.InvalidGeoJson, "$")]
    [InlineData("{\"type\":\"Banana\"}", CapGeoDiagnosticCodes.InvalidGeoJson, "$.type")]
    [InlineData("{\"type\":\"Polygon\",\"coordinates\":5}", CapGeoDiagnosticCodes.InvalidGeoJson, "$.coordinates")]
    [InlineData("{\"type\":\"Polygon\",\"coordinates\":[[[3.7,\"x\"],[3.8,51],[3.8,51.1],[3.7,51]]]}", CapGeoDiagnosticCodes.InvalidGeoJson, "$.coordinates[0][0]")]
    [InlineData("{\"type\":\"Point\",\"coordinates\":[4.35,50.85]}", CapGeoDiagnosticCodes.UnsupportedGeometryType, "$")]
    [InlineData("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"geometry\":null,\"properties\":null}]}", CapGeoDiagnosticCodes.UnsupportedGeometryType, "$.features[0].geometry")]
    [InlineData("{\"type\":\"FeatureCollection\",\"features\":[]}", CapGeoDiagnosticCodes.NoPolygon, "$")]
    [InlineData("{\"type\":\"Polygon\",\"coordinates\":[[[4,91],[4.1,50],[4.1,50.1],[4,91]]]}", CapGeoDiagnosticCodes.CoordinateOutOfRange, "$.coordinates[0]")]
    [InlineData("{\"type\":\"Polygon\",\"coordinates\":[[[4,50],[4.1,50.1],[4.2,50.2],[4,50]]]}", CapGeoDiagnosticCodes.DegenerateRing, "$.coordinates[0]")]
    [InlineData("{\"type\":\"Polygon\",\"coordinates\":[[[3.70,51.00],[3.80,51.05],[3.70,51.05],[3.80,51.00],[3.70,51.00]]]}", CapGeoDiagnosticCodes.SelfIntersection, "$.coordinates[0]")]
    public void ReadArea_BadInput_ErrorWithCodeAndPath_NoArea(string json, string code, string path)
    {
        var result = CapGeoJson.ReadArea(Encoding.UTF8.GetBytes(json), "x", null);

        Assert.Null(result.Area);
        var diagnostic = Assert.Single(result.Diagnostics); // one mistake, one diagnostic
        Assert.Equal((code, path), (diagnostic.Code, diagnostic.Path));
        Assert.True(diagnostic.IsError);
    }

    [Fact]
    public void ReadArea_PolygonWithHole_CAP1124_HoleDropped()
    {
        var json = """{"type":"Polygon","coordinates":[[[4,50],[5,50],[5,51],[4,51],[4,50]],[[4.4,50.4],[4.6,50.4],[4.6,50.6],[4.4,50.4]]]}""";

        var result = CapGeoJson.ReadArea(Encoding.UTF8.GetBytes(json), "x", null);

        Assert.Equal(CapGeoDiagnosticCodes.HolesDropped, Assert.Single(result.Diagnostics).Code);
        Assert.True(CapAreaLocator.Default.Locate(result.Area!).Contains(50.45, 4.55)); // inside the former hole
    }

    [Fact]
    public void ReadArea_MultiPolygonAndGeometryCollection_EveryPolygon()
    {
        var json = """
            {"type":"GeometryCollection","geometries":[
              {"type":"MultiPolygon","coordinates":[[[[4,50],[4.1,50],[4.1,50.1],[4,50]]],[[[5,50],[5.1,50],[5.1,50.1],[5,50]]]]},
              {"type":"LineString","coordinates":[[4,50],[5,51]]}]}
            """;

        var result = CapGeoJson.ReadArea(Encoding.UTF8.GetBytes(json), "x", null);

        Assert.Equal(2, result.Area!.Polygons.Count);
        Assert.Equal("$.geometries[1]", Assert.Single(result.Diagnostics, d => d.Code == CapGeoDiagnosticCodes.UnsupportedGeometryType).Path);
    }

    [Fact]
    public void ReadArea_OverTheByteLimit_CAP1122()
    {
        var options = new CapGeoJsonReadOptions { MaxBytes = 100 };
        var json = Encoding.UTF8.GetBytes("{\"type\":\"Polygon\",\"coordinates\":[[" + string.Join(',', Enumerable.Repeat("[4,50]", 50)) + "]]}");

        Assert.Equal(CapGeoDiagnosticCodes.GeoJsonTooLarge, Assert.Single(CapGeoJson.ReadArea(json, "x", options).Diagnostics).Code);
        using var stream = new MemoryStream(json);
        Assert.Equal(CapGeoDiagnosticCodes.GeoJsonTooLarge, Assert.Single(CapGeoJson.ReadArea(stream, "x", options).Diagnostics).Code);
    }

    [Fact]
    public void ReadArea_OverThePositionLimit_CAP1122()
    {
        var ring = string.Join(',', Enumerable.Range(0, 200).Select(i => $"[{4 + Math.Cos(i * Math.PI / 100):R},{50 + Math.Sin(i * Math.PI / 100):R}]"));
        var json = Encoding.UTF8.GetBytes($"{{\"type\":\"Polygon\",\"coordinates\":[[{ring}]]}}");

        var result = CapGeoJson.ReadArea(json, "x", new CapGeoJsonReadOptions { MaxPositions = 100 });

        Assert.Contains(result.Diagnostics, d => d.Code == CapGeoDiagnosticCodes.GeoJsonTooLarge);
        Assert.Null(result.Area);
    }

    [Fact]
    public void ReadArea_DeepNesting_CAP1121()
    {
        var json = Encoding.UTF8.GetBytes(new string('[', 10_000) + new string(']', 10_000));

        Assert.Equal(CapGeoDiagnosticCodes.InvalidGeoJson, Assert.Single(CapGeoJson.ReadArea(json, "x", null).Diagnostics).Code);
    }

    [Property(MaxTest = 500)]
    public void ReadArea_ArbitraryBytes_NeverThrows(byte[] bytes)
    {
        var result = CapGeoJson.ReadArea(bytes, "x", null);

        Assert.True(result.Area is not null || result.HasErrors);
    }

    [Property(MaxTest = 300)]
    public void ReadArea_MutatedGeoJson_NeverThrows(int seed)
    {
        var valid = """{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"MultiPolygon","coordinates":[[[[4,50],[4.1,50],[4.1,50.1],[4,50]]]]}}]}""";
        var random = new Random(seed);
        var chars = valid.ToCharArray();
        for (var i = 0; i < 3; i++)
        {
            chars[random.Next(chars.Length)] = "[]{},:\"0123456789.-eE tnul"[random.Next(26)];
        }

        _ = CapGeoJson.ReadArea(Encoding.UTF8.GetBytes(chars), "x", null);
    }
}
