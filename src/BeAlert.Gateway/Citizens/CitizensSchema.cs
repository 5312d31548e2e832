using BeAlert.Gateway.Storage;

namespace BeAlert.Gateway.Citizens;

/// <summary>
/// Registered citizens (with their contacts, addresses, consent events and one-time codes), operators' groups and
/// contact lists. Coordinates are BIGINT in 10⁻⁷ degrees; times BIGINT Unix ms.
/// </summary>
internal sealed class CitizensSchema : ISchemaPart
{
    public int Order => 120;

    public string Name => "citizens";

    public IEnumerable<string> Statements(SqlDialect dialect)
    {
        yield return $"""
            CREATE TABLE IF NOT EXISTS citizens (
                id {dialect.AutoIdPrimaryKey},
                registration_id TEXT NOT NULL UNIQUE,
                status TEXT NOT NULL,
                token_hash TEXT NULL UNIQUE,
                languages TEXT NOT NULL,
                channels TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                confirmed_at BIGINT NULL,
                updated_at BIGINT NOT NULL)
            """;
        yield return $"""
            CREATE TABLE IF NOT EXISTS citizen_contacts (
                id {dialect.AutoIdPrimaryKey},
                citizen_id BIGINT NOT NULL REFERENCES citizens(id) ON DELETE CASCADE,
                kind TEXT NOT NULL,
                value TEXT NOT NULL,
                position BIGINT NOT NULL,
                verified {dialect.Bool} NOT NULL,
                verified_at BIGINT NULL)
            """;
        yield return "CREATE INDEX IF NOT EXISTS citizen_contacts_citizen ON citizen_contacts (citizen_id)";
        yield return $"""
            CREATE TABLE IF NOT EXISTS citizen_addresses (
                id {dialect.AutoIdPrimaryKey},
                citizen_id BIGINT NOT NULL REFERENCES citizens(id) ON DELETE CASCADE,
                position BIGINT NOT NULL,
                street TEXT NULL,
                house_number TEXT NULL,
                postal_code BIGINT NULL,
                nis BIGINT NOT NULL,
                lat_e7 BIGINT NOT NULL,
                lon_e7 BIGINT NOT NULL,
                located_by TEXT NOT NULL)
            """;
        yield return "CREATE INDEX IF NOT EXISTS citizen_addresses_citizen ON citizen_addresses (citizen_id)";
        yield return $"""
            CREATE TABLE IF NOT EXISTS consents (
                id {dialect.AutoIdPrimaryKey},
                citizen_id BIGINT NOT NULL REFERENCES citizens(id) ON DELETE CASCADE,
                version TEXT NOT NULL,
                accepted {dialect.Bool} NOT NULL,
                at BIGINT NOT NULL)
            """;
        yield return "CREATE INDEX IF NOT EXISTS consents_citizen ON consents (citizen_id)";
        yield return $"""
            CREATE TABLE IF NOT EXISTS verification_codes (
                id {dialect.AutoIdPrimaryKey},
                citizen_id BIGINT NOT NULL REFERENCES citizens(id) ON DELETE CASCADE,
                contact_id BIGINT NOT NULL,
                destination_hash TEXT NOT NULL,
                code_hash TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                expires_at BIGINT NOT NULL,
                attempts BIGINT NOT NULL,
                used_at BIGINT NULL)
            """;
        yield return "CREATE INDEX IF NOT EXISTS verification_codes_citizen ON verification_codes (citizen_id, id)";
        yield return "CREATE INDEX IF NOT EXISTS verification_codes_destination ON verification_codes (destination_hash, created_at)";
        yield return $"""
            CREATE TABLE IF NOT EXISTS audience_groups (
                id {dialect.AutoIdPrimaryKey},
                authority_id TEXT NOT NULL,
                name TEXT NOT NULL,
                area_polygon TEXT NULL,
                area_circle TEXT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL)
            """;
        yield return "CREATE INDEX IF NOT EXISTS audience_groups_authority ON audience_groups (authority_id, id)";
        yield return $"""
            CREATE TABLE IF NOT EXISTS audience_group_members (
                id {dialect.AutoIdPrimaryKey},
                group_id BIGINT NOT NULL REFERENCES audience_groups(id) ON DELETE CASCADE,
                subscriber_id BIGINT NULL,
                name TEXT NULL,
                phone TEXT NULL,
                email TEXT NULL,
                language TEXT NULL)
            """;
        yield return "CREATE INDEX IF NOT EXISTS audience_group_members_group ON audience_group_members (group_id)";
        yield return "CREATE INDEX IF NOT EXISTS audience_group_members_subscriber ON audience_group_members (subscriber_id)";
        yield return $"""
            CREATE TABLE IF NOT EXISTS contact_lists (
                id {dialect.AutoIdPrimaryKey},
                authority_id TEXT NOT NULL,
                name TEXT NOT NULL,
                contacts_json TEXT NOT NULL,
                contact_count BIGINT NOT NULL,
                created_at BIGINT NOT NULL)
            """;
    }
}
