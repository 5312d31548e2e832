namespace BeAlert.Cap;

/// <summary>
/// BEA004 and BEA005 (BE-Alert §4): a geocode named NIS carries the 5-digit NIS code of a Belgian municipality,
/// arrondissement, province or region, checked against the table compiled into BeAlert.Cap (REFNIS 2019); the
/// valueName is written exactly "NIS". Other geocodes (postcodes, EMMA_ID...) are left alone.
/// </summary>
internal sealed class BeAlertNisCodeRule : CapRule
{
    internal const string ValueName = "NIS";

    public override void Check(CapAlert alert, CapRuleContext context)
    {
        var infos = alert.Infos;
        for (var i = 0; i < infos.Count; i++)
        {
            var areas = infos[i].Areas;
            for (var a = 0; a < areas.Count; a++)
            {
                var geocodes = areas[a].Geocodes;
                for (var g = 0; g < geocodes.Count; g++)
                {
                    var geocode = geocodes[g];
                    if (!string.Equals(geocode.ValueName, ValueName, StringComparison.OrdinalIgnoreCase))
                    {
                        continue;
                    }

                    var path = CapPath.Indexed(CapPath.Area(i, a), "geocode", g);
                    if (!string.Equals(geocode.ValueName, ValueName, StringComparison.Ordinal))
                    {
                        context.Report(
                            CapProfileDiagnosticCodes.BeAlertNisValueNameCase,
                            $"<valueName> {CapRuleText.Quote(geocode.ValueName)} should be written 'NIS': receivers compare value names exactly.",
                            CapPath.Field(path, "valueName"),
                            geocode,
                            "valueName");
                    }

                    if (string.IsNullOrWhiteSpace(geocode.Value) || BelgianNisTable.TryGet(geocode.Value, out _))
                    {
                        continue; // an empty value is CAP0609's
                    }

                    context.Report(
                        CapProfileDiagnosticCodes.BeAlertUnknownNisCode,
                        $"{CapRuleText.Quote(geocode.Value)} is not the NIS code of a Belgian municipality, arrondissement, province or region{Hint(geocode.Value)}. Use the 5-digit REFNIS code, for example '44021' (Gent), '21004' (Brussel/Bruxelles), '62063' (Liège) or '63023' (Eupen).",
                        CapPath.Field(path, "value"),
                        geocode,
                        "value");
                }
            }
        }
    }

    private static string Hint(string value)
    {
        var trimmed = value.Trim();
        if (trimmed != value && BelgianNisTable.TryGet(trimmed, out _))
        {
            return " (remove the surrounding whitespace)";
        }

        return ProfileText.IsDigits(trimmed, 4) && BelgianNisTable.TryGet("0" + trimmed, out _) ? " (a leading zero is missing)"
            : ProfileText.IsDigits(trimmed, 5) ? " (no such code in the 2019 REFNIS list)"
            : " (NIS codes are five digits)";
    }
}
