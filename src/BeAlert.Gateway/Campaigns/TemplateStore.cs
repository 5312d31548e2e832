using BeAlert.Gateway.Storage;
using Dapper;

namespace BeAlert.Gateway.Campaigns;

/// <summary>A prepared alert: CAP XML (with <c>{{placeholders}}</c> or fixed), default channels and audience.</summary>
public sealed record CampaignTemplate(
    string Id,
    string AuthorityId,
    string Name,
    string CapXml,
    IReadOnlyList<string> Channels,
    string AudienceJson,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>The <c>campaign_templates</c> table.</summary>
public sealed class TemplateStore(GatewayDatabase database)
{
    private const string Columns = "id, authority_id AS AuthorityId, name, cap_xml AS CapXml, channels, audience, created_at AS CreatedAt, updated_at AS UpdatedAt";

    public static string NewId() => "tpl_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));

    public async Task InsertAsync(CampaignTemplate template, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(template);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO campaign_templates (id, authority_id, name, cap_xml, channels, audience, created_at, updated_at)
            VALUES (@Id, @AuthorityId, @Name, @CapXml, @channels, @AudienceJson, @createdAt, @updatedAt)
            """,
            new
            {
                template.Id,
                template.AuthorityId,
                template.Name,
                template.CapXml,
                channels = string.Join(',', template.Channels),
                template.AudienceJson,
                createdAt = template.CreatedAt.ToUnixTimeMilliseconds(),
                updatedAt = template.UpdatedAt.ToUnixTimeMilliseconds(),
            },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Replaces a template of the authority; false when it has none with that id.</summary>
    public async Task<bool> UpdateAsync(CampaignTemplate template, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(template);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE campaign_templates SET name = @Name, cap_xml = @CapXml, channels = @channels, audience = @AudienceJson, updated_at = @updatedAt
            WHERE id = @Id AND authority_id = @AuthorityId
            """,
            new
            {
                template.Id,
                template.AuthorityId,
                template.Name,
                template.CapXml,
                channels = string.Join(',', template.Channels),
                template.AudienceJson,
                updatedAt = template.UpdatedAt.ToUnixTimeMilliseconds(),
            },
            cancellationToken: cancellationToken)).ConfigureAwait(false) == 1;
    }

    public async Task<bool> DeleteAsync(string authorityId, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM campaign_templates WHERE id = @id AND authority_id = @authorityId",
            new { id, authorityId },
            cancellationToken: cancellationToken)).ConfigureAwait(false) == 1;
    }

    /// <summary>The authority's template, or null (unknown, or another authority's).</summary>
    public async Task<CampaignTemplate?> FindAsync(string authorityId, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM campaign_templates WHERE id = @id AND authority_id = @authorityId",
            new { id, authorityId },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToTemplate();
    }

    public async Task<IReadOnlyList<CampaignTemplate>> ListAsync(string authorityId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM campaign_templates WHERE authority_id = @authorityId ORDER BY name, id LIMIT 1000",
            new { authorityId },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToTemplate())];
    }

    private sealed class Row
    {
        public string Id { get; set; } = string.Empty;

        public string AuthorityId { get; set; } = string.Empty;

        public string Name { get; set; } = string.Empty;

        public string CapXml { get; set; } = string.Empty;

        public string Channels { get; set; } = string.Empty;

        public string Audience { get; set; } = "{}";

        public long CreatedAt { get; set; }

        public long UpdatedAt { get; set; }

        public CampaignTemplate ToTemplate() => new(
            Id,
            AuthorityId,
            Name,
            CapXml,
            Channels.Split(',', StringSplitOptions.RemoveEmptyEntries),
            Audience,
            DateTimeOffset.FromUnixTimeMilliseconds(CreatedAt),
            DateTimeOffset.FromUnixTimeMilliseconds(UpdatedAt));
    }
}
