using System.Globalization;
using BeAlert.Cap.Geo;
using BeAlert.Dispatch;
using BeAlert.Gateway.Hosting;
using BeAlert.Gateway.Security;
using Microsoft.Extensions.Options;

namespace BeAlert.Gateway.Demo;

/// <summary>The demo key made (or taken from configuration) on first start, to print once.</summary>
public sealed record DemoKey(string Name, string Description, string Key);

/// <summary>A demo console account made on first start (password from configuration or random), to print once.</summary>
public sealed record DemoAccount(string UserName, string Description, string Password);

/// <summary>
/// On first start with an empty database (and <c>BeAlert:Demo:Enabled</c>): four demo authorities — Gent (a commune),
/// the province of Antwerp, the federal crisis centre, a type-2 school board in Leuven — one operator key for each,
/// an admin key and a signage vendor key for Gent and Antwerp. Keys come from <c>BeAlert:Demo:Keys:*</c> when set,
/// else are random and returned once for printing.
/// </summary>
public sealed class DemoSeeder(IOptions<GatewayOptions> options, AuthorityStore authorities, AccessKeyStore keys, Web.Console.ConsoleAccountStore accounts)
{
    public const string GentId = "gent";
    public const string ProvinceId = "province-antwerpen";
    public const string FederalId = "federal";
    public const string SchoolBoardId = "school-board-leuven";

    public async Task<IReadOnlyList<DemoKey>> SeedAsync(CancellationToken cancellationToken = default)
    {
        var demo = options.Value.Demo;
        if (!demo.Enabled || (await authorities.ListAsync(cancellationToken).ConfigureAwait(false)).Count > 0)
        {
            return [];
        }

        var boundaries = BelgianBoundaries.Default;
        var antwerp = boundaries.Provinces.Single(p => p.Code == "10000");
        var provinceCodes = boundaries.GetMunicipalities(antwerp).Select(m => int.Parse(m.Code, CultureInfo.InvariantCulture)).Order().ToArray();
        Authority[] seed =
        [
            new(GentId, "Stad Gent", AuthorityLevel.Municipality, [44021], AgreementType.PopulationAlerting, IsTrained: true, Simulation: false),
            new(ProvinceId, "Provincie Antwerpen", AuthorityLevel.Province, provinceCodes, AgreementType.PopulationAlerting, IsTrained: true, Simulation: false),
            new(FederalId, "Nationaal Crisiscentrum", AuthorityLevel.Federal, [], AgreementType.PopulationAlerting, IsTrained: true, Simulation: false),
            new(SchoolBoardId, "Scholengroep Leuven", AuthorityLevel.Organisation, [24062], AgreementType.GroupAlerting, IsTrained: false, Simulation: true),
        ];

        // The first instance to insert Gent owns the seeding; on a shared database the others stop here.
        if (!await authorities.TryCreateAsync(seed[0], cancellationToken).ConfigureAwait(false))
        {
            return [];
        }

        foreach (var authority in seed.Skip(1))
        {
            await authorities.TryCreateAsync(authority, cancellationToken).ConfigureAwait(false);
        }

        (string Name, string Description, AccessKeyRequest Request)[] wanted =
        [
            (DemoKeyNames.Admin, "admin (keys, authorities, audit)", new AccessKeyRequest("demo admin", KeyRole.Admin)),
            (DemoKeyNames.Commune, "operator, Stad Gent (type 1, trained)", new AccessKeyRequest("demo Gent operator", KeyRole.Operator, GentId)),
            (DemoKeyNames.Province, "operator, Provincie Antwerpen (type 1)", new AccessKeyRequest("demo Antwerp province operator", KeyRole.Operator, ProvinceId)),
            (DemoKeyNames.Federal, "operator, federal crisis centre", new AccessKeyRequest("demo federal operator", KeyRole.Operator, FederalId)),
            (DemoKeyNames.SchoolBoard, "operator, Scholengroep Leuven (type 2: groups only, simulation)", new AccessKeyRequest("demo school board operator", KeyRole.Operator, SchoolBoardId)),
            (DemoKeyNames.Vendor, "signage vendor, Gent and Antwerpen", new AccessKeyRequest("demo signage vendor", KeyRole.Vendor, Vendor: new VendorScope([44021, 11002], null))),
        ];

        var made = new List<DemoKey>();
        foreach (var (name, description, request) in wanted)
        {
            var created = demo.Keys.TryGetValue(name, out var fixedKey)
                ? await keys.CreateAsync(request, fixedKey, cancellationToken).ConfigureAwait(false)
                : await keys.CreateAsync(request, cancellationToken).ConfigureAwait(false);
            made.Add(new DemoKey(name, description, created.Key));
        }

        return made;
    }

    /// <summary>The demo console accounts: user name, display name, authority, description (one list for the seeder and the settings check).</summary>
    private static readonly (string User, string Name, string AuthorityId, string Description)[] DemoAccounts =
    [
        ("gent", "Demo operator Gent", GentId, "Stad Gent (type 1, trained)"),
        ("antwerpen", "Demo operator province of Antwerp", ProvinceId, "Provincie Antwerpen (type 1)"),
        ("federal", "Demo operator crisis centre", FederalId, "Nationaal Crisiscentrum"),
        ("schoolboard", "Demo operator school board", SchoolBoardId, "Scholengroep Leuven (type 2: groups only, simulation)"),
    ];

    /// <summary>The user names of the demo console accounts (<c>BeAlert:Demo:Accounts:{name}</c> sets one's password).</summary>
    public static IReadOnlyList<string> AccountNames { get; } = [.. DemoAccounts.Select(a => a.User)];

    /// <summary>
    /// One console account per demo operator authority (user names <c>gent</c>, <c>antwerpen</c>, <c>federal</c>,
    /// <c>schoolboard</c>), made right after <see cref="SeedAsync"/> seeded; passwords from
    /// <c>BeAlert:Demo:Accounts:{user}</c> when set, else random.
    /// </summary>
    public async Task<IReadOnlyList<DemoAccount>> SeedAccountsAsync(CancellationToken cancellationToken = default)
    {
        var demo = options.Value.Demo;
        var made = new List<DemoAccount>();
        foreach (var (user, name, authorityId, description) in DemoAccounts)
        {
            var password = demo.Accounts.TryGetValue(user, out var configured)
                ? configured
                : Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12)).Replace('+', '-').Replace('/', '_');
            if (await accounts.CreateAsync(user, name, authorityId, password, cancellationToken).ConfigureAwait(false) is not null)
            {
                made.Add(new DemoAccount(user, description, password));
            }
        }

        return made;
    }
}
