namespace BeAlert.Cap;

/// <summary>
/// EUA006, EUA007 and EUA008: a broadcast info block has text, and it fits in one cell broadcast message (15 pages,
/// see <see cref="CellBroadcastText"/>). Headline and instruction are the least a warning carries: when they alone do
/// not fit it is an error; when only the description makes it too long, a warning (the renderer will drop or cut it).
/// </summary>
internal sealed class EuAlertTextRule : CapRule
{
    public override void Check(CapAlert alert, CapRuleContext context)
    {
        if (!EuAlertRules.IsBroadcast(alert))
        {
            return;
        }

        var infos = alert.Infos;
        for (var i = 0; i < infos.Count; i++)
        {
            var info = infos[i];
            var essential = CellBroadcastText.Join(info.Headline, info.Instruction);
            var full = CellBroadcastText.Join(info.Headline, info.Description, info.Instruction);
            if (full.Length == 0)
            {
                context.Report(
                    CapProfileDiagnosticCodes.EuAlertNoText,
                    "This info block has no <headline>, <description> or <instruction>: a cell broadcast would be empty. Add at least a headline and an instruction.",
                    CapPath.Info(i),
                    info);
            }
            else if (!CellBroadcastText.Fits(essential))
            {
                context.Report(
                    CapProfileDiagnosticCodes.EuAlertTextTooLong,
                    $"Headline and instruction take {CellBroadcastText.Describe(essential)} (15 pages): shorten them; put details on the <web> page instead.",
                    CapPath.Info(i),
                    info);
            }
            else if (!CellBroadcastText.Fits(full))
            {
                context.Report(
                    CapProfileDiagnosticCodes.EuAlertDescriptionTooLong,
                    $"Headline, description and instruction take {CellBroadcastText.Describe(full)} (15 pages): the description will be cut from the broadcast. Shorten it, or accept that phones show only headline and instruction.",
                    CapPath.Field(CapPath.Info(i), "description"),
                    info,
                    "description");
            }
        }
    }
}
