namespace BeAlert.Cap;

/// <summary>
/// CAP0505 (CAP 1.2 §3.2.3 uri): <c>uri</c> is neither a full absolute URI nor a relative URI accompanied by
/// <c>derefUri</c> (a relative URI only names the content carried in derefUri).
/// </summary>
internal sealed class InvalidResourceUriRule : CapRule
{
    public override void Check(CapAlert alert, CapRuleContext context)
    {
        var infos = alert.Infos;
        for (var i = 0; i < infos.Count; i++)
        {
            var resources = infos[i].Resources;
            for (var r = 0; r < resources.Count; r++)
            {
                var resource = resources[r];
                if (resource.Uri is not { } uri || CapUriText.IsAbsolute(uri))
                {
                    continue;
                }

                var relative = CapUriText.IsRelative(uri);
                if (relative && resource.DerefUri is not null)
                {
                    continue;
                }

                context.Report(
                    CapDiagnosticCodes.InvalidResourceUri,
                    relative
                        ? $"<uri> {CapRuleText.Quote(uri)} is relative but the resource has no <derefUri>: give a full absolute URI (for example 'https://www.be-alert.be/map.png'), or include the content in <derefUri>."
                        : $"<uri> {CapRuleText.Quote(uri)} is not a valid URI: give a full absolute URI such as 'https://www.be-alert.be/map.png'.",
                    CapPath.Field(CapPath.Resource(i, r), "uri"),
                    resource,
                    "uri");
            }
        }
    }
}
