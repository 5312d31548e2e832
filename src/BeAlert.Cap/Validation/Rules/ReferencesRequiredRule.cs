namespace BeAlert.Cap;

/// <summary>CAP0306 (CAP 1.2 §3.2.1 msgType): msgType Update, Cancel, Ack or Error without references.</summary>
internal sealed class ReferencesRequiredRule : CapRule
{
    public override void Check(CapAlert alert, CapRuleContext context)
    {
        if (alert.MsgType is CapMessageType.Update or CapMessageType.Cancel or CapMessageType.Ack or CapMessageType.Error
            && alert.References.Count == 0
            && !context.IsUnreadable(alert, "references"))
        {
            context.Report(
                CapDiagnosticCodes.ReferencesRequired,
                $"msgType is {alert.MsgType} but <references> is missing: add <references> naming the earlier message(s) as 'sender,identifier,sent'.",
                CapPath.Field(CapPath.Alert, "msgType"),
                alert,
                "msgType");
        }
    }
}
