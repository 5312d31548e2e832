using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;
using BeAlert.Dispatch;
using Npgsql;
using NpgsqlTypes;

namespace BeAlert.Gateway.Storage;

/// <summary>
/// The scale-out <see cref="IDeliveryStore"/>: PostgreSQL, shared by several gateway instances. A write whose task
/// completed has been committed. Plans are written with binary <c>COPY</c> (one row per delivery); state changes are
/// one <c>UPDATE … FROM unnest(…)</c> per batch, whatever its size. Thread-safe; every call uses a pooled connection.
/// </summary>
/// <remarks>
/// <para>
/// Several instances, one database: each campaign is claimed by one instance at a time through a lease
/// (<c>owner</c>, <c>lease_until</c> in Unix ms from the store's <see cref="TimeProvider"/>). A campaign created here is
/// owned here; <see cref="RenewLeasesAsync"/> keeps this instance's live campaigns (Planning, Running) claimed;
/// <see cref="ClaimExpiredAsync"/> takes over live campaigns whose lease expired (<c>FOR UPDATE SKIP LOCKED</c>, so two
/// instances never claim the same one); <see cref="ReleaseLeasesAsync"/> hands them back at shutdown. Recording
/// deliveries <see cref="DeliveryState.InFlight"/> — the permission to send — is fenced: it fails with
/// <see cref="DeliveryStoreException"/> (and changes nothing) when another instance owns the campaign, so an instance
/// that lost its lease stops sending that campaign. Other writes (outcomes, receipts) are accepted from any instance.
/// </para>
/// <para>
/// Caller errors are reported like <see cref="InMemoryDeliveryStore"/> does: <see cref="KeyNotFoundException"/> for an
/// unknown campaign, <see cref="InvalidOperationException"/> for appending to a sealed plan,
/// <see cref="ArgumentException"/> for gaps, unknown sequences, wrong seal counts and values the store cannot hold.
/// A rejected batch changes nothing. Database failures are <see cref="DeliveryStoreException"/>.
/// </para>
/// </remarks>
public sealed class PostgresDeliveryStore : IDeliveryStore
{
    private const int MaxProviderIdLength = 1024;
    private const int MaxNameLength = 4096;
    private const int MaxAlertBytes = 16 * 1024 * 1024;
    private const int MaxSettingsLength = 1024 * 1024;
    private const int MaxDestinationBytes = 2048;
    private const int MaxLanguageBytes = 64;
    private const long SchemaLock = 4242002;

    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _time;
    private readonly PostgresDeliveryStoreOptions _options;
    private readonly ConcurrentDictionary<Guid, CampaignMeta> _campaigns = new();
    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private volatile bool _ready;
    private int _disposed;

