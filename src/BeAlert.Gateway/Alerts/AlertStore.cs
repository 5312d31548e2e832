using System.Globalization;
using BeAlert.Cap;
using BeAlert.Gateway.Audit;
using BeAlert.Gateway.Storage;
using Dapper;

namespace BeAlert.Gateway.Alerts;

/// <summary>Why an insert did not happen.</summary>
internal enum InsertOutcome
{
    Inserted,
    Duplicate,
    ReferenceProblem,
}

/// <summary>The result of <see cref="AlertStore.InsertAsync"/>: the stored row and the rows whose state it changed, or why not.</summary>
internal sealed record InsertResult(InsertOutcome Outcome, StoredAlert? Alert, IReadOnlyList<long> Deactivated, IReadOnlyList<CapDiagnostic> Problems);

/// <summary>
/// The <c>alerts</c> table. An insert is one short transaction: the new row (refused on a duplicate sender and
/// identifier), then for an Update or Cancel the referenced rows, which must exist, belong to the same authority and
/// carry the referenced <c>sent</c>, and change state; and the audit row ("alert.posted"), so that one commit makes
/// the alert and its audit trail durable together. On SQLite the transaction waits for the process's writer turn
/// (<see cref="GatewayDatabase.EnterWriterAsync"/>) instead of meeting SQLite's busy handler.
/// </summary>
internal sealed class AlertStore(GatewayDatabase database, AuditLog audit, IEnumerable<IAlertCommitHook>? hooks = null)
{
    /// <summary>The audit action of a stored alert.</summary>
    public const string PostedAction = "alert.posted";

    private const string Columns =
        "sequence, identifier, sender, authority_id AS AuthorityId, received_at AS ReceivedAt, expires, municipalities, nationwide, state, simulation, raw";

