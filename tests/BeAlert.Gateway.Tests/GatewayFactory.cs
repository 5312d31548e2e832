using System.Net.Http.Headers;
using BeAlert.Gateway.Security;
using BeAlert.Gateway.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BeAlert.Gateway.Tests;

/// <summary>
/// The gateway in-process on its own fresh database: SQLite in a temp folder by default; PostgreSQL (a fresh
/// database per factory on the server named by BEALERT_TEST_POSTGRES) when BEALERT_TEST_STORE=postgresql. test.sh
/// runs this project once per store. Demo data is on with fixed keys (<see cref="Keys"/>) and a small population.
/// </summary>
public class GatewayFactory : WebApplicationFactory<Program>
{
    /// <summary>The fixed demo keys every factory starts with.</summary>
    public static readonly IReadOnlyDictionary<string, string> Keys = DemoKeyNames.All.ToDictionary(
        n => n,
        n => AccessKeyFormat.Prefix + (n + new string('x', 43))[..43].Replace(' ', '_'),
        StringComparer.OrdinalIgnoreCase);

    /// <summary>The fixed passwords of the demo console accounts (user name → password).</summary>
    public static readonly IReadOnlyDictionary<string, string> AccountPasswords = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["gent"] = "gent-demo-password",
        ["antwerpen"] = "antwerpen-demo-password",
        ["federal"] = "federal-demo-password",
        ["schoolboard"] = "schoolboard-demo-password",
    };

    private readonly string _dataDirectory;
    private string? _postgresDatabase;

    public GatewayFactory()
        : this(Directory.CreateTempSubdirectory("bealert-gw-").FullName, null)
    {
    }

    /// <summary>A factory on <paramref name="previous"/>'s data (see <see cref="Reopen"/>).</summary>
    protected GatewayFactory(GatewayFactory previous)
        : this(previous?._dataDirectory ?? throw new ArgumentNullException(nameof(previous)), previous._postgresDatabase)
    {
        Subscribers = previous.Subscribers;
    }

    private GatewayFactory(string dataDirectory, string? postgresDatabase)
    {
        _dataDirectory = dataDirectory;
        _postgresDatabase = postgresDatabase;
        Provider = string.Equals(Environment.GetEnvironmentVariable("BEALERT_TEST_STORE"), "postgresql", StringComparison.OrdinalIgnoreCase)
            ? StorageProvider.PostgreSql
            : StorageProvider.Sqlite;
    }

    public StorageProvider Provider { get; }

    public string DataDirectory => _dataDirectory;

    /// <summary>Keep the data (folder, PostgreSQL database) when disposed, for <see cref="Reopen"/>.</summary>
    public bool KeepData { get; set; }

    /// <summary>A new factory on this one's data, as after a restart (dispose this one first, with <see cref="KeepData"/> set).</summary>
    public GatewayFactory Reopen() => new(this);

    /// <summary>Synthetic subscribers at start (small by default: tests that need more set it before first use).</summary>
    public int Subscribers { get; set; } = 2_000;

    /// <summary>Extra configuration (key "BeAlert:Limits:MaxAlertBytes" and so on).</summary>
    public Dictionary<string, string?> Settings { get; } = new(StringComparer.OrdinalIgnoreCase);

    public HttpClient CreateClient(string demoKeyName)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Keys[demoKeyName]);
        return client;
    }

    public T Service<T>()
        where T : notnull => Services.GetRequiredService<T>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSetting("BeAlert:DataDirectory", _dataDirectory);
        builder.UseSetting("BeAlert:Demo:Subscribers", Subscribers.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (name, key) in Keys)
        {
            builder.UseSetting($"BeAlert:Demo:Keys:{name}", key);
        }

        foreach (var (user, password) in AccountPasswords)
        {
            builder.UseSetting($"BeAlert:Demo:Accounts:{user}", password);
        }

        if (Provider == StorageProvider.PostgreSql)
        {
            builder.UseSetting("BeAlert:Storage:Provider", "PostgreSql");
            builder.UseSetting("BeAlert:Storage:ConnectionString", _postgresDatabase is null ? CreatePostgresDatabase() : PostgresConnectionString(_postgresDatabase));
        }

        builder.UseSetting("BeAlert:Webhooks:AllowPrivateTargets", "true"); // receivers run on 127.0.0.1; Privacy tests turn it off
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && !KeepData)
        {
            DropPostgresDatabase();
            try
            {
                Directory.Delete(_dataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still open by a background service that outlived the host; the temp folder is cleaned later.
            }
        }
    }

    private static string AdminConnectionString =>
        Environment.GetEnvironmentVariable("BEALERT_TEST_POSTGRES")
        ?? throw new InvalidOperationException("BEALERT_TEST_STORE=postgresql needs BEALERT_TEST_POSTGRES (an Npgsql connection string with CREATE DATABASE rights); test.sh sets both.");

    private string CreatePostgresDatabase()
    {
        _postgresDatabase = "bealert_test_" + Guid.NewGuid().ToString("N")[..16];
        using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE {_postgresDatabase}";
            command.ExecuteNonQuery();
        }

        return PostgresConnectionString(_postgresDatabase);
    }

    private static string PostgresConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database }.ConnectionString;

    private void DropPostgresDatabase()
    {
        if (_postgresDatabase is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(AdminConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS {_postgresDatabase} WITH (FORCE)";
        command.ExecuteNonQuery();
    }
}
