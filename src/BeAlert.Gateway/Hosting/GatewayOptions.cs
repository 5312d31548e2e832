using BeAlert.Gateway.Storage;

namespace BeAlert.Gateway.Hosting;

/// <summary>
/// Everything the gateway reads from configuration (the "BeAlert" section: appsettings.json, environment variables
/// such as <c>BeAlert__Storage__Provider</c>, or the command line such as <c>--BeAlert:Demo:Subscribers=1000</c>).
/// Checked once at start by <see cref="GatewayOptionsValidator"/>, which lists every error at once.
/// </summary>
public sealed class GatewayOptions
{
    public const string Section = "BeAlert";

    /// <summary>Where the embedded SQLite databases live. Default: <c>./bealert-data</c> next to the working directory.</summary>
    public string DataDirectory { get; set; } = "bealert-data";

    public StorageOptions Storage { get; set; } = new();

    public DemoOptions Demo { get; set; } = new();

    public LimitOptions Limits { get; set; } = new();

    public Campaigns.SimulationSettings Simulation { get; set; } = new();

    /// <summary>Real networks per channel (<c>BeAlert:Transports</c>); simulation where absent.</summary>
    public Transports.TransportSettings Transports { get; set; } = new();
}

public sealed class StorageOptions
{
    /// <summary><c>Sqlite</c> (embedded default) or <c>PostgreSql</c>.</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>
    /// For SQLite, optional (default: <c>gateway.db</c> in the data directory). For PostgreSQL, required: an Npgsql
    /// connection string. Never logged.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>PostgreSQL only: this instance's name in campaign leases (unique per instance). Default: host name, process id, random suffix.</summary>
    public string? InstanceId { get; set; }

    /// <summary>PostgreSQL only: how long a campaign stays claimed by its instance without renewal (the failover delay). Default 30.</summary>
    public int LeaseSeconds { get; set; } = 30;
}

public sealed class DemoOptions
{
    /// <summary>On first start with an empty database: demo authorities and access keys, printed once.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Synthetic subscribers generated at start (deterministic from <see cref="Seed"/>); 0 for none.</summary>
    public int Subscribers { get; set; } = 100_000;

    public ulong Seed { get; set; } = 20260401;

    /// <summary>
    /// Fixed demo keys, so scripts can drive the gateway without reading its output. When empty, random keys are made
    /// and printed once. Names: <c>Admin</c>, <c>Commune</c>, <c>Province</c>, <c>Federal</c>, <c>SchoolBoard</c>, <c>Vendor</c>.
    /// </summary>
    public Dictionary<string, string> Keys { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Fixed passwords of the demo console accounts (<c>gent</c>, <c>antwerpen</c>, <c>federal</c>, <c>schoolboard</c>),
    /// at least 12 characters; when absent, random passwords are made and printed once.
    /// </summary>
    public Dictionary<string, string> Accounts { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

public sealed class LimitOptions
{
    /// <summary>Largest CAP document accepted by POST /api/alerts.</summary>
    public int MaxAlertBytes { get; set; } = 1 << 20;

    /// <summary>Largest JSON body (campaigns, citizens, groups).</summary>
    public int MaxJsonBytes { get; set; } = 256 * 1024;

    /// <summary>Largest CSV upload (contact lists, group imports).</summary>
    public int MaxCsvBytes { get; set; } = 16 << 20;

    /// <summary>Requests per second allowed per access key (token bucket; burst = 2 s worth).</summary>
    public int RequestsPerSecondPerKey { get; set; } = 2_000;

    /// <summary>Requests per second allowed per remote IP address without a valid key (token bucket; burst = 2 s worth).</summary>
    public int AnonymousRequestsPerSecond { get; set; } = 200;
}
