namespace BeAlert.Cap;

/// <summary>A profile's rule that every info block of an alert has the same categories and eventCodes (IPAWS, CAP-AU).</summary>
/// <param name="diagnosticCode">The profile's diagnostic code.</param>
/// <param name="profileName">The profile's name, as the message says it.</param>
/// <param name="reason">Text added after the requirement, or empty.</param>
internal sealed class SameEventInfosRule(string diagnosticCode, string profileName, string reason) : CapRule
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
                diagnosticCode,
                $"The <{field}> values of this info block differ from those of the first: {profileName} requires every info block of an alert to have the same categories and eventCodes{reason}.",
                CapPath.Field(CapPath.Info(i), field),
                info,
                field);
        }
    }
}
