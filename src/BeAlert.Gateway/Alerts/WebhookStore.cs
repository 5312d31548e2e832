using BeAlert.Gateway.Security;
using BeAlert.Gateway.Storage;
using Dapper;

namespace BeAlert.Gateway.Alerts;

/// <summary>A vendor's webhook as registered (the secret is kept to sign pushes and never shown again).</summary>
internal sealed record Webhook(string KeyId, Uri Url, string Secret, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, VendorScope Scope);

/// <summary>A push to make (a row of <c>alert_webhook_outbox</c>) and the attempts made so far.</summary>
internal sealed record OutboxItem(string KeyId, long AlertSequence, int Attempts);

/// <summary>One delivery attempt, as the vendor can read it back.</summary>
public sealed record WebhookDelivery(long Id, long AlertSequence, int Attempt, DateTimeOffset At, string Outcome, int? HttpStatus, string? Error);

/// <summary>
/// The <c>alert_webhooks</c> table (one webhook per vendor key; pushes stop when the key is revoked) and the delivery
/// log <c>alert_webhook_deliveries</c>, and the shared push queue <c>alert_webhook_outbox</c>. The active list is
/// cached for a few seconds.
/// </summary>
internal sealed class WebhookStore(GatewayDatabase database, TimeProvider time)
{
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(5);
    private (IReadOnlyList<Webhook> Hooks, long Expires)? _cache;

    public async Task SetAsync(string keyId, Uri url, string secret, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO alert_webhooks (key_id, url, secret, created_at, updated_at) VALUES (@keyId, @url, @secret, @now, @now)
            ON CONFLICT (key_id) DO UPDATE SET url = excluded.url, secret = excluded.secret, updated_at = excluded.updated_at
            """,
            new { keyId, url = url.AbsoluteUri, secret, now },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        _cache = null;
    }

    public async Task<bool> DeleteAsync(string keyId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM alert_webhooks WHERE key_id = @keyId", new { keyId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        _cache = null;
        return rows == 1;
    }

    public async Task<Webhook?> FindAsync(string keyId, CancellationToken cancellationToken)
    {
        var hooks = await LoadAsync(keyId, cancellationToken).ConfigureAwait(false);
        return hooks.Count == 0 ? null : hooks[0];
    }

    /// <summary>The webhooks of keys that are not revoked.</summary>
    public async Task<IReadOnlyList<Webhook>> ActiveAsync(CancellationToken cancellationToken)
    {
        var now = time.GetTimestamp();
        if (_cache is { } cached && cached.Expires > now)
        {
            return cached.Hooks;
        }

        var hooks = await LoadAsync(null, cancellationToken).ConfigureAwait(false);
        _cache = (hooks, now + (long)(CacheLifetime.TotalSeconds * time.TimestampFrequency));
        return hooks;
    }

    public async Task LogAsync(string keyId, long alertSequence, int attempt, string outcome, int? httpStatus, string? error, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO alert_webhook_deliveries (key_id, alert_sequence, attempt, at, outcome, http_status, error)
            VALUES (@keyId, @alertSequence, @attempt, @at, @outcome, @httpStatus, @error)
            """,
            new { keyId, alertSequence, attempt, at = time.GetUtcNow().ToUnixTimeMilliseconds(), outcome, httpStatus, error },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Queues one push per (key, alert); a row another instance queued already is left alone. Returns how many rows were new.</summary>
    public async Task<int> EnqueueAsync(IReadOnlyList<string> keyIds, long alertSequence, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keyIds);
        if (keyIds.Count == 0)
        {
            return 0;
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var added = 0;
        foreach (var keyId in keyIds)
        {
            added += await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO alert_webhook_outbox (key_id, alert_sequence, attempts, next_attempt_at, claimed_until, claimed_by, done)
                VALUES (@keyId, @alertSequence, 0, @now, 0, NULL, 0)
                ON CONFLICT (key_id, alert_sequence) DO NOTHING
                """,
                new { keyId, alertSequence, now },
                cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        return added;
    }

    /// <summary>Claims up to <paramref name="limit"/> due pushes for <paramref name="instance"/> until <paramref name="until"/> (SKIP LOCKED on PostgreSQL).</summary>
    public async Task<IReadOnlyList<OutboxItem>> ClaimDueAsync(string instance, DateTimeOffset until, int limit, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var writer = await database.EnterWriterAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<OutboxRow>(new CommandDefinition(
            $"""
            UPDATE alert_webhook_outbox SET claimed_until = @until, claimed_by = @instance
            WHERE (key_id, alert_sequence) IN (
                SELECT key_id, alert_sequence FROM alert_webhook_outbox
                WHERE done = 0 AND next_attempt_at <= @now AND claimed_until <= @now
                ORDER BY next_attempt_at LIMIT @limit {database.Dialect.ForUpdateSkipLocked})
            RETURNING key_id AS KeyId, alert_sequence AS AlertSequence, attempts
            """,
            new { instance, until = until.ToUnixTimeMilliseconds(), now, limit },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => new OutboxItem(r.KeyId, r.AlertSequence, (int)r.Attempts))];
    }

    /// <summary>Records an attempt's end: done, or due again at <paramref name="nextAttempt"/>.</summary>
    public async Task SettleAsync(OutboxItem item, bool done, DateTimeOffset nextAttempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE alert_webhook_outbox SET attempts = @attempts, done = @done, next_attempt_at = @next, claimed_until = 0, claimed_by = NULL
            WHERE key_id = @keyId AND alert_sequence = @alertSequence
            """,
            new { attempts = item.Attempts + 1, done = done ? 1 : 0, next = nextAttempt.ToUnixTimeMilliseconds(), keyId = item.KeyId, alertSequence = item.AlertSequence },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Pushes not finished yet (queued or waiting for a retry).</summary>
    public async Task<long> PendingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM alert_webhook_outbox WHERE done = 0", cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<WebhookDelivery>> DeliveriesAsync(string keyId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<DeliveryRow>(new CommandDefinition(
            """
            SELECT id, alert_sequence AS AlertSequence, attempt, at, outcome, http_status AS HttpStatus, error
            FROM alert_webhook_deliveries WHERE key_id = @keyId ORDER BY id DESC LIMIT @limit
            """,
            new { keyId, limit },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => new WebhookDelivery(r.Id, r.AlertSequence, (int)r.Attempt, DateTimeOffset.FromUnixTimeMilliseconds(r.At), r.Outcome, r.HttpStatus is { } s ? (int)s : null, r.Error))];
    }

