namespace BeAlert.Cap;

/// <summary>CAP0602 (CAP 1.2 §3.2.4 polygon, 'a minimum of four coordinate pairs'): a polygon with fewer than four points.</summary>
internal sealed class PolygonTooFewPointsRule : CapRule
{
    internal const int MinimumPoints = 4;

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
                    if (polygon.Points.Count < MinimumPoints)
                    {
                        context.Report(
                            CapDiagnosticCodes.PolygonTooFewPoints,
                            $"<polygon> has {polygon.Points.Count} point(s) but needs at least {MinimumPoints}: give at least three distinct corners and repeat the first point at the end; for a single location use a <circle> with radius 0.",
                            CapPath.Indexed(CapPath.Area(i, a), "polygon", p),
                            polygon);
                    }
                }
            }
        }
    }
}
