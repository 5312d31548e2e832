namespace BeAlert.Cap;

/// <summary>CAP0312 (CAP 1.2 §3.2.2 info): an Alert or Update with no info block.</summary>
internal sealed class NoInfoRule : CapRule
{
    public override void Check(CapAlert alert, CapRuleContext context)
    {
        if (alert.MsgType is CapMessageType.Alert or CapMessageType.Update && alert.Infos.Count == 0)
        {
            context.Report(
                CapDiagnosticCodes.NoInfo,
                $"msgType is {alert.MsgType} but the alert has no <info> block, so recipients have nothing to act on: add an <info> per language with the event, urgency, severity, certainty and area.",
                CapPath.Field(CapPath.Alert, "msgType"),
                alert,
                "msgType");
        }
    }
}
