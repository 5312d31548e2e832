namespace BeAlert.Gateway.Storage;

/// <summary>
/// The few places where the gateway's SQL differs between SQLite and PostgreSQL. Everything else is written once:
/// <c>@name</c> parameters (Dapper), <c>INSERT … ON CONFLICT … DO UPDATE</c>, <c>RETURNING</c>, <c>LIMIT</c>, times
/// as BIGINT Unix milliseconds, identifiers and JSON as TEXT, booleans as BIGINT 0/1 (<see cref="Bool"/>).
/// </summary>
public sealed class SqlDialect
{
    public static readonly SqlDialect Sqlite = new(StorageProvider.Sqlite);
    public static readonly SqlDialect PostgreSql = new(StorageProvider.PostgreSql);

    private SqlDialect(StorageProvider provider) => Provider = provider;

    public StorageProvider Provider { get; }

    /// <summary>Column type for raw bytes: BLOB / BYTEA.</summary>
    public string Blob => Provider == StorageProvider.Sqlite ? "BLOB" : "BYTEA";

    /// <summary>Column type for booleans: stored as 0/1 in both so that Dapper maps them the same way.</summary>
    public string Bool => Provider == StorageProvider.Sqlite ? "INTEGER" : "SMALLINT";

    /// <summary>A generated 64-bit primary key column definition (name excluded).</summary>
    public string AutoIdPrimaryKey => Provider == StorageProvider.Sqlite
        ? "INTEGER PRIMARY KEY AUTOINCREMENT"
        : "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY";

    /// <summary>Appended to a SELECT that claims rows for this instance: <c>FOR UPDATE SKIP LOCKED</c> on PostgreSQL, nothing on SQLite (one writer).</summary>
    public string ForUpdateSkipLocked => Provider == StorageProvider.Sqlite ? string.Empty : "FOR UPDATE SKIP LOCKED";

    public static SqlDialect For(StorageProvider provider) => provider == StorageProvider.Sqlite ? Sqlite : PostgreSql;
}
