namespace BeAlert.Cap;

/// <summary>CAP0307 (CAP 1.2 §3.2.1 msgType Error): an Error message without a note explaining the rejection.</summary>
internal sealed class ErrorNoteMissingRule : CapRule
{
    public override void Check(CapAlert alert, CapRuleContext context)
    {
        if (alert.MsgType != CapMessageType.Error || !string.IsNullOrWhiteSpace(alert.Note))
        {
            return;
        }

        var missing = alert.Note is null;
        context.Report(
            CapDiagnosticCodes.ErrorNoteMissing,
            missing
                ? "msgType is Error but <note> is missing: explain in <note> why the referenced message was rejected."
                : "msgType is Error but <note> is empty: explain in <note> why the referenced message was rejected.",
            CapPath.Field(CapPath.Alert, missing ? "msgType" : "note"),
            alert,
            missing ? "msgType" : "note");
    }
}
