using NetTopologySuite.Geometries;
using NetTopologySuite.Triangulate.Polygon;

namespace BeAlert.Dispatch;

/// <summary>
/// Uniform random points inside one municipality: its boundary cut into triangles once, a triangle picked in
/// proportion to its area, then a uniform point in it. No point-in-polygon test per point; a point whose rounding to
/// 10⁻⁷ degree leaves its triangle is drawn again, so every point lies inside the boundary.
/// </summary>
internal sealed class MunicipalitySampler
{
    private readonly double[] _triangles; // ax, ay, bx, by, cx, cy per triangle (x = longitude)
    private readonly double[] _cumulative;

    public MunicipalitySampler(Geometry boundary)
    {
        Geometry triangles;
        try
        {
            triangles = PolygonTriangulator.Triangulate(boundary);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or TopologyException or IndexOutOfRangeException)
        {
            triangles = NetTopologySuite.Triangulate.Polygon.ConstrainedDelaunayTriangulator.Triangulate(boundary);
        }

        var list = new List<double>();
        var cumulative = new List<double>();
        var total = 0.0;
        for (var i = 0; i < triangles.NumGeometries; i++)
        {
            var ring = ((Polygon)triangles.GetGeometryN(i)).ExteriorRing.Coordinates;
            var area = Math.Abs(((ring[1].X - ring[0].X) * (ring[2].Y - ring[0].Y)) - ((ring[2].X - ring[0].X) * (ring[1].Y - ring[0].Y))) / 2;
            if (area <= 0)
            {
                continue;
            }

            list.AddRange([ring[0].X, ring[0].Y, ring[1].X, ring[1].Y, ring[2].X, ring[2].Y]);
            total += area;
            cumulative.Add(total);
        }

        if (cumulative.Count == 0)
        {
            throw new InvalidDataException("A municipality boundary has no area to place addresses in.");
        }

        _triangles = [.. list];
        _cumulative = [.. cumulative];
    }

    public (int Lat, int Lon) Sample(ref SyntheticRandom random)
    {
        while (true)
        {
            var target = random.NextDouble() * _cumulative[^1];
            var t = Array.BinarySearch(_cumulative, target);
            t = t < 0 ? ~t : t;
            t = Math.Min(t, _cumulative.Length - 1) * 6;
            var u = random.NextDouble();
            var v = random.NextDouble();
            if (u + v > 1)
            {
                u = 1 - u;
                v = 1 - v;
            }

            double ax = _triangles[t], ay = _triangles[t + 1], bx = _triangles[t + 2], by = _triangles[t + 3], cx = _triangles[t + 4], cy = _triangles[t + 5];
            var x = ax + (u * (bx - ax)) + (v * (cx - ax));
            var y = ay + (u * (by - ay)) + (v * (cy - ay));
            var lat = AddressGrid.ToFixed(y);
            var lon = AddressGrid.ToFixed(x);
            if (InTriangle(AddressGrid.ToDegrees(lon), AddressGrid.ToDegrees(lat), ax, ay, bx, by, cx, cy))
            {
                return (lat, lon);
            }
        }
    }

    private static bool InTriangle(double x, double y, double ax, double ay, double bx, double by, double cx, double cy)
    {
        var d1 = ((x - bx) * (ay - by)) - ((ax - bx) * (y - by));
        var d2 = ((x - cx) * (by - cy)) - ((bx - cx) * (y - cy));
        var d3 = ((x - ax) * (cy - ay)) - ((cx - ax) * (y - ay));
        var negative = d1 < 0 || d2 < 0 || d3 < 0;
        var positive = d1 > 0 || d2 > 0 || d3 > 0;
        return !(negative && positive);
    }
}
