namespace BeAlert.Cap;

/// <summary>CAP0402 (CAP 1.2 §3.2.2 onset/expires): <c>expires</c> not after <c>onset</c>.</summary>
internal sealed class ExpiresNotAfterOnsetRule : CapRule
{
    public override void Check(CapAlert alert, CapRuleContext context)
    {
        var infos = alert.Infos;
        for (var i = 0; i < infos.Count; i++)
        {
            var info = infos[i];
            if (info is { Expires: { } expires, Onset: { } onset } && expires.Value <= onset.Value)
            {
                context.Report(
                    CapDiagnosticCodes.ExpiresNotAfterOnset,
                    $"<expires> {expires} is not after <onset> {onset}, so the information expires before the event begins: set <expires> later than <onset>.",
                    CapPath.Field(CapPath.Info(i), "expires"),
                    info,
                    "expires");
            }
        }
    }
}
