using BeAlert.Gateway.Storage;

namespace BeAlert.Gateway.Security;

/// <summary>Authorities and access keys.</summary>
internal sealed class SecuritySchema : ISchemaPart
{
    public int Order => 0;

    public string Name => "security";

    public IEnumerable<string> Statements(SqlDialect dialect)
    {
        yield return $"""
            CREATE TABLE IF NOT EXISTS authorities (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                level TEXT NOT NULL,
                municipalities TEXT NOT NULL,
                agreement BIGINT NOT NULL,
                trained {dialect.Bool} NOT NULL,
                simulation {dialect.Bool} NOT NULL,
                created_at BIGINT NOT NULL)
            """;
        yield return $"""
            CREATE TABLE IF NOT EXISTS access_keys (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                role TEXT NOT NULL,
                authority_id TEXT NULL REFERENCES authorities(id),
                hash TEXT NOT NULL UNIQUE,
                vendor_municipalities TEXT NULL,
                vendor_polygon TEXT NULL,
                created_at BIGINT NOT NULL,
                revoked_at BIGINT NULL)
            """;
    }
}
