using BeAlert.Dispatch;

namespace BeAlert.Gateway.Security;

/// <summary>Who an operator acts for: a municipality, a province, the federal level, or an organisation (type 2).</summary>
public enum AuthorityLevel
{
    Municipality,
    Province,
    Federal,
    Organisation,
}

/// <summary>
/// An authority (an operator account): its territory (NIS codes of the municipalities it may alert; all of them for
/// the federal level), its agreement type, whether its operators are trained for location-based alerting, and whether
/// the account is in the simulation environment (everything works, nothing leaves, every text says SIMULATION).
/// </summary>
public sealed record Authority(
    string Id,
    string Name,
    AuthorityLevel Level,
    IReadOnlyList<int> Municipalities,
    AgreementType Agreement,
    bool IsTrained,
    bool Simulation)
{
    public bool IsNational => Level == AuthorityLevel.Federal;

    /// <summary>The dispatch engine's view of this authority, for <see cref="AuthorityRules"/>.</summary>
    public OperatorAuthority ToOperatorAuthority() => new(Id, Agreement)
    {
        OwnMunicipalities = Municipalities,
        IsNational = IsNational,
        IsTrained = IsTrained,
        AllowsAdHocCooperation = Level == AuthorityLevel.Municipality,
    };
}
