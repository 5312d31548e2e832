namespace BeAlert.Cap;

/// <summary>CAU007 (CAP-AU-STD 1.0): info blocks in the same language name the same event.</summary>
internal sealed class CapAuEventsInLanguageRule : CapRule
{
    public override void Check(CapAlert alert, CapRuleContext context)
    {
        var firstByLanguage = new Dictionary<string, CapInfo>(StringComparer.OrdinalIgnoreCase);
        var infos = alert.Infos;
        for (var i = 0; i < infos.Count; i++)
        {
            var info = infos[i];
            if (!firstByLanguage.TryGetValue(info.EffectiveLanguage, out var first))
            {
                firstByLanguage[info.EffectiveLanguage] = info;
            }
            else if (!string.Equals(first.Event, info.Event, StringComparison.Ordinal) && !context.IsUnreadable(info, "event"))
            {
                context.Report(
                    CapProfileDiagnosticCodes.CapAuEventsDifferInLanguage,
                    $"<event> {CapRuleText.Quote(info.Event)} differs from {CapRuleText.Quote(first.Event)} in an earlier info block in the same language ({info.EffectiveLanguage}): a CAP-AU alert is about one event.",
                    CapPath.Field(CapPath.Info(i), "event"),
                    info,
                    "event");
            }
        }
    }
}
