namespace BeAlert.Cap;

/// <summary>
/// CCP008 and CCP009 (CAP-CP rule 6): every info block states its language as en-CA or fr-CA, and an alert carries
/// both an English and a French info block.
/// </summary>
internal sealed class CapCpLanguageRule : CapRule
{
    public override void Check(CapAlert alert, CapRuleContext context)
    {
        var infos = alert.Infos;
        for (var i = 0; i < infos.Count; i++)
        {
            var info = infos[i];
            if (context.IsUnreadable(info, "language")
                || string.Equals(info.Language, "en-CA", StringComparison.OrdinalIgnoreCase)
                || string.Equals(info.Language, "fr-CA", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            context.Report(
                CapProfileDiagnosticCodes.CapCpLanguage,
                info.Language is null
                    ? "This info block has no <language>, so it counts as en-US: CAP-CP info blocks state 'en-CA' or 'fr-CA'."
                    : $"<language> {CapRuleText.Quote(info.Language)}: CAP-CP info blocks are in 'en-CA' or 'fr-CA'.",
                info.Language is null ? CapPath.Info(i) : CapPath.Field(CapPath.Info(i), "language"),
                info,
                info.Language is null ? string.Empty : "language");
        }

        if (alert.MsgType is CapMessageType.Ack or CapMessageType.Error || infos.Count == 0)
        {
            return;
        }

        var languages = infos.Select(ProfileText.PrimaryLanguage).ToHashSet(StringComparer.Ordinal);
        var missing = (languages.Contains("en"), languages.Contains("fr")) switch
        {
            (false, false) => "an English and a French",
            (false, true) => "an English",
            (true, false) => "a French",
            _ => null,
        };
        if (missing is not null)
        {
            context.Report(
                CapProfileDiagnosticCodes.CapCpEnglishAndFrench,
                $"The alert has no {missing} info block: CAP-CP alerts carry one info block in English (en-CA) and one in French (fr-CA).",
                CapPath.Alert,
                alert);
        }
    }
}
