namespace BeAlert.Cap;

/// <summary>CAP0204 (CAP 1.2 §3.3.2): a date-time written with offset +00:00; CAP writes UTC as -00:00.</summary>
internal sealed class PlusZeroOffsetRule : CapRule
{
    public override void Check(CapAlert alert, CapRuleContext context)
    {
        if (alert.Sent.PlusZeroOffset)
        {
            Report(context, alert.Sent, CapPath.Field(CapPath.Alert, "sent"), alert, "sent");
        }

        var infos = alert.Infos;
        for (var i = 0; i < infos.Count; i++)
        {
            var info = infos[i];
            Check(context, info, i, info.Effective, "effective");
            Check(context, info, i, info.Onset, "onset");
            Check(context, info, i, info.Expires, "expires");
        }
    }

    private static void Check(CapRuleContext context, CapInfo info, int infoIndex, CapDateTime? time, string field)
    {
        if (time is { PlusZeroOffset: true } value)
        {
            Report(context, value, CapPath.Field(CapPath.Info(infoIndex), field), info, field);
        }
    }

    private static void Report(CapRuleContext context, CapDateTime time, string path, object owner, string field)
    {
        var canonical = new CapDateTime(time.Value);
        context.Report(
            CapDiagnosticCodes.PlusZeroOffset,
            $"<{field}> is written {time} with offset +00:00, but CAP writes UTC as -00:00: write {canonical}.",
            path,
            owner,
            field);
    }
}
