using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace BeAlert.Dispatch;

/// <summary>
/// The embedded durable <see cref="IDeliveryStore"/>: one SQLite file in WAL mode. A write whose task completed has
/// been committed to the WAL, so it survives a crash of the process (kill -9); with
/// <see cref="SqliteSynchronousMode.Full"/> it also survives power loss. Thread-safe: writes are serialised on one
/// writer connection; reads use their own pooled connections and never wait for the writer.
/// </summary>
/// <remarks>
/// <para>
/// Built for national campaigns (tens of millions of deliveries, each changing state several times): the plan is kept
/// as compact segments of consecutive deliveries, and the states of each chunk of <see cref="SqliteDeliveryStoreOptions.ChunkSize"/>
/// deliveries as four bytes per delivery in one row that a batch rewrites once, however many of its deliveries it
/// changes. A batch therefore costs a few row writes rather than one per delivery. Provider message ids go to an
/// indexed side table (fine for the hundreds per second a real peer returns; slow if every delivery carries one).
/// </para>
/// <para>
/// Caller errors are reported like <see cref="InMemoryDeliveryStore"/> does: <see cref="KeyNotFoundException"/> for an
/// unknown campaign, <see cref="InvalidOperationException"/> for appending to a sealed plan,
/// <see cref="ArgumentException"/> for gaps, unknown sequences, wrong seal counts and values the store cannot hold
/// (a missing destination or language, a destination over 2,048 UTF-8 bytes, a language over 64, a provider id over
/// 1,024 characters, a campaign name over 4,096 characters, an alert over 16 MiB, settings over 1 MiB, negative
/// attempts, an undefined state). Unlike the in-memory store, a rejected batch changes nothing. Problems with the file
/// or the database (foreign or damaged file, newer schema, file locked by another process, disk errors) are
/// <see cref="DeliveryStoreException"/>.
/// </para>
/// </remarks>
public sealed class SqliteDeliveryStore : IDeliveryStore
{
    private const int MaxProviderIdLength = 1024;
    private const int MaxNameLength = 4096;
    private const int MaxAlertBytes = 16 * 1024 * 1024;
    private const int MaxSettingsLength = 1024 * 1024;
    private const byte DuplicateBit = 0x80;
    private const byte StateMask = 0x7F;
    private const byte AttemptsOverflow = 255;

    private readonly string _path;
    private readonly string _readerConnectionString;
    private readonly SqliteConnection _writer;
    private readonly FileStream _lockFile;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly ConcurrentDictionary<Guid, CampaignMeta> _campaigns = new();
    private readonly StatusChunkCache _cache;
    private readonly int _chunkSize;
    private readonly int _chunkShift;
    private readonly long _chunkMask;

    // Writer scratch, used only under _writeGate.
    private readonly Dictionary<(long Ord, long Chunk), byte[]> _working = [];
    private readonly Dictionary<(long Ord, long Sequence), int> _overflowWrites = [];
    private readonly ConcurrentQueue<PendingRecord> _pendingRecords = new();
    private readonly List<PendingRecord> _recordGroup = [];
    private readonly List<PlannedDelivery> _fresh = [];
    private readonly ArrayBufferWriter<byte> _segmentBuffer = new(64 * 1024);
    private readonly Dictionary<string, int> _languageScratch = new(StringComparer.Ordinal);
    private readonly WriterCommands _commands;
    private bool _disposed;

    private SqliteDeliveryStore(string path, string readerConnectionString, SqliteConnection writer, FileStream lockFile, int chunkSize, int cachedChunks)
    {
        _path = path;
        _readerConnectionString = readerConnectionString;
        _writer = writer;
        _lockFile = lockFile;
        _chunkSize = chunkSize;
        _chunkShift = System.Numerics.BitOperations.Log2((uint)chunkSize);
        _chunkMask = chunkSize - 1;
        _cache = new StatusChunkCache(cachedChunks);
        _commands = new WriterCommands(writer);
    }

    /// <summary>The full path of the database file.</summary>
    public string Path => _path;

    /// <summary>Deliveries per chunk in this file (fixed when it was created).</summary>
    public int ChunkSize => _chunkSize;

