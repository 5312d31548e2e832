namespace BeAlert.Cap;

/// <summary>CAP0405 (CAP 1.2 §3.2.2 eventCode/parameter): an <c>eventCode</c> or <c>parameter</c> with an empty valueName.</summary>
internal sealed class EmptyValueNameRule : CapRule
{
    public override void Check(CapAlert alert, CapRuleContext context)
    {
        var infos = alert.Infos;
        for (var i = 0; i < infos.Count; i++)
        {
            var info = infos[i];
            Check(context, info.EventCodes, i, "eventCode");
            Check(context, info.Parameters, i, "parameter");
        }
    }

    private static void Check(CapRuleContext context, IReadOnlyList<CapNamedValue> values, int infoIndex, string element)
    {
        for (var k = 0; k < values.Count; k++)
        {
            var value = values[k];
            if (string.IsNullOrWhiteSpace(value.ValueName))
            {
                context.Report(
                    CapDiagnosticCodes.EmptyValueName,
                    $"<{element}> {k + 1} has an empty <valueName>: name the system or domain the value belongs to, so that recipients can interpret {CapRuleText.Quote(value.Value)}.",
                    CapPath.Field(CapPath.Indexed(CapPath.Info(infoIndex), element, k), "valueName"),
                    value,
                    "valueName");
            }
        }
    }
}
