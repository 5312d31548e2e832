namespace BeAlert.Cap;

/// <summary>EUA001: a Draft or System Alert or Update is not a public warning and cannot be broadcast.</summary>
internal sealed class EuAlertStatusRule : CapRule
{
    public override void Check(CapAlert alert, CapRuleContext context)
    {
        if (alert.MsgType is CapMessageType.Alert or CapMessageType.Update && alert.Status is CapStatus.Draft or CapStatus.System
            && !context.IsUnreadable(alert, "status"))
        {
            context.Report(
                CapProfileDiagnosticCodes.EuAlertNotBroadcastable,
                $"Status {CapEnumText.ToText(alert.Status)} cannot be broadcast on EU-Alert: only Actual, Exercise (EU-Exercise) and Test (monthly test) messages are. Validate a draft with status Actual or Exercise once it is ready to send.",
                CapPath.Field(CapPath.Alert, "status"),
                alert,
                "status");
        }
    }
}
