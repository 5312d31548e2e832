using System.Data.Common;
using BeAlert.Gateway.Security;
using BeAlert.Gateway.Storage;
using Dapper;

namespace BeAlert.Gateway.Audit;

/// <summary>One audited action: who (key id and name), what, on what, when, from where.</summary>
public sealed record AuditEntry(long Id, DateTimeOffset At, string? KeyId, string? KeyName, string? AuthorityId, string Action, string? Target, string? Detail, string? RemoteAddress);

/// <summary>Who acted, for an audit row that a module writes inside its own transaction (<see cref="AuditLog.RecordAsync(DbTransaction, AuditActor, string, string?, string?, CancellationToken)"/>).</summary>
public sealed record AuditActor(string? KeyId, string? KeyName, string? AuthorityId, string? RemoteAddress)
{
    /// <summary>The request's caller (or anonymous) and address.</summary>
    public static AuditActor Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var caller = context.FindCaller();
        return new AuditActor(caller?.KeyId, caller?.KeyName, caller?.Authority?.Id, context.Connection.RemoteIpAddress?.ToString());
    }
}

/// <summary>
/// The audit log: every action that changes something (alerts posted, campaigns started or cancelled, keys made or
/// revoked, citizens' data changed) is recorded with who, what, when and from where. Never holds a secret: callers
/// pass identifiers, not keys, codes or message bodies.
/// </summary>
public sealed class AuditLog(GatewayDatabase database, TimeProvider time)
{
    private const string InsertSql =
        """
        INSERT INTO audit_log (at, key_id, key_name, authority_id, action, target, detail, remote_address)
        VALUES (@at, @keyId, @keyName, @authorityId, @action, @target, @detail, @remoteAddress)
        """;

    /// <summary>Records an action by the request's caller (or anonymous, for public endpoints).</summary>
    public Task RecordAsync(HttpContext context, string action, string? target = null, string? detail = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var caller = context.FindCaller();
        return RecordAsync(caller?.KeyId, caller?.KeyName, caller?.Authority?.Id, action, target, detail, context.Connection.RemoteIpAddress?.ToString(), cancellationToken);
    }

    /// <summary>Records an action taken by the system itself (scheduled tests, recovery) or by a CLI on the database.</summary>
    public async Task RecordAsync(string? keyId, string? keyName, string? authorityId, string action, string? target, string? detail, string? remoteAddress, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(action);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            InsertSql,
            new { at = time.GetUtcNow().ToUnixTimeMilliseconds(), keyId, keyName, authorityId, action, target, detail, remoteAddress },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>
    /// Records an action inside the caller's transaction: the row commits (or rolls back) with the change it
    /// describes, and costs no second connection or commit.
    /// </summary>
    public async Task RecordAsync(DbTransaction transaction, AuditActor actor, string action, string? target, string? detail, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentException.ThrowIfNullOrEmpty(action);
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            InsertSql,
            new { at = time.GetUtcNow().ToUnixTimeMilliseconds(), keyId = actor.KeyId, keyName = actor.KeyName, authorityId = actor.AuthorityId, action, target, detail, remoteAddress = actor.RemoteAddress },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>The newest entries first, optionally only one authority's.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ListAsync(string? authorityId = null, int limit = 100, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            """
            SELECT id, at, key_id AS KeyId, key_name AS KeyName, authority_id AS AuthorityId, action, target, detail, remote_address AS RemoteAddress
            FROM audit_log WHERE (@authorityId IS NULL OR authority_id = @authorityId) ORDER BY id DESC LIMIT @limit
            """,
            new { authorityId, limit = Math.Clamp(limit, 1, 10_000) },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => new AuditEntry(r.Id, DateTimeOffset.FromUnixTimeMilliseconds(r.At), r.KeyId, r.KeyName, r.AuthorityId, r.Action, r.Target, r.Detail, r.RemoteAddress))];
    }

    private sealed class Row
    {
        public long Id { get; set; }

        public long At { get; set; }

        public string? KeyId { get; set; }

        public string? KeyName { get; set; }

        public string? AuthorityId { get; set; }

        public string Action { get; set; } = string.Empty;

        public string? Target { get; set; }

        public string? Detail { get; set; }

        public string? RemoteAddress { get; set; }
    }
}

internal sealed class AuditSchema : ISchemaPart
{
    public int Order => 1;

    public string Name => "audit";

    public IEnumerable<string> Statements(SqlDialect dialect)
    {
        yield return $"""
            CREATE TABLE IF NOT EXISTS audit_log (
                id {dialect.AutoIdPrimaryKey},
                at BIGINT NOT NULL,
                key_id TEXT NULL,
                key_name TEXT NULL,
                authority_id TEXT NULL,
                action TEXT NOT NULL,
                target TEXT NULL,
                detail TEXT NULL,
                remote_address TEXT NULL)
            """;
        yield return "CREATE INDEX IF NOT EXISTS audit_log_authority ON audit_log (authority_id, id)";
    }
}
