namespace BeAlert.Cap;

/// <summary>CAP0311 (CAP 1.2 §3.2.1 references, 'earlier message(s)'): a reference to this alert itself.</summary>
internal sealed class SelfReferenceRule : CapRule
{
    public override void Check(CapAlert alert, CapRuleContext context)
    {
        var references = alert.References;
        for (var i = 0; i < references.Count; i++)
        {
            var reference = references[i];
            if (string.Equals(reference.Sender, alert.Sender, StringComparison.Ordinal)
                && string.Equals(reference.Identifier, alert.Identifier, StringComparison.Ordinal))
            {
                context.Report(
                    CapDiagnosticCodes.SelfReference,
                    $"reference {i + 1} in <references> names this alert itself ({CapRuleText.Quote(alert.Sender)}, {CapRuleText.Quote(alert.Identifier)}): references name earlier messages; give this message a new <identifier> or correct the reference.",
                    CapPath.Field(CapPath.Alert, "references"),
                    alert,
                    "references");
            }
        }
    }
}
