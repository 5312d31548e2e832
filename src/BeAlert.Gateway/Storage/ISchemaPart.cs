namespace BeAlert.Gateway.Storage;

/// <summary>
/// One module's tables. Each module registers its own part (<c>services.AddSingleton&lt;ISchemaPart, …&gt;()</c>);
/// <see cref="GatewayDatabase.MigrateAsync"/> runs every part's statements, in <see cref="Order"/>, at start.
/// Statements must be idempotent (<c>CREATE TABLE IF NOT EXISTS</c>, <c>CREATE INDEX IF NOT EXISTS</c>).
/// </summary>
public interface ISchemaPart
{
    /// <summary>Lower runs first (core tables: 0; modules: 100 and up).</summary>
    int Order { get; }

    string Name { get; }

    IEnumerable<string> Statements(SqlDialect dialect);
}
