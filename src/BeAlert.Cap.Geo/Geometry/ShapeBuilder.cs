using System.Globalization;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;
using NetTopologySuite.Operation.Valid;

namespace BeAlert.Cap.Geo;

/// <summary>
/// Turns CAP shapes (rings of latitude,longitude points; circles) into valid NetTopologySuite polygons with x =
/// longitude and y = latitude, reporting every problem through a callback instead of throwing.
/// Rings are read the short way round the globe: a step of more than 180° of longitude crosses the antimeridian, and
/// the shape is cut there into parts that stay within -180..180 (as RFC 7946 §3.1.9 asks). A ring that winds once
/// round the globe encloses the pole nearer to it.
/// </summary>
internal static class ShapeBuilder
{
    private static readonly GeometryFactory Factory = GeoServices.Factory;

    private static readonly Polygon World = (Polygon)Factory.ToGeometry(new Envelope(-180, 180, -90, 90));

    /// <summary>Reports one problem: its code and a message a person can act on.</summary>
    internal delegate void Report(string code, string message);

    /// <summary>
    /// Builds the polygon of a ring given in CAP order (latitude, longitude). Returns <see langword="null"/> when the
    /// ring is left out (bad coordinates, degenerate); a self-intersecting ring is reported and repaired.
    /// </summary>
    /// <param name="points">The ring as written.</param>
    /// <param name="what">How to name the ring in messages, for example <c>&lt;polygon&gt;</c>.</param>
    /// <param name="report">Receives the problems.</param>
    internal static NetTopologySuite.Geometries.Geometry? Polygon(IReadOnlyList<CapPoint> points, string what, Report report)
    {
        for (var i = 0; i < points.Count; i++)
        {
            if (!points[i].IsInRange || !double.IsFinite(points[i].Latitude) || !double.IsFinite(points[i].Longitude))
            {
                report(CapGeoDiagnosticCodes.CoordinateOutOfRange, $"point {i + 1} of {what}, {Describe(points[i])}, {RangeProblem(points[i])}: write latitude first, then longitude, in WGS 84 decimal degrees (Belgium is near 50.8,4.4). The shape is left out.");
                return null;
            }
        }

        var count = points.Count;
        var closed = count > 1 && points[0] == points[^1];
        var distinct = new HashSet<CapPoint>(points).Count;
        if (distinct < 3)
        {
            report(CapGeoDiagnosticCodes.DegenerateRing, $"{what} has {distinct} distinct point(s); a polygon needs at least three that are not on one line. It covers nothing and is left out.");
            return null;
        }

        if (!closed)
        {
            report(CapGeoDiagnosticCodes.RingNotClosed, $"{what} does not end on its first point ({Describe(points[0])}); it was closed by repeating that point. Repeat the first point at the end.");
        }

        var ring = new Coordinate[closed ? count : count + 1];
        for (var i = 0; i < count; i++)
        {
            ring[i] = new Coordinate(points[i].Longitude, points[i].Latitude);
        }

        if (!closed)
        {
            ring[count] = ring[0].Copy();
        }

        return Ring(ring, what, report);
    }

    /// <summary>
    /// The polygon standing for a CAP circle: <paramref name="vertices"/> points on the WGS 84 ellipsoid at the geodesic
    /// distance r / cos(π/n) from the centre (Vincenty's direct formula), so that the polygon's edges, not only its
    /// corners, reach the radius and the polygon covers the whole circle. A zero radius gives the centre point.
    /// </summary>
    internal static NetTopologySuite.Geometries.Geometry? Circle(CapCircle circle, int vertices, double maxRadiusKm, string what, Report report)
    {
        var centre = circle.Center;
        if (!centre.IsInRange || !double.IsFinite(centre.Latitude) || !double.IsFinite(centre.Longitude))
        {
            report(CapGeoDiagnosticCodes.CoordinateOutOfRange, $"the centre of {what}, {Describe(centre)}, {RangeProblem(centre)}: write latitude first, then longitude, in WGS 84 decimal degrees (Belgium is near 50.8,4.4). The circle is left out.");
            return null;
        }

        var radius = circle.RadiusKm;
        if (!double.IsFinite(radius) || radius < 0 || radius > maxRadiusKm)
        {
            var problem = !double.IsFinite(radius) ? "is not a number"
                : radius < 0 ? "is negative"
                : string.Create(CultureInfo.InvariantCulture, $"is larger than the {maxRadiusKm} km accepted (CAP radii are in kilometres, not metres)");
            report(CapGeoDiagnosticCodes.InvalidRadius, $"the radius of {what}, {radius.ToString(CultureInfo.InvariantCulture)} km, {problem}. The circle is left out.");
            return null;
        }

        if (radius == 0)
        {
            return Factory.CreatePoint(new Coordinate(centre.Longitude, centre.Latitude));
        }

        var reach = radius * 1000 / Math.Cos(Math.PI / vertices);
        var ring = new Coordinate[vertices + 1];
        for (var i = 0; i < vertices; i++)
        {
            var (lat, lon) = Wgs84.Destination(centre.Latitude, centre.Longitude, 360.0 * i / vertices, reach);
            ring[i] = new Coordinate(lon, Math.Clamp(lat, -90, 90));
        }

        ring[vertices] = ring[0].Copy();
        return Ring(ring, what, report);
    }

