namespace BeAlert.Cap;

/// <summary>CAP0301 (CAP 1.2 §3.2.1 identifier): empty, or containing whitespace, a comma, '&lt;' or '&amp;'.</summary>
internal sealed class InvalidIdentifierRule : CapRule
{
    private const string Path = CapPath.Alert + "/identifier";

    public override void Check(CapAlert alert, CapRuleContext context)
    {
        var identifier = alert.Identifier;
        if (string.IsNullOrEmpty(identifier))
        {
            context.Report(CapDiagnosticCodes.InvalidIdentifier, "<identifier> is empty: give the alert an identifier that is unique for its sender, for example 'BE-2026-0042'.", Path, alert, "identifier");
            return;
        }

        var bad = CapRuleText.IndexOfIdentifierBreaker(identifier);
        if (bad >= 0)
        {
            context.Report(
                CapDiagnosticCodes.InvalidIdentifier,
                $"<identifier> {CapRuleText.Quote(identifier)} contains {CapRuleText.Describe(identifier[bad])} at position {bad + 1}: CAP identifiers must not contain spaces, commas, '<' or '&' (they would break <references>); remove or replace it.",
                Path,
                alert,
                "identifier");
        }
    }
}
