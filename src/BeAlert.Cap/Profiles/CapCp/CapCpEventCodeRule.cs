namespace BeAlert.Cap;

/// <summary>
/// CCP003 and CCP004 (CAP-CP rules 2 and 8): every info block carries an eventCode from the CAP-CP Event References
/// (valueName <c>profile:CAP-CP:Event:version</c>), and all info blocks carry the same eventCodes: one alert, one
/// subject event. The event list itself is not shipped here, so the value is not checked against it.
/// </summary>
internal sealed class CapCpEventCodeRule : CapRule
{
    public override void Check(CapAlert alert, CapRuleContext context)
    {
        var infos = alert.Infos;
        for (var i = 0; i < infos.Count; i++)
        {
            var info = infos[i];
            if (!info.EventCodes.Any(c => c.ValueName.StartsWith(CapCpRules.EventValueNamePrefix, StringComparison.Ordinal) && ProfileText.HasText(c.Value))
                && !context.IsUnreadable(info, "eventCode"))
            {
                context.Report(
                    CapProfileDiagnosticCodes.CapCpEventCode,
                    $"No <eventCode> named {CapCpRules.EventValueNamePrefix}version: CAP-CP requires an event code from the CAP-CP Event References, for example <valueName>{CapCpRules.EventValueNamePrefix}0.4</valueName><value>tornado</value>.",
                    CapPath.Info(i),
                    info);
            }

            if (i > 0 && !ProfileText.SameSet(infos[0].EventCodes, info.EventCodes))
            {
                context.Report(
                    CapProfileDiagnosticCodes.CapCpInfosDiffer,
                    $"The eventCodes {ProfileText.List(info.EventCodes, ProfileText.Pair)} differ from {ProfileText.List(infos[0].EventCodes, ProfileText.Pair)} in the first info block: a CAP-CP alert is about one subject event, so every info block carries the same eventCodes.",
                    CapPath.Field(CapPath.Info(i), "eventCode"),
                    info,
                    "eventCode");
            }
        }
    }
}
