using System.Text.Json;
using BeAlert.Cap;
using BeAlert.Cap.Geo;
using BenchmarkDotNet.Attributes;
using NetTopologySuite.Features;
using NetTopologySuite.IO.Converters;

namespace BeAlert.Benchmarks.Geo;

/// <summary>
/// Turning the NIS geocodes of one area (Gent, Brussels, Liège) into their boundaries. Baseline: what a developer
/// writes first, reading the municipalities' GeoJSON (2.9 MB, as shipped by the data set) on every call and searching
/// it linearly. Then: the GeoJSON read once and searched linearly; ours, a dictionary over the embedded data loaded
/// once (<see cref="BelgianBoundaries.TryFind"/>); and ours end to end, <see cref="CapAreaLocator.Locate(CapArea)"/>
/// (lookups plus the union of the three boundaries).
/// </summary>
[MemoryDiagnoser]
public class GeocodeGeoBenchmarks
{
    private static readonly string[] Codes = ["44021", "21004", "62063"];

    private readonly JsonSerializerOptions _json = CreateOptions();
    private byte[] _geoJson = [];
    private FeatureCollection _parsed = [];
    private CapArea _area = null!;

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions();
        options.Converters.Add(new GeoJsonConverterFactory());
        return options;
    }

    [GlobalSetup]
    public void Setup()
    {
        // The municipalities as GeoJSON, written from the embedded data (same features and properties as the source file).
        var collection = new FeatureCollection();
        foreach (var m in BelgianBoundaries.Default.Municipalities)
        {
            collection.Add(new Feature(m.GetGeometry(), new AttributesTable { { "nis", m.Code }, { "name_nl", m.NameNl }, { "name_fr", m.NameFr }, { "population", m.Population } }));
        }

        _geoJson = JsonSerializer.SerializeToUtf8Bytes(collection, _json);
        _parsed = JsonSerializer.Deserialize<FeatureCollection>(_geoJson, _json)!;
        _area = new CapArea("three cities") { Geocodes = [.. Codes.Select(c => new CapNamedValue("NIS", c))] };
        if (ParseEachTime() != Dictionary() || LinearSearch() != Dictionary())
        {
            throw new InvalidOperationException("The approaches disagree.");
        }
    }

    [Benchmark(Baseline = true, Description = "parse GeoJSON each call + linear search")]
    public int ParseEachTime()
    {
        var collection = JsonSerializer.Deserialize<FeatureCollection>(_geoJson, _json)!;
        return Search(collection);
    }

    [Benchmark(Description = "parsed once + linear search")]
    public int LinearSearch() => Search(_parsed);

    [Benchmark(Description = "BelgianBoundaries.TryFind")]
    public int Dictionary()
    {
        var vertices = 0;
        foreach (var code in Codes)
        {
            vertices += BelgianBoundaries.Default.TryFind(code, out var unit) ? unit.Geometry.NumPoints : 0;
        }

        return vertices;
    }

    [Benchmark(Description = "CapAreaLocator.Locate (lookups + union)")]
    public double Locate() => CapAreaLocator.Default.Locate(_area).Envelope.Area;

    private static int Search(FeatureCollection collection)
    {
        var vertices = 0;
        foreach (var code in Codes)
        {
            foreach (var feature in collection)
            {
                if ((string)feature.Attributes["nis"] == code)
                {
                    vertices += feature.Geometry.NumPoints;
                    break;
                }
            }
        }

        return vertices;
    }
}
