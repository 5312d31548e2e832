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
                pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;";
                await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
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

    public async ValueTask DisposeAsync()
    {
        if (_npgsql is not null)
        {
            await _npgsql.DisposeAsync().ConfigureAwait(false);
        }
    }
}
