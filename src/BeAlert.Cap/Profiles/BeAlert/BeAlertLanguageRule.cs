namespace BeAlert.Cap;

/// <summary>BEA001 (BE-Alert §1): every info block is in Dutch, French, German or English; region subtags are fine.</summary>
internal sealed class BeAlertLanguageRule : CapRule
{
    public override void Check(CapAlert alert, CapRuleContext context)
    {
        var infos = alert.Infos;
        for (var i = 0; i < infos.Count; i++)
        {
            var info = infos[i];
            if (context.IsUnreadable(info, "language"))
            {
                continue;
            }

            var primary = ProfileText.PrimaryLanguage(info);
            if (!BeAlertRules.Languages.Contains(primary))
            {
                context.Report(
                    CapProfileDiagnosticCodes.BeAlertLanguageNotOfficial,
                    $"<language> {CapRuleText.Quote(info.EffectiveLanguage)} is not a BE-Alert language: write each info block in Dutch, French or German (the official languages), or English, for example 'nl-BE', 'fr-BE', 'de-BE' or 'en'.",
                    CapPath.Field(CapPath.Info(i), "language"),
                    info,
                    "language");
            }
        }
    }
}
