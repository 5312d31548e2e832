namespace BeAlert.Cap;

/// <summary>
/// CCP002 and CAU002: in CAP-CP and CAP-AU an Alert, Update or Cancel changes what the public is told, so it carries at
/// least one info block (plain CAP only warns about Alert and Update, CAP0312).
/// </summary>
internal sealed class CapProfileInfoRequiredRule(string code, string profile) : CapRule
{
    public override void Check(CapAlert alert, CapRuleContext context)
    {
        if (alert.MsgType is CapMessageType.Alert or CapMessageType.Update or CapMessageType.Cancel && alert.Infos.Count == 0
            && !context.IsUnreadable(alert, "info"))
        {
            context.Report(
                code,
                $"{profile} requires at least one <info> when msgType is {CapEnumText.ToText(alert.MsgType)}: say what the message is about, in each language.",
                CapPath.Alert,
                alert);
        }
    }
}
