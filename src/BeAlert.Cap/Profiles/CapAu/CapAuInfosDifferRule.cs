namespace BeAlert.Cap;

/// <summary>CAU003 (CAP-AU-STD 1.0): all info blocks of one alert have the same categories and eventCodes.</summary>
internal sealed class CapAuInfosDifferRule : CapRule
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
                CapProfileDiagnosticCodes.CapAuInfosDiffer,
                $"The <{field}> values of this info block differ from those of the first: CAP-AU requires every info block of an alert to have the same categories and eventCodes.",
                CapPath.Field(CapPath.Info(i), field),
                info,
                field);
        }
    }
}
