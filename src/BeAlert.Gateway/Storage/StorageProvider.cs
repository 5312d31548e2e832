namespace BeAlert.Gateway.Storage;

/// <summary>The gateway's database: SQLite (embedded default, one instance) or PostgreSQL (several instances, one database).</summary>
public enum StorageProvider
{
    Sqlite,
    PostgreSql,
}
