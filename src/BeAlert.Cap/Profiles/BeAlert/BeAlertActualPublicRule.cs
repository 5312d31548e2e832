namespace BeAlert.Cap;

/// <summary>
/// BEA009 and BEA010 (BE-Alert §8): an Actual, public Alert or Update tells people until when it applies
/// (<c>expires</c>) and what to do (<c>instruction</c>) in every info block.
/// </summary>
internal sealed class BeAlertActualPublicRule : CapRule
{
    public override void Check(CapAlert alert, CapRuleContext context)
    {
        if (!BeAlertRules.IsActualPublicAlert(alert))
        {
            return;
        }

        var infos = alert.Infos;
        for (var i = 0; i < infos.Count; i++)
        {
            var info = infos[i];
            if (info.Expires is null && !context.IsUnreadable(info, "expires"))
            {
                context.Report(
                    CapProfileDiagnosticCodes.BeAlertExpiresRequired,
                    "An Actual public alert has no <expires>: say until when it applies, so that screens, apps and the alert map stop showing it in time.",
                    CapPath.Info(i),
                    info);
            }

            if (!ProfileText.HasText(info.Instruction) && !context.IsUnreadable(info, "instruction"))
            {
                context.Report(
                    CapProfileDiagnosticCodes.BeAlertInstructionRequired,
                    "An Actual public alert has no <instruction>: tell people what to do (for example 'Blijf binnen en sluit ramen en deuren.'), in the language of the info block.",
                    CapPath.Info(i),
                    info);
            }
        }
    }
}
