using System.Buffers.Text;

namespace BeAlert.Cap;

/// <summary>
/// CAP0504 (CAP 1.2 §3.2.3 derefUri, Base64 per RFC 2045): <c>derefUri</c> is not Base64. Whitespace (space, tab,
/// line breaks) is allowed anywhere, as in xs:base64Binary after whitespace collapsing.
/// </summary>
internal sealed class InvalidDerefUriRule : CapRule
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
                if (resource.DerefUri is { } derefUri && !Base64.IsValid(derefUri, out _))
                {
                    context.Report(
                        CapDiagnosticCodes.InvalidDerefUri,
                        $"<derefUri> is not Base64 ({derefUri.Length} characters): encode the resource content with standard Base64 (A-Z, a-z, 0-9, '+', '/', '=' padding), or give a <uri> instead.",
                        CapPath.Field(CapPath.Resource(i, r), "derefUri"),
                        resource,
                        "derefUri");
                }
            }
        }
    }
}
