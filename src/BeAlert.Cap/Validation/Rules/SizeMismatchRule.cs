using System.Buffers.Text;

namespace BeAlert.Cap;

/// <summary>
/// CAP0507 (CAP 1.2 §3.2.3 size): <c>size</c> differs from the number of bytes in <c>derefUri</c>. Checked only when
/// both are present, the size is not negative and the Base64 is well formed (CAP0502 and CAP0504 report the others).
/// </summary>
internal sealed class SizeMismatchRule : CapRule
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
                if (resource is { Size: >= 0 and var size, DerefUri: { } derefUri }
                    && Base64.IsValid(derefUri, out var length) && size != length)
                {
                    context.Report(
                        CapDiagnosticCodes.SizeMismatch,
                        $"<size> is {CapRuleText.Number(size)} bytes but <derefUri> holds {CapRuleText.Number(length)} bytes: set <size> to {CapRuleText.Number(length)}.",
                        CapPath.Field(CapPath.Resource(i, r), "size"),
                        resource,
                        "size");
                }
            }
        }
    }
}
