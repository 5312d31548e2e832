using BeAlert.Gateway.Storage;
using Dapper;

namespace BeAlert.Gateway.Scheduling;

/// <summary>What happened to one due run of a schedule.</summary>
public enum ScheduleRunStatus
{
    /// <summary>Claimed by an instance, not yet launched (or the instance stopped in between: never retried).</summary>
    Claimed,

    /// <summary>The campaign was started.</summary>
    Launched,

    /// <summary>The campaign could not be started (unknown authority, refused, no launcher); see the detail.</summary>
    Failed,

    /// <summary>The gateway was down when it fell due and came back after the catch-up window: skipped.</summary>
    Missed,
}

/// <summary>One row of <c>schedule_runs</c>.</summary>
public sealed record ScheduleRun(string Schedule, DateTimeOffset DueAt, ScheduleRunStatus Status, DateTimeOffset ClaimedAt, string Instance, Guid? CampaignId, string? Detail);

/// <summary>
/// <c>schedule_runs</c>: one row per schedule and due time, inserted with <c>ON CONFLICT DO NOTHING</c>. The instance
/// whose insert wins owns the run; every other instance (and every later start) sees the row and leaves it alone, so
/// a due test runs at most once whatever the number of gateways or restarts.
/// </summary>
public sealed class ScheduleRunStore(GatewayDatabase database, TimeProvider time)
{
    /// <summary>Claims (schedule, due) for this instance with the given status; false when a row was already there.</summary>
    public async Task<bool> TryClaimAsync(string schedule, DateTimeOffset dueAt, ScheduleRunStatus status, string instance, string? detail = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO schedule_runs (schedule, due_at, status, claimed_at, instance, detail)
            VALUES (@schedule, @dueAt, @status, @now, @instance, @detail)
            ON CONFLICT (schedule, due_at) DO NOTHING
            """,
            new { schedule, dueAt = dueAt.ToUnixTimeMilliseconds(), status = status.ToString(), now = time.GetUtcNow().ToUnixTimeMilliseconds(), instance, detail },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows == 1;
    }

    public async Task CompleteAsync(string schedule, DateTimeOffset dueAt, ScheduleRunStatus status, Guid? campaignId, string? detail, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE schedule_runs SET status = @status, finished_at = @now, campaign_id = @campaignId, detail = @detail WHERE schedule = @schedule AND due_at = @dueAt",
            new { schedule, dueAt = dueAt.ToUnixTimeMilliseconds(), status = status.ToString(), now = time.GetUtcNow().ToUnixTimeMilliseconds(), campaignId = campaignId?.ToString(), detail },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>The newest runs first (every schedule, or one).</summary>
    public async Task<IReadOnlyList<ScheduleRun>> ListAsync(string? schedule = null, int limit = 100, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            """
            SELECT schedule, due_at AS DueAt, status, claimed_at AS ClaimedAt, instance, campaign_id AS CampaignId, detail
            FROM schedule_runs WHERE (@schedule IS NULL OR schedule = @schedule) ORDER BY due_at DESC, schedule LIMIT @limit
            """,
            new { schedule, limit = Math.Clamp(limit, 1, 10_000) },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => new ScheduleRun(
            r.Schedule,
            DateTimeOffset.FromUnixTimeMilliseconds(r.DueAt),
            Enum.Parse<ScheduleRunStatus>(r.Status),
            DateTimeOffset.FromUnixTimeMilliseconds(r.ClaimedAt),
            r.Instance,
            r.CampaignId is null ? null : Guid.Parse(r.CampaignId),
            r.Detail))];
    }

    private sealed class Row
    {
        public string Schedule { get; set; } = string.Empty;

        public long DueAt { get; set; }

        public string Status { get; set; } = string.Empty;

        public long ClaimedAt { get; set; }

        public string Instance { get; set; } = string.Empty;

        public string? CampaignId { get; set; }

        public string? Detail { get; set; }
    }
}

internal sealed class SchedulingSchema : ISchemaPart
{
    public int Order => 140;

    public string Name => "scheduling";

    public IEnumerable<string> Statements(SqlDialect dialect)
    {
        yield return """
            CREATE TABLE IF NOT EXISTS schedule_runs (
                schedule TEXT NOT NULL,
                due_at BIGINT NOT NULL,
                status TEXT NOT NULL,
                claimed_at BIGINT NOT NULL,
                finished_at BIGINT NULL,
                instance TEXT NOT NULL,
                campaign_id TEXT NULL,
                detail TEXT NULL,
                PRIMARY KEY (schedule, due_at))
            """;
    }
}
