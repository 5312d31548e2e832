using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace BeAlert.Cap.Geo;

/// <summary>
/// Where an alert, one of its info blocks or one area applies, placed on the map: the union of its polygons, circles
/// and geocoded boundaries, prepared for fast point queries, with the diagnostics found while building it.
/// Immutable and thread-safe. Made by <see cref="CapAreaLocator"/>.
/// </summary>
public sealed class CapGeometry
{
    private readonly NetTopologySuite.Geometries.Geometry _geometry;
    private readonly Envelope _envelope;
    private IPreparedGeometry? _prepared;
    private double _areaKm2 = double.NaN;

    internal CapGeometry(NetTopologySuite.Geometries.Geometry geometry, IReadOnlyList<CapDiagnostic> diagnostics)
    {
        _geometry = geometry;
        _envelope = geometry.EnvelopeInternal;
        Diagnostics = diagnostics;
    }

    /// <summary>
    /// Every problem met while placing the areas, with its code (<see cref="CapGeoDiagnosticCodes"/>) and element
    /// path (<c>/alert/info[1]/area[2]/polygon[1]</c>). Shapes with errors are left out of the geometry or repaired, as each
    /// diagnostic says.
    /// </summary>
    public IReadOnlyList<CapDiagnostic> Diagnostics { get; }

    /// <summary>Whether any diagnostic is an error (the geometry may then miss or alter part of what the alert meant).</summary>
    public bool HasErrors => Diagnostics.Any(d => d.IsError);

    /// <summary>Whether nothing could be placed on the map.</summary>
    public bool IsEmpty => _geometry.IsEmpty;

    /// <summary>The shared union geometry; never modified.</summary>
    internal NetTopologySuite.Geometries.Geometry Geometry => _geometry;

    internal Envelope Envelope => _envelope;

    /// <summary>The geometry prepared for repeated predicates (built on first use; NetTopologySuite documents it as thread-safe).</summary>
    internal IPreparedGeometry Prepared
    {
        get
        {
            var prepared = Volatile.Read(ref _prepared);
            if (prepared is null)
            {
                prepared = PreparedGeometryFactory.Prepare(_geometry);
                prepared = Interlocked.CompareExchange(ref _prepared, prepared, null) ?? prepared;
            }

            return prepared;
        }
    }

    /// <summary>
    /// The area in square kilometres on the WGS 84 ellipsoid: each vertex is mapped with Lambert's cylindrical
    /// equal-area projection (ellipsoidal form, authalic latitude), which preserves area, and the polygons are measured
    /// there. Overlapping areas count once. Points (zero-radius circles) add nothing.
    /// </summary>
    public double AreaKm2
    {
        get
        {
            var area = Volatile.Read(ref _areaKm2);
            if (double.IsNaN(area))
            {
                area = EllipsoidArea.SquareKilometres(_geometry);
                Volatile.Write(ref _areaKm2, area);
            }

            return area;
        }
    }

    /// <summary>
    /// Whether a point lies in the area (its boundary counts as inside). A bounding-box test rejects most points
    /// without touching the polygons; the rest are located with NetTopologySuite's prepared geometry.
    /// </summary>
    /// <param name="latitude">WGS 84 latitude, degrees.</param>
    /// <param name="longitude">WGS 84 longitude, degrees.</param>
    /// <returns><see langword="true"/> when the point is inside or on the boundary.</returns>
    public bool Contains(double latitude, double longitude)
    {
        if (!(latitude >= _envelope.MinY && latitude <= _envelope.MaxY && longitude >= _envelope.MinX && longitude <= _envelope.MaxX))
        {
            return false; // also NaN, and everything when the geometry is empty
        }

        return Prepared.Intersects(GeoServices.Factory.CreatePoint(new Coordinate(longitude, latitude)));
    }

    /// <summary>Whether a point lies in the area (its boundary counts as inside).</summary>
    /// <param name="point">The point, CAP order (latitude, longitude).</param>
    /// <returns><see langword="true"/> when the point is inside or on the boundary.</returns>
    public bool Contains(CapPoint point) => Contains(point.Latitude, point.Longitude);

    /// <summary>
    /// A copy of the geometry (x = longitude, y = latitude, SRID 4326): a <see cref="Polygon"/> or
    /// <see cref="MultiPolygon"/>, a <see cref="GeometryCollection"/> when zero-radius circles add points, or an
    /// empty geometry.
    /// </summary>
    /// <returns>A new geometry the caller may modify.</returns>
    public NetTopologySuite.Geometries.Geometry GetGeometry() => _geometry.Copy();
}
