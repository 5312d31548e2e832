namespace BeAlert.Cap;

/// <summary>
/// CAP0310 (CAP 1.2 §3.2.1 incidents): an incident that is empty or contains a double quote. (Text that cannot be
/// split is reported by the parser.)
/// </summary>
internal sealed class InvalidIncidentsRule : CapRule
{
    public override void Check(CapAlert alert, CapRuleContext context) =>
        InvalidAddressesRule.CheckList(context, alert, alert.Incidents, CapDiagnosticCodes.InvalidIncidents, "incidents", "incident");
}
