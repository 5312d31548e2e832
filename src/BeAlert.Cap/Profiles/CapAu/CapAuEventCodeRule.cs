namespace BeAlert.Cap;

/// <summary>
/// CAU004, CAU005 and CAU006 (CAP-AU-STD 1.0 and its AUeventLIST): every info block carries exactly one eventCode from
/// the AUeventLIST, the code is in the list, and an English info block's <c>event</c> is the list's Tier I or Tier II
/// name for it (other languages translate the name, so they are not compared).
/// </summary>
internal sealed class CapAuEventCodeRule : CapRule
{
    public override void Check(CapAlert alert, CapRuleContext context)
    {
        var infos = alert.Infos;
        for (var i = 0; i < infos.Count; i++)
        {
            var info = infos[i];
            if (context.IsUnreadable(info, "eventCode"))
            {
                continue;
            }

            var listed = info.EventCodes.Select((code, index) => (code, index)).Where(c => c.code.ValueName == CapAuRules.EventListValueName).ToList();
            if (listed.Count != 1)
            {
                context.Report(
                    CapProfileDiagnosticCodes.CapAuEventCode,
                    listed.Count == 0
                        ? $"No <eventCode> from the AUeventLIST: CAP-AU requires exactly one, with <valueName>{CapAuRules.EventListValueName}</valueName> and a code such as 'bushFire' or 'flood'."
                        : $"{ProfileText.Number(listed.Count)} eventCodes from the AUeventLIST: CAP-AU allows exactly one per alert, so that it is about one event.",
                    listed.Count == 0 ? CapPath.Info(i) : CapPath.Indexed(CapPath.Info(i), "eventCode", listed[1].index),
                    listed.Count == 0 ? info : listed[1].code);
                continue;
            }

            var (eventCode, e) = listed[0];
            var names = AuEventList.EventNames(eventCode.Value);
            var path = CapPath.Indexed(CapPath.Info(i), "eventCode", e);
            if (names is null)
            {
                context.Report(
                    CapProfileDiagnosticCodes.CapAuUnknownEventCode,
                    $"{CapRuleText.Quote(eventCode.Value)} is not an event code of the AUeventLIST 1.0 (codes are case-sensitive, for example 'bushFire', 'flood', 'tropCyclone').",
                    CapPath.Field(path, "value"),
                    eventCode,
                    "value");
            }
            else if (ProfileText.PrimaryLanguage(info) == "en" && !context.IsUnreadable(info, "event") && !names.Contains(info.Event, StringComparer.Ordinal))
            {
                context.Report(
                    CapProfileDiagnosticCodes.CapAuEventName,
                    $"<event> {CapRuleText.Quote(info.Event)} does not match the event code {CapRuleText.Quote(eventCode.Value)}, whose AUeventLIST {(names.Count == 1 ? "name is" : "names are")} {string.Join(" or ", names.Select(n => CapRuleText.Quote(n)))}: use that name, or the code of the event you mean.",
                    CapPath.Field(CapPath.Info(i), "event"),
                    info,
                    "event");
            }
        }
    }
}
