namespace BeAlert.Cap;

/// <summary>
/// BEA007 (BE-Alert §6): identifiers use only ASCII letters, digits, '-', '_', '.' and ':', so they travel unchanged
/// through URLs, file names, SMS gateways and logs (for example <c>BE-GENT-2026-0412</c> or <c>urn:uuid:...</c>). An
/// identifier that CAP itself rejects (CAP0301) is not reported again. Uniqueness per sender is the sender's duty; a
/// single document cannot show it.
/// </summary>
internal sealed class BeAlertIdentifierRule : CapRule
{
    public override void Check(CapAlert alert, CapRuleContext context)
    {
        var identifier = alert.Identifier;
        if (identifier.Length == 0 || CapRuleText.IndexOfIdentifierBreaker(identifier) >= 0 || context.IsUnreadable(alert, "identifier"))
        {
            return;
        }

        for (var i = 0; i < identifier.Length; i++)
        {
            var c = identifier[i];
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.' or ':'))
            {
                context.Report(
                    CapProfileDiagnosticCodes.BeAlertIdentifierConvention,
                    $"<identifier> {CapRuleText.Quote(identifier)} contains {CapRuleText.Describe(c)} at position {ProfileText.Number(i + 1)}: BE-Alert identifiers use only ASCII letters, digits, '-', '_', '.' and ':', for example 'BE-GENT-2026-0412'.",
                    CapPath.Field(CapPath.Alert, "identifier"),
                    alert,
                    "identifier");
                return;
            }
        }
    }
}
