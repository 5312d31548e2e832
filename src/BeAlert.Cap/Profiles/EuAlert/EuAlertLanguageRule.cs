namespace BeAlert.Cap;

/// <summary>
/// EUA005 (3GPP TS 23.038 §5): a cell broadcast message names its language with two ISO 639 letters, so the primary
/// language subtag of every broadcast info block is two letters (<c>nl-BE</c> is fine, <c>gsw</c> is not).
/// </summary>
internal sealed class EuAlertLanguageRule : CapRule
{
    public override void Check(CapAlert alert, CapRuleContext context)
    {
        if (!EuAlertRules.IsBroadcast(alert))
        {
            return;
        }

        var infos = alert.Infos;
        for (var i = 0; i < infos.Count; i++)
        {
            var info = infos[i];
            var primary = ProfileText.PrimaryLanguage(info);
            if (context.IsUnreadable(info, "language") || (primary.Length == 2 && primary.All(char.IsAsciiLetterLower)))
            {
                continue;
            }

            context.Report(
                CapProfileDiagnosticCodes.EuAlertLanguage,
                $"<language> {CapRuleText.Quote(info.EffectiveLanguage)} cannot be signalled on cell broadcast, which carries the language as two ISO 639-1 letters: use a two-letter language such as 'nl', 'fr', 'de' or 'en' (with a region if you like, 'nl-BE').",
                CapPath.Field(CapPath.Info(i), "language"),
                info,
                "language");
        }
    }
}
