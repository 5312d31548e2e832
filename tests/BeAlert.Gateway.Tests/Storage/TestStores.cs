using BeAlert.Dispatch;
using BeAlert.Gateway.Storage;
using Npgsql;

namespace BeAlert.Gateway.Tests.Stores;

/// <summary>
/// The delivery store under test, picked like <see cref="GatewayFactory"/> picks the gateway's database: SQLite in a
/// temp folder by default, PostgreSQL (a fresh database on the server BEALERT_TEST_POSTGRES names) when
/// BEALERT_TEST_STORE=postgresql. In that mode a missing BEALERT_TEST_POSTGRES fails the test with a message.
/// </summary>
internal sealed class TestStores : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("bealert-store-").FullName;
    private readonly List<IDeliveryStore> _opened = [];
    private string? _database;

    public static bool IsPostgres => string.Equals(Environment.GetEnvironmentVariable("BEALERT_TEST_STORE"), "postgresql", StringComparison.OrdinalIgnoreCase);

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable("BEALERT_TEST_POSTGRES") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                "BEALERT_TEST_STORE=postgresql needs BEALERT_TEST_POSTGRES (an Npgsql connection string with CREATE DATABASE rights, e.g. "
                + "Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres); test.sh starts a throwaway cluster and sets both.");

    /// <summary>The connection string of this fixture's own fresh database (PostgreSQL mode only).</summary>
    public string ConnectionString
    {
        get
        {
            if (_database is null)
            {
                _database = "bealert_store_" + Guid.NewGuid().ToString("N")[..16];
                using var connection = new NpgsqlConnection(AdminConnectionString);
                connection.Open();
                using var command = new NpgsqlCommand($"CREATE DATABASE {_database}", connection);
                command.ExecuteNonQuery();
            }

            return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = _database }.ConnectionString;
        }
    }

    public string SqlitePath => Path.Combine(_directory, "dispatch.db");

    /// <summary>Opens the selected store; several PostgreSQL stores of one fixture share its database (one per gateway instance).</summary>
    public async Task<IDeliveryStore> OpenAsync(string instance = "a", TimeSpan? lease = null, TimeProvider? time = null, int sqliteChunkSize = 64)
    {
        IDeliveryStore store = IsPostgres
            ? await PostgresDeliveryStore.OpenAsync(
                new PostgresDeliveryStoreOptions { ConnectionString = ConnectionString, InstanceId = instance, LeaseDuration = lease ?? TimeSpan.FromSeconds(30), ReadPageSize = 64 },
                time)
            : SqliteDeliveryStore.Open(new SqliteDeliveryStoreOptions { Path = SqlitePath, ChunkSize = sqliteChunkSize });
        _opened.Add(store);
        return store;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _opened)
        {
            await store.DisposeAsync();
        }

        if (_database is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(AdminConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // cleaned with the temp folder
        }
    }
}
