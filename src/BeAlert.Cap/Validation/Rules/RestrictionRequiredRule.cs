namespace BeAlert.Cap;

/// <summary>CAP0303 (CAP 1.2 §3.2.1 scope/restriction): scope Restricted without a restriction.</summary>
internal sealed class RestrictionRequiredRule : CapRule
{
    public override void Check(CapAlert alert, CapRuleContext context)
    {
        if (alert.Scope != CapScope.Restricted || !string.IsNullOrWhiteSpace(alert.Restriction))
        {
            return;
        }

        if (alert.Restriction is null)
        {
            context.Report(
                CapDiagnosticCodes.RestrictionRequired,
                "scope is Restricted but <restriction> is missing: add a <restriction> saying who may receive this alert.",
                CapPath.Field(CapPath.Alert, "scope"),
                alert,
                "scope");
        }
        else
        {
            context.Report(
                CapDiagnosticCodes.RestrictionRequired,
                "scope is Restricted but <restriction> is empty: say in <restriction> who may receive this alert.",
                CapPath.Field(CapPath.Alert, "restriction"),
                alert,
                "restriction");
        }
    }
}
