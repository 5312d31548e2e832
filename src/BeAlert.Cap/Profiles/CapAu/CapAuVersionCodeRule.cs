namespace BeAlert.Cap;

/// <summary>CAU001 (CAP-AU-STD 1.0): the alert declares the profile with its <c>code</c>.</summary>
internal sealed class CapAuVersionCodeRule : CapRule
{
    public override void Check(CapAlert alert, CapRuleContext context)
    {
        if (alert.Codes.Contains(CapAuRules.ProfileCode, StringComparer.Ordinal) || context.IsUnreadable(alert, "code"))
        {
            return;
        }

        context.Report(
            CapProfileDiagnosticCodes.CapAuVersionCode,
            $"The alert has no <code>{CapAuRules.ProfileCode}</code>: CAP-AU messages declare the profile they follow.",
            CapPath.Alert,
            alert);
    }
}
