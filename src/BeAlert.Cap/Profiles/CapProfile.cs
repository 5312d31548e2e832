namespace BeAlert.Cap;

/// <summary>
/// A named set of rules on top of CAP 1.2: a national or channel profile such as BE-Alert, EU-Alert (cell broadcast),
/// IPAWS (USA), CAP-CP (Canada) or CAP-AU (Australia). Validate with one through <see cref="CapValidator.For"/>; its
/// diagnostics carry the profile's own code prefix (<see cref="CapProfileDiagnosticCodes"/>) next to the CAP ones.
/// docs/specs.md ("Profiles") lists every rule with the public source it comes from. Immutable and thread-safe.
/// </summary>
public sealed class CapProfile
{
    private readonly Lazy<CapValidator> _validator;

    private CapProfile(string name, string codePrefix, string description, IReadOnlyList<CapRule> rules)
    {
        Name = name;
        CodePrefix = codePrefix;
        Description = description;
        Rules = rules;
        _validator = new Lazy<CapValidator>(() => rules.Count == 0 ? CapValidator.Default : new CapValidator(this));
    }

    /// <summary>Plain OASIS CAP 1.2: no rules beyond the standard's. The default.</summary>
    public static CapProfile Cap { get; } = new("cap", "CAP", "plain OASIS CAP 1.2", []);

    /// <summary>
    /// BE-Alert, Belgium's public alerting: info blocks in nl, fr, de (en allowed) describing one event, the languages
    /// the affected municipalities need, NIS geocodes of real Belgian municipalities, sender and identifier
    /// conventions, TEST/EXERCISE in headlines, expiry and instruction for actual public alerts. Codes BEA###.
    /// </summary>
    public static CapProfile BeAlert { get; } = new("be-alert", "BEA", "BE-Alert (Belgium): languages, NIS geocodes, conventions", BeAlertRules.All);

    /// <summary>
    /// EU-Alert, public warning by cell broadcast (ETSI TS 102 900, 3GPP TS 23.041): every info block maps to an
    /// EU-Alert level and message identifier (see <see cref="EuAlertMapper"/>), languages and text lengths a cell
    /// broadcast can carry. Codes EUA###.
    /// </summary>
    public static CapProfile EuAlert { get; } = new("eu-alert", "EUA", "EU-Alert cell broadcast (ETSI TS 102 900)", EuAlertRules.All);

    /// <summary>The USA IPAWS Profile v1.0 (OASIS, FEMA): SAME event and location codes, expiry, EAS and WEA parameters. Codes IPW###.</summary>
    public static CapProfile Ipaws { get; } = new("ipaws", "IPW", "USA IPAWS Profile v1.0", IpawsRules.All);

    /// <summary>The Canadian Profile CAP-CP: profile code, CAP-CP event and location codes, English and French. Codes CCP###.</summary>
    public static CapProfile CapCp { get; } = new("cap-cp", "CCP", "Canadian Profile CAP-CP", CapCpRules.All);

    /// <summary>The Australian Government Standard CAP-AU-STD 1.0: profile code, AUeventLIST event codes. Codes CAU###.</summary>
    public static CapProfile CapAu { get; } = new("cap-au", "CAU", "Australian Profile CAP-AU-STD 1.0", CapAuRules.All);

    /// <summary>Every profile, <see cref="Cap"/> first.</summary>
    public static IReadOnlyList<CapProfile> All { get; } = [Cap, BeAlert, EuAlert, Ipaws, CapCp, CapAu];

    /// <summary>The short name used on the command line (<c>bealert validate --profile be-alert</c>): lower case, stable.</summary>
    public string Name { get; }

    /// <summary>The prefix of the profile's diagnostic codes (<c>BEA</c>), or <c>CAP</c> for plain CAP 1.2.</summary>
    public string CodePrefix { get; }

    /// <summary>One line describing the profile, for help texts.</summary>
    public string Description { get; }

    /// <summary>The profile's own rules, run after the CAP 1.2 rules.</summary>
    internal IReadOnlyList<CapRule> Rules { get; }

    /// <summary>The shared validator for this profile.</summary>
    internal CapValidator Validator => _validator.Value;

    /// <summary>Finds a profile by <see cref="Name"/>, ignoring ASCII case.</summary>
    /// <param name="name">The name, for example <c>be-alert</c>.</param>
    /// <returns>The profile, or <see langword="null"/> when none has that name.</returns>
    public static CapProfile? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var profile in All)
        {
            if (string.Equals(profile.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return profile;
            }
        }

        return null;
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
