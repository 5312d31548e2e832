namespace BeAlert.Cap;

/// <summary>
/// IPW002, IPW003, IPW004 and IPW012 (IPAWS Profile v1.0): every info block carries exactly one SAME event code (three
/// letters, such as TOR or CAE), an expiry time and at least one area, and should carry a description and an
/// instruction.
/// </summary>
internal sealed class IpawsInfoRule : CapRule
{
    public override void Check(CapAlert alert, CapRuleContext context)
    {
        var infos = alert.Infos;
        for (var i = 0; i < infos.Count; i++)
        {
            var info = infos[i];
            var path = CapPath.Info(i);
            CheckSameEventCode(info, i, context);

            if (info.Expires is null && !context.IsUnreadable(info, "expires"))
            {
                context.Report(
                    CapProfileDiagnosticCodes.IpawsExpiresRequired,
                    "IPAWS requires <expires>: EAS and WEA need to know when the alert ends. Add it with an explicit offset, for example 2026-06-01T18:00:00-05:00.",
                    path,
                    info);
            }

            if (info.Areas.Count == 0 && !context.IsUnreadable(info, "area"))
            {
                context.Report(
                    CapProfileDiagnosticCodes.IpawsAreaRequired,
                    "IPAWS requires at least one <area>, with SAME geocodes for the counties concerned.",
                    path,
                    info);
            }

            var missing = (ProfileText.HasText(info.Description), ProfileText.HasText(info.Instruction)) switch
            {
                (false, false) => "<description> and <instruction>",
                (false, true) => "<description>",
                (true, false) => "<instruction>",
                _ => null,
            };
            if (missing is not null)
            {
                context.Report(
                    CapProfileDiagnosticCodes.IpawsDescriptionOrInstruction,
                    $"This info block has no {missing}: IPAWS channels read them aloud and display them, so give the public a meaningful description of the hazard and of what to do.",
                    path,
                    info);
            }
        }
    }

    private static void CheckSameEventCode(CapInfo info, int i, CapRuleContext context)
    {
        var same = info.EventCodes.Select((code, index) => (code, index)).Where(c => c.code.ValueName == IpawsRules.Same).ToList();
        if (same.Count == 1 && IsSameEventCode(same[0].code.Value))
        {
            return;
        }

        var (message, path, owner, field) = same.Count switch
        {
            0 => ("IPAWS requires one <eventCode> with <valueName>SAME</valueName> and a three-letter SAME event code (for example TOR, FFW, CAE or CEM).", CapPath.Info(i), (object)info, string.Empty),
            1 => ($"The SAME event code {CapRuleText.Quote(same[0].code.Value)} is not three upper-case letters: use a SAME event code such as TOR, FFW, CAE or CEM.", CapPath.Field(CapPath.Indexed(CapPath.Info(i), "eventCode", same[0].index), "value"), same[0].code, "value"),
            _ => ($"{ProfileText.Number(same.Count)} eventCodes are named SAME: IPAWS allows exactly one per info block, so that EAS and WEA know which single event this is.", CapPath.Indexed(CapPath.Info(i), "eventCode", same[1].index), same[1].code, string.Empty),
        };
        context.Report(CapProfileDiagnosticCodes.IpawsSameEventCode, message, path, owner, field);
    }

    private static bool IsSameEventCode(string value) => value.Length == 3 && value.All(char.IsAsciiLetterUpper);
}
