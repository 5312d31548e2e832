namespace BeAlert.Cap;

/// <summary>CAU008 (CAP-AU-STD 1.0): a Cancel takes effect when sent, so its info blocks carry no <c>effective</c>.</summary>
internal sealed class CapAuCancelRule : CapRule
{
    public override void Check(CapAlert alert, CapRuleContext context)
    {
        if (alert.MsgType != CapMessageType.Cancel)
        {
            return;
        }

        var infos = alert.Infos;
        for (var i = 0; i < infos.Count; i++)
        {
            if (infos[i].Effective is not null)
            {
                context.Report(
                    CapProfileDiagnosticCodes.CapAuEffectiveInCancel,
                    "A Cancel takes effect when it is sent: remove <effective> from its info blocks.",
                    CapPath.Field(CapPath.Info(i), "effective"),
                    infos[i],
                    "effective");
            }
        }
    }
}
