namespace BeAlert.Cap;

/// <summary>
/// CAP0309 (CAP 1.2 §3.2.1 addresses): an address that is empty or contains a double quote, so that the
/// space-delimited, quote-when-spaced list cannot represent it. (Text that cannot be split is reported by the parser.)
/// </summary>
internal sealed class InvalidAddressesRule : CapRule
{
    public override void Check(CapAlert alert, CapRuleContext context) =>
        CheckList(context, alert, alert.Addresses, CapDiagnosticCodes.InvalidAddresses, "addresses", "address");

    /// <summary>Reports every entry of a CAP space-delimited list (addresses, incidents) that the list form cannot carry.</summary>
    internal static void CheckList(CapRuleContext context, CapAlert alert, IReadOnlyList<string> items, string code, string element, string noun)
    {
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            string problem;
            if (string.IsNullOrWhiteSpace(item))
            {
                problem = "is empty";
            }
            else if (item.Contains('"', StringComparison.Ordinal))
            {
                problem = $"{CapRuleText.Quote(item)} contains a double quote";
            }
            else
            {
                continue;
            }

            context.Report(
                code,
                $"{noun} {i + 1} in <{element}> {problem}: <{element}> is a space-separated list in which entries with spaces are enclosed in double quotes, so an entry must be non-empty and contain no '\"'; remove or correct it.",
                CapPath.Field(CapPath.Alert, element),
                alert,
                element);
        }
    }
}
