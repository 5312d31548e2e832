namespace BeAlert.Cap;

/// <summary>
/// CAP0305 (CAP 1.2 §3.2.1 references): a reference whose sender or identifier is empty or contains whitespace or a
/// comma, so that it cannot be written as a <c>sender,identifier,sent</c> triple. (Text that cannot be split at all is
/// reported by the parser under the same code.)
/// </summary>
internal sealed class InvalidReferencesRule : CapRule
{
    public override void Check(CapAlert alert, CapRuleContext context)
    {
        var references = alert.References;
        for (var i = 0; i < references.Count; i++)
        {
            var reference = references[i];
            Check(context, alert, i, reference.Sender, "sender");
            Check(context, alert, i, reference.Identifier, "identifier");
        }
    }

    private static void Check(CapRuleContext context, CapAlert alert, int index, string? value, string part)
    {
        string problem;
        if (string.IsNullOrEmpty(value))
        {
            problem = $"has an empty {part}";
        }
        else
        {
            var bad = CapRuleText.IndexOfReferenceSeparator(value);
            if (bad < 0)
            {
                return;
            }

            problem = $"has {part} {CapRuleText.Quote(value)} containing {CapRuleText.Describe(value[bad])}";
        }

        context.Report(
            CapDiagnosticCodes.InvalidReferences,
            $"reference {index + 1} in <references> {problem}: each reference is 'sender,identifier,sent' separated by spaces, so its sender and identifier must be non-empty and free of spaces and commas; copy them exactly from the referenced alert.",
            CapPath.Field(CapPath.Alert, "references"),
            alert,
            "references");
    }
}