    /// <summary>A closed ring (x = longitude) to a valid polygon within -180..180, or null when it has no area.</summary>
    private static NetTopologySuite.Geometries.Geometry? Ring(Coordinate[] ring, string what, Report report)
    {
        // Unwrap: every step the short way round; a ring crossing the antimeridian leaves -180..180 for a while.
        for (var i = 1; i < ring.Length; i++)
        {
            var step = ring[i].X - ring[i - 1].X;
            if (step is > 180 or < -180)
            {
                // raw - 360k exactly, so that a ring that does not wind ends exactly where it started.
                ring[i] = new Coordinate(ring[i].X - (360 * Math.Round(step / 360)), ring[i].Y);
            }
        }

        if (Math.Abs(ring[^1].X - ring[0].X) > 180)
        {
            // The ring went once round the globe: it encloses a pole. Close it along the pole's edge of the map.
            var poleLatitude = ring.Average(c => c.Y) >= 0 ? 90.0 : -90.0;
            var withPole = new Coordinate[ring.Length + 3];
            Array.Copy(ring, withPole, ring.Length);
            withPole[^3] = new Coordinate(ring[^1].X, poleLatitude);
            withPole[^2] = new Coordinate(ring[0].X, poleLatitude);
            withPole[^1] = ring[0].Copy();
            ring = withPole;
        }

        var polygon = Factory.CreatePolygon(ring);
        NetTopologySuite.Geometries.Geometry shape = polygon;
        var error = new IsValidOp(polygon).ValidationError;
        if (error is not null)
        {
            shape = GeometryFixer.Fix(polygon);
        }

        if (shape.IsEmpty || shape.Area <= polygon.EnvelopeInternal.Area * 1e-12)
        {
            // Zero, or zero but for rounding: points on one line, or a ring going back along itself.
            report(CapGeoDiagnosticCodes.DegenerateRing, $"{what} has no area (its points lie on one line); it covers nothing and is left out.");
            return null;
        }

        if (error is not null)
        {
            var at = error.Coordinate is { } c ? " near " + Describe(new CapPoint(c.Y, Normalise(c.X))) : string.Empty;
            report(CapGeoDiagnosticCodes.SelfIntersection, $"the ring of {what} crosses or touches itself{at} ({error.Message.ToLowerInvariant()}); the area used is its repair, which may not be what was meant. Draw the outline without crossing lines.");
        }

        return Fold(shape);
    }

    /// <summary>Cuts a shape whose longitudes leave -180..180 at the antimeridian and moves each part into range.</summary>
    internal static NetTopologySuite.Geometries.Geometry Fold(NetTopologySuite.Geometries.Geometry shape)
    {
        var envelope = shape.EnvelopeInternal;
        if (envelope.MinX >= -180 && envelope.MaxX <= 180)
        {
            return shape;
        }

        var parts = new List<NetTopologySuite.Geometries.Geometry>();
        for (var k = (int)Math.Floor((envelope.MinX + 180) / 360); k <= (int)Math.Floor((envelope.MaxX + 180) / 360); k++)
        {
            var shifted = k == 0 ? shape : Translate(shape, -360.0 * k);
            var part = OverlayNGRobust.Overlay(shifted, World, SpatialFunction.Intersection);
            if (!part.IsEmpty)
            {
                parts.Add(part);
            }
        }

        return OverlayNGRobust.Union(parts, Factory);
    }

    private static NetTopologySuite.Geometries.Geometry Translate(NetTopologySuite.Geometries.Geometry shape, double dx)
    {
        var copy = shape.Copy();
        copy.Apply(new ShiftX(dx));
        return copy;
    }

    internal static double Normalise(double longitude) => longitude - (360 * Math.Round(longitude / 360));

    internal static string Describe(CapPoint point) => point.Latitude.ToString("R", CultureInfo.InvariantCulture) + "," + point.Longitude.ToString("R", CultureInfo.InvariantCulture);

    private static string RangeProblem(CapPoint point)
    {
        if (!double.IsFinite(point.Latitude) || !double.IsFinite(point.Longitude))
        {
            return "is not a pair of finite numbers";
        }

        return point.Latitude is < -90 or > 90 ? "has a latitude outside -90..90" : "has a longitude outside -180..180";
    }

    private sealed class ShiftX(double dx) : ICoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq, int i) => seq.SetX(i, seq.GetX(i) + dx);
    }
}
