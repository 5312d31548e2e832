namespace BeAlert.Cap;

/// <summary>CAP0304 (CAP 1.2 §3.2.1 scope/addresses): scope Private without addresses.</summary>
internal sealed class AddressesRequiredRule : CapRule
{
    public override void Check(CapAlert alert, CapRuleContext context)
    {
        if (alert.Scope == CapScope.Private && alert.Addresses.Count == 0 && !context.IsUnreadable(alert, "addresses"))
        {
            context.Report(
                CapDiagnosticCodes.AddressesRequired,
                "scope is Private but <addresses> is missing: list the intended recipients in <addresses>, or use scope Public or Restricted.",
                CapPath.Field(CapPath.Alert, "scope"),
                alert,
                "scope");
        }
    }
}
