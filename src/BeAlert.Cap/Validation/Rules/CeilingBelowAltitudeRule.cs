namespace BeAlert.Cap;

/// <summary>CAP0608 (CAP 1.2 §3.2.4 ceiling, the maximum altitude): ceiling lower than altitude.</summary>
internal sealed class CeilingBelowAltitudeRule : CapRule
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
                if (area is { Ceiling: { } ceiling, Altitude: { } altitude } && ceiling < altitude)
                {
                    context.Report(
                        CapDiagnosticCodes.CeilingBelowAltitude,
                        $"<ceiling> {CapRuleText.Number(ceiling)} is lower than <altitude> {CapRuleText.Number(altitude)}: <altitude> is the minimum and <ceiling> the maximum altitude; swap or correct them.",
                        CapPath.Field(CapPath.Area(i, a), "ceiling"),
                        area,
                        "ceiling");
                }
            }
        }
    }
}
