namespace BeAlert.Cap;

/// <summary>
/// CAP0401 (CAP 1.2 §3.2.2 effective/expires): <c>expires</c> not after <c>effective</c>, or not after the alert's
/// <c>sent</c> when effective is absent (effective then defaults to sent).
/// </summary>
internal sealed class ExpiresNotAfterEffectiveRule : CapRule
{
    public override void Check(CapAlert alert, CapRuleContext context)
    {
        var infos = alert.Infos;
        for (var i = 0; i < infos.Count; i++)
        {
            var info = infos[i];
            if (info.Expires is not { } expires)
            {
                continue;
            }

            // The usual alert passes: the comparison comes first, and only a failure asks whether the time it was
            // compared with was unreadable (then <effective> or <sent> has its own error, and this one would repeat it).
            var start = info.Effective ?? alert.Sent;
            if (expires.Value <= start.Value
                && !context.IsUnreadable(info, "effective") && !(info.Effective is null && context.IsUnreadable(alert, "sent")))
            {
                var from = info.Effective is null ? "<sent>" : "<effective>";
                context.Report(
                    CapDiagnosticCodes.ExpiresNotAfterEffective,
                    $"<expires> {expires} is not after {from} {start}, so the information is never in force: set <expires> later than {from}.",
                    CapPath.Field(CapPath.Info(i), "expires"),
                    info,
                    "expires");
            }
        }
    }
}