    /// <summary>
    /// Opens the store at <see cref="SqliteDeliveryStoreOptions.Path"/>, creating the file and its schema when it does
    /// not exist or is empty, and takes an exclusive lock on it for this process (a <c>.lock</c> file beside it).
    /// </summary>
    /// <param name="options">The settings, validated here.</param>
    /// <returns>The open store; dispose it to release the file.</returns>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="DeliveryStoreException">
    /// The file is not a SQLite database, is a database of something else, has a newer schema, is damaged, or is open
    /// in another process; or SQLite could not open it.
    /// </exception>
    public static SqliteDeliveryStore Open(SqliteDeliveryStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var path = System.IO.Path.GetFullPath(options.Path);
        CheckHeader(path);
        var lockFile = AcquireLock(path);
        SqliteConnection? writer = null;
        try
        {
            var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false };
            writer = new SqliteConnection(builder.ToString());
            writer.Open();
            var chunkSize = PrepareSchema(writer, path, options);
            builder.Mode = SqliteOpenMode.ReadWrite;
            builder.Pooling = true;
            var store = new SqliteDeliveryStore(path, builder.ToString(), writer, lockFile, chunkSize, options.CachedChunks);
            store.LoadCampaigns();
            return store;
        }
        catch (SqliteException e)
        {
            writer?.Dispose();
            lockFile.Dispose();
            throw new DeliveryStoreException($"Cannot open the delivery store '{path}': {e.Message}", e);
        }
        catch
        {
            writer?.Dispose();
            lockFile.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask CreateCampaignAsync(CampaignRecord campaign, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        CheckStorable(campaign);
        cancellationToken.ThrowIfCancellationRequested();
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_campaigns.ContainsKey(campaign.Id))
            {
                return;
            }

            long ord;
            using (var transaction = _writer.BeginTransaction())
            {
                var command = _commands.InsertCampaign;
                command.Transaction = transaction;
                var p = command.Parameters;
                p["$id"].Value = campaign.Id.ToByteArray();
                p["$name"].Value = campaign.Name;
                p["$alert"].Value = campaign.AlertXml.ToArray();
                p["$channels"].Value = (int)campaign.Channels;
                p["$priority"].Value = campaign.Priority;
                p["$sim"].Value = campaign.IsSimulation ? 1 : 0;
                p["$ticks"].Value = campaign.CreatedAt.Ticks;
                p["$offset"].Value = (int)campaign.CreatedAt.Offset.TotalMinutes;
                p["$status"].Value = (int)CampaignStatus.Planning;
                p["$settings"].Value = (object?)campaign.SettingsJson ?? DBNull.Value;
                ord = (long)command.ExecuteScalar()!;
                transaction.Commit();
            }

            _campaigns[campaign.Id] = new CampaignMeta(ord, CampaignStatus.Planning, 0);
        }
        catch (SqliteException e)
        {
            throw Fail($"creating campaign {campaign.Id}", e);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask AppendPlanAsync(Guid campaignId, ReadOnlyMemory<PlannedDelivery> deliveries, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var meta = Get(campaignId);
            if (meta.Status != CampaignStatus.Planning)
            {
                throw new InvalidOperationException($"Campaign {campaignId} is {meta.Status}: its plan is sealed.");
            }

            _fresh.Clear();
            var next = meta.Appended;
            foreach (ref readonly var delivery in deliveries.Span)
            {
                if (delivery.Sequence < next)
                {
                    continue; // replayed: already stored
                }

                if (delivery.Sequence != next)
                {
                    throw new ArgumentException(
                        $"Campaign {campaignId}: sequence {delivery.Sequence} leaves a gap (next expected {next}).", nameof(deliveries));
                }

                PlanSegmentCodec.CheckStorable(delivery, campaignId, nameof(deliveries));
                _fresh.Add(delivery);
                next++;
            }

            if (_fresh.Count == 0)
            {
                return;
            }

            AppendFresh(campaignId, meta, next);
        }
        catch (SqliteException e)
        {
            throw Fail($"appending to the plan of campaign {campaignId}", e);
        }
        finally
        {
            _fresh.Clear();
            _working.Clear();
            _writeGate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask SealPlanAsync(Guid campaignId, long plannedCount, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var meta = Get(campaignId);
            if (plannedCount != meta.Appended)
            {
                throw new ArgumentException(
                    $"Campaign {campaignId}: sealing {plannedCount} deliveries but {meta.Appended} were appended.", nameof(plannedCount));
            }

            if (meta.Status != CampaignStatus.Planning)
            {
                return;
            }

            using (var transaction = _writer.BeginTransaction())
            {
                var command = _commands.Seal;
                command.Transaction = transaction;
                command.Parameters["$ord"].Value = meta.Ord;
                command.Parameters["$status"].Value = (int)CampaignStatus.Running;
                command.Parameters["$planned"].Value = plannedCount;
                command.ExecuteNonQuery();
                transaction.Commit();
            }

            _campaigns[campaignId] = meta with { Status = CampaignStatus.Running };
        }
        catch (SqliteException e)
        {
            throw Fail($"sealing the plan of campaign {campaignId}", e);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// Group commit: batches recorded at the same time (by several workers and channels) are written in one
    /// transaction by whichever caller holds the writer, so a chunk they share is rewritten once. Each task still
    /// completes only once its batch is committed; when a group fails, its batches are retried one by one, so a batch
    /// fails only for its own reasons.
    /// </remarks>
    public async ValueTask RecordAsync(Guid campaignId, ReadOnlyMemory<DeliveryUpdate> updates, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(_disposed, this);
        var meta = Get(campaignId);
        foreach (ref readonly var update in updates.Span)
        {
            CheckUpdate(campaignId, meta, update, nameof(updates));
        }

        if (updates.Length == 0)
        {
            return;
        }

        var pending = new PendingRecord(campaignId, updates);
        _pendingRecords.Enqueue(pending);

        // Not cancellable once queued: the batch's memory is the caller's, so it must be written (or failed) before
        // this returns. The writer is held only for synchronous work, so the wait is short.
        await _writeGate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (!pending.Done)
            {
                CommitPendingRecords();
            }
        }
        finally
        {
            _writeGate.Release();
        }

        pending.Error?.Throw();
    }

    /// <summary>Writes every queued batch (ours included), in groups of one transaction each. Under the write gate.</summary>
    private void CommitPendingRecords()
    {
        while (!_pendingRecords.IsEmpty)
        {
            _recordGroup.Clear();
            long total = 0;
            while (total < MaxGroupUpdates && _pendingRecords.TryDequeue(out var next))
            {
                _recordGroup.Add(next);
                total += next.Updates.Length;
            }

            try
            {
                RecordGroup(_recordGroup);
                foreach (var done in _recordGroup)
                {
                    done.Done = true;
                }
            }
#pragma warning disable CA1031 // every error is handed to the batch's own caller
            catch (Exception) when (_recordGroup.Count > 1)
            {
                foreach (var single in _recordGroup)
                {
                    try
                    {
                        RecordGroup([single]);
                    }
                    catch (Exception e)
                    {
                        single.Error = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e);
                    }

                    single.Done = true;
                }
            }
            catch (Exception e)
            {
                _recordGroup[0].Error = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e);
                _recordGroup[0].Done = true;
            }
#pragma warning restore CA1031
        }

        _recordGroup.Clear();
    }

    /// <summary>The most deliveries one group-commit transaction takes.</summary>
    private const int MaxGroupUpdates = 65_536;

