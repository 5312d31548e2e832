using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace BeAlert.Dispatch;

/// <summary>
/// An area prepared for the directory's grid: the polygonal part of a geometry (points and lines hold no addresses),
/// prepared for rectangle tests (is a block of cells wholly inside, wholly outside or across the border?) and indexed
/// for point tests. The border counts as inside, as in <see cref="BeAlert.Cap.Geo.CapGeometry.Contains(double, double)"/>.
/// One instance per query; not thread-safe (it reuses one coordinate).
/// </summary>
internal sealed class AreaQuery
{
    private readonly IPreparedGeometry _prepared;
    private readonly IndexedPointInAreaLocator _locator;
    private readonly GeometryFactory _factory;
    private readonly Coordinate _probe = new();

    public AreaQuery(Geometry geometry)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        var polygons = new List<Polygon>();
        Collect(geometry, polygons);
        _factory = geometry.Factory;
        Geometry = polygons.Count == 1 ? polygons[0] : _factory.CreateMultiPolygon([.. polygons]);
        Envelope = Geometry.EnvelopeInternal;
        _prepared = PreparedGeometryFactory.Prepare(Geometry);
        _locator = new IndexedPointInAreaLocator(Geometry);
    }

    public enum Placement
    {
        Outside,
        Inside,
        Across,
    }

    public Geometry Geometry { get; }

    public Envelope Envelope { get; }

    public bool IsEmpty => Geometry.IsEmpty;

    public Placement Place(Envelope block)
    {
        if (!Envelope.Intersects(block))
        {
            return Placement.Outside;
        }

        var rectangle = _factory.ToGeometry(block);
        if (_prepared.Contains(rectangle))
        {
            return Placement.Inside;
        }

        return _prepared.Intersects(rectangle) ? Placement.Across : Placement.Outside;
    }

    public bool Contains(int lat, int lon)
    {
        _probe.X = AddressGrid.ToDegrees(lon);
        _probe.Y = AddressGrid.ToDegrees(lat);
        return Envelope.Intersects(_probe) && _locator.Locate(_probe) != Location.Exterior;
    }

    private static void Collect(Geometry geometry, List<Polygon> polygons)
    {
        switch (geometry)
        {
            case Polygon polygon when !polygon.IsEmpty:
                polygons.Add(polygon);
                break;
            case GeometryCollection collection:
                for (var i = 0; i < collection.NumGeometries; i++)
                {
                    Collect(collection.GetGeometryN(i), polygons);
                }

                break;
        }
    }
}
