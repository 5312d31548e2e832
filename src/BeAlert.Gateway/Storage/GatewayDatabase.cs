using System.Data.Common;
using BeAlert.Gateway.Hosting;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BeAlert.Gateway.Storage;

/// <summary>
/// The gateway's one database, SQLite or PostgreSQL. Modules open short-lived connections with
/// <see cref="OpenAsync"/> and use Dapper on them; <see cref="Dialect"/> covers the few differences.
/// SQLite runs in WAL mode with a busy timeout so concurrent requests wait for the writer instead of failing.
/// </summary>
public sealed class GatewayDatabase : IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly NpgsqlDataSource? _npgsql;
    private readonly IEnumerable<ISchemaPart> _schema;
    private readonly SemaphoreSlim _writer = new(1, 1);
    private int _walSet;

    public GatewayDatabase(IOptions<GatewayOptions> options, IEnumerable<ISchemaPart> schema)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = options.Value;
        _schema = schema;
        Dialect = SqlDialect.For(o.Storage.Provider);
        if (o.Storage.Provider == StorageProvider.Sqlite)
        {
            var builder = new SqliteConnectionStringBuilder(o.Storage.ConnectionString ?? string.Empty);
            if (string.IsNullOrEmpty(builder.DataSource))
            {
                Directory.CreateDirectory(o.DataDirectory);
                builder.DataSource = Path.Combine(o.DataDirectory, "gateway.db");
            }

            builder.Pooling = true;
            builder.DefaultTimeout = 30;
            _connectionString = builder.ToString();
            Description = $"SQLite ({Path.GetFullPath(builder.DataSource)})";
        }
        else
        {
            var builder = new NpgsqlConnectionStringBuilder(o.Storage.ConnectionString);
            _connectionString = builder.ConnectionString;
            _npgsql = NpgsqlDataSource.Create(builder);
            Description = $"PostgreSQL ({builder.Host}:{builder.Port}/{builder.Database})";
        }
    }

    public SqlDialect Dialect { get; }

    /// <summary>Where the data is, without any secret (for the start banner and health checks).</summary>
    public string Description { get; }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        if (_npgsql is not null)
        {
            return await _npgsql.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (var pragma = connection.CreateCommand())
            {
                // journal_mode=WAL is stored in the database file: set once per process (the first open), the others
                // are per connection. Pooled connections get them again on each open (cheap; no file access).
                pragma.CommandText = Volatile.Read(ref _walSet) == 0
                    ? "PRAGMA journal_mode=WAL; " + PerConnectionPragmas
                    : PerConnectionPragmas;
                await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            Volatile.Write(ref _walSet, 1);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Waits (asynchronously, in arrival order) for this process's turn to write, on SQLite; a no-op lease on
    /// PostgreSQL. SQLite admits one writer at a time: without this, concurrent requests that begin write transactions
    /// spin in SQLite's busy handler (sleeping threads of the pool for 1–100 ms at a time), which costs throughput and
    /// makes the latency tail. Take it after opening the connection and before beginning the transaction; keep the
    /// transaction short. Other processes on the same file still meet busy_timeout.
    /// </summary>
    public async ValueTask<WriterLease> EnterWriterAsync(CancellationToken cancellationToken = default)
    {
        if (_npgsql is not null)
        {
            return default;
        }

        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new WriterLease(_writer);
    }

    /// <summary>Creates every module's tables (idempotent). Several gateways may run this at once on PostgreSQL: an advisory lock serialises them.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (Dialect.Provider == StorageProvider.PostgreSql)
        {
            await connection.ExecuteAsync("SELECT pg_advisory_xact_lock(4242001)", transaction: transaction).ConfigureAwait(false);
        }

        foreach (var part in _schema.OrderBy(p => p.Order).ThenBy(p => p.Name, StringComparer.Ordinal))
        {
            foreach (var statement in part.Statements(Dialect))
            {
                await connection.ExecuteAsync(new CommandDefinition(statement, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private const string PerConnectionPragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;";

    public async ValueTask DisposeAsync()
    {
        _writer.Dispose();
        if (_npgsql is not null)
        {
            await _npgsql.DisposeAsync().ConfigureAwait(false);
        }
    }
}

/// <summary>The turn to write on SQLite, from <see cref="GatewayDatabase.EnterWriterAsync"/>; dispose it after the commit or rollback.</summary>
public readonly struct WriterLease(SemaphoreSlim? gate) : IDisposable
{
    public void Dispose() => gate?.Release();
}
