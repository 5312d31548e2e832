namespace BeAlert.Cap;

/// <summary>
/// CCP005, CCP006 and CCP007 (CAP-CP rules 9 and 10): every info block has an area, every area a location geocode from
/// the CAP-CP Location References (valueName <c>profile:CAP-CP:Location:version</c>), whose value is a Statistics Canada
/// Standard Geographical Classification code: a province or territory (2 digits), a census division (4) or a census
/// subdivision (7), starting with a province or territory code.
/// </summary>
internal sealed class CapCpAreaRule : CapRule
{
    /// <summary>SGC province and territory codes: NL, PE, NS, NB, QC, ON, MB, SK, AB, BC, YT, NT, NU.</summary>
    private static readonly string[] Provinces = ["10", "11", "12", "13", "24", "35", "46", "47", "48", "59", "60", "61", "62"];

    public override void Check(CapAlert alert, CapRuleContext context)
    {
        var infos = alert.Infos;
        for (var i = 0; i < infos.Count; i++)
        {
            var info = infos[i];
            if (info.Areas.Count == 0 && !context.IsUnreadable(info, "area"))
            {
                context.Report(
                    CapProfileDiagnosticCodes.CapCpAreaRequired,
                    "CAP-CP requires at least one <area>, with a CAP-CP location geocode.",
                    CapPath.Info(i),
                    info);
            }

            for (var a = 0; a < info.Areas.Count; a++)
            {
                var area = info.Areas[a];
                var found = false;
                for (var g = 0; g < area.Geocodes.Count; g++)
                {
                    var geocode = area.Geocodes[g];
                    if (!geocode.ValueName.StartsWith(CapCpRules.LocationValueNamePrefix, StringComparison.Ordinal))
                    {
                        continue;
                    }

                    found = true;
                    if (!IsSgcCode(geocode.Value))
                    {
                        context.Report(
                            CapProfileDiagnosticCodes.CapCpLocationFormat,
                            $"The CAP-CP location {CapRuleText.Quote(geocode.Value)} is not an SGC code: use the 2-digit province or territory, 4-digit census division or 7-digit census subdivision code of Statistics Canada, for example '3520005' (Toronto).",
                            CapPath.Field(CapPath.Indexed(CapPath.Area(i, a), "geocode", g), "value"),
                            geocode,
                            "value");
                    }
                }

                if (!found)
                {
                    context.Report(
                        CapProfileDiagnosticCodes.CapCpLocationGeocode,
                        $"This area has no <geocode> named {CapCpRules.LocationValueNamePrefix}version: CAP-CP requires a location from the CAP-CP Location References, for example <valueName>{CapCpRules.LocationValueNamePrefix}0.3</valueName><value>3520005</value>.",
                        CapPath.Area(i, a),
                        area);
                }
            }
        }
    }

    private static bool IsSgcCode(string value) =>
        value.Length is 2 or 4 or 7 && value.All(char.IsAsciiDigit) && Provinces.Contains(value[..2], StringComparer.Ordinal);
}
