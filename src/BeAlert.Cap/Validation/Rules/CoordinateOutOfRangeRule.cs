using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace BeAlert.Cap;

/// <summary>
/// CAP0604 (CAP 1.2 §3.3.1, WGS 84): a polygon or circle with a latitude outside -90..90, a longitude outside
/// -180..180, or a coordinate that is not a finite number. One diagnostic per polygon or circle, naming its first bad point.
/// </summary>
internal sealed class CoordinateOutOfRangeRule : CapRule
{
    public override void Check(CapAlert alert, CapRuleContext context)
    {
        var infos = alert.Infos;
        for (var i = 0; i < infos.Count; i++)
        {
            var areas = infos[i].Areas;
            for (var a = 0; a < areas.Count; a++)
            {
                var area = areas[a];
                var polygons = area.Polygons;
                for (var p = 0; p < polygons.Count; p++)
                {
                    var polygon = polygons[p];
                    var points = polygon.PointSpan;
                    var k = FirstOutOfRange(points);
                    if (k >= 0)
                    {
                        context.Report(
                            CapDiagnosticCodes.CoordinateOutOfRange,
                            $"point {k + 1} of <polygon>, {points[k]}, {Problem(points[k])}: write latitude first, then longitude, in WGS 84 decimal degrees (Belgium is near 50.8,4.4).",
                            CapPath.Indexed(CapPath.Area(i, a), "polygon", p),
                            polygon);
                    }
                }

                var circles = area.Circles;
                for (var c = 0; c < circles.Count; c++)
                {
                    var circle = circles[c];
                    if (!circle.Center.IsInRange)
                    {
                        context.Report(
                            CapDiagnosticCodes.CoordinateOutOfRange,
                            $"the centre of <circle>, {circle.Center}, {Problem(circle.Center)}: write latitude first, then longitude, in WGS 84 decimal degrees (Belgium is near 50.8,4.4).",
                            CapPath.Indexed(CapPath.Area(i, a), "circle", c),
                            circle);
                    }
                }
            }
        }
    }

    /// <summary>
    /// The index of the first point outside the WGS 84 ranges (or not finite), else -1. A polygon can hold tens of
    /// thousands of points: two points (four coordinates) are compared at once against the bounds, a NaN failing both
    /// comparisons as <see cref="CapPoint.IsInRange"/> does.
    /// </summary>
    internal static int FirstOutOfRange(ReadOnlySpan<CapPoint> points)
    {
        var k = 0;
        if (Vector256.IsHardwareAccelerated && points.Length >= 2)
        {
            var coordinates = MemoryMarshal.Cast<CapPoint, double>(points);
            var low = Vector256.Create(-90.0, -180.0, -90.0, -180.0);
            var high = Vector256.Create(90.0, 180.0, 90.0, 180.0);
            ref var first = ref MemoryMarshal.GetReference(coordinates);
            for (; k + 2 <= points.Length; k += 2)
            {
                var pair = Vector256.LoadUnsafe(ref first, (nuint)(2 * k));
                if ((Vector256.GreaterThanOrEqual(pair, low) & Vector256.LessThanOrEqual(pair, high)).ExtractMostSignificantBits() != 0b1111)
                {
                    break;
                }
            }
        }

        for (; k < points.Length; k++)
        {
            if (!points[k].IsInRange)
            {
                return k;
            }
        }

        return -1;
    }

    private static string Problem(CapPoint point)
    {
        if (!double.IsFinite(point.Latitude) || !double.IsFinite(point.Longitude))
        {
            return "is not a pair of finite numbers";
        }

        return point.Latitude is < -90 or > 90
            ? "has a latitude outside -90..90"
            : "has a longitude outside -180..180";
    }
}
