namespace BeAlert.Cap;

/// <summary>CAU010 (CAP-AU-STD 1.0): the sender is recommended to be an address example@domain of the issuing agency.</summary>
internal sealed class CapAuSenderRule : CapRule
{
    public override void Check(CapAlert alert, CapRuleContext context)
    {
        var sender = alert.Sender;
        if (sender.Length == 0 || CapRuleText.IndexOfIdentifierBreaker(sender) >= 0 || context.IsUnreadable(alert, "sender") || ProfileText.IsEmailAddress(sender))
        {
            return;
        }

        context.Report(
            CapProfileDiagnosticCodes.CapAuSenderEmail,
            $"<sender> {CapRuleText.Quote(sender)} is not an e-mail address: CAP-AU recommends the address of the agency that assembled or originated the message, for example 'webmaster@rfs.nsw.gov.au'.",
            CapPath.Field(CapPath.Alert, "sender"),
            alert,
            "sender");
    }
}
