using NetTopologySuite.Geometries;

namespace BeAlert.Cap.Geo;

/// <summary>
/// Areas on the WGS 84 ellipsoid. Each vertex is mapped with Lambert's cylindrical equal-area projection in its
/// ellipsoidal form (x = longitude in radians, y = sine of the authalic latitude, both scaled by the authalic radius)
/// and the ring's area is the planar shoelace area there. The projection preserves area exactly, so the result is
/// the ellipsoidal area of the polygon whose edges are straight in that projection; for edges of a few kilometres
/// or less (Belgian boundaries, alert polygons, circles with 128 vertices) that differs from geodesic edges by far
/// less than the data's own precision. Like every other computation on these geometries, it reads longitudes as
/// plain x values: shapes crossing the antimeridian or enclosing a pole have already been cut into parts within
/// -180..180 by <see cref="ShapeBuilder"/>.
/// </summary>
internal static class EllipsoidArea
{
    /// <summary>The area of the polygonal parts of <paramref name="geometry"/> in km² (points and lines add nothing).</summary>
    internal static double SquareKilometres(NetTopologySuite.Geometries.Geometry geometry) => SquareMetres(geometry) / 1e6;

    internal static double SquareMetres(NetTopologySuite.Geometries.Geometry geometry)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        var total = 0.0;
        for (var i = 0; i < geometry.NumGeometries; i++)
        {
            var part = geometry.GetGeometryN(i);
            if (part is Polygon polygon)
            {
                total += Math.Abs(RingSquareMetres(polygon.ExteriorRing.CoordinateSequence));
                for (var h = 0; h < polygon.NumInteriorRings; h++)
                {
                    total -= Math.Abs(RingSquareMetres(polygon.GetInteriorRingN(h).CoordinateSequence));
                }
            }
            else if (part is GeometryCollection && !ReferenceEquals(part, geometry))
            {
                total += SquareMetres(part);
            }
        }

        return total;
    }

    /// <summary>The signed area of a closed ring, m² (positive when counter-clockwise in longitude/latitude).</summary>
    internal static double RingSquareMetres(CoordinateSequence ring)
    {
        const double ToRadians = Math.PI / 180;
        var n = ring.Count;
        if (n < 4)
        {
            return 0;
        }

        // Shoelace over (longitude, sin(authalic latitude)). Longitudes are taken as they are, like every other
        // computation on these geometries: shapes that cross the antimeridian have already been cut there.
        var sum = 0.0;
        var previousX = ring.GetX(0);
        var previousY = Wgs84.AuthalicSine(ring.GetY(0));
        for (var i = 1; i < n; i++)
        {
            var x = ring.GetX(i);
            var y = Wgs84.AuthalicSine(ring.GetY(i));
            sum += (previousX * y) - (x * previousY);
            previousX = x;
            previousY = y;
        }

        return sum / 2 * ToRadians * Wgs84.AuthalicRadiusSquared;
    }
}
