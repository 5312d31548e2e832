namespace BeAlert.Cap;

/// <summary>The rules of the Australian profile CAP-AU-STD 1.0 (<see cref="CapProfile.CapAu"/>), in code order.</summary>
internal static class CapAuRules
{
    internal const string ProfileCode = "urn:oasis:names:tc:emergency:cap:1.2:profile:CAP-AU:1.0";

    /// <summary>The valueName of an eventCode from the AUeventLIST (its handle in the Australian government repository).</summary>
    internal const string EventListValueName = "https://govshare.gov.au/xmlui/handle/10772/6495";

    internal static readonly IReadOnlyList<CapRule> All =
    [
        new ProfileCodeRule(CapProfileDiagnosticCodes.CapAuVersionCode, ProfileCode, "CAP-AU messages declare the profile they follow."),
        new CapProfileInfoRequiredRule(CapProfileDiagnosticCodes.CapAuInfoRequired, "CAP-AU"),
        new SameEventInfosRule(CapProfileDiagnosticCodes.CapAuInfosDiffer, "CAP-AU", string.Empty),
        new CapAuEventCodeRule(),
        new CapAuEventsInLanguageRule(),
        new CapAuCancelRule(),
        new CapAuAreaRule(),
        new CapAuSenderRule(),
        new CapProfileRecommendedRule(CapProfileDiagnosticCodes.CapAuExpiresRecommended, CapProfileDiagnosticCodes.CapAuSenderNameRecommended, CapProfileDiagnosticCodes.CapAuResponseRecommended, "CAP-AU"),
    ];
}
