namespace BeAlert.Cap;

/// <summary>
/// BEA006 (BE-Alert §5): the sender is the e-mail address of the issuing authority (<c>crisiscentrum@ibz.be</c>), or,
/// for an authority in the WMO register of alerting authorities, its OID URN (<c>urn:oid:2.49.0.0.56.0</c> for KMI/IRM).
/// A sender that CAP itself rejects (CAP0302) is not reported again.
/// </summary>
internal sealed class BeAlertSenderRule : CapRule
{
    public override void Check(CapAlert alert, CapRuleContext context)
    {
        var sender = alert.Sender;
        if (sender.Length == 0 || CapRuleText.IndexOfIdentifierBreaker(sender) >= 0 || context.IsUnreadable(alert, "sender"))
        {
            return;
        }

        if (!ProfileText.IsEmailAddress(sender) && !ProfileText.IsOidUrn(sender))
        {
            context.Report(
                CapProfileDiagnosticCodes.BeAlertSenderConvention,
                $"<sender> {CapRuleText.Quote(sender)} is neither an e-mail address nor an OID URN: BE-Alert senders are the authority's e-mail address (for example 'noodplanning@gent.be') or its registered OID ('urn:oid:2.49.0.0.56.0'), so that recipients can tell who sent the alert.",
                CapPath.Field(CapPath.Alert, "sender"),
                alert,
                "sender");
        }
    }
}
