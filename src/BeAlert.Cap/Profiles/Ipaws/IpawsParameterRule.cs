namespace BeAlert.Cap;

/// <summary>
/// IPW008, IPW009 and IPW010: the EAS-ORG parameter holds an EAS originator code (47 CFR 11.31: EAS, CIV, WXR, PEP),
/// CMAMtext (the legacy WEA text) at most 90 characters and CMAMlongtext (WEA 3.0) at most 360.
/// </summary>
internal sealed class IpawsParameterRule : CapRule
{
    private const int CmamTextLimit = 90;
    private const int CmamLongTextLimit = 360;
    private static readonly string[] Originators = ["EAS", "CIV", "WXR", "PEP"];

    public override void Check(CapAlert alert, CapRuleContext context)
    {
        var infos = alert.Infos;
        for (var i = 0; i < infos.Count; i++)
        {
            var parameters = infos[i].Parameters;
            for (var p = 0; p < parameters.Count; p++)
            {
                var parameter = parameters[p];
                var path = CapPath.Field(CapPath.Indexed(CapPath.Info(i), "parameter", p), "value");
                switch (parameter.ValueName)
                {
                    case "EAS-ORG" when !Originators.Contains(parameter.Value, StringComparer.Ordinal):
                        context.Report(
                            CapProfileDiagnosticCodes.IpawsEasOrg,
                            $"EAS-ORG {CapRuleText.Quote(parameter.Value)} is not an EAS originator code: use EAS (broadcaster), CIV (civil authorities), WXR (National Weather Service) or PEP (Primary Entry Point).",
                            path,
                            parameter,
                            "value");
                        break;
                    case "CMAMtext":
                        Length(context, CapProfileDiagnosticCodes.IpawsCmamTextTooLong, parameter, path, CmamTextLimit);
                        break;
                    case "CMAMlongtext":
                        Length(context, CapProfileDiagnosticCodes.IpawsCmamLongTextTooLong, parameter, path, CmamLongTextLimit);
                        break;
                }
            }
        }
    }

    private static void Length(CapRuleContext context, string code, CapNamedValue parameter, string path, int limit)
    {
        var count = ProfileText.CharacterCount(parameter.Value);
        if (count > limit)
        {
            context.Report(
                code,
                $"{parameter.ValueName} has {ProfileText.Number(count)} characters; WEA shows at most {ProfileText.Number(limit)}. Shorten it: say who, what, where, until when and what to do.",
                path,
                parameter,
                "value");
        }
    }
}
