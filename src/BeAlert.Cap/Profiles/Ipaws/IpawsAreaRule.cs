namespace BeAlert.Cap;

/// <summary>
/// IPW006 and IPW007 (IPAWS Profile v1.0): an area should carry a SAME geocode, whose value is the six-digit SAME
/// location code PSSCCC (P a county subdivision or 0, SS the state and CCC the county FIPS code).
/// </summary>
internal sealed class IpawsAreaRule : CapRule
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
                var found = false;
                for (var g = 0; g < area.Geocodes.Count; g++)
                {
                    var geocode = area.Geocodes[g];
                    if (geocode.ValueName != IpawsRules.Same)
                    {
                        continue;
                    }

                    found = true;
                    if (!ProfileText.IsDigits(geocode.Value, 6))
                    {
                        context.Report(
                            CapProfileDiagnosticCodes.IpawsSameGeocodeFormat,
                            $"The SAME geocode {CapRuleText.Quote(geocode.Value)} is not a six-digit SAME location code PSSCCC (county subdivision, state FIPS, county FIPS), for example '048201'.",
                            CapPath.Field(CapPath.Indexed(CapPath.Area(i, a), "geocode", g), "value"),
                            geocode,
                            "value");
                    }
                }

                if (!found)
                {
                    context.Report(
                        CapProfileDiagnosticCodes.IpawsSameGeocodeMissing,
                        "This area has no <geocode> with <valueName>SAME</valueName>: EAS and WEA target counties by SAME location code, so add one per county (for example '048201').",
                        CapPath.Area(i, a),
                        area);
                }
            }
        }
    }
}