    private void RecordGroup(List<PendingRecord> group)
    {
        var current = group[0].CampaignId;
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using (var transaction = _writer.BeginTransaction())
            {
                foreach (var pending in group)
                {
                    current = pending.CampaignId;
                    ApplyUpdates(pending.CampaignId, Get(pending.CampaignId), pending.Updates.Span, transaction);
                }

                WriteWorking(transaction);
                if (_overflowWrites.Count > 0)
                {
                    var command = _commands.UpsertOverflow;
                    command.Transaction = transaction;
                    foreach (var ((ord, sequence), attempts) in _overflowWrites)
                    {
                        command.Parameters["$campaign"].Value = ord;
                        command.Parameters["$seq"].Value = sequence;
                        command.Parameters["$attempts"].Value = attempts;
                        command.ExecuteNonQuery();
                    }
                }

                transaction.Commit();
            }

            CacheWorking();
        }
        catch (SqliteException e)
        {
            throw Fail($"recording deliveries of campaign {current}", e);
        }
        finally
        {
            _working.Clear();
            _overflowWrites.Clear();
        }
    }

    /// <summary>A batch waiting for the group commit; its fields are read and written under the write gate.</summary>
    private sealed class PendingRecord(Guid campaignId, ReadOnlyMemory<DeliveryUpdate> updates)
    {
        public Guid CampaignId { get; } = campaignId;

        public ReadOnlyMemory<DeliveryUpdate> Updates { get; } = updates;

        public bool Done { get; set; }

        public System.Runtime.ExceptionServices.ExceptionDispatchInfo? Error { get; set; }
    }

    /// <inheritdoc />
    /// <remarks>
    /// Scans every plan segment (a delivery's recipient is delta-encoded, so there is no index to use), rewrites the
    /// segments that hold the person, and cancels their unsent deliveries, in one transaction with SQLite's
    /// <c>secure_delete</c> on (the old segment bytes are overwritten with zeros, not left in free space); then
    /// checkpoints and truncates the WAL, which still held copies of the old pages.
    /// </remarks>
    public async ValueTask<RecipientErasureResult> EraseRecipientAsync(RecipientErasure erasure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(erasure);
        erasure.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        var campaignOfOrd = new Dictionary<long, Guid>();
        var current = Guid.Empty;
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            foreach (var (id, meta) in _campaigns)
            {
                campaignOfOrd[meta.Ord] = id;
            }

            var matched = new List<(long Ord, long Sequence)>();
            var rewrites = new List<(long Ord, long First, byte[] Data)>();
            var campaigns = new SortedSet<long>();
            var cancelled = new List<DeliveryKey>();
            Execute(_writer, "PRAGMA secure_delete = ON");
            try
            {
                using (var transaction = _writer.BeginTransaction())
                {
                    using (var select = _writer.CreateCommand())
                    {
                        select.Transaction = transaction;
                        select.CommandText = "SELECT campaign, first_seq, count, data FROM plan_segment ORDER BY campaign, first_seq";
                        using var reader = select.ExecuteReader();
                        var planned = new List<PlannedDelivery>();
                        while (reader.Read())
                        {
                            var ord = reader.GetInt64(0);
                            var first = reader.GetInt64(1);
                            current = campaignOfOrd.GetValueOrDefault(ord);
                            planned.Clear();
                            try
                            {
                                PlanSegmentCodec.Decode((byte[])reader.GetValue(3), first, checked((int)reader.GetInt64(2)), planned);
                            }
                            catch (Exception e) when (e is InvalidDataException or OverflowException)
                            {
                                throw Damaged(current, $"the plan segment at {first}", e);
                            }

                            var hit = false;
                            for (var i = 0; i < planned.Count; i++)
                            {
                                if (erasure.Matches(planned[i]))
                                {
                                    hit = true;
                                    matched.Add((ord, planned[i].Sequence));
                                    planned[i] = RecipientErasure.Tombstone(planned[i]);
                                }
                            }

                            if (hit)
                            {
                                campaigns.Add(ord);
                                _segmentBuffer.ResetWrittenCount();
                                PlanSegmentCodec.Encode(CollectionsMarshal.AsSpan(planned), _segmentBuffer, _languageScratch);
                                rewrites.Add((ord, first, _segmentBuffer.WrittenSpan.ToArray()));
                            }
                        }
                    }

                    using (var update = _writer.CreateCommand())
                    {
                        update.Transaction = transaction;
                        update.CommandText = "UPDATE plan_segment SET data = $data WHERE campaign = $campaign AND first_seq = $first";
                        var data = update.Parameters.Add(new SqliteParameter { ParameterName = "$data" });
                        var campaign = update.Parameters.Add(new SqliteParameter { ParameterName = "$campaign" });
                        var firstSeq = update.Parameters.Add(new SqliteParameter { ParameterName = "$first" });
                        foreach (var (ord, first, bytes) in rewrites)
                        {
                            data.Value = bytes;
                            campaign.Value = ord;
                            firstSeq.Value = first;
                            update.ExecuteNonQuery();
                        }
                    }

                    foreach (var (ord, sequence) in matched)
                    {
                        current = campaignOfOrd.GetValueOrDefault(ord);
                        var status = Working(current, ord, sequence >> _chunkShift, transaction, allowMissing: false);
                        var i = (int)(sequence & _chunkMask);
                        if (((DeliveryState)(status[i] & StateMask)).NeedsSending())
                        {
                            status[i] = (byte)((byte)DeliveryState.Cancelled | (status[i] & DuplicateBit));
                            cancelled.Add(new DeliveryKey(current, sequence));
                        }
                    }

                    WriteWorking(transaction);
                    transaction.Commit();
                }

                CacheWorking();
            }
            finally
            {
                _working.Clear();
                Execute(_writer, NormalSecureDelete);
            }

            if (matched.Count > 0)
            {
                TruncateWal();
            }

            return new RecipientErasureResult([.. campaigns.Select(ord => campaignOfOrd.GetValueOrDefault(ord))], matched.Count, cancelled);
        }
        catch (SqliteException e)
        {
            throw Fail($"erasing a recipient (campaign {current})", e);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask RedactCampaignAlertAsync(Guid campaignId, ReadOnlyMemory<byte> alertXml, CancellationToken cancellationToken = default)
    {
        if (alertXml.Length > MaxAlertBytes)
        {
            throw new ArgumentException($"Campaign {campaignId}: the alert is larger than {MaxAlertBytes} bytes.", nameof(alertXml));
        }

        cancellationToken.ThrowIfCancellationRequested();
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var meta = Get(campaignId);
            if (meta.Status is CampaignStatus.Planning or CampaignStatus.Running)
            {
                throw new InvalidOperationException($"Campaign {campaignId} is {meta.Status}: it needs its alert to resume.");
            }

            Execute(_writer, "PRAGMA secure_delete = ON");
            try
            {
                using var command = _writer.CreateCommand();
                command.CommandText = "UPDATE campaign SET alert_xml = $alert WHERE ord = $ord";
                command.Parameters.AddWithValue("$alert", alertXml.ToArray());
                command.Parameters.AddWithValue("$ord", meta.Ord);
                command.ExecuteNonQuery();
            }
            finally
            {
                Execute(_writer, NormalSecureDelete);
            }

            TruncateWal();
        }
        catch (SqliteException e)
        {
            throw Fail($"redacting campaign {campaignId}", e);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>
    /// The writer's usual <c>secure_delete</c> mode: FAST zeroes deleted content where that costs no extra I/O (inside
    /// pages being written anyway), so that moving cells between pages leaves no stale copies of plans behind; erasures
    /// switch to ON, which also zeroes freed overflow pages.
    /// </summary>
    private const string NormalSecureDelete = "PRAGMA secure_delete = FAST";

    /// <summary>Copies the WAL into the database and empties it, so that old page images (erased data) leave the WAL file.</summary>
    private void TruncateWal() => Execute(_writer, "PRAGMA wal_checkpoint(TRUNCATE)");

    /// <inheritdoc />
    public async ValueTask SetCampaignStatusAsync(Guid campaignId, CampaignStatus status, CancellationToken cancellationToken = default)
    {
        if (!Enum.IsDefined(status))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "Not a campaign status.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var meta = Get(campaignId);
            using (var transaction = _writer.BeginTransaction())
            {
                var command = _commands.SetStatus;
                command.Transaction = transaction;
                command.Parameters["$ord"].Value = meta.Ord;
                command.Parameters["$status"].Value = (int)status;
                command.ExecuteNonQuery();
                transaction.Commit();
            }

            _campaigns[campaignId] = meta with { Status = status };
        }
        catch (SqliteException e)
        {
            throw Fail($"setting the status of campaign {campaignId}", e);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <inheritdoc />
    public ValueTask<CampaignRecord?> GetCampaignAsync(Guid campaignId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            using var connection = OpenReader();
            using var command = connection.CreateCommand();
            command.CommandText = CampaignSelect + " WHERE id = $id";
            command.Parameters.AddWithValue("$id", campaignId.ToByteArray());
            using var reader = command.ExecuteReader();
            return ValueTask.FromResult(reader.Read() ? ReadCampaign(reader) : null);
        }
        catch (SqliteException e)
        {
            throw Fail($"reading campaign {campaignId}", e);
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<CampaignRecord>> GetCampaignsAsync(CampaignStatus? status = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            using var connection = OpenReader();
            using var command = connection.CreateCommand();
            command.CommandText = CampaignSelect + (status is null ? "" : " WHERE status = $status") + " ORDER BY ord";
            if (status is not null)
            {
                command.Parameters.AddWithValue("$status", (int)status.Value);
            }

            var list = new List<CampaignRecord>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                list.Add(ReadCampaign(reader));
            }

            return ValueTask.FromResult<IReadOnlyList<CampaignRecord>>(list);
        }
        catch (SqliteException e)
        {
            throw Fail("listing campaigns", e);
        }
    }

    /// <inheritdoc />
    public IAsyncEnumerable<StoredDelivery> ReadDeliveriesAsync(Guid campaignId, bool onlyUnfinished, CancellationToken cancellationToken = default) =>
        ReadPagesAsync(campaignId, null, onlyUnfinished, cancellationToken);

    /// <inheritdoc />
    /// <remarks>The other channels' deliveries are skipped while decoding (their destinations are never built).</remarks>
    public IAsyncEnumerable<StoredDelivery> ReadChannelDeliveriesAsync(
        Guid campaignId, DeliveryChannel channel, bool onlyUnfinished, CancellationToken cancellationToken = default) =>
        ReadPagesAsync(campaignId, channel, onlyUnfinished, cancellationToken);

    private async IAsyncEnumerable<StoredDelivery> ReadPagesAsync(
        Guid campaignId,
        DeliveryChannel? channel,
        bool onlyUnfinished,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var meta = Get(campaignId);
        using var pageReader = new PageReader(this, meta.Ord, campaignId, channel);
        var page = new List<StoredDelivery>(_chunkSize);
        for (long next = 0; ;)
        {
            // Each page continues from the last sequence read, so deliveries appended while we read are not skipped.
            cancellationToken.ThrowIfCancellationRequested();
            page.Clear();
            next = pageReader.ReadFrom(next, onlyUnfinished, page);
            if (next < 0)
            {
                yield break;
            }

            foreach (var delivery in page)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return delivery;
            }

            await Task.Yield();
        }
    }

    /// <inheritdoc />
    public ValueTask<DeliveryKey?> FindByProviderMessageIdAsync(DeliveryChannel channel, string providerMessageId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(providerMessageId);
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            using var connection = OpenReader();
            using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT c.id, p.seq FROM provider_lookup p JOIN campaign c ON c.ord = p.campaign
                WHERE p.channel = $channel AND p.provider_id = $id
                """;
            command.Parameters.AddWithValue("$channel", (int)channel);
            command.Parameters.AddWithValue("$id", providerMessageId);
            using var reader = command.ExecuteReader();
            if (!reader.Read())
            {
                return ValueTask.FromResult<DeliveryKey?>(null);
            }

            var id = ReadGuid(reader, 0);
            return ValueTask.FromResult<DeliveryKey?>(new DeliveryKey(id, reader.GetInt64(1)));
        }
        catch (SqliteException e)
        {
            throw Fail($"finding provider message id on {channel}", e);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _writeGate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _commands.Dispose();
            _cache.Clear();
            using (var pooled = new SqliteConnection(_readerConnectionString))
            {
                SqliteConnection.ClearPool(pooled);
            }

            await _writer.DisposeAsync().ConfigureAwait(false);
            await _lockFile.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private const string CampaignSelect = """
        SELECT id, name, alert_xml, channels, priority, is_simulation, created_ticks, created_offset_minutes,
               status, planned_count, settings_json
        FROM campaign
        """;

    private static void CheckHeader(string path)
    {
        if (Directory.Exists(path))
        {
            throw new DeliveryStoreException($"The delivery store path '{path}' is a directory.");
        }

        if (!File.Exists(path))
        {
            return;
        }

        Span<byte> header = stackalloc byte[16];
        int read;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DeliveryStoreException($"Cannot read the delivery store '{path}': {e.Message}", e);
        }

        if (read == 0)
        {
            return; // an empty file becomes a new store
        }

        if (read < header.Length || !header.SequenceEqual("SQLite format 3\0"u8))
        {
            throw new DeliveryStoreException($"'{path}' is not a SQLite database, so not a delivery store (its first bytes are wrong).");
        }
    }

    private static FileStream AcquireLock(string path)
    {
        try
        {
            return new FileStream(path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new DeliveryStoreException(
                $"The delivery store '{path}' is in use by another store instance or process (its .lock file is held).", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new DeliveryStoreException($"Cannot create the lock file of the delivery store '{path}': {e.Message}", e);
        }
    }

    private static int PrepareSchema(SqliteConnection writer, string path, SqliteDeliveryStoreOptions options)
    {
        var applicationId = ScalarInt64(writer, "PRAGMA application_id");
        var version = ScalarInt64(writer, "PRAGMA user_version");
        var objects = ScalarInt64(writer, "SELECT count(*) FROM sqlite_schema");
        if (applicationId == 0 && version == 0 && objects == 0)
        {
            Execute(writer, $"PRAGMA page_size = {options.PageSize.ToString(CultureInfo.InvariantCulture)}");
            SetWal(writer, path);
            using var transaction = writer.BeginTransaction();
            using (var command = writer.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = SqliteSchema.Create
                    + $"PRAGMA application_id = {SqliteSchema.ApplicationId.ToString(CultureInfo.InvariantCulture)};"
                    + $"PRAGMA user_version = {SqliteSchema.Version.ToString(CultureInfo.InvariantCulture)};"
                    + "INSERT INTO meta (key, value) VALUES ('chunk_size', $chunk);";
                command.Parameters.AddWithValue("$chunk", options.ChunkSize);
                command.ExecuteNonQuery();
            }

            transaction.Commit();
        }
        else if (applicationId != SqliteSchema.ApplicationId)
        {
            throw new DeliveryStoreException(
                $"'{path}' is a SQLite database of something else, not a delivery store (application id {applicationId}, {objects} schema objects).");
        }
        else if (version > SqliteSchema.Version)
        {
            throw new DeliveryStoreException(
                $"The delivery store '{path}' has schema version {version}, written by a newer BeAlert; this one reads up to version {SqliteSchema.Version}.");
        }
        else if (version < SqliteSchema.Version)
        {
            throw new DeliveryStoreException($"The delivery store '{path}' has schema version {version}, which this BeAlert cannot read.");
        }
        else
        {
            SetWal(writer, path);
        }

        Execute(writer, options.Synchronous == SqliteSynchronousMode.Full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
        Execute(writer, $"PRAGMA wal_autocheckpoint = {options.WalAutoCheckpointPages.ToString(CultureInfo.InvariantCulture)}");
        Execute(writer, NormalSecureDelete);
        if (options.VerifyOnOpen)
        {
            using var command = writer.CreateCommand();
            command.CommandText = "PRAGMA quick_check(5)";
            using var reader = command.ExecuteReader();
            var problems = new List<string>();
            while (reader.Read())
            {
                problems.Add(reader.GetString(0));
            }

            if (problems is not ["ok"])
            {
                throw new DeliveryStoreException($"The delivery store '{path}' is damaged: {string.Join("; ", problems)}");
            }
        }

        long chunkSize;
        using (var command = writer.CreateCommand())
        {
            command.CommandText = "SELECT value FROM meta WHERE key = 'chunk_size'";
            chunkSize = command.ExecuteScalar() is long value ? value : -1;
        }

        if (chunkSize is < 64 or > 65536 || (chunkSize & (chunkSize - 1)) != 0)
        {
            throw new DeliveryStoreException($"The delivery store '{path}' is damaged: its chunk size ({chunkSize}) is not valid.");
        }

        return (int)chunkSize;
    }

    private static void SetWal(SqliteConnection writer, string path)
    {
        using var command = writer.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL";
        var mode = command.ExecuteScalar() as string;
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new DeliveryStoreException($"The delivery store '{path}' cannot use WAL mode (SQLite answered '{mode}').");
        }
    }

    private static long ScalarInt64(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar() is long value ? value : 0;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static void CheckStorable(CampaignRecord campaign)
    {
        if (campaign.Name is null || campaign.Name.Length > MaxNameLength)
        {
            throw new ArgumentException($"Campaign {campaign.Id}: the name must be present and at most {MaxNameLength} characters.", nameof(campaign));
        }

        if (campaign.AlertXml.Length > MaxAlertBytes)
        {
            throw new ArgumentException($"Campaign {campaign.Id}: the alert is larger than {MaxAlertBytes} bytes.", nameof(campaign));
        }

        if (campaign.SettingsJson is { Length: > MaxSettingsLength })
        {
            throw new ArgumentException($"Campaign {campaign.Id}: the settings are longer than {MaxSettingsLength} characters.", nameof(campaign));
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

        if (update.ProviderMessageId is { Length: > MaxProviderIdLength })
        {
            throw new ArgumentException(
                $"Campaign {campaignId}: delivery {update.Sequence} has a provider message id over {MaxProviderIdLength} characters.", paramName);
        }
    }

    private static Guid ReadGuid(SqliteDataReader reader, int ordinal)
    {
        var bytes = (byte[])reader.GetValue(ordinal);
        if (bytes.Length != 16)
        {
            throw new InvalidDataException("a campaign id is not 16 bytes");
        }

        return new Guid(bytes);
    }

    private void LoadCampaigns()
    {
        using var command = _writer.CreateCommand();
        command.CommandText = "SELECT ord, id, status, appended_count FROM campaign ORDER BY ord";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            try
            {
                _campaigns[ReadGuid(reader, 1)] = new CampaignMeta(reader.GetInt64(0), (CampaignStatus)reader.GetInt64(2), reader.GetInt64(3));
            }
            catch (Exception e) when (e is InvalidDataException or InvalidCastException)
            {
                throw new DeliveryStoreException($"The delivery store '{_path}' is damaged: campaign row {reader.GetValue(0)} is malformed.", e);
            }
        }
    }

    private CampaignRecord ReadCampaign(SqliteDataReader reader)
    {
        try
        {
            return new CampaignRecord(
                ReadGuid(reader, 0),
                reader.GetString(1),
                (byte[])reader.GetValue(2),
                (DeliveryChannels)reader.GetInt64(3),
                checked((int)reader.GetInt64(4)),
                reader.GetInt64(5) != 0,
                new DateTimeOffset(reader.GetInt64(6), TimeSpan.FromMinutes(reader.GetInt64(7))))
            {
                Status = (CampaignStatus)reader.GetInt64(8),
                PlannedCount = reader.GetInt64(9),
                SettingsJson = reader.IsDBNull(10) ? null : reader.GetString(10),
            };
        }
        catch (Exception e) when (e is InvalidDataException or InvalidCastException or ArgumentException or OverflowException)
        {
            throw new DeliveryStoreException($"The delivery store '{_path}' is damaged: a campaign row is malformed ({e.Message}).", e);
        }
    }

    private SqliteConnection OpenReader()
    {
        var connection = new SqliteConnection(_readerConnectionString);
        try
        {
            connection.Open();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private CampaignMeta Get(Guid campaignId) =>
        _campaigns.TryGetValue(campaignId, out var meta) ? meta : throw new KeyNotFoundException($"No campaign {campaignId} in this store.");

    private DeliveryStoreException Fail(string what, SqliteException e) =>
        new($"The delivery store '{_path}' failed {what}: {e.Message}", e);

    private DeliveryStoreException Damaged(Guid campaignId, string what, Exception? inner = null) =>
        inner is null
            ? new($"The delivery store '{_path}' is damaged: campaign {campaignId}, {what}.")
            : new($"The delivery store '{_path}' is damaged: campaign {campaignId}, {what}: {inner.Message}", inner);

    private void AppendFresh(Guid campaignId, CampaignMeta meta, long newCount)
    {
        var fresh = CollectionsMarshal.AsSpan(_fresh);
        using (var transaction = _writer.BeginTransaction())
        {
            var insert = _commands.InsertSegment;
            insert.Transaction = transaction;
            insert.Parameters["$campaign"].Value = meta.Ord;
            var position = 0;
            while (position < fresh.Length)
            {
                var first = fresh[position].Sequence;
                var chunk = first >> _chunkShift;
                var offset = (int)(first & _chunkMask);
                var count = Math.Min(_chunkSize - offset, fresh.Length - position);
                var piece = fresh.Slice(position, count);

                _segmentBuffer.ResetWrittenCount();
                PlanSegmentCodec.Encode(piece, _segmentBuffer, _languageScratch);
                insert.Parameters["$first"].Value = first;
                insert.Parameters["$count"].Value = count;
                insert.Parameters["$data"].Value = _segmentBuffer.WrittenSpan.ToArray();
                insert.ExecuteNonQuery();

                var status = Working(campaignId, meta.Ord, chunk, transaction, allowMissing: true);
                var channels = status.AsSpan(3 * _chunkSize);
                for (var i = 0; i < count; i++)
                {
                    channels[offset + i] = (byte)piece[i].Channel;
                }

                position += count;
            }

            WriteWorking(transaction);
            var update = _commands.SetAppended;
            update.Transaction = transaction;
            update.Parameters["$ord"].Value = meta.Ord;
            update.Parameters["$appended"].Value = newCount;
            update.ExecuteNonQuery();
            transaction.Commit();
        }

        CacheWorking();
        _campaigns[campaignId] = meta with { Appended = newCount };
    }

    private void ApplyUpdates(Guid campaignId, CampaignMeta meta, ReadOnlySpan<DeliveryUpdate> updates, SqliteTransaction transaction)
    {
        var n = _chunkSize;
        {
            var lastChunk = -1L;
            var status = Array.Empty<byte>();
            foreach (ref readonly var update in updates)
            {
                var chunk = update.Sequence >> _chunkShift;
                var i = (int)(update.Sequence & _chunkMask);
                if (chunk != lastChunk)
                {
                    status = Working(campaignId, meta.Ord, chunk, transaction, allowMissing: false);
                    lastChunk = chunk;
                }

                var current = status[i];
                if (((DeliveryState)(current & StateMask)).IsFinal())
                {
                    continue; // a final state is never left
                }

                var duplicate = (current & DuplicateBit) != 0 || update.IsPossibleDuplicate;
                status[i] = (byte)((byte)update.State | (duplicate ? DuplicateBit : 0));
                status[n + i] = (byte)update.Error;
                int attempts = status[(2 * n) + i];
                if (attempts == AttemptsOverflow)
                {
                    attempts = CurrentOverflow(meta.Ord, update.Sequence, transaction);
                }

                attempts = Math.Max(attempts, update.Attempts);
                if (attempts >= AttemptsOverflow)
                {
                    status[(2 * n) + i] = AttemptsOverflow;
                    _overflowWrites[(meta.Ord, update.Sequence)] = attempts;
                }
                else
                {
                    status[(2 * n) + i] = (byte)attempts;
                }

                if (update.ProviderMessageId is not null)
                {
                    var command = _commands.UpsertProvider;
                    command.Transaction = transaction;
                    command.Parameters["$campaign"].Value = meta.Ord;
                    command.Parameters["$seq"].Value = update.Sequence;
                    command.Parameters["$id"].Value = update.ProviderMessageId;
                    command.ExecuteNonQuery();
                    command = _commands.UpsertLookup;
                    command.Transaction = transaction;
                    command.Parameters["$channel"].Value = (int)status[(3 * n) + i];
                    command.Parameters["$id"].Value = update.ProviderMessageId;
                    command.Parameters["$campaign"].Value = meta.Ord;
                    command.Parameters["$seq"].Value = update.Sequence;
                    command.ExecuteNonQuery();
                }
            }
        }
    }

    private int CurrentOverflow(long ord, long sequence, SqliteTransaction transaction)
    {
        if (_overflowWrites.TryGetValue((ord, sequence), out var pending))
        {
            return pending;
        }

        var command = _commands.SelectOverflow;
        command.Transaction = transaction;
        command.Parameters["$campaign"].Value = ord;
        command.Parameters["$seq"].Value = sequence;
        return command.ExecuteScalar() is long value ? (int)Math.Clamp(value, AttemptsOverflow, int.MaxValue) : AttemptsOverflow;
    }

    /// <summary>The writable copy of a chunk's status array for the current transaction.</summary>
    private byte[] Working(Guid campaignId, long ord, long chunk, SqliteTransaction transaction, bool allowMissing)
    {
        if (_working.TryGetValue((ord, chunk), out var working))
        {
            return working;
        }

        if (!_cache.TryGet(ord, chunk, out var committed))
        {
            var command = _commands.SelectStatus;
            command.Transaction = transaction;
            command.Parameters["$campaign"].Value = ord;
            command.Parameters["$chunk"].Value = chunk;
            committed = command.ExecuteScalar() as byte[] ?? [];
            if (committed.Length == 0)
            {
                if (!allowMissing)
                {
                    throw Damaged(campaignId, $"the states of chunk {chunk} are missing");
                }

                committed = new byte[4 * _chunkSize];
            }
            else if (committed.Length != 4 * _chunkSize)
            {
                throw Damaged(campaignId, $"the states of chunk {chunk} have {committed.Length} bytes instead of {4 * _chunkSize}");
            }
        }

        working = (byte[])committed.Clone();
        _working.Add((ord, chunk), working);
        return working;
    }

    private void WriteWorking(SqliteTransaction transaction)
    {
        var command = _commands.UpsertStatus;
        command.Transaction = transaction;
        foreach (var ((ord, chunk), data) in _working)
        {
            command.Parameters["$campaign"].Value = ord;
            command.Parameters["$chunk"].Value = chunk;
            command.Parameters["$data"].Value = data;
            command.ExecuteNonQuery();
        }
    }

    private void CacheWorking()
    {
        foreach (var ((ord, chunk), data) in _working)
        {
            _cache.Put(ord, chunk, data);
        }

        _working.Clear();
    }

    private readonly record struct CampaignMeta(long Ord, CampaignStatus Status, long Appended);

    /// <summary>The writer's prepared statements (SQLite keeps each compiled across calls).</summary>
    private sealed class WriterCommands : IDisposable
    {
        public WriterCommands(SqliteConnection connection)
        {
            InsertCampaign = Create(
                connection,
                """
                INSERT INTO campaign (id, name, alert_xml, channels, priority, is_simulation, created_ticks, created_offset_minutes,
                                      status, planned_count, appended_count, settings_json)
                VALUES ($id, $name, $alert, $channels, $priority, $sim, $ticks, $offset, $status, -1, 0, $settings)
                RETURNING ord
                """,
                "$id", "$name", "$alert", "$channels", "$priority", "$sim", "$ticks", "$offset", "$status", "$settings");
            Seal = Create(connection, "UPDATE campaign SET status = $status, planned_count = $planned WHERE ord = $ord", "$status", "$planned", "$ord");
            SetStatus = Create(connection, "UPDATE campaign SET status = $status WHERE ord = $ord", "$status", "$ord");
            SetAppended = Create(connection, "UPDATE campaign SET appended_count = $appended WHERE ord = $ord", "$appended", "$ord");
            InsertSegment = Create(
                connection,
                "INSERT INTO plan_segment (campaign, first_seq, count, data) VALUES ($campaign, $first, $count, $data)",
                "$campaign", "$first", "$count", "$data");
            SelectStatus = Create(connection, "SELECT data FROM status_chunk WHERE campaign = $campaign AND chunk = $chunk", "$campaign", "$chunk");
            UpsertStatus = Create(
                connection,
                """
                INSERT INTO status_chunk (campaign, chunk, data) VALUES ($campaign, $chunk, $data)
                ON CONFLICT (campaign, chunk) DO UPDATE SET data = excluded.data
                """,
                "$campaign", "$chunk", "$data");
            UpsertProvider = Create(
                connection,
                "INSERT OR REPLACE INTO delivery_provider (campaign, seq, provider_id) VALUES ($campaign, $seq, $id)",
                "$campaign", "$seq", "$id");
            UpsertLookup = Create(
                connection,
                "INSERT OR REPLACE INTO provider_lookup (channel, provider_id, campaign, seq) VALUES ($channel, $id, $campaign, $seq)",
                "$channel", "$id", "$campaign", "$seq");
            SelectOverflow = Create(connection, "SELECT attempts FROM attempts_overflow WHERE campaign = $campaign AND seq = $seq", "$campaign", "$seq");
            UpsertOverflow = Create(
                connection,
                "INSERT OR REPLACE INTO attempts_overflow (campaign, seq, attempts) VALUES ($campaign, $seq, $attempts)",
                "$campaign", "$seq", "$attempts");
        }

        public SqliteCommand InsertCampaign { get; }

        public SqliteCommand Seal { get; }

        public SqliteCommand SetStatus { get; }

        public SqliteCommand SetAppended { get; }

        public SqliteCommand InsertSegment { get; }

        public SqliteCommand SelectStatus { get; }

        public SqliteCommand UpsertStatus { get; }

        public SqliteCommand UpsertProvider { get; }

        public SqliteCommand UpsertLookup { get; }

        public SqliteCommand SelectOverflow { get; }

        public SqliteCommand UpsertOverflow { get; }

        public void Dispose()
        {
            InsertCampaign.Dispose();
            Seal.Dispose();
            SetStatus.Dispose();
            SetAppended.Dispose();
            InsertSegment.Dispose();
            SelectStatus.Dispose();
            UpsertStatus.Dispose();
            UpsertProvider.Dispose();
            UpsertLookup.Dispose();
            SelectOverflow.Dispose();
            UpsertOverflow.Dispose();
        }

        private static SqliteCommand Create(SqliteConnection connection, string sql, params string[] parameters)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in parameters)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            return command;
        }
    }

    /// <summary>Reads one chunk of a campaign at a time, each in its own short read transaction (so the WAL can be checkpointed between pages).</summary>
    private sealed class PageReader : IDisposable
    {
        private readonly SqliteDeliveryStore _store;
        private readonly long _ord;
        private readonly Guid _campaignId;
        private readonly SqliteConnection _connection;
        private readonly List<PlannedDelivery> _planned = [];
        private readonly Dictionary<long, string> _providers = [];
        private readonly Dictionary<long, int> _overflow = [];

        private readonly DeliveryChannel? _channel;

        // Prepared once per reader (SQLite compiles each statement once, not once per chunk).
        private readonly SqliteCommand _appended;
        private readonly SqliteCommand _segments;
        private readonly SqliteCommand _status;
        private readonly SqliteCommand _providerIds;
        private readonly SqliteCommand _overflowAttempts;

        public PageReader(SqliteDeliveryStore store, long ord, Guid campaignId, DeliveryChannel? channel)
        {
            _channel = channel;
            _store = store;
            _ord = ord;
            _campaignId = campaignId;
            _connection = store.OpenReader();
            _appended = Command("SELECT appended_count FROM campaign WHERE ord = $campaign");
            _segments = Command(
                """
                SELECT first_seq, count, data FROM plan_segment
                WHERE campaign = $campaign AND first_seq >= $low AND first_seq < $high ORDER BY first_seq
                """,
                "$low",
                "$high");
            _status = Command("SELECT data FROM status_chunk WHERE campaign = $campaign AND chunk = $chunk", "$chunk");
            _providerIds = Command("SELECT seq, provider_id FROM delivery_provider WHERE campaign = $campaign AND seq >= $low AND seq < $high", "$low", "$high");
            _overflowAttempts = Command("SELECT seq, attempts FROM attempts_overflow WHERE campaign = $campaign AND seq >= $low AND seq < $high", "$low", "$high");
        }

        private SqliteCommand Command(string sql, params string[] parameters)
        {
            var command = _connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$campaign", _ord);
            foreach (var name in parameters)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            return command;
        }

        /// <summary>Reads from <paramref name="from"/> to the end of its chunk; returns the next sequence to read, or -1 at the end of the plan.</summary>
        public long ReadFrom(long from, bool onlyUnfinished, List<StoredDelivery> page)
        {
            var chunk = from / _store._chunkSize;
            try
            {
                return ReadChunkCore(chunk, from, onlyUnfinished, page);
            }
            catch (SqliteException e)
            {
                throw _store.Fail($"reading the deliveries of campaign {_campaignId}", e);
            }
            catch (InvalidDataException e)
            {
                throw _store.Damaged(_campaignId, $"chunk {chunk}", e);
            }
        }

        public void Dispose()
        {
            _appended.Dispose();
            _segments.Dispose();
            _status.Dispose();
            _providerIds.Dispose();
            _overflowAttempts.Dispose();
            _connection.Dispose();
        }

        private long ReadChunkCore(long chunk, long from, bool onlyUnfinished, List<StoredDelivery> page)
        {
            var n = _store._chunkSize;
            var low = chunk * n;
            var high = low + n;
            byte[]? status;
            using (var transaction = _connection.BeginTransaction(deferred: true))
            {
                _appended.Transaction = transaction;
                var appended = _appended.ExecuteScalar() is long value ? value : 0;
                if (from >= appended)
                {
                    return -1;
                }

                _planned.Clear();
                _segments.Transaction = transaction;
                _segments.Parameters["$low"].Value = low;
                _segments.Parameters["$high"].Value = high;
                using (var reader = _segments.ExecuteReader())
                {
                    while (reader.Read())
                    {
                        var first = reader.GetInt64(0);
                        var count = reader.GetInt64(1);
                        if (first != low + _planned.Count || count <= 0 || first + count > high)
                        {
                            throw new InvalidDataException($"a plan segment at {first} of {count} deliveries does not follow the previous one");
                        }

                        PlanSegmentCodec.Decode((byte[])reader.GetValue(2), first, (int)count, _planned, _channel);
                    }
                }

                if (_planned.Count != Math.Min(n, appended - low))
                {
                    throw new InvalidDataException($"{_planned.Count} planned deliveries found where {Math.Min(n, appended - low)} were appended");
                }

                _status.Transaction = transaction;
                _status.Parameters["$chunk"].Value = chunk;
                status = _status.ExecuteScalar() as byte[];
                if (status is null || status.Length != 4 * n)
                {
                    throw new InvalidDataException("the state row is missing or has the wrong size");
                }

                _providers.Clear();
                _providerIds.Transaction = transaction;
                _providerIds.Parameters["$low"].Value = low;
                _providerIds.Parameters["$high"].Value = high;
                using (var reader = _providerIds.ExecuteReader())
                {
                    while (reader.Read())
                    {
                        _providers[reader.GetInt64(0)] = reader.GetString(1);
                    }
                }

                _overflow.Clear();
                _overflowAttempts.Transaction = transaction;
                _overflowAttempts.Parameters["$low"].Value = low;
                _overflowAttempts.Parameters["$high"].Value = high;
                using (var reader = _overflowAttempts.ExecuteReader())
                {
                    while (reader.Read())
                    {
                        _overflow[reader.GetInt64(0)] = (int)Math.Clamp(reader.GetInt64(1), 0, int.MaxValue);
                    }
                }

                transaction.Commit();
            }

            for (var i = (int)(from - low); i < _planned.Count; i++)
            {
                var stateByte = status[i];
                var state = (DeliveryState)(stateByte & StateMask);
                if (state > DeliveryState.Skipped)
                {
                    throw new InvalidDataException($"delivery {low + i} has an undefined state {(int)state}");
                }

                if (onlyUnfinished && state.IsFinal())
                {
                    continue;
                }

                var planned = _planned[i];
                if (status[(3 * n) + i] != (byte)planned.Channel)
                {
                    throw new InvalidDataException($"delivery {low + i} has two different channels");
                }

                if (_channel is { } wanted && planned.Channel != wanted)
                {
                    continue;
                }

                int attempts = status[(2 * n) + i];
                if (attempts == AttemptsOverflow && _overflow.TryGetValue(planned.Sequence, out var more))
                {
                    attempts = more;
                }

                page.Add(new StoredDelivery(
                    planned,
                    state,
                    (DeliveryError)status[n + i],
                    attempts,
                    _providers.GetValueOrDefault(planned.Sequence),
                    (stateByte & DuplicateBit) != 0));
            }

            return low + _planned.Count;
        }
    }
}