    private async Task<IReadOnlyList<Webhook>> LoadAsync(string? keyId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<HookRow>(new CommandDefinition(
            """
            SELECT w.key_id AS KeyId, w.url, w.secret, w.created_at AS CreatedAt, w.updated_at AS UpdatedAt,
                   k.vendor_municipalities AS VendorMunicipalities, k.vendor_polygon AS VendorPolygon
            FROM alert_webhooks w JOIN access_keys k ON k.id = w.key_id
            WHERE k.revoked_at IS NULL AND (@keyId IS NULL OR w.key_id = @keyId)
            ORDER BY w.key_id
            """,
            new { keyId },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => new Webhook(
            r.KeyId,
            new Uri(r.Url),
            r.Secret,
            DateTimeOffset.FromUnixTimeMilliseconds(r.CreatedAt),
            DateTimeOffset.FromUnixTimeMilliseconds(r.UpdatedAt),
            new VendorScope(AuthorityStore.ParseCodes(r.VendorMunicipalities), r.VendorPolygon)))];
    }

    private sealed class OutboxRow
    {
        public string KeyId { get; set; } = string.Empty;

        public long AlertSequence { get; set; }

        public long Attempts { get; set; }
    }

    private sealed class HookRow
    {
        public string KeyId { get; set; } = string.Empty;

        public string Url { get; set; } = string.Empty;

        public string Secret { get; set; } = string.Empty;

        public long CreatedAt { get; set; }

        public long UpdatedAt { get; set; }

        public string? VendorMunicipalities { get; set; }

        public string? VendorPolygon { get; set; }
    }

    private sealed class DeliveryRow
    {
        public long Id { get; set; }

        public long AlertSequence { get; set; }

        public long Attempt { get; set; }

        public long At { get; set; }

        public string Outcome { get; set; } = string.Empty;

        public long? HttpStatus { get; set; }

        public string? Error { get; set; }
    }
}
