namespace BeAlert.Cap;

/// <summary>The rules of the IPAWS profile (<see cref="CapProfile.Ipaws"/>), in code order.</summary>
internal static class IpawsRules
{
    internal const string ProfileCode = "IPAWSv1.0";
    internal const string Same = "SAME";

    internal static readonly IReadOnlyList<CapRule> All =
    [
        new ProfileCodeRule(CapProfileDiagnosticCodes.IpawsVersionCode, ProfileCode, "IPAWS accepts only messages that declare the profile version they follow; add it after <scope>."),
        new IpawsInfoRule(),
        new SameEventInfosRule(CapProfileDiagnosticCodes.IpawsInfosDiffer, "IPAWS", " (one event, several languages)"),
        new IpawsAreaRule(),
        new IpawsParameterRule(),
        new IpawsLanguageRule(),
    ];
}
