namespace BeAlert.Cap;

/// <summary>
/// The "strongly recommended" elements of CAP-CP (rules 13 to 15) and CAP-AU, as warnings: every info block of an
/// Alert or Update has <c>expires</c>, <c>senderName</c>, and a <c>responseType</c> with an <c>instruction</c>.
/// </summary>
internal sealed class CapProfileRecommendedRule(string expiresCode, string senderNameCode, string responseCode, string profile) : CapRule
{
    public override void Check(CapAlert alert, CapRuleContext context)
    {
        if (alert.MsgType is not (CapMessageType.Alert or CapMessageType.Update))
        {
            return;
        }

        var infos = alert.Infos;
        for (var i = 0; i < infos.Count; i++)
        {
            var info = infos[i];
            var path = CapPath.Info(i);
            if (info.Expires is null && !context.IsUnreadable(info, "expires"))
            {
                context.Report(expiresCode, $"{profile} strongly recommends <expires>: say until when the alert applies.", path, info);
            }

            if (!ProfileText.HasText(info.SenderName) && !context.IsUnreadable(info, "senderName"))
            {
                context.Report(senderNameCode, $"{profile} strongly recommends <senderName>: the public name of the issuing agency, shown to people.", path, info);
            }

            var missing = (info.ResponseTypes.Count > 0, ProfileText.HasText(info.Instruction)) switch
            {
                (false, false) => "<responseType> and <instruction>",
                (false, true) => "<responseType>",
                (true, false) => "<instruction>",
                _ => null,
            };
            if (missing is not null)
            {
                context.Report(responseCode, $"{profile} strongly recommends a <responseType> with a matching <instruction>; this info block has no {missing}.", path, info);
            }
        }
    }
}
