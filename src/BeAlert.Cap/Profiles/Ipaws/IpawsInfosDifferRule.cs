namespace BeAlert.Cap;

/// <summary>IPW005 (IPAWS Profile v1.0): all info blocks of one alert have the same categories and eventCodes.</summary>
internal sealed class IpawsInfosDifferRule : CapRule
{
    public override void Check(CapAlert alert, CapRuleContext context)
    {
        var infos = alert.Infos;
        for (var i = 1; i < infos.Count; i++)
        {
            var (first, info) = (infos[0], infos[i]);
            var field = !ProfileText.SameSet(first.Categories, info.Categories) ? "category"
                : !ProfileText.SameSet(first.EventCodes, info.EventCodes) ? "eventCode"
                : null;
            if (field is null || context.IsUnreadable(first, field) || context.IsUnreadable(info, field))
            {
                continue;
            }

            context.Report(
                CapProfileDiagnosticCodes.IpawsInfosDiffer,
                $"The <{field}> values of this info block differ from those of the first: IPAWS requires every info block of an alert to have the same categories and eventCodes (one event, several languages).",
                CapPath.Field(CapPath.Info(i), field),
                info,
                field);
        }
    }
}
