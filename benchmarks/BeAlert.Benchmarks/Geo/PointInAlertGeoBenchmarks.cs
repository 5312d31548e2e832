using BeAlert.Cap;
using BeAlert.Cap.Geo;
using BenchmarkDotNet.Attributes;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace BeAlert.Benchmarks.Geo;

/// <summary>
/// Is a phone in the alert? 1,000,000 random points in Belgium's bounding box (fixed seed) against a realistic alert:
/// the municipality of Liège plus a 10 km circle around Verviers. Baseline: <c>Geometry.Contains</c> per point, what a
/// developer writes first. Then NetTopologySuite's prepared geometry, and ours (<see cref="CapGeometry.Contains(double, double)"/>):
/// a bounding-box test first, the prepared geometry only for points inside the box. Times are per point.
/// </summary>
[MemoryDiagnoser]
public class PointInAlertGeoBenchmarks
{
    private const int Points = 1_000_000;

    private CapGeometry _alert = null!;
    private Geometry _geometry = null!;
    private IPreparedGeometry _prepared = null!;
    private Point[] _points = [];
    private double[] _latitudes = [];
    private double[] _longitudes = [];

    [GlobalSetup]
    public void Setup()
    {
        _alert = CapAreaLocator.Default.Locate(new CapArea("Liège and Verviers")
        {
            Geocodes = [new CapNamedValue("NIS", "62063")],
            Circles = [new CapCircle(new CapPoint(50.5891, 5.8623), 10)],
        });
        _geometry = _alert.GetGeometry();
        _prepared = PreparedGeometryFactory.Prepare(_geometry);

        var random = new Random(20260305);
        var factory = new GeometryFactory(new PrecisionModel(), 4326);
        _points = new Point[Points];
        _latitudes = new double[Points];
        _longitudes = new double[Points];
        for (var i = 0; i < Points; i++)
        {
            _longitudes[i] = 2.54 + (random.NextDouble() * (6.41 - 2.54));
            _latitudes[i] = 49.49 + (random.NextDouble() * (51.51 - 49.49));
            _points[i] = factory.CreatePoint(new Coordinate(_longitudes[i], _latitudes[i]));
        }

        var expected = Ours();
        if (expected == 0 || Prepared() != expected || Naive() != expected)
        {
            throw new InvalidOperationException("The approaches disagree.");
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Points, Description = "Geometry.Contains")]
    public int Naive()
    {
        var inside = 0;
        foreach (var point in _points)
        {
            if (_geometry.Contains(point))
            {
                inside++;
            }
        }

        return inside;
    }

    [Benchmark(OperationsPerInvoke = Points, Description = "prepared geometry")]
    public int Prepared()
    {
        var inside = 0;
        foreach (var point in _points)
        {
            if (_prepared.Contains(point))
            {
                inside++;
            }
        }

        return inside;
    }

    [Benchmark(OperationsPerInvoke = Points, Description = "CapGeometry.Contains (box + prepared)")]
    public int Ours()
    {
        var inside = 0;
        for (var i = 0; i < _latitudes.Length; i++)
        {
            if (_alert.Contains(_latitudes[i], _longitudes[i]))
            {
                inside++;
            }
        }

        return inside;
    }
}
