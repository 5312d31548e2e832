namespace BeAlert.Cap;

/// <summary>CCP001 (CAP-CP rule 3): the alert names the CAP-CP version it follows in a <c>code</c> such as <c>profile:CAP-CP:0.4</c>.</summary>
internal sealed class CapCpVersionCodeRule : CapRule
{
    public override void Check(CapAlert alert, CapRuleContext context)
    {
        foreach (var code in alert.Codes)
        {
            if (code.StartsWith(CapCpRules.ProfileCodePrefix, StringComparison.Ordinal) && code.Length > CapCpRules.ProfileCodePrefix.Length)
            {
                return;
            }
        }

        if (!context.IsUnreadable(alert, "code"))
        {
            context.Report(
                CapProfileDiagnosticCodes.CapCpVersionCode,
                $"The alert has no <code>{CapCpRules.ProfileCodePrefix}version</code> (for example '{CapCpRules.ProfileCodePrefix}0.4'): CAP-CP messages name the profile version they follow.",
                CapPath.Alert,
                alert);
        }
    }
}
