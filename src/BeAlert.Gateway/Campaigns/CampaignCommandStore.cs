using System.Data.Common;
using BeAlert.Cap;
using BeAlert.Gateway.Audit;
using BeAlert.Gateway.Storage;
using Dapper;

namespace BeAlert.Gateway.Campaigns;

/// <summary>What a <c>campaign_commands</c> row asks of the instance that runs the campaign.</summary>
public enum CampaignCommandKind
{
    /// <summary>An operator's <c>POST /api/campaigns/{id}/cancel</c>: what is still queued is not sent.</summary>
    Cancel,

    /// <summary>A CAP Cancel posted alone to <c>POST /api/alerts</c> that references the campaign's alert.</summary>
    AlertCancel,

    /// <summary>A CAP Update posted alone that references the campaign's alert: what is still queued gets its text.</summary>
    AlertUpdate,
}

/// <summary>One durable command to a running campaign (see <see cref="CampaignCommandStore"/>).</summary>
public sealed record CampaignCommandRow(
    long Id,
    Guid CampaignId,
    CampaignCommandKind Kind,
    string? AlertXml,
    string? RequestedBy,
    string? RequestedFrom,
    DateTimeOffset RequestedAt,
    DateTimeOffset? AppliedAt,
    string? Result);

/// <summary>Settings of the campaign command channel (configuration section <c>BeAlert:CampaignCommands</c>).</summary>
public sealed class CampaignCommandOptions
{
    public const string Section = "BeAlert:CampaignCommands";

    /// <summary>How often each instance looks for commands to the campaigns it runs (a local request wakes it at once). Default 500 ms.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The most pending commands read at once (a full page is followed by the next one at once). Default 100.</summary>
    public int PageSize { get; set; } = 100;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (PollInterval < TimeSpan.FromMilliseconds(10) || PollInterval > TimeSpan.FromMinutes(5))
        {
            errors.Add($"{Section}:PollInterval must be between 00:00:00.010 and 00:05:00 (is {PollInterval}).");
        }

        if (PageSize is < 1 or > 10_000)
        {
            errors.Add($"{Section}:PageSize must be between 1 and 10000 (is {PageSize}).");
        }

        return errors;
    }
}

/// <summary>
/// The <c>campaign_commands</c> table: the durable channel by which any gateway instance reaches the campaign another
/// one runs. A request (an operator's cancel on any instance, or an Update/Cancel alert stored by any instance) writes a
/// row; the instance whose engine runs the campaign applies it (<see cref="CampaignCommandProcessor"/>) and settles the
/// row with <c>applied_at</c> and a result. Rows survive a crash: a campaign resumed or adopted elsewhere finds its
/// pending commands there.
/// </summary>
public sealed class CampaignCommandStore(GatewayDatabase database, TimeProvider time)
{
    private const string Columns =
        "id, campaign_id AS CampaignId, kind, alert_xml AS AlertXml, requested_by AS RequestedBy, requested_from AS RequestedFrom, " +
        "requested_at AS RequestedAt, applied_at AS AppliedAt, result";

    /// <summary>
    /// Records an operator's cancel unless one is already pending for the campaign (cancelling twice is one command).
    /// </summary>
    /// <returns>The pending command (new or the earlier one) and whether it is new.</returns>
    public async Task<(CampaignCommandRow Command, bool Created)> RequestCancelAsync(Guid campaignId, AuditActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var writer = await database.EnterWriterAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var pending = await connection.QueryFirstOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM campaign_commands WHERE campaign_id = @campaignId AND kind = @kind AND applied_at IS NULL ORDER BY id LIMIT 1",
            new { campaignId = campaignId.ToString("D"), kind = nameof(CampaignCommandKind.Cancel) },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (pending is not null)
        {
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return (pending.ToCommand(), false);
        }

        var id = await InsertAsync(transaction, campaignId, CampaignCommandKind.Cancel, null, actor, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return (new CampaignCommandRow(id, campaignId, CampaignCommandKind.Cancel, null, actor.KeyId, actor.RemoteAddress, time.GetUtcNow(), null, null), true);
    }

    /// <summary>
    /// Inside the transaction that stores an Update or Cancel alert: one command per running campaign of the same
    /// authority whose alert the message references, so the command commits (or rolls back) with the alert.
    /// </summary>
    /// <returns>The campaigns addressed.</returns>
    public async Task<IReadOnlyList<Guid>> RecordAlertAsync(DbTransaction transaction, CapAlert alert, ReadOnlyMemory<byte> raw, string authorityId, AuditActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(alert);
        if (alert.MsgType is not (CapMessageType.Update or CapMessageType.Cancel) || alert.References.Count == 0)
        {
            return [];
        }

        var campaigns = new List<Guid>();
        foreach (var identifier in alert.References.Select(r => r.Identifier).Distinct(StringComparer.Ordinal))
        {
            // One plain equality per reference (an alert has few): the same SQL on both stores, no list expansion.
            var ids = await transaction.Connection!.QueryAsync<string>(new CommandDefinition(
                "SELECT id FROM campaigns WHERE status = @running AND authority_id = @authorityId AND alert_identifier = @identifier ORDER BY id",
                new { running = nameof(CampaignState.Running), authorityId, identifier },
                transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            campaigns.AddRange(ids.Select(Guid.Parse).Where(id => !campaigns.Contains(id)));
        }

        var kind = alert.MsgType == CapMessageType.Cancel ? CampaignCommandKind.AlertCancel : CampaignCommandKind.AlertUpdate;
        var xml = System.Text.Encoding.UTF8.GetString(raw.Span);
        foreach (var campaign in campaigns)
        {
            await InsertAsync(transaction, campaign, kind, xml, actor, cancellationToken).ConfigureAwait(false);
        }

        return campaigns;
    }

    /// <summary>Pending commands after <paramref name="afterId"/>, oldest first, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<CampaignCommandRow>> PendingAsync(long afterId, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM campaign_commands WHERE applied_at IS NULL AND id > @afterId ORDER BY id LIMIT @limit",
            new { afterId, limit },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToCommand())];
    }

