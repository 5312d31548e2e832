namespace BeAlert.Cap;

/// <summary>CAP0302 (CAP 1.2 §3.2.1 sender): empty, or containing whitespace, a comma, '&lt;' or '&amp;'.</summary>
internal sealed class InvalidSenderRule : CapRule
{
    private const string Path = CapPath.Alert + "/sender";

    public override void Check(CapAlert alert, CapRuleContext context)
    {
        var sender = alert.Sender;
        if (string.IsNullOrEmpty(sender))
        {
            context.Report(CapDiagnosticCodes.InvalidSender, "<sender> is empty: identify the originator with a globally unique name, for example an e-mail address or 'urn:oid:2.49.0.0.56.0'.", Path, alert, "sender");
            return;
        }

        var bad = CapRuleText.IndexOfIdentifierBreaker(sender);
        if (bad >= 0)
        {
            context.Report(
                CapDiagnosticCodes.InvalidSender,
                $"<sender> {CapRuleText.Quote(sender)} contains {CapRuleText.Describe(sender[bad])} at position {bad + 1}: CAP senders must not contain spaces, commas, '<' or '&' (they would break <references>); remove or replace it.",
                Path,
                alert,
                "sender");
        }
    }
}