    public async Task<InsertResult> InsertAsync(StoredAlert alert, AuditActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var cap = alert.Alert;
        var keyId = actor.KeyId;
        var raw = alert.Raw.ToArray();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var writer = await database.EnterWriterAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // A plain duplicate is refused before the insert: on PostgreSQL an INSERT … ON CONFLICT DO NOTHING still
        // consumes a sequence number, a gap that every instance's AlertFollower would wait for.
        var exists = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT sequence FROM alerts WHERE sender = @sender AND identifier = @identifier",
            new { sender = cap.Sender, identifier = cap.Identifier },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (exists is not null)
        {
            return new InsertResult(InsertOutcome.Duplicate, null, [], []);
        }

        var sequence = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            """
            INSERT INTO alerts (identifier, sender, sent, authority_id, key_id, received_at, expires, status, msg_type, scope,
                                municipalities, nationwide, refs, state, simulation, raw)
            VALUES (@identifier, @sender, @sent, @authorityId, @keyId, @receivedAt, @expires, @status, @msgType, @scope,
                    @municipalities, @nationwide, @refs, @state, @simulation, @raw)
            ON CONFLICT (sender, identifier) DO NOTHING
            RETURNING sequence
            """,
            new
            {
                identifier = cap.Identifier,
                sender = cap.Sender,
                sent = cap.Sent.Value.ToUnixTimeMilliseconds(),
                authorityId = alert.AuthorityId,
                keyId,
                receivedAt = alert.ReceivedAt.ToUnixTimeMilliseconds(),
                expires = alert.Expires.ToUnixTimeMilliseconds(),
                status = cap.Status.ToString(),
                msgType = cap.MsgType.ToString(),
                scope = cap.Scope.ToString(),
                municipalities = string.Join(',', alert.Municipalities),
                nationwide = alert.Nationwide ? 1 : 0,
                refs = cap.References.Count == 0 ? null : string.Join(' ', cap.References),
                state = alert.State.ToString(),
                simulation = alert.Simulation ? 1 : 0,
                raw,
            },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (sequence is null)
        {
            return new InsertResult(InsertOutcome.Duplicate, null, [], []);
        }

        var deactivated = new List<long>();
        var problems = new List<CapDiagnostic>();
        if (cap.MsgType is CapMessageType.Update or CapMessageType.Cancel)
        {
            var newState = cap.MsgType == CapMessageType.Update ? AlertState.Updated : AlertState.Cancelled;
            for (var r = 0; r < cap.References.Count; r++)
            {
                var reference = cap.References[r];
                var path = "/alert/references";
                var target = await connection.QuerySingleOrDefaultAsync<ReferenceRow>(new CommandDefinition(
                    "SELECT sequence, authority_id AS AuthorityId, sent, state FROM alerts WHERE sender = @sender AND identifier = @identifier",
                    new { sender = reference.Sender, identifier = reference.Identifier },
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                if (target is null)
                {
                    problems.Add(new CapDiagnostic(AlertProblemCodes.ReferenceNotFound, CapDiagnosticSeverity.Error, $"Reference {r + 1} ({reference}) names no alert stored here; an {cap.MsgType} must reference alerts posted to this gateway.", path));
                }
                else if (!string.Equals(target.AuthorityId, alert.AuthorityId, StringComparison.Ordinal))
                {
                    problems.Add(new CapDiagnostic(AlertProblemCodes.ReferenceOtherAuthority, CapDiagnosticSeverity.Error, $"Reference {r + 1} ({reference}) names an alert of another authority; you may update or cancel only your own alerts.", path));
                }
                else if (target.Sent != reference.Sent.Value.ToUnixTimeMilliseconds())
                {
                    problems.Add(new CapDiagnostic(AlertProblemCodes.ReferenceSentMismatch, CapDiagnosticSeverity.Error, $"Reference {r + 1} ({reference}) has a sent time that differs from the stored alert's; copy the triple sender,identifier,sent exactly.", path));
                }
                else if (target.State == nameof(AlertState.Active) || (newState == AlertState.Cancelled && target.State == nameof(AlertState.Updated)))
                {
                    await connection.ExecuteAsync(new CommandDefinition(
                        "UPDATE alerts SET state = @state WHERE sequence = @sequence",
                        new { state = newState.ToString(), sequence = target.Sequence },
                        transaction,
                        cancellationToken: cancellationToken)).ConfigureAwait(false);
                    deactivated.Add(target.Sequence);
                }
            }

            if (cap.References.Count == 0)
            {
                problems.Add(new CapDiagnostic(AlertProblemCodes.ReferencesMissing, CapDiagnosticSeverity.Error, $"An {cap.MsgType} must reference the alert(s) it replaces, as sender,identifier,sent triples.", "/alert/references"));
            }
        }

        if (problems.Count > 0)
        {
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            return new InsertResult(InsertOutcome.ReferenceProblem, null, [], problems);
        }

        await audit.RecordAsync(transaction, actor, PostedAction, $"{cap.Sender},{cap.Identifier}", PostedDetail(sequence.Value, cap, alert.State, alert.Simulation), cancellationToken).ConfigureAwait(false);
        foreach (var hook in hooks ?? [])
        {
            await hook.OnStoringAsync(transaction, alert, actor, cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        foreach (var hook in hooks ?? [])
        {
            hook.OnStored(alert);
        }

        return new InsertResult(InsertOutcome.Inserted, new StoredAlert
        {
            Sequence = sequence.Value,
            Alert = cap,
            Raw = alert.Raw,
            AuthorityId = alert.AuthorityId,
            ReceivedAt = alert.ReceivedAt,
            Expires = alert.Expires,
            Municipalities = alert.Municipalities,
            Nationwide = alert.Nationwide,
            Simulation = alert.Simulation,
            State = alert.State,
        }, deactivated, []);
    }

    /// <summary>Every stored message with this identifier (one per sender), oldest first.</summary>
    public async Task<IReadOnlyList<StoredAlert>> FindAsync(string identifier, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM alerts WHERE identifier = @identifier ORDER BY sequence",
            new { identifier },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToStoredAlert())];
    }

    /// <summary>The newest messages, optionally of one authority and only the active ones.</summary>
    public async Task<IReadOnlyList<StoredAlert>> ListAsync(string? authorityId, bool activeOnly, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM alerts
            WHERE (@authorityId IS NULL OR authority_id = @authorityId) AND (@activeOnly = 0 OR state = 'Active')
            ORDER BY sequence DESC LIMIT @limit
            """,
            new { authorityId, activeOnly = activeOnly ? 1 : 0, limit },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToStoredAlert())];
    }

    /// <summary>The messages after an SSE event id, oldest first (for Last-Event-ID resume).</summary>
    public async Task<IReadOnlyList<StoredAlert>> ListAfterAsync(long sequence, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM alerts WHERE sequence > @sequence AND simulation = 0 AND scope = 'Public' ORDER BY sequence LIMIT @limit",
            new { sequence, limit },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToStoredAlert())];
    }

    /// <summary>One stored message by sequence, or null.</summary>
    public async Task<StoredAlert?> GetAsync(long sequence, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM alerts WHERE sequence = @sequence", new { sequence }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToStoredAlert();
    }

    /// <summary>The highest sequence stored (0 when none).</summary>
    public async Task<long> MaxSequenceAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COALESCE(MAX(sequence), 0) FROM alerts", cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>
    /// For <see cref="AlertFollower"/>: every message (any scope, any state as it is now) above <paramref name="after"/>
    /// or among the <paramref name="missing"/> sequences, oldest first, at most <paramref name="limit"/>.
    /// </summary>
    public async Task<IReadOnlyList<StoredAlert>> FollowAsync(long after, IReadOnlyCollection<long> missing, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(missing);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var sql = missing.Count == 0
            ? $"SELECT {Columns} FROM alerts WHERE sequence > @after ORDER BY sequence LIMIT @limit"
            : database.Dialect.Provider == StorageProvider.Sqlite
                ? $"SELECT {Columns} FROM alerts WHERE sequence > @after OR sequence IN @missing ORDER BY sequence LIMIT @limit"
                : $"SELECT {Columns} FROM alerts WHERE sequence > @after OR sequence = ANY(@missing) ORDER BY sequence LIMIT @limit"; // Dapper passes arrays natively to Npgsql
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            sql,
            new { after, missing = missing.Take(1_000).ToArray(), limit },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToStoredAlert())];
    }

    /// <summary>The active messages, for rebuilding the in-memory set at start.</summary>
    public async Task<IReadOnlyList<StoredAlert>> LoadActiveAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM alerts WHERE state = 'Active' ORDER BY sequence",
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToStoredAlert())];
    }

    /// <summary>Marks active messages whose time is up as expired; returns how many.</summary>
    public async Task<int> ExpireAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE alerts SET state = 'Expired' WHERE state = 'Active' AND expires <= @now",
            new { now = now.ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    internal static string PostedDetail(long sequence, CapAlert cap, AlertState state, bool simulation) =>
        $"sequence {sequence}, {cap.MsgType}, {cap.Scope}, state {state}" + (simulation ? ", simulation" : string.Empty);

    internal static IReadOnlyList<int> ParseCodes(string? codes) =>
        string.IsNullOrEmpty(codes) ? [] : [.. codes.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(c => int.Parse(c, CultureInfo.InvariantCulture))];

    private sealed class ReferenceRow
    {
        public long Sequence { get; set; }

        public string AuthorityId { get; set; } = string.Empty;

        public long Sent { get; set; }

        public string State { get; set; } = string.Empty;
    }

    private sealed class Row
    {
        public long Sequence { get; set; }

        public string Identifier { get; set; } = string.Empty;

        public string Sender { get; set; } = string.Empty;

        public string AuthorityId { get; set; } = string.Empty;

        public long ReceivedAt { get; set; }

        public long Expires { get; set; }

        public string Municipalities { get; set; } = string.Empty;

        public long Nationwide { get; set; }

        public string State { get; set; } = string.Empty;

        public long Simulation { get; set; }

        public byte[] Raw { get; set; } = [];

        /// <summary>The raw bytes were accepted by the strict parser once; a lenient re-read cannot fail on them.</summary>
        public StoredAlert ToStoredAlert() => new()
        {
            Sequence = Sequence,
            Alert = CapParser.Lenient.Parse(Raw).Alert,
            Raw = Raw,
            AuthorityId = AuthorityId,
            ReceivedAt = DateTimeOffset.FromUnixTimeMilliseconds(ReceivedAt),
            Expires = DateTimeOffset.FromUnixTimeMilliseconds(Expires),
            Municipalities = ParseCodes(Municipalities),
            Nationwide = Nationwide != 0,
            Simulation = Simulation != 0,
            State = Enum.Parse<AlertState>(State),
        };
    }
}

/// <summary>The gateway's own diagnostic codes for CAP messages (beside the library's CAPxxxx codes).</summary>
public static class AlertProblemCodes
{
    /// <summary>An Update or Cancel references no stored alert.</summary>
    public const string ReferenceNotFound = "GWA001";

    /// <summary>An Update or Cancel references another authority's alert.</summary>
    public const string ReferenceOtherAuthority = "GWA002";

    /// <summary>The referenced sent time differs from the stored alert's.</summary>
    public const string ReferenceSentMismatch = "GWA003";

    /// <summary>An Update or Cancel without references.</summary>
    public const string ReferencesMissing = "GWA004";

    /// <summary>The request body is larger than BeAlert:Limits:MaxAlertBytes.</summary>
    public const string TooLarge = "GWA010";
}