    /// <summary>Creates the store; its tables are created (if missing) on first use. Use <see cref="OpenAsync"/> to create them at once.</summary>
    /// <param name="options">The settings (validated here and copied).</param>
    /// <param name="timeProvider">The clock for leases; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public PostgresDeliveryStore(PostgresDeliveryStoreOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = new PostgresDeliveryStoreOptions
        {
            ConnectionString = options.ConnectionString,
            InstanceId = options.InstanceId,
            LeaseDuration = options.LeaseDuration,
            ReadPageSize = options.ReadPageSize,
        };
        _time = timeProvider ?? TimeProvider.System;
        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        _dataSource = NpgsqlDataSource.Create(builder);
        Description = $"PostgreSQL ({builder.Host}:{builder.Port}/{builder.Database})";
    }

    /// <summary>This instance's name in campaign leases.</summary>
    public string InstanceId => _options.InstanceId;

    /// <summary>How long a claim lasts without renewal.</summary>
    public TimeSpan LeaseDuration => _options.LeaseDuration;

    /// <summary>Where the data is, without any secret.</summary>
    public string Description { get; }

    /// <summary>Creates the store and its tables (idempotent; several instances may do this at once).</summary>
    /// <param name="options">The settings.</param>
    /// <param name="timeProvider">The clock for leases.</param>
    /// <param name="cancellationToken">Stops the start.</param>
    /// <returns>The open store.</returns>
    public static async Task<PostgresDeliveryStore> OpenAsync(PostgresDeliveryStoreOptions options, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        var store = new PostgresDeliveryStore(options, timeProvider);
        try
        {
            await store.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
            return store;
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask CreateCampaignAsync(CampaignRecord campaign, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        CheckStorable(campaign);
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand(
                """
                INSERT INTO dispatch_campaign (id, name, alert_xml, channels, priority, is_simulation, created_ticks, created_offset_minutes,
                                               status, planned_count, appended_count, settings_json, owner, lease_until)
                VALUES (@id, @name, @alert, @channels, @priority, @sim, @ticks, @offset, 0, -1, 0, @settings, @owner, @lease)
                ON CONFLICT (id) DO NOTHING
                """,
                connection);
            var p = command.Parameters;
            p.AddWithValue("id", campaign.Id);
            p.AddWithValue("name", campaign.Name);
            p.AddWithValue("alert", NpgsqlDbType.Bytea, campaign.AlertXml.ToArray());
            p.AddWithValue("channels", (int)campaign.Channels);
            p.AddWithValue("priority", campaign.Priority);
            p.AddWithValue("sim", campaign.IsSimulation);
            p.AddWithValue("ticks", campaign.CreatedAt.Ticks);
            p.AddWithValue("offset", (int)campaign.CreatedAt.Offset.TotalMinutes);
            p.AddWithValue("settings", NpgsqlDbType.Text, (object?)campaign.SettingsJson ?? DBNull.Value);
            p.AddWithValue("owner", _options.InstanceId);
            p.AddWithValue("lease", LeaseUntil());
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException e)
        {
            throw Fail($"creating campaign {campaign.Id}", e);
        }
    }

    /// <inheritdoc />
    public async ValueTask AppendPlanAsync(Guid campaignId, ReadOnlyMemory<PlannedDelivery> deliveries, CancellationToken cancellationToken = default)
    {
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            long ord, appended;
            CampaignStatus status;
            await using (var select = new NpgsqlCommand("SELECT ord, status, appended_count FROM dispatch_campaign WHERE id = @id FOR UPDATE", connection, transaction))
            {
                select.Parameters.AddWithValue("id", campaignId);
                await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    throw Unknown(campaignId);
                }

                ord = reader.GetInt64(0);
                status = (CampaignStatus)reader.GetInt16(1);
                appended = reader.GetInt64(2);
            }

            if (status != CampaignStatus.Planning)
            {
                throw new InvalidOperationException($"Campaign {campaignId} is {status}: its plan is sealed.");
            }

            var next = CheckAppend(campaignId, deliveries.Span, appended, out var first);
            if (first < 0)
            {
                return;
            }

            await using (var import = await connection.BeginBinaryImportAsync(
                "COPY dispatch_delivery (campaign, seq, channel, recipient, nis, destination, language) FROM STDIN (FORMAT BINARY)",
                cancellationToken).ConfigureAwait(false))
            {
                for (var i = first; i < deliveries.Length; i++)
                {
                    var delivery = deliveries.Span[i];
                    if (delivery.Sequence < appended)
                    {
                        continue;
                    }

                    await import.StartRowAsync(cancellationToken).ConfigureAwait(false);
                    await import.WriteAsync(ord, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                    await import.WriteAsync(delivery.Sequence, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                    await import.WriteAsync((short)delivery.Channel, NpgsqlDbType.Smallint, cancellationToken).ConfigureAwait(false);
                    await import.WriteAsync(delivery.RecipientId, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                    await import.WriteAsync(delivery.MunicipalityNis, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                    await import.WriteAsync(delivery.Destination, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    await import.WriteAsync(delivery.Language, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                }

                await import.CompleteAsync(cancellationToken).ConfigureAwait(false);
            }

            await using (var update = new NpgsqlCommand("UPDATE dispatch_campaign SET appended_count = @appended WHERE ord = @ord", connection, transaction))
            {
                update.Parameters.AddWithValue("appended", next);
                update.Parameters.AddWithValue("ord", ord);
                await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            _campaigns[campaignId] = new CampaignMeta(ord, next);
        }
        catch (NpgsqlException e)
        {
            throw Fail($"appending to the plan of campaign {campaignId}", e);
        }
    }

    /// <inheritdoc />
    public async ValueTask SealPlanAsync(Guid campaignId, long plannedCount, CancellationToken cancellationToken = default)
    {
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            long appended;
            CampaignStatus status;
            await using (var select = new NpgsqlCommand("SELECT status, appended_count FROM dispatch_campaign WHERE id = @id FOR UPDATE", connection, transaction))
            {
                select.Parameters.AddWithValue("id", campaignId);
                await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    throw Unknown(campaignId);
                }

                status = (CampaignStatus)reader.GetInt16(0);
                appended = reader.GetInt64(1);
            }

            if (plannedCount != appended)
            {
                throw new ArgumentException($"Campaign {campaignId}: sealing {plannedCount} deliveries but {appended} were appended.", nameof(plannedCount));
            }

            if (status != CampaignStatus.Planning)
            {
                return;
            }

            await using (var update = new NpgsqlCommand("UPDATE dispatch_campaign SET status = 1, planned_count = @planned WHERE id = @id", connection, transaction))
            {
                update.Parameters.AddWithValue("planned", plannedCount);
                update.Parameters.AddWithValue("id", campaignId);
                await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException e)
        {
            throw Fail($"sealing the plan of campaign {campaignId}", e);
        }
    }

    /// <inheritdoc />
    public async ValueTask RecordAsync(Guid campaignId, ReadOnlyMemory<DeliveryUpdate> updates, CancellationToken cancellationToken = default)
    {
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var meta = await MetaAsync(campaignId, cancellationToken).ConfigureAwait(false);
            if (MaxSequence(updates.Span) >= meta.Appended)
            {
                // The plan may have grown on another instance (or in another call) since it was cached.
                meta = await MetaAsync(campaignId, cancellationToken, refresh: true).ConfigureAwait(false);
            }

            var fenced = CheckUpdates(campaignId, meta, updates.Span);
            if (updates.Length == 0)
            {
                return;
            }

            var folded = Fold(updates.Span);
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var batch = new NpgsqlBatch(connection);
            if (fenced)
            {
                // Locks the campaign row until the update commits, so a takeover waits for it (and sees its InFlight
                // states) or comes first (and this batch, seeing the new owner, changes nothing).
                var check = new NpgsqlBatchCommand("SELECT owner FROM dispatch_campaign WHERE ord = @ord FOR SHARE");
                check.Parameters.AddWithValue("ord", meta.Ord);
                batch.BatchCommands.Add(check);
            }

            var command = new NpgsqlBatchCommand(
                $"""
                WITH u AS (
                    SELECT * FROM unnest(@seq, @state, @error, @attempts, @dup, @provider) WITH ORDINALITY
                        AS x(seq, state, error, attempts, dup, provider, position)),
                changed AS (
                    UPDATE dispatch_delivery d
                    SET state = u.state, error = u.error, attempts = GREATEST(d.attempts, u.attempts),
                        duplicate = d.duplicate OR u.dup, provider_id = COALESCE(u.provider, d.provider_id)
                    FROM u
                    WHERE d.campaign = @ord AND d.seq = u.seq AND d.state < 3
                    {(fenced ? "AND EXISTS (SELECT 1 FROM dispatch_campaign c WHERE c.ord = @ord AND c.owner = @owner)" : string.Empty)}
                    RETURNING d.seq, d.channel, u.provider, u.position)
                INSERT INTO dispatch_provider_lookup (channel, provider_id, campaign, seq)
                SELECT DISTINCT ON (channel, provider) channel, provider, @ord, seq
                FROM changed WHERE provider IS NOT NULL ORDER BY channel, provider, position DESC
                ON CONFLICT (channel, provider_id) DO UPDATE SET campaign = excluded.campaign, seq = excluded.seq
                """);
            var p = command.Parameters;
            p.AddWithValue("ord", meta.Ord);
            p.AddWithValue("owner", _options.InstanceId);
            p.AddWithValue("seq", NpgsqlDbType.Array | NpgsqlDbType.Bigint, folded.Sequences);
            p.AddWithValue("state", NpgsqlDbType.Array | NpgsqlDbType.Smallint, folded.States);
            p.AddWithValue("error", NpgsqlDbType.Array | NpgsqlDbType.Smallint, folded.Errors);
            p.AddWithValue("attempts", NpgsqlDbType.Array | NpgsqlDbType.Integer, folded.Attempts);
            p.AddWithValue("dup", NpgsqlDbType.Array | NpgsqlDbType.Boolean, folded.Duplicates);
            p.AddWithValue("provider", NpgsqlDbType.Array | NpgsqlDbType.Text, folded.Providers);
            batch.BatchCommands.Add(command);

            await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (fenced)
            {
                var owner = await reader.ReadAsync(cancellationToken).ConfigureAwait(false) && !reader.IsDBNull(0) ? reader.GetString(0) : null;
                if (!string.Equals(owner, _options.InstanceId, StringComparison.Ordinal))
                {
                    throw new DeliveryStoreException(
                        $"Campaign {campaignId} is claimed by another gateway instance ({owner ?? "none"}); this one ({_options.InstanceId}) lost its lease and must not send it.");
                }
            }

            while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false))
            {
            }
        }
        catch (NpgsqlException e)
        {
            throw Fail($"recording deliveries of campaign {campaignId}", e);
        }
    }

    /// <inheritdoc />
    public async ValueTask SetCampaignStatusAsync(Guid campaignId, CampaignStatus status, CancellationToken cancellationToken = default)
    {
        if (!Enum.IsDefined(status))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "Not a campaign status.");
        }

        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand("UPDATE dispatch_campaign SET status = @status WHERE id = @id", connection);
            command.Parameters.AddWithValue("status", (short)status);
            command.Parameters.AddWithValue("id", campaignId);
            if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                throw Unknown(campaignId);
            }
        }
        catch (NpgsqlException e)
        {
            throw Fail($"setting the status of campaign {campaignId}", e);
        }
    }

    /// <inheritdoc />
    public async ValueTask<CampaignRecord?> GetCampaignAsync(Guid campaignId, CancellationToken cancellationToken = default)
    {
        var list = await ListAsync(" WHERE id = @id", p => p.AddWithValue("id", campaignId), cancellationToken).ConfigureAwait(false);
        return list.Count == 0 ? null : list[0];
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<CampaignRecord>> GetCampaignsAsync(CampaignStatus? status = null, CancellationToken cancellationToken = default) =>
        status is null
            ? await ListAsync(" ORDER BY ord", null, cancellationToken).ConfigureAwait(false)
            : await ListAsync(" WHERE status = @status ORDER BY ord", p => p.AddWithValue("status", (short)status.Value), cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async IAsyncEnumerable<StoredDelivery> ReadDeliveriesAsync(
        Guid campaignId,
        bool onlyUnfinished,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var meta = await MetaAsync(campaignId, cancellationToken).ConfigureAwait(false);
        var page = new List<StoredDelivery>(_options.ReadPageSize);
        for (long next = 0; ;)
        {
            // Each page continues after the last sequence read, so deliveries appended while we read are not skipped.
            cancellationToken.ThrowIfCancellationRequested();
            page.Clear();
            next = await ReadPageAsync(campaignId, meta.Ord, next, onlyUnfinished, page, cancellationToken).ConfigureAwait(false);
            if (page.Count == 0)
            {
                yield break;
            }

            foreach (var delivery in page)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return delivery;
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask<DeliveryKey?> FindByProviderMessageIdAsync(DeliveryChannel channel, string providerMessageId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(providerMessageId);
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand(
                """
                SELECT c.id, p.seq FROM dispatch_provider_lookup p JOIN dispatch_campaign c ON c.ord = p.campaign
                WHERE p.channel = @channel AND p.provider_id = @id
                """,
                connection);
            command.Parameters.AddWithValue("channel", (short)channel);
            command.Parameters.AddWithValue("id", providerMessageId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                ? new DeliveryKey(reader.GetGuid(0), reader.GetInt64(1))
                : null;
        }
        catch (NpgsqlException e)
        {
            throw Fail($"finding provider message id on {channel}", e);
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// One <c>UPDATE</c> over <c>dispatch_delivery</c> (a sequential scan: there is no index on recipients or
    /// destinations, which would slow every plan's <c>COPY</c>). The old row versions stay in the table's files until
    /// (auto)vacuum reclaims them and in the WAL until its segments are recycled; <c>SELECT</c> never returns them.
    /// </remarks>
    public async ValueTask<RecipientErasureResult> EraseRecipientAsync(RecipientErasure erasure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(erasure);
        erasure.Validate();
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand(
                """
                WITH old AS (
                    SELECT campaign, seq, state FROM dispatch_delivery
                    WHERE recipient = ANY(@recipients) OR lower(destination) = ANY(@destinations)
                    FOR UPDATE),
                erased AS (
                    UPDATE dispatch_delivery d
                    SET destination = @erasedDestination, recipient = @erasedRecipient,
                        state = CASE WHEN d.state <= 1 THEN 5 ELSE d.state END
                    FROM old WHERE d.campaign = old.campaign AND d.seq = old.seq
                    RETURNING d.campaign, d.seq, old.state AS old_state)
                SELECT c.id, e.seq, e.old_state, c.ord FROM erased e JOIN dispatch_campaign c ON c.ord = e.campaign
                """,
                connection);
            var p = command.Parameters;
            p.AddWithValue("recipients", NpgsqlDbType.Array | NpgsqlDbType.Bigint, erasure.RecipientIds.ToArray());
            p.AddWithValue("destinations", NpgsqlDbType.Array | NpgsqlDbType.Text, erasure.Destinations.Select(d => d.ToLowerInvariant()).ToArray());
            p.AddWithValue("erasedDestination", RecipientErasure.ErasedDestination);
            p.AddWithValue("erasedRecipient", RecipientErasure.ErasedRecipientId);
            var campaigns = new SortedDictionary<long, Guid>();
            var cancelled = new List<DeliveryKey>();
            long erased = 0;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var id = reader.GetGuid(0);
                campaigns[reader.GetInt64(3)] = id;
                erased++;
                if (((DeliveryState)reader.GetInt16(2)).NeedsSending())
                {
                    cancelled.Add(new DeliveryKey(id, reader.GetInt64(1)));
                }
            }

            return new RecipientErasureResult([.. campaigns.Values], erased, cancelled);
        }
        catch (NpgsqlException e)
        {
            throw Fail("erasing a recipient", e);
        }
    }

    /// <inheritdoc />
    public async ValueTask RedactCampaignAlertAsync(Guid campaignId, ReadOnlyMemory<byte> alertXml, CancellationToken cancellationToken = default)
    {
        if (alertXml.Length > MaxAlertBytes)
        {
            throw new ArgumentException($"Campaign {campaignId}: the alert is larger than {MaxAlertBytes} bytes.", nameof(alertXml));
        }

        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand(
                """
                WITH c AS (SELECT ord, status FROM dispatch_campaign WHERE id = @id FOR UPDATE),
                done AS (UPDATE dispatch_campaign d SET alert_xml = @alert FROM c WHERE d.ord = c.ord AND c.status IN (2, 3) RETURNING d.ord)
                SELECT c.status, (SELECT count(*) FROM done) FROM c
                """,
                connection);
            command.Parameters.AddWithValue("id", campaignId);
            command.Parameters.AddWithValue("alert", NpgsqlDbType.Bytea, alertXml.ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                throw Unknown(campaignId);
            }

            if (reader.GetInt64(1) == 0)
            {
                throw new InvalidOperationException($"Campaign {campaignId} is {(CampaignStatus)reader.GetInt16(0)}: it needs its alert to resume.");
            }
        }
        catch (NpgsqlException e)
        {
            throw Fail($"redacting campaign {campaignId}", e);
        }
    }

    /// <summary>
    /// Takes over the live campaigns (Planning or Running) whose lease has expired: their instance died or stopped
    /// renewing. Rows another instance is claiming at the same moment are skipped (<c>FOR UPDATE SKIP LOCKED</c>), so
    /// each campaign goes to exactly one instance. The caller then resumes each (<see cref="DispatchEngine.ResumeCampaignAsync"/>):
    /// a Running one is sent on, one left in Planning is cancelled (nothing of it was sent).
    /// </summary>
    /// <param name="cancellationToken">Stops the claim.</param>
    /// <returns>The campaigns now owned by this instance, oldest first.</returns>
    public async Task<IReadOnlyList<Guid>> ClaimExpiredAsync(CancellationToken cancellationToken = default)
    {
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand(
                """
                WITH expired AS (
                    SELECT ord FROM dispatch_campaign
                    WHERE status IN (0, 1) AND lease_until < @now
                    ORDER BY ord
                    FOR UPDATE SKIP LOCKED)
                UPDATE dispatch_campaign c SET owner = @owner, lease_until = @lease
                FROM expired WHERE c.ord = expired.ord
                RETURNING c.ord, c.id
                """,
                connection);
            command.Parameters.AddWithValue("now", _time.GetUtcNow().ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("owner", _options.InstanceId);
            command.Parameters.AddWithValue("lease", LeaseUntil());
            var claimed = new List<(long Ord, Guid Id)>();
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    claimed.Add((reader.GetInt64(0), reader.GetGuid(1)));
                }
            }

            return [.. claimed.OrderBy(c => c.Ord).Select(c => c.Id)];
        }
        catch (NpgsqlException e)
        {
            throw Fail("claiming campaigns whose lease expired", e);
        }
    }

    /// <summary>Extends the lease of every live campaign this instance owns. Call it several times per <see cref="LeaseDuration"/>.</summary>
    /// <param name="cancellationToken">Stops the renewal.</param>
    /// <returns>How many campaigns are held.</returns>
    public async Task<int> RenewLeasesAsync(CancellationToken cancellationToken = default)
    {
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand("UPDATE dispatch_campaign SET lease_until = @lease WHERE owner = @owner AND status IN (0, 1)", connection);
            command.Parameters.AddWithValue("lease", LeaseUntil());
            command.Parameters.AddWithValue("owner", _options.InstanceId);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException e)
        {
            throw Fail("renewing campaign leases", e);
        }
    }

    /// <summary>Ends this instance's leases at once (graceful shutdown), so other instances take its live campaigns over without waiting.</summary>
    /// <param name="cancellationToken">Stops the release.</param>
    /// <returns>How many campaigns were released.</returns>
    public async Task<int> ReleaseLeasesAsync(CancellationToken cancellationToken = default)
    {
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand("UPDATE dispatch_campaign SET lease_until = 0 WHERE owner = @owner AND status IN (0, 1)", connection);
            command.Parameters.AddWithValue("owner", _options.InstanceId);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException e)
        {
            throw Fail("releasing campaign leases", e);
        }
    }

    /// <summary>The instance that holds a campaign and until when (Unix ms), for operations and tests.</summary>
    /// <param name="campaignId">The campaign.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <returns>The owner and lease end, or <see langword="null"/> when the campaign is unknown.</returns>
    public async Task<(string? Owner, DateTimeOffset LeaseUntil)?> GetLeaseAsync(Guid campaignId, CancellationToken cancellationToken = default)
    {
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT owner, lease_until FROM dispatch_campaign WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", campaignId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? (reader.IsDBNull(0) ? null : reader.GetString(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)))
            : null;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _dataSource.DisposeAsync().ConfigureAwait(false);
        _schemaGate.Dispose();
    }

    /// <summary>Checks a batch against the stored plan: the first new delivery's index (-1 when all are replays) and the next sequence after it.</summary>
    private static long CheckAppend(Guid campaignId, ReadOnlySpan<PlannedDelivery> deliveries, long appended, out int first)
    {
        var next = appended;
        first = -1;
        for (var i = 0; i < deliveries.Length; i++)
        {
            ref readonly var delivery = ref deliveries[i];
            if (delivery.Sequence < next)
            {
                continue; // replayed: already stored
            }

            if (delivery.Sequence != next)
            {
                throw new ArgumentException($"Campaign {campaignId}: sequence {delivery.Sequence} leaves a gap (next expected {next}).", nameof(deliveries));
            }

            CheckStorable(delivery, campaignId, nameof(deliveries));
            if (first < 0)
            {
                first = i;
            }

            next++;
        }

        return next;
    }

    /// <summary>Checks every update (nothing is written when one is wrong); returns whether the batch gives permission to send (InFlight).</summary>
    private static bool CheckUpdates(Guid campaignId, CampaignMeta meta, ReadOnlySpan<DeliveryUpdate> updates)
    {
        var fenced = false;
        foreach (ref readonly var update in updates)
        {
            CheckUpdate(campaignId, meta, update, nameof(updates));
            fenced |= update.State == DeliveryState.InFlight;
        }

        return fenced;
    }

    private static long MaxSequence(ReadOnlySpan<DeliveryUpdate> updates)
    {
        var max = -1L;
        foreach (ref readonly var update in updates)
        {
            max = update.Sequence < 0 ? long.MaxValue : Math.Max(max, update.Sequence);
            if (max == long.MaxValue)
            {
                break;
            }
        }

        return max;
    }

    private static void CheckStorable(CampaignRecord campaign)
    {
        if (campaign.Name is null || campaign.Name.Length > MaxNameLength || campaign.Name.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Campaign {campaign.Id}: the name must be present, without NUL characters, and at most {MaxNameLength} characters.", nameof(campaign));
        }

        if (campaign.AlertXml.Length > MaxAlertBytes)
        {
            throw new ArgumentException($"Campaign {campaign.Id}: the alert is larger than {MaxAlertBytes} bytes.", nameof(campaign));
        }

        if (campaign.SettingsJson is { } settings && (settings.Length > MaxSettingsLength || settings.Contains('\0', StringComparison.Ordinal)))
        {
            throw new ArgumentException($"Campaign {campaign.Id}: the settings are longer than {MaxSettingsLength} characters or hold NUL characters.", nameof(campaign));
        }
    }

    private static void CheckStorable(in PlannedDelivery delivery, Guid campaignId, string paramName)
    {
        if (delivery.Destination is null || delivery.Language is null)
        {
            throw new ArgumentException($"Campaign {campaignId}: delivery {delivery.Sequence} has no destination or language.", paramName);
        }

        if (Encoding.UTF8.GetByteCount(delivery.Destination) > MaxDestinationBytes || delivery.Destination.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Campaign {campaignId}: delivery {delivery.Sequence} has a destination longer than {MaxDestinationBytes} bytes or with NUL characters.", paramName);
        }

        if (Encoding.UTF8.GetByteCount(delivery.Language) > MaxLanguageBytes || delivery.Language.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Campaign {campaignId}: delivery {delivery.Sequence} has a language longer than {MaxLanguageBytes} bytes or with NUL characters.", paramName);
        }
    }

    private static void CheckUpdate(Guid campaignId, CampaignMeta meta, in DeliveryUpdate update, string paramName)
    {
        if ((ulong)update.Sequence >= (ulong)meta.Appended)
        {
            throw new ArgumentException($"Campaign {campaignId}: no delivery {update.Sequence}.", paramName);
        }

        if (update.State > DeliveryState.Skipped)
        {
            throw new ArgumentException($"Campaign {campaignId}: delivery {update.Sequence} has an undefined state {(int)update.State}.", paramName);
        }

        if (update.Attempts < 0)
        {
            throw new ArgumentException($"Campaign {campaignId}: delivery {update.Sequence} has negative attempts.", paramName);
        }

        if (update.ProviderMessageId is { } provider && (provider.Length > MaxProviderIdLength || provider.Contains('\0', StringComparison.Ordinal)))
        {
            throw new ArgumentException(
                $"Campaign {campaignId}: delivery {update.Sequence} has a provider message id over {MaxProviderIdLength} characters or with NUL characters.", paramName);
        }
    }

    /// <summary>
    /// Several updates of one delivery in a batch become one, as if applied in order: the first final state ends the
    /// run (later ones are ignored, as the store ignores updates of a final delivery), attempts keep the maximum, the
    /// duplicate flag sticks, the last provider id given wins.
    /// </summary>
    private static Folded Fold(ReadOnlySpan<DeliveryUpdate> updates)
    {
        var index = new Dictionary<long, int>(updates.Length);
        var list = new List<DeliveryUpdate>(updates.Length);
        var closed = new List<bool>(updates.Length);
        foreach (ref readonly var update in updates)
        {
            if (!index.TryGetValue(update.Sequence, out var at))
            {
                index.Add(update.Sequence, list.Count);
                list.Add(update);
                closed.Add(update.State.IsFinal());
                continue;
            }

            if (closed[at])
            {
                continue;
            }

            var current = list[at];
            list[at] = new DeliveryUpdate(
                update.Sequence,
                update.State,
                update.Error,
                Math.Max(current.Attempts, update.Attempts),
                update.ProviderMessageId ?? current.ProviderMessageId,
                current.IsPossibleDuplicate || update.IsPossibleDuplicate);
            closed[at] = update.State.IsFinal();
        }

        var n = list.Count;
        var folded = new Folded(new long[n], new short[n], new short[n], new int[n], new bool[n], new string?[n]);
        for (var i = 0; i < n; i++)
        {
            var u = list[i];
            folded.Sequences[i] = u.Sequence;
            folded.States[i] = (short)u.State;
            folded.Errors[i] = (short)u.Error;
            folded.Attempts[i] = u.Attempts;
            folded.Duplicates[i] = u.IsPossibleDuplicate;
            folded.Providers[i] = u.ProviderMessageId;
        }

        return folded;
    }

    private static KeyNotFoundException Unknown(Guid campaignId) => new($"No campaign {campaignId} in this store.");

    private long LeaseUntil() => (_time.GetUtcNow() + _options.LeaseDuration).ToUnixTimeMilliseconds();

    private DeliveryStoreException Fail(string what, NpgsqlException e) =>
        new($"The delivery store ({Description}) failed {what}: {e.Message}", e);

    private async ValueTask<CampaignMeta> MetaAsync(Guid campaignId, CancellationToken cancellationToken, bool refresh = false)
    {
        if (!refresh && _campaigns.TryGetValue(campaignId, out var cached))
        {
            return cached;
        }

        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand("SELECT ord, appended_count FROM dispatch_campaign WHERE id = @id", connection);
            command.Parameters.AddWithValue("id", campaignId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                throw Unknown(campaignId);
            }

            var meta = new CampaignMeta(reader.GetInt64(0), reader.GetInt64(1));
            return _campaigns.AddOrUpdate(campaignId, meta, (_, old) => old.Appended >= meta.Appended ? old : meta);
        }
        catch (NpgsqlException e)
        {
            throw Fail($"reading campaign {campaignId}", e);
        }
    }

    private async Task<long> ReadPageAsync(Guid campaignId, long ord, long from, bool onlyUnfinished, List<StoredDelivery> page, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand(
                """
                SELECT seq, channel, recipient, destination, language, nis, state, error, attempts, provider_id, duplicate
                FROM dispatch_delivery
                WHERE campaign = @ord AND seq >= @from AND (NOT @unfinished OR state < 3)
                ORDER BY seq LIMIT @limit
                """,
                connection);
            command.Parameters.AddWithValue("ord", ord);
            command.Parameters.AddWithValue("from", from);
            command.Parameters.AddWithValue("unfinished", onlyUnfinished);
            command.Parameters.AddWithValue("limit", _options.ReadPageSize);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var next = from;
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var sequence = reader.GetInt64(0);
                var planned = new PlannedDelivery(sequence, (DeliveryChannel)reader.GetInt16(1), reader.GetInt64(2), reader.GetString(3), reader.GetString(4), reader.GetInt32(5));
                page.Add(new StoredDelivery(
                    planned,
                    (DeliveryState)reader.GetInt16(6),
                    (DeliveryError)reader.GetInt16(7),
                    reader.GetInt32(8),
                    reader.IsDBNull(9) ? null : reader.GetString(9),
                    reader.GetBoolean(10)));
                next = sequence + 1;
            }

            return next;
        }
        catch (NpgsqlException e)
        {
            throw Fail($"reading the deliveries of campaign {campaignId}", e);
        }
    }

    private async Task<List<CampaignRecord>> ListAsync(string where, Action<NpgsqlParameterCollection>? parameters, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand(
                """
                SELECT id, name, alert_xml, channels, priority, is_simulation, created_ticks, created_offset_minutes,
                       status, planned_count, settings_json
                FROM dispatch_campaign
                """ + where,
                connection);
            parameters?.Invoke(command.Parameters);
            var list = new List<CampaignRecord>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                list.Add(new CampaignRecord(
                    reader.GetGuid(0),
                    reader.GetString(1),
                    reader.GetFieldValue<byte[]>(2),
                    (DeliveryChannels)reader.GetInt32(3),
                    reader.GetInt32(4),
                    reader.GetBoolean(5),
                    new DateTimeOffset(reader.GetInt64(6), TimeSpan.FromMinutes(reader.GetInt32(7))))
                {
                    Status = (CampaignStatus)reader.GetInt16(8),
                    PlannedCount = reader.GetInt64(9),
                    SettingsJson = reader.IsDBNull(10) ? null : reader.GetString(10),
                });
            }

            return list;
        }
        catch (NpgsqlException e)
        {
            throw Fail("listing campaigns", e);
        }
    }

    private async ValueTask EnsureReadyAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_ready)
        {
            return;
        }

        await _schemaGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_ready)
            {
                return;
            }

            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (var command = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({SchemaLock}); " + PostgresDeliverySchema.Create, connection, transaction))
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            _ready = true;
        }
        catch (NpgsqlException e)
        {
            throw Fail("creating its tables", e);
        }
        finally
        {
            _schemaGate.Release();
        }
    }

    private readonly record struct CampaignMeta(long Ord, long Appended);

    private sealed record Folded(long[] Sequences, short[] States, short[] Errors, int[] Attempts, bool[] Duplicates, string?[] Providers);
}

