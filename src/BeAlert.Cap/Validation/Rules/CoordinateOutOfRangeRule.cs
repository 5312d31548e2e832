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
                    for (var k = 0; k < points.Length; k++)
                    {
                        if (!points[k].IsInRange)
                        {
                            context.Report(
                                CapDiagnosticCodes.CoordinateOutOfRange,
                                $"point {k + 1} of <polygon>, {points[k]}, {Problem(points[k])}: write latitude first, then longitude, in WGS 84 decimal degrees (Belgium is near 50.8,4.4).",
                                CapPath.Indexed(CapPath.Area(i, a), "polygon", p),
                                polygon);
                            break;
                        }
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
