namespace BeAlert.Cap;

/// <summary>CAP0607 (CAP 1.2 §3.2.4 ceiling, 'MUST NOT be used except in combination with altitude'): ceiling without altitude.</summary>
internal sealed class CeilingWithoutAltitudeRule : CapRule
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
                if (area is { Ceiling: { } ceiling, Altitude: null } && !context.IsUnreadable(area, "altitude"))
                {
                    context.Report(
                        CapDiagnosticCodes.CeilingWithoutAltitude,
                        $"<ceiling> {CapRuleText.Number(ceiling)} is given without <altitude>: add the minimum altitude in <altitude> (feet above mean sea level), or remove <ceiling>.",
                        CapPath.Field(CapPath.Area(i, a), "ceiling"),
                        area,
                        "ceiling");
                }
            }
        }
    }
}