/// <summary>The PostgreSQL delivery store's tables (created by the store itself, idempotently).</summary>
internal static class PostgresDeliverySchema
{
    /// <summary>
    /// <c>dispatch_campaign</c>: one row per campaign; <c>ord</c> keys the rest and orders campaigns oldest first;
    /// <c>owner</c>/<c>lease_until</c> say which gateway instance runs it. <c>dispatch_delivery</c>: one row per planned
    /// delivery with its latest state; no index on the state columns, and a fill factor that leaves room on each page,
    /// so state updates are HOT (heap-only) and touch no index. <c>dispatch_provider_lookup</c>: the peers' message ids,
    /// to match receipts.
    /// </summary>
    public const string Create = """
        CREATE TABLE IF NOT EXISTS dispatch_campaign (
            ord BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            id UUID NOT NULL UNIQUE,
            name TEXT NOT NULL,
            alert_xml BYTEA NOT NULL,
            channels INTEGER NOT NULL,
            priority INTEGER NOT NULL,
            is_simulation BOOLEAN NOT NULL,
            created_ticks BIGINT NOT NULL,
            created_offset_minutes INTEGER NOT NULL,
            status SMALLINT NOT NULL,
            planned_count BIGINT NOT NULL,
            appended_count BIGINT NOT NULL,
            settings_json TEXT NULL,
            owner TEXT NULL,
            lease_until BIGINT NOT NULL DEFAULT 0);
        CREATE INDEX IF NOT EXISTS dispatch_campaign_live ON dispatch_campaign (lease_until) WHERE status IN (0, 1);
        CREATE TABLE IF NOT EXISTS dispatch_delivery (
            campaign BIGINT NOT NULL,
            seq BIGINT NOT NULL,
            channel SMALLINT NOT NULL,
            state SMALLINT NOT NULL DEFAULT 0,
            error SMALLINT NOT NULL DEFAULT 0,
            nis INTEGER NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            recipient BIGINT NOT NULL,
            duplicate BOOLEAN NOT NULL DEFAULT FALSE,
            destination TEXT NOT NULL,
            language TEXT NOT NULL,
            provider_id TEXT NULL,
            PRIMARY KEY (campaign, seq)) WITH (fillfactor = 70);
        CREATE TABLE IF NOT EXISTS dispatch_provider_lookup (
            channel SMALLINT NOT NULL,
            provider_id TEXT NOT NULL,
            campaign BIGINT NOT NULL,
            seq BIGINT NOT NULL,
            PRIMARY KEY (channel, provider_id));
        """;
}
