namespace BeAlert.Cap;

/// <summary>The rules of the Canadian Profile (<see cref="CapProfile.CapCp"/>), in code order.</summary>
internal static class CapCpRules
{
    internal const string ProfileCodePrefix = "profile:CAP-CP:";
    internal const string EventValueNamePrefix = "profile:CAP-CP:Event:";
    internal const string LocationValueNamePrefix = "profile:CAP-CP:Location:";

    internal static readonly IReadOnlyList<CapRule> All =
    [
        new CapCpVersionCodeRule(),
        new CapProfileInfoRequiredRule(CapProfileDiagnosticCodes.CapCpInfoRequired, "CAP-CP"),
        new CapCpEventCodeRule(),
        new CapCpAreaRule(),
        new CapCpLanguageRule(),
        new CapProfileRecommendedRule(CapProfileDiagnosticCodes.CapCpExpiresRecommended, CapProfileDiagnosticCodes.CapCpSenderNameRecommended, CapProfileDiagnosticCodes.CapCpResponseRecommended, "CAP-CP"),
    ];
}
