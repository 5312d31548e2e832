namespace BeAlert.Cap;

/// <summary>
/// CAP0603 (CAP 1.2 §3.2.4 polygon, 'the first and last pairs of coordinates MUST be the same'): a polygon of two or
/// more points whose last point differs from its first.
/// </summary>
internal sealed class PolygonNotClosedRule : CapRule
{
    public override void Check(CapAlert alert, CapRuleContext context)
    {
        var infos = alert.Infos;
        for (var i = 0; i < infos.Count; i++)
        {
            var areas = infos[i].Areas;
            for (var a = 0; a < areas.Count; a++)
            {
                var polygons = areas[a].Polygons;
                for (var p = 0; p < polygons.Count; p++)
                {
                    var polygon = polygons[p];
                    var points = polygon.Points;
                    if (points.Count >= 2 && points[0] != points[^1])
                    {
                        context.Report(
                            CapDiagnosticCodes.PolygonNotClosed,
                            $"<polygon> starts at {points[0]} but ends at {points[^1]}: repeat the first point at the end to close the ring.",
                            CapPath.Indexed(CapPath.Area(i, a), "polygon", p),
                            polygon);
                    }
                }
            }
        }
    }
}
