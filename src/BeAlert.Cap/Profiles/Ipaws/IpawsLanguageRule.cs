namespace BeAlert.Cap;

/// <summary>IPW011 (47 CFR 10.480): WEA carries English and Spanish; an info block in another language reaches no phone.</summary>
internal sealed class IpawsLanguageRule : CapRule
{
    public override void Check(CapAlert alert, CapRuleContext context)
    {
        var infos = alert.Infos;
        for (var i = 0; i < infos.Count; i++)
        {
            var info = infos[i];
            if (context.IsUnreadable(info, "language") || ProfileText.PrimaryLanguage(info) is "en" or "es")
            {
                continue;
            }

            context.Report(
                CapProfileDiagnosticCodes.IpawsLanguage,
                $"<language> {CapRuleText.Quote(info.EffectiveLanguage)}: WEA delivers alerts in English and Spanish only ('en-US', 'es-US'), so this info block will not reach phones; keep an English one.",
                CapPath.Field(CapPath.Info(i), "language"),
                info,
                "language");
        }
    }
}
