namespace BeAlert.Cap;

/// <summary>CAP0404 (CAP 1.2 §3.2.2 web, 'a full, absolute URI'): <c>web</c> is not an absolute URI.</summary>
internal sealed class WebNotAbsoluteUriRule : CapRule
{
    public override void Check(CapAlert alert, CapRuleContext context)
    {
        var infos = alert.Infos;
        string? lastValid = null;
        for (var i = 0; i < infos.Count; i++)
        {
            var info = infos[i];
            if (info.Web is not { } web || web == lastValid)
            {
                // Info blocks in several languages usually repeat one link: it is checked once.
                continue;
            }

            if (CapUriText.IsAbsolute(web))
            {
                lastValid = web;
            }
            else
            {
                context.Report(
                    CapDiagnosticCodes.WebNotAbsoluteUri,
                    $"<web> {CapRuleText.Quote(web)} is not a full, absolute URI: write it with its scheme and host, for example 'https://www.be-alert.be/'.",
                    CapPath.Field(CapPath.Info(i), "web"),
                    info,
                    "web");
            }
        }
    }
}
