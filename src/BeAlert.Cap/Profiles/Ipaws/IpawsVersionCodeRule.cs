namespace BeAlert.Cap;

/// <summary>IPW001 (IPAWS Profile v1.0): the alert declares the profile with <c>&lt;code&gt;IPAWSv1.0&lt;/code&gt;</c>.</summary>
internal sealed class IpawsVersionCodeRule : CapRule
{
    public override void Check(CapAlert alert, CapRuleContext context)
    {
        if (alert.Codes.Contains(IpawsRules.ProfileCode, StringComparer.Ordinal) || context.IsUnreadable(alert, "code"))
        {
            return;
        }

        context.Report(
            CapProfileDiagnosticCodes.IpawsVersionCode,
            $"The alert has no <code>{IpawsRules.ProfileCode}</code>: IPAWS accepts only messages that declare the profile version they follow; add it after <scope>.",
            CapPath.Alert,
            alert);
    }
}
