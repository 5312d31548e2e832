namespace BeAlert.Cap;

/// <summary>CAP0609 (CAP 1.2 §3.2.4 geocode): a geocode with an empty valueName or value.</summary>
internal sealed class EmptyGeocodeRule : CapRule
{
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
                    var emptyName = string.IsNullOrWhiteSpace(geocode.ValueName);
                    var emptyValue = string.IsNullOrWhiteSpace(geocode.Value);
                    if (!emptyName && !emptyValue)
                    {
                        continue;
                    }

                    var (field, message) = (emptyName, emptyValue) switch
                    {
                        (true, true) => ("", "<geocode> has an empty <valueName> and <value>: give the code system (for example 'NIS') and the code (for example '44021'), or remove the geocode."),
                        (true, false) => ("valueName", $"<geocode> with value {CapRuleText.Quote(geocode.Value)} has an empty <valueName>: name the code system, for example 'NIS' for Belgian municipality codes."),
                        _ => ("value", $"<geocode> {CapRuleText.Quote(geocode.ValueName)} has an empty <value>: give the code of the area, for example '44021', or remove the geocode."),
                    };
                    var path = CapPath.Indexed(CapPath.Area(i, a), "geocode", g);
                    context.Report(CapDiagnosticCodes.EmptyGeocode, message, field.Length == 0 ? path : CapPath.Field(path, field), geocode, field);
                }
            }
        }
    }
}
