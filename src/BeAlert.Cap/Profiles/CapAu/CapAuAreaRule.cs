namespace BeAlert.Cap;

/// <summary>CAU009 (CAP-AU-STD 1.0): every info block has at least one area.</summary>
internal sealed class CapAuAreaRule : CapRule
{
    public override void Check(CapAlert alert, CapRuleContext context)
    {
        var infos = alert.Infos;
        for (var i = 0; i < infos.Count; i++)
        {
            if (infos[i].Areas.Count == 0 && !context.IsUnreadable(infos[i], "area"))
            {
                context.Report(
                    CapProfileDiagnosticCodes.CapAuAreaRequired,
                    "CAP-AU requires at least one <area> in every info block: say where the alert applies.",
                    CapPath.Info(i),
                    infos[i]);
            }
        }
    }
}
