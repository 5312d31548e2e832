namespace BeAlert.Cap;

/// <summary>CAP0313 (CAP 1.2 §3.2.1 references, 'earlier message(s)'): a referenced message sent after this one.</summary>
internal sealed class ReferenceNotEarlierRule : CapRule
{
    public override void Check(CapAlert alert, CapRuleContext context)
    {
        var references = alert.References;
        if (references.Count == 0 || context.IsUnreadable(alert, "sent"))
        {
            return;
        }

        var sent = alert.Sent.Value;
        for (var i = 0; i < references.Count; i++)
        {
            var reference = references[i];
            if (reference.Sent.Value > sent)
            {
                context.Report(
                    CapDiagnosticCodes.ReferenceNotEarlier,
                    $"reference {i + 1} in <references> was sent at {reference.Sent}, after this alert's <sent> {alert.Sent}: a message can only refer to earlier ones; check the reference's sent time and this alert's <sent>.",
                    CapPath.Field(CapPath.Alert, "references"),
                    alert,
                    "references");
            }
        }
    }
}