    /// <summary>A campaign's commands, oldest first (for its status and event stream).</summary>
    public async Task<IReadOnlyList<CampaignCommandRow>> ForCampaignAsync(Guid campaignId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM campaign_commands WHERE campaign_id = @campaignId ORDER BY id LIMIT 100",
            new { campaignId = campaignId.ToString("D") },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToCommand())];
    }

    /// <summary>Settles a command once (false when another instance settled it first).</summary>
    public async Task<bool> SettleAsync(long id, string result, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE campaign_commands SET applied_at = @at, result = @result WHERE id = @id AND applied_at IS NULL",
            new { id, at = time.GetUtcNow().ToUnixTimeMilliseconds(), result = result.Length > 500 ? result[..500] : result },
            cancellationToken: cancellationToken)).ConfigureAwait(false) == 1;
    }

    private async Task<long> InsertAsync(DbTransaction transaction, Guid campaignId, CampaignCommandKind kind, string? xml, AuditActor actor, CancellationToken cancellationToken) =>
        await transaction.Connection!.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO campaign_commands (campaign_id, kind, alert_xml, requested_by, requested_from, requested_at, applied_at, result)
            VALUES (@campaignId, @kind, @xml, @requestedBy, @requestedFrom, @at, NULL, NULL)
            RETURNING id
            """,
            new
            {
                campaignId = campaignId.ToString("D"),
                kind = kind.ToString(),
                xml,
                requestedBy = actor.KeyId,
                requestedFrom = actor.RemoteAddress,
                at = time.GetUtcNow().ToUnixTimeMilliseconds(),
            },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);

    private sealed class Row
    {
        public long Id { get; set; }

        public string CampaignId { get; set; } = string.Empty;

        public string Kind { get; set; } = string.Empty;

        public string? AlertXml { get; set; }

        public string? RequestedBy { get; set; }

        public string? RequestedFrom { get; set; }

        public long RequestedAt { get; set; }

        public long? AppliedAt { get; set; }

        public string? Result { get; set; }

        public CampaignCommandRow ToCommand() => new(
            Id,
            Guid.Parse(CampaignId),
            Enum.Parse<CampaignCommandKind>(Kind),
            AlertXml,
            RequestedBy,
            RequestedFrom,
            DateTimeOffset.FromUnixTimeMilliseconds(RequestedAt),
            AppliedAt is { } a ? DateTimeOffset.FromUnixTimeMilliseconds(a) : null,
            Result);
    }
}

internal sealed class CampaignCommandSchema : ISchemaPart
{
    public int Order => 121;

    public string Name => "campaign_commands";

    public IEnumerable<string> Statements(SqlDialect dialect)
    {
        yield return $"""
            CREATE TABLE IF NOT EXISTS campaign_commands (
                id {dialect.AutoIdPrimaryKey},
                campaign_id TEXT NOT NULL,
                kind TEXT NOT NULL,
                alert_xml TEXT NULL,
                requested_by TEXT NULL,
                requested_from TEXT NULL,
                requested_at BIGINT NOT NULL,
                applied_at BIGINT NULL,
                result TEXT NULL)
            """;

        // The poll reads only pending rows: a partial index keeps it a tiny range read however long the history.
        yield return "CREATE INDEX IF NOT EXISTS campaign_commands_pending ON campaign_commands (id) WHERE applied_at IS NULL";
        yield return "CREATE INDEX IF NOT EXISTS campaign_commands_campaign ON campaign_commands (campaign_id, id)";
    }
}

/// <summary>
/// Records a CAP Update or Cancel stored through <c>POST /api/alerts</c> as a command to every running campaign of the
/// same authority whose alert it references, inside the alert's insert transaction: the command is as durable as the
/// alert (a kill -9 between the commit and the apply loses nothing; the follower's in-memory high-water mark would).
/// </summary>
internal sealed class CampaignAlertCommands(CampaignCommandStore queue, IServiceProvider services) : Alerts.IAlertCommitHook
{
    public async Task OnStoringAsync(DbTransaction transaction, Alerts.StoredAlert alert, AuditActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        await queue.RecordAlertAsync(transaction, alert.Alert, alert.Raw, alert.AuthorityId, actor, cancellationToken).ConfigureAwait(false);
    }

    public void OnStored(Alerts.StoredAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (alert.Alert.MsgType is CapMessageType.Update or CapMessageType.Cancel)
        {
            services.GetService<CampaignCommandProcessor>()?.Wake(); // the campaign may run here: look at once
        }
    }
}
