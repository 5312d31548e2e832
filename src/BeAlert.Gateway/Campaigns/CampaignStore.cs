using BeAlert.Gateway.Storage;
using Dapper;

namespace BeAlert.Gateway.Campaigns;

/// <summary>Where a campaign stands in the gateway's history (the dispatch store keeps the deliveries).</summary>
public enum CampaignState
{
    Running,
    Completed,
    Cancelled,

    /// <summary>Stopped by an error, or abandoned by a crash before its plan was durable (nothing was sent).</summary>
    Failed,
}

/// <summary>A campaign as the gateway records it: who started it, what, to whom, and its final report once done.</summary>
public sealed record CampaignEntry(
    Guid Id,
    string AuthorityId,
    string? KeyId,
    string Name,
    string AlertIdentifier,
    string? TemplateId,
    IReadOnlyList<string> Channels,
    string AudienceJson,
    bool Simulation,
    DateTimeOffset CreatedAt,
    CampaignState Status,
    DateTimeOffset? FinishedAt,
    long People,
    string? ReportJson);

/// <summary>The <c>campaigns</c> table: one row per campaign, written at start and when it finishes.</summary>
public sealed class CampaignStore(GatewayDatabase database)
{
    private const string Columns =
        "id, authority_id AS AuthorityId, key_id AS KeyId, name, alert_identifier AS AlertIdentifier, template_id AS TemplateId, channels, " +
        "audience, simulation, created_at AS CreatedAt, status, finished_at AS FinishedAt, people, report";

    public async Task InsertAsync(CampaignEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO campaigns (id, authority_id, key_id, name, alert_identifier, template_id, channels, audience, simulation, created_at, status, finished_at, people, report)
            VALUES (@id, @AuthorityId, @KeyId, @Name, @AlertIdentifier, @TemplateId, @channels, @AudienceJson, @simulation, @createdAt, @status, NULL, @People, NULL)
            """,
            new
            {
                id = entry.Id.ToString("D"),
                entry.AuthorityId,
                entry.KeyId,
                entry.Name,
                entry.AlertIdentifier,
                entry.TemplateId,
                channels = string.Join(',', entry.Channels),
                entry.AudienceJson,
                simulation = entry.Simulation ? 1 : 0,
                createdAt = entry.CreatedAt.ToUnixTimeMilliseconds(),
                status = entry.Status.ToString(),
                entry.People,
            },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Records the end of a campaign (once: a campaign already finished keeps its first report).</summary>
    public async Task<bool> FinishAsync(Guid id, CampaignState status, DateTimeOffset finishedAt, string? reportJson, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE campaigns SET status = @status, finished_at = @finishedAt, report = @reportJson WHERE id = @id AND status = @running",
            new { id = id.ToString("D"), status = status.ToString(), finishedAt = finishedAt.ToUnixTimeMilliseconds(), reportJson, running = nameof(CampaignState.Running) },
            cancellationToken: cancellationToken)).ConfigureAwait(false) == 1;
    }

    public async Task<CampaignEntry?> FindAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM campaigns WHERE id = @id",
            new { id = id.ToString("D") },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToEntry();
    }

    /// <summary>An authority's campaigns, newest first; <paramref name="before"/> pages on (created_at, id).</summary>
    public async Task<IReadOnlyList<CampaignEntry>> ListAsync(string authorityId, int limit, (long CreatedAt, string Id)? before, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM campaigns
            WHERE authority_id = @authorityId AND (@hasBefore = 0 OR created_at < @beforeAt OR (created_at = @beforeAt AND id < @beforeId))
            ORDER BY created_at DESC, id DESC LIMIT @limit
            """,
            new
            {
                authorityId,
                hasBefore = before is null ? 0 : 1,
                beforeAt = before?.CreatedAt ?? 0,
                beforeId = before?.Id ?? string.Empty,
                limit,
            },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToEntry())];
    }

    /// <summary>Every campaign still marked running (for the reconciliation at start).</summary>
    public async Task<IReadOnlyList<CampaignEntry>> ListRunningAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM campaigns WHERE status = @running ORDER BY created_at",
            new { running = nameof(CampaignState.Running) },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToEntry())];
    }

    private sealed class Row
    {
        public string Id { get; set; } = string.Empty;

        public string AuthorityId { get; set; } = string.Empty;

        public string? KeyId { get; set; }

        public string Name { get; set; } = string.Empty;

        public string AlertIdentifier { get; set; } = string.Empty;

        public string? TemplateId { get; set; }

        public string Channels { get; set; } = string.Empty;

        public string Audience { get; set; } = "{}";

        public long Simulation { get; set; }

        public long CreatedAt { get; set; }

        public string Status { get; set; } = string.Empty;

        public long? FinishedAt { get; set; }

        public long People { get; set; }

        public string? Report { get; set; }

        public CampaignEntry ToEntry() => new(
            Guid.Parse(Id),
            AuthorityId,
            KeyId,
            Name,
            AlertIdentifier,
            TemplateId,
            Channels.Split(',', StringSplitOptions.RemoveEmptyEntries),
            Audience,
            Simulation != 0,
            DateTimeOffset.FromUnixTimeMilliseconds(CreatedAt),
            Enum.Parse<CampaignState>(Status),
            FinishedAt is { } f ? DateTimeOffset.FromUnixTimeMilliseconds(f) : null,
            People,
            Report);
    }
}

internal sealed class CampaignSchema : ISchemaPart
{
    public int Order => 120;

    public string Name => "campaigns";

    public IEnumerable<string> Statements(SqlDialect dialect)
    {
        yield return $"""
            CREATE TABLE IF NOT EXISTS campaigns (
                id TEXT PRIMARY KEY,
                authority_id TEXT NOT NULL,
                key_id TEXT NULL,
                name TEXT NOT NULL,
                alert_identifier TEXT NOT NULL,
                template_id TEXT NULL,
                channels TEXT NOT NULL,
                audience TEXT NOT NULL,
                simulation {dialect.Bool} NOT NULL,
                created_at BIGINT NOT NULL,
                status TEXT NOT NULL,
                finished_at BIGINT NULL,
                people BIGINT NOT NULL,
                report TEXT NULL)
            """;
        yield return "CREATE INDEX IF NOT EXISTS campaigns_authority ON campaigns (authority_id, created_at, id)";
        yield return "CREATE INDEX IF NOT EXISTS campaigns_status ON campaigns (status)";
        yield return """
            CREATE TABLE IF NOT EXISTS campaign_templates (
                id TEXT PRIMARY KEY,
                authority_id TEXT NOT NULL,
                name TEXT NOT NULL,
                cap_xml TEXT NOT NULL,
                channels TEXT NOT NULL,
                audience TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL)
            """;
        yield return "CREATE INDEX IF NOT EXISTS campaign_templates_authority ON campaign_templates (authority_id, id)";
    }
}
