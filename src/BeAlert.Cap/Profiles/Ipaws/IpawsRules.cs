namespace BeAlert.Cap;

/// <summary>The rules of the IPAWS profile (<see cref="CapProfile.Ipaws"/>), in code order.</summary>
internal static class IpawsRules
{
    internal const string ProfileCode = "IPAWSv1.0";
    internal const string Same = "SAME";

    internal static readonly IReadOnlyList<CapRule> All =
    [
        new IpawsVersionCodeRule(),
        new IpawsInfoRule(),
        new IpawsInfosDifferRule(),
        new IpawsAreaRule(),
        new IpawsParameterRule(),
        new IpawsLanguageRule(),
    ];
}
