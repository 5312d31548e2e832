namespace BeAlert.Cap;

/// <summary>CAP0308 (CAP 1.2 §3.2.1 restriction): a restriction on an alert whose scope is not Restricted.</summary>
internal sealed class RestrictionNotUsedRule : CapRule
{
    public override void Check(CapAlert alert, CapRuleContext context)
    {
        if (alert.Restriction is not null && alert.Scope != CapScope.Restricted)
        {
            context.Report(
                CapDiagnosticCodes.RestrictionNotUsed,
                $"<restriction> is present but scope is {alert.Scope}: recipients ignore it; remove <restriction> or set scope to Restricted.",
                CapPath.Field(CapPath.Alert, "restriction"),
                alert,
                "restriction");
        }
    }
}
