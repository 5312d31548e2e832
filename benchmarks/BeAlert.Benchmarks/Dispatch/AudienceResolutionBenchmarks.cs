using BeAlert.Cap;
using BeAlert.Cap.Geo;
using BeAlert.Dispatch;
using BenchmarkDotNet.Attributes;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;

namespace BeAlert.Benchmarks.Dispatch;

/// <summary>
/// Who lives in the area? A synthetic Belgium of 1,000,000 subscribers (about 1.45 million address points, seed 20260305),
/// and an area: the polygon of Sint-Martens-Latem (44064) or a 10 km circle around Gent. Every method returns the
/// number of distinct people with an address inside. Baseline: what a developer writes first, an NTS STRtree of
/// <see cref="Point"/> objects queried with the area's envelope, <c>Geometry.Covers</c> (Contains, border included) per candidate and a
/// <c>HashSet&lt;long&gt;</c> of owner ids. Ours: <see cref="AudienceResolver.CountInArea(CapGeometry)"/> (grid of
/// sorted columns, blocks of cells classified against the area, a bit set of owners), and a full resolution with
/// counts by channel and language.
/// </summary>
[MemoryDiagnoser]
public class AudienceResolutionBenchmarks
{
    private const int Subscribers = 1_000_000;
    private static readonly LanguageChooser Languages = new(["nl-BE", "fr-BE", "de-BE", "en"]);

    private STRtree<Point> _tree = null!;
    private AudienceResolver _resolver = null!;
    private CapGeometry _area = null!;
    private Geometry _geometry = null!;

    [Params("polygon 44064", "circle 10 km Gent")]
    public string Area { get; set; } = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        var directory = SyntheticBelgium.CreateDirectory(new SyntheticBelgiumOptions { Count = Subscribers });
        _resolver = new AudienceResolver(directory);
        var factory = new GeometryFactory(new PrecisionModel(), 4326);
        _tree = new STRtree<Point>();
        foreach (var subscriber in directory.EnumerateSubscribers())
        {
            foreach (var address in subscriber.Addresses)
            {
                var point = factory.CreatePoint(new Coordinate(address.Longitude, address.Latitude));
                point.UserData = subscriber.Id;
                _tree.Insert(point.EnvelopeInternal, point);
            }
        }

        _tree.Build();
        _area = Area.StartsWith("polygon", StringComparison.Ordinal)
            ? CapAreaLocator.Default.Locate(new CapArea("Sint-Martens-Latem") { Geocodes = [new CapNamedValue("NIS", "44064")] })
            : CapAreaLocator.Default.Locate(new CapArea("Gent") { Circles = [new CapCircle(new CapPoint(51.0543, 3.7174), 10)] });
        _geometry = _area.GetGeometry();
        if (Naive() != Ours() || Ours() == 0)
        {
            throw new InvalidOperationException("The approaches disagree.");
        }
    }

    [Benchmark(Baseline = true, Description = "STRtree<Point> + Geometry.Covers + HashSet<long>")]
    public long Naive()
    {
        var people = new HashSet<long>();
        foreach (var point in _tree.Query(_geometry.EnvelopeInternal))
        {
            if (_geometry.Covers(point))
            {
                people.Add((long)point.UserData);
            }
        }

        return people.Count;
    }

    [Benchmark(Description = "CountInArea (grid blocks + bit set)")]
    public long Ours() => _resolver.CountInArea(_area).People;

    [Benchmark(Description = "Resolve + Count by channel and language")]
    public long Resolve() => _resolver.Resolve(AudienceSpec.ForArea(_area), Languages, DeliveryChannels.Sms | DeliveryChannels.Voice | DeliveryChannels.Email).Count().People;
}
