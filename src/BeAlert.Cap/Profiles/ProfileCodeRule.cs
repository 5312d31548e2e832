namespace BeAlert.Cap;

/// <summary>A profile's rule that the alert names the profile in one of its <c>code</c> elements (IPAWS, CAP-AU).</summary>
/// <param name="diagnosticCode">The profile's diagnostic code for a missing profile code.</param>
/// <param name="profileCode">The exact <c>code</c> value that names the profile.</param>
/// <param name="why">The end of the message: why the profile needs it.</param>
internal sealed class ProfileCodeRule(string diagnosticCode, string profileCode, string why) : CapRule
{
    public override void Check(CapAlert alert, CapRuleContext context)
    {
        if (alert.Codes.Contains(profileCode, StringComparer.Ordinal) || context.IsUnreadable(alert, "code"))
        {
            return;
        }

        context.Report(diagnosticCode, $"The alert has no <code>{profileCode}</code>: {why}", CapPath.Alert, alert);
    }
}
