namespace BeAlert.Cap;

/// <summary>CAP0502 (CAP 1.2 §3.2.3 size, in bytes): a negative size.</summary>
internal sealed class InvalidSizeRule : CapRule
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
                if (resource.Size is < 0 and var size)
                {
                    context.Report(
                        CapDiagnosticCodes.InvalidSize,
                        $"<size> is {CapRuleText.Number(size)}: the size of a resource is a number of bytes, zero or more; correct it or leave <size> out.",
                        CapPath.Field(CapPath.Resource(i, r), "size"),
                        resource,
                        "size");
                }
            }
        }
    }
}
