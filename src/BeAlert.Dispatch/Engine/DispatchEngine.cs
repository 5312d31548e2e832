using System.Collections.Concurrent;
using System.Threading.Channels;
using BeAlert.Cap;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BeAlert.Dispatch;

/// <summary>
/// The dispatch engine: turns campaigns into deliveries over the configured transports, at the configured rates, with
/// priorities, fairness between languages and areas, retries, breakers and failover, live progress, final reports and a
/// durable plan. Long-lived; one per process (or per store).
/// </summary>
/// <remarks>
/// <para>
/// Durability follows <see cref="IDeliveryStore"/>'s protocol: the whole plan is written and sealed before anything is
/// sent; deliveries are recorded InFlight (one write per slice) before a transport sees them and their outcome after.
/// <see cref="StartAsync"/> resumes every Running campaign of the store the same way a new campaign starts (read back
/// what is unfinished, queue it); deliveries found InFlight are sent again and flagged as possible duplicates. So after
/// a crash a person gets a message twice only if it was in flight at the crash, and the report lists each such case.
/// </para>
/// <para>
/// <see cref="DisposeAsync"/> stops the engine like a crash would (nothing more is written); the store keeps the rest.
/// Transports are not disposed: their owner (usually the DI container) does that.
/// </para>
/// </remarks>
public sealed class DispatchEngine : IAsyncDisposable
{
    private readonly IDeliveryStore _store;
    private readonly DispatchOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Dictionary<DeliveryChannel, List<IDeliveryTransport>> _transports = [];
    private readonly Dictionary<DeliveryChannel, ChannelDispatcher> _dispatchers = [];
    private readonly ConcurrentDictionary<Guid, (CampaignRun Run, CampaignHandle Handle)> _runs = new();
    private readonly ConcurrentDictionary<Task, byte> _background = new();
    private readonly Channel<(DeliveryChannel Channel, DeliveryReceipt Receipt)> _receipts =
        Channel.CreateUnbounded<(DeliveryChannel, DeliveryReceipt)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _resumeGate = new(1, 1);
    private Task? _receiptPump;
    private int _started;
    private int _disposed;
    private volatile bool _saturated;

    /// <summary>Creates an engine.</summary>
    /// <param name="store">Where campaigns and deliveries are kept.</param>
    /// <param name="transports">The endpoints, any number per channel (failover in the order given); names unique per channel.</param>
    /// <param name="options">The settings (copied and validated); <see langword="null"/> for the defaults.</param>
    /// <param name="timeProvider">The clock for rates, retries, breakers and progress; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="loggerFactory">Where logs go; none when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The options are invalid or two endpoints of a channel share a name.</exception>
    public DispatchEngine(
        IDeliveryStore store,
        IEnumerable<IDeliveryTransport> transports,
        DispatchOptions? options = null,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(transports);
        options ??= new DispatchOptions();
        options.Validate();
        _options = options.Clone();
        _store = store;
        _time = timeProvider ?? TimeProvider.System;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<DispatchEngine>();
        foreach (var transport in transports)
        {
            ArgumentNullException.ThrowIfNull(transport, nameof(transports));
            if (!_transports.TryGetValue(transport.Channel, out var list))
            {
                list = [];
                _transports.Add(transport.Channel, list);
            }

            if (list.Any(t => string.Equals(t.Name, transport.Name, StringComparison.Ordinal)))
            {
                throw new ArgumentException($"Two {transport.Channel} endpoints are named '{transport.Name}': names must be unique per channel.", nameof(transports));
            }

            list.Add(transport);
        }
    }

    /// <summary>
    /// Whether the mobile networks are flagged as saturated: while set, voice deliveries taken from the queue are
    /// skipped (state Skipped) instead of called. Operators set it; it applies from the next slice.
    /// </summary>
    public bool NetworksSaturated
    {
        get => _saturated;
        set => _saturated = value;
    }

    /// <summary>The channels that have at least one endpoint.</summary>
    public DeliveryChannels AvailableChannels => _transports.Keys.Aggregate(DeliveryChannels.None, (set, c) => set | c.ToSet());

    /// <summary>
    /// Starts the endpoints and the workers, then resumes every campaign the store lists as Running. Campaigns left in
    /// Planning (a crash while the plan was written: nothing was sent) are marked Cancelled.
    /// </summary>
    /// <param name="cancellationToken">Stops the start.</param>
    /// <returns>The resumed campaigns.</returns>
    /// <exception cref="InvalidOperationException">The engine was already started.</exception>
    public async Task<IReadOnlyList<CampaignHandle>> StartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("The dispatch engine is already started.");
        }

        foreach (var (channel, list) in _transports)
        {
            var sink = new ReceiptSink(this, channel);
            foreach (var transport in list)
            {
                await transport.StartAsync(sink, cancellationToken).ConfigureAwait(false);
            }

            _dispatchers[channel] = new ChannelDispatcher(channel, list, _options, _store, _time, _logger, () => _saturated, _stopping.Token);
        }

        _receiptPump = Task.Run(() => PumpReceiptsAsync(_stopping.Token), CancellationToken.None);

        var resumed = new List<CampaignHandle>();
        if (!_options.ResumeOnStart)
        {
            return resumed;
        }

        var all = await _store.GetCampaignsAsync(null, cancellationToken).ConfigureAwait(false);
        foreach (var record in all)
        {
            if (await ResumeRecordAsync(record, all, cancellationToken).ConfigureAwait(false) is { } handle)
            {
                resumed.Add(handle);
            }
        }

        return resumed;
    }

    /// <summary>
    /// Resumes one campaign of the store the way <see cref="StartAsync"/> resumes each (for engines that share a store
    /// and claim campaigns one by one, see <see cref="DispatchOptions.ResumeOnStart"/>): a Running campaign is read
    /// back and queued; one left in Planning is marked Cancelled; a Cancelled one has its unsent deliveries swept.
    /// </summary>
    /// <param name="campaignId">The campaign.</param>
    /// <param name="cancellationToken">Stops the resume.</param>
    /// <returns>The campaign's handle when it runs here (already running, or resumed now); otherwise <see langword="null"/>.</returns>
    /// <exception cref="InvalidOperationException">The engine is not started.</exception>
    /// <exception cref="KeyNotFoundException">The store has no such campaign.</exception>
    public async Task<CampaignHandle?> ResumeCampaignAsync(Guid campaignId, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (Volatile.Read(ref _started) == 0)
        {
            throw new InvalidOperationException("Start the dispatch engine (StartAsync) before resuming campaigns.");
        }

        await _resumeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (TryGetCampaign(campaignId, out var running))
            {
                return running;
            }

            var record = await _store.GetCampaignAsync(campaignId, cancellationToken).ConfigureAwait(false)
                ?? throw new KeyNotFoundException($"No campaign {campaignId} in the store.");
            var all = record.Status == CampaignStatus.Running
                ? await _store.GetCampaignsAsync(null, cancellationToken).ConfigureAwait(false)
                : [record];
            return await ResumeRecordAsync(record, all, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _resumeGate.Release();
        }
    }

    private async Task<CampaignHandle?> ResumeRecordAsync(CampaignRecord record, IReadOnlyList<CampaignRecord> all, CancellationToken cancellationToken)
    {
        if (record.Status == CampaignStatus.Planning)
        {
            await _store.SetCampaignStatusAsync(record.Id, CampaignStatus.Cancelled, cancellationToken).ConfigureAwait(false);
            EngineLog.PlanningAbandoned(_logger, record.Id);
        }

        if (record.Status is CampaignStatus.Planning or CampaignStatus.Cancelled)
        {
            // A crash between marking a campaign cancelled and cancelling its deliveries: finish the job.
            await SweepCancelledAsync(record.Id, null, cancellationToken).ConfigureAwait(false);
            return null;
        }

        if (record.Status != CampaignStatus.Running)
        {
            return null;
        }

        CapAlert alert;
        CampaignSettings settings;
        ContentTable content;
        try
        {
            alert = CapParser.Default.Parse(record.AlertXml.ToArray()).Alert;
            settings = CampaignSettings.FromJson(record.SettingsJson);
            content = new ContentTable(alert, record.IsSimulation);

            // The latest Update alert that changed this campaign decides what is still queued.
            foreach (var other in all)
            {
                if (other.Id != record.Id && CampaignSettings.FromJson(other.SettingsJson).Updates.Contains(record.Id))
                {
                    content = new ContentTable(CapParser.Default.Parse(other.AlertXml.ToArray()).Alert, record.IsSimulation);
                }
            }
        }
#pragma warning disable CA1031 // one unreadable campaign must not stop the others from resuming
        catch (Exception ex) when (ex is CapParseException or System.Text.Json.JsonException)
#pragma warning restore CA1031
        {
            EngineLog.ResumeFailed(_logger, record.Id, ex);
            return null;
        }

        EngineLog.CampaignResumed(_logger, record.Id);
        return Launch(record, alert, content, settings.Account);
    }

    /// <summary>
    /// Estimates a campaign before sending it: deliveries, billable units, cost and duration per channel (at the
    /// configured rates). Enumerates the audience once; sends nothing and writes nothing.
    /// </summary>
    /// <param name="request">The campaign.</param>
    /// <returns>The estimate.</returns>
    /// <exception cref="ArgumentException">The request is invalid (too large, bad zones).</exception>
    public CostEstimate Estimate(CampaignRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ValidateRequest(request, requireEndpoints: false);
        var channels = EffectiveChannels(request);
        var counts = new Dictionary<(DeliveryChannel, string), long>();
        long members = 0;
        foreach (var member in request.Audience)
        {
            if (++members > _options.MaxAudienceSize)
            {
                throw new ArgumentException($"The audience has more than {_options.MaxAudienceSize} members (DispatchOptions.MaxAudienceSize).", nameof(request));
            }

            var set = CampaignPlanner.ChannelsFor(member, channels);
            foreach (var channel in MemberChannels)
            {
                if (set.Includes(channel))
                {
                    var key = (channel, member.Language ?? string.Empty);
                    counts[key] = counts.GetValueOrDefault(key) + 1;
                }
            }
        }

        if (channels.Includes(DeliveryChannel.CellBroadcast))
        {
            foreach (var language in CampaignPlanner.ZoneLanguages(request))
            {
                var key = (DeliveryChannel.CellBroadcast, language);
                counts[key] = counts.GetValueOrDefault(key) + request.CellBroadcastZones.Count;
            }
        }

        var estimates = new List<ChannelEstimate>();
        foreach (var channel in Enum.GetValues<DeliveryChannel>())
        {
            if (!channels.Includes(channel))
            {
                continue;
            }

            long deliveries = 0, units = 0;
            foreach (var ((c, language), count) in counts)
            {
                if (c == channel)
                {
                    deliveries += count;
                    units += count * ContentTable.Render(request.Alert, channel, language, request.IsSimulation).BillableUnits;
                }
            }

            double? rate = _options.RateLimitsEnabled ? _options.For(channel).RatePerSecond : null;
            estimates.Add(new ChannelEstimate(
                channel,
                deliveries,
                units,
                units * _options.Tariffs.UnitPrice(channel),
                rate,
                rate is { } r ? TimeSpan.FromSeconds(deliveries / r) : null));
        }

        return new CostEstimate(estimates);
    }

    /// <summary>
    /// Starts a campaign: writes its whole plan to the store (interleaving languages and areas), seals it, and queues
    /// it. An Update alert also changes the queued content of the running campaigns it references; a Cancel alert
    /// cancels them. Returns once the plan is durable; sending goes on in the background.
    /// </summary>
    /// <param name="request">The campaign.</param>
    /// <param name="cancellationToken">Stops planning (the campaign is then left in Planning and cancelled at the next start).</param>
    /// <returns>The running campaign.</returns>
    /// <exception cref="InvalidOperationException">The engine is not started.</exception>
    /// <exception cref="ArgumentException">The request is invalid: no endpoint for a channel, too many members or zones, a bad zone name.</exception>
    public async Task<CampaignHandle> StartCampaignAsync(CampaignRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (Volatile.Read(ref _started) == 0)
        {
            throw new InvalidOperationException("Start the dispatch engine (StartAsync) before starting campaigns.");
        }

        ValidateRequest(request, requireEndpoints: true);
        var alert = request.Alert;
        var channels = EffectiveChannels(request);
        var updates = new List<Guid>();
        foreach (var (run, _) in Referenced(alert))
        {
            if (alert.MsgType == CapMessageType.Cancel)
            {
                await CancelAsync(run, cancellationToken).ConfigureAwait(false);
            }
            else if (alert.MsgType == CapMessageType.Update)
            {
                run.ReplaceContent(new ContentTable(alert, run.Record.IsSimulation));
                updates.Add(run.Id);
                EngineLog.CampaignUpdated(_logger, run.Id, alert.Identifier);
            }
        }

        var id = request.CampaignId ?? Guid.NewGuid();
        var priority = request.Priority ?? CampaignPriorities.For(alert);
        var settings = new CampaignSettings { Account = request.Account, Updates = updates };
        var name = request.Name ?? alert.Infos.Select(i => i.Headline).FirstOrDefault(h => !string.IsNullOrWhiteSpace(h)) ?? alert.Identifier;
        var record = new CampaignRecord(id, name, CapWriter.WriteToBytes(alert), channels, priority, request.IsSimulation, _time.GetUtcNow())
        {
            SettingsJson = settings.ToJson(),
        };
        await _store.CreateCampaignAsync(record, cancellationToken).ConfigureAwait(false);

        var lanes = CampaignPlanner.Group(request.Audience, channels, _options.MaxAudienceSize, cancellationToken);
        var sequence = await WritePlanAsync(id, request, channels, lanes, cancellationToken).ConfigureAwait(false);
        await _store.SealPlanAsync(id, sequence, cancellationToken).ConfigureAwait(false);
        EngineLog.CampaignPlanned(_logger, id, sequence, channels, priority);
        return Launch(record with { Status = CampaignStatus.Running, PlannedCount = sequence }, alert, new ContentTable(alert, request.IsSimulation), request.Account);
    }

    /// <summary>
    /// Writes the plan in batches of <see cref="DispatchOptions.PlanBatchSize"/>: the store writes one batch while the
    /// next is being built (two cores at work instead of one), in order, each batch durable before the plan is sealed.
    /// </summary>
    /// <returns>The number of deliveries planned.</returns>
    private async Task<long> WritePlanAsync(Guid id, CampaignRequest request, DeliveryChannels channels, List<CampaignPlanner.LanguageLanes> lanes, CancellationToken cancellationToken)
    {
        using var planning = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var full = Channel.CreateBounded<(PlannedDelivery[] Buffer, int Count)>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        var spare = new ConcurrentQueue<PlannedDelivery[]>();
        var writer = Task.Run(
            async () =>
            {
                try
                {
                    await foreach (var (written, count) in full.Reader.ReadAllAsync(planning.Token).ConfigureAwait(false))
                    {
                        await _store.AppendPlanAsync(id, written.AsMemory(0, count), planning.Token).ConfigureAwait(false);
                        spare.Enqueue(written);
                    }
                }
                catch
                {
                    await planning.CancelAsync().ConfigureAwait(false); // stops the producer
                    throw;
                }
            },
            CancellationToken.None);

        var buffer = new PlannedDelivery[_options.PlanBatchSize];
        var n = 0;
        long sequence = 0;
        try
        {
            if (channels.Includes(DeliveryChannel.CellBroadcast))
            {
                foreach (var zone in request.CellBroadcastZones)
                {
                    foreach (var language in CampaignPlanner.ZoneLanguages(request))
                    {
                        buffer[n++] = new PlannedDelivery(sequence++, DeliveryChannel.CellBroadcast, 0, zone, language, 0);
                        if (n == buffer.Length)
                        {
                            await FlushAsync().ConfigureAwait(false);
                        }
                    }
                }
            }

            foreach (var member in CampaignPlanner.Interleave(lanes))
            {
                var set = CampaignPlanner.ChannelsFor(member, channels);
                foreach (var channel in MemberChannels)
                {
                    if (!set.Includes(channel))
                    {
                        continue;
                    }

                    var destination = channel == DeliveryChannel.Email ? member.Email! : member.Phone!;
                    buffer[n++] = new PlannedDelivery(sequence++, channel, member.RecipientId, destination, member.Language, member.MunicipalityNis);
                    if (n == buffer.Length)
                    {
                        await FlushAsync().ConfigureAwait(false);
                    }
                }
            }

            if (n > 0)
            {
                await FlushAsync().ConfigureAwait(false);
            }

            full.Writer.Complete();
        }
        catch (Exception producer)
        {
            full.Writer.TryComplete();
            await planning.CancelAsync().ConfigureAwait(false);
            try
            {
                await writer.ConfigureAwait(false);
            }
            catch (Exception) when (producer is OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                throw; // the writer failed first: its error (not the producer's cancellation) is the cause
            }
#pragma warning disable CA1031 // the producer's own error is the one reported
            catch (Exception)
#pragma warning restore CA1031
            {
            }

            throw;
        }

        await writer.ConfigureAwait(false);
        return sequence;

        async ValueTask FlushAsync()
        {
            await full.Writer.WriteAsync((buffer, n), planning.Token).ConfigureAwait(false);
            buffer = spare.TryDequeue(out var reused) ? reused : new PlannedDelivery[_options.PlanBatchSize];
            n = 0;
        }
    }

    /// <summary>Finds a campaign this engine is running.</summary>
    /// <param name="campaignId">The campaign.</param>
    /// <param name="handle">Its handle, when running here.</param>
    /// <returns>Whether it was found.</returns>
    public bool TryGetCampaign(Guid campaignId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CampaignHandle? handle)
    {
        handle = _runs.TryGetValue(campaignId, out var entry) ? entry.Handle : null;
        return handle is not null;
    }

    /// <summary>Stops the engine as a crash would: workers stop, nothing more is written; a new engine on the same store resumes.</summary>
    /// <returns>A task that completes when every worker has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        foreach (var dispatcher in _dispatchers.Values)
        {
            await dispatcher.DisposeAsync().ConfigureAwait(false);
        }

        _receipts.Writer.TryComplete();
        if (_receiptPump is not null)
        {
            await _receiptPump.ConfigureAwait(false);
        }

        await Task.WhenAll(_background.Keys).ConfigureAwait(false);
        foreach (var (run, _) in _runs.Values)
        {
            run.Completion.TrySetCanceled();
        }

        _stopping.Dispose();
        _resumeGate.Dispose();
    }

    internal ChannelDispatcher? DispatcherFor(DeliveryChannel channel) => _dispatchers.GetValueOrDefault(channel);

    internal async Task CancelAsync(CampaignRun run, CancellationToken cancellationToken)
    {
        if (!run.MarkCancelled())
        {
            return;
        }

        await _store.SetCampaignStatusAsync(run.Id, CampaignStatus.Cancelled, cancellationToken).ConfigureAwait(false);
        await run.ReaderCancellation.CancelAsync().ConfigureAwait(false);
        foreach (var dispatcher in _dispatchers.Values)
        {
            dispatcher.Pulse();
        }

        EngineLog.CampaignCancelled(_logger, run.Id);
    }

    private static readonly DeliveryChannel[] MemberChannels = [DeliveryChannel.Sms, DeliveryChannel.Email, DeliveryChannel.Voice];

    private static DeliveryChannels EffectiveChannels(CampaignRequest request)
    {
        // Cell broadcast goes to zones, signage to screens: neither is planned per audience member.
        var channels = request.Channels & (DeliveryChannels.Sms | DeliveryChannels.Email | DeliveryChannels.Voice | DeliveryChannels.CellBroadcast);
        if (request.CellBroadcastZones.Count == 0)
        {
            channels &= ~DeliveryChannels.CellBroadcast;
        }

        return channels;
    }

    private void ValidateRequest(CampaignRequest request, bool requireEndpoints)
    {
        var errors = new List<string>();
        if ((request.Channels & DeliveryChannels.Signage) != 0)
        {
            errors.Add("Signage is not planned by the dispatch engine (screens are not audience members).");
        }

        if (request.CellBroadcastZones.Count > _options.MaxZones)
        {
            errors.Add($"{request.CellBroadcastZones.Count} cell-broadcast zones is more than the {_options.MaxZones} allowed (DispatchOptions.MaxZones).");
        }

        if (request.CellBroadcastZones.Any(z => string.IsNullOrWhiteSpace(z) || z.Length > 256))
        {
            errors.Add("Every cell-broadcast zone needs a name of 1 to 256 characters.");
        }

        if (request.CellBroadcastLanguages.Any(l => string.IsNullOrWhiteSpace(l) || l.Length > 35))
        {
            errors.Add("Every cell-broadcast language needs a tag of 1 to 35 characters.");
        }

        if (requireEndpoints)
        {
            foreach (var channel in Enum.GetValues<DeliveryChannel>())
            {
                if (EffectiveChannels(request).Includes(channel) && !_dispatchers.ContainsKey(channel))
                {
                    errors.Add($"No {channel} endpoint is configured.");
                }
            }
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid campaign request: " + string.Join(" ", errors), nameof(request));
        }
    }

    private List<(CampaignRun Run, CampaignHandle Handle)> Referenced(CapAlert alert)
    {
        if (alert.MsgType is not (CapMessageType.Update or CapMessageType.Cancel) || alert.References.Count == 0)
        {
            return [];
        }

        return _runs.Values.Where(entry => alert.References.Any(r =>
            string.Equals(r.Identifier, entry.Run.Alert.Identifier, StringComparison.Ordinal) &&
            string.Equals(r.Sender, entry.Run.Alert.Sender, StringComparison.Ordinal))).ToList();
    }

    private CampaignHandle Launch(CampaignRecord record, CapAlert alert, ContentTable content, string? account)
    {
        var run = new CampaignRun(record, alert, content, account, _stopping.Token) { StartedAt = _time.GetUtcNow() };
        var rates = _dispatchers.ToDictionary(d => d.Key, d => d.Value.RatePerSecond);
        var handle = new CampaignHandle(run, this, _time, _options.ProgressInterval, rates);
        _runs[run.Id] = (run, handle);

        run.ReaderStarted(); // guard: sending cannot be "done" before every reader is counted
        var feeds = new List<(CampaignFeed, ChannelDispatcher)>();
        foreach (var counters in run.Counters)
        {
            if (_dispatchers.TryGetValue(counters.Channel, out var dispatcher))
            {
                run.ReaderStarted();
                feeds.Add((new CampaignFeed(run, _options.QueueCapacityBatches), dispatcher));
            }
            else
            {
                EngineLog.NoEndpoint(_logger, run.Id, counters.Channel);
            }
        }

        foreach (var (feed, dispatcher) in feeds)
        {
            dispatcher.Add(feed);
            Track(Task.Run(() => ReadAsync(feed, dispatcher), CancellationToken.None));
        }

        run.ReaderDone();
        Track(Task.Run(() => FinishAsync(run), CancellationToken.None));
        return handle;
    }

    private void Track(Task task)
    {
        _background.TryAdd(task, 0);
        task.ContinueWith(t => _background.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Reads one channel's share of a campaign back from the store and queues what still has to go.</summary>
    private async Task ReadAsync(CampaignFeed feed, ChannelDispatcher dispatcher)
    {
        var run = feed.Run;
        var channel = dispatcher.Channel;
        var counters = run.CountersFor(channel);
        var token = run.ReaderCancellation.Token;
        var size = _options.QueueBatchSize;
        var batch = new StoredDelivery[size];
        var n = 0;
        long targeted = 0, sent = 0, delivered = 0, failed = 0, skipped = 0, cancelled = 0;
        try
        {
            await foreach (var delivery in _store.ReadChannelDeliveriesAsync(run.Id, channel, onlyUnfinished: false, token).ConfigureAwait(false))
            {
                targeted++;
                switch (delivery.State)
                {
                    case DeliveryState.Pending or DeliveryState.InFlight:
                        batch[n++] = delivery;
                        break;
                    case DeliveryState.Sent:
                        sent++;
                        break;
                    case DeliveryState.Delivered:
                        delivered++;
                        break;
                    case DeliveryState.Failed:
                        failed++;
                        break;
                    case DeliveryState.Skipped:
                        skipped++;
                        break;
                    default:
                        cancelled++;
                        break;
                }

                if (n == size)
                {
                    counters.AddTargeted(targeted);
                    targeted = 0;
                    await QueueAsync(new DeliveryBatch(batch, n)).ConfigureAwait(false);
                    batch = new StoredDelivery[size];
                    n = 0;
                }
            }

            if (n > 0)
            {
                await QueueAsync(new DeliveryBatch(batch, n)).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // cancelled campaign or stopping engine: what was not queued stays in the store (swept or resumed)
        }
#pragma warning disable CA1031 // a store that fails while reading stops this campaign, reported through its Completion
        catch (Exception ex)
#pragma warning restore CA1031
        {
            EngineLog.CampaignFaulted(_logger, run.Id, ex);
            run.MarkFaulted(ex);
        }
        finally
        {
            counters.AddTargeted(targeted);
            counters.Add(sent, delivered, failed, skipped, cancelled);
            feed.Queue.Writer.TryComplete();
            dispatcher.Pulse();
            run.ReaderDone();
        }

        async ValueTask QueueAsync(DeliveryBatch queued)
        {
            // Counted before it is visible to workers (so the count cannot reach zero early), uncounted if never queued.
            run.AddPending(queued.Count);
            try
            {
                await feed.Queue.Writer.WriteAsync(queued, token).ConfigureAwait(false);
            }
            catch
            {
                run.ItemsDone(queued.Count);
                throw;
            }

            dispatcher.Pulse();
        }
    }

    private async Task FinishAsync(CampaignRun run)
    {
        var stopping = _stopping.Token;
        try
        {
            await run.SendingDone.Task.WaitAsync(stopping).ConfigureAwait(false);
            if (run.Fault is not null)
            {
                run.Completion.TrySetException(run.Fault);
                return;
            }

            if (run.IsCancelled)
            {
                await SweepCancelledAsync(run.Id, run, stopping).ConfigureAwait(false);
            }
            else if (run.Counters.Any(c => c.Sent > 0) && _options.ReceiptWait > TimeSpan.Zero)
            {
                await Task.WhenAny(run.ReceiptsSettled, Task.Delay(_options.ReceiptWait, _time, stopping)).ConfigureAwait(false);
                stopping.ThrowIfCancellationRequested();
            }

            var status = run.IsCancelled ? CampaignStatus.Cancelled : CampaignStatus.Completed;
            await _store.SetCampaignStatusAsync(run.Id, status, stopping).ConfigureAwait(false);
            var finishedAt = _time.GetUtcNow();
            var report = await ReportBuilder.BuildAsync(_store, run, status, _options.Tariffs, finishedAt, _time, stopping).ConfigureAwait(false);
            EngineLog.CampaignFinished(_logger, run.Id, status, report.Duration);
            _runs.TryRemove(run.Id, out _);
            run.Completion.TrySetResult(report);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            run.Completion.TrySetCanceled(stopping);
        }
#pragma warning disable CA1031 // reported through the campaign's Completion
        catch (Exception ex)
#pragma warning restore CA1031
        {
            EngineLog.CampaignFaulted(_logger, run.Id, ex);
            run.Completion.TrySetException(ex);
        }
        finally
        {
            _runs.TryRemove(run.Id, out _);
        }
    }

    /// <summary>After a cancellation: every delivery still Pending (or InFlight from an earlier run) becomes Cancelled.</summary>
    private async Task SweepCancelledAsync(Guid campaignId, CampaignRun? run, CancellationToken cancellationToken)
    {
        var updates = new DeliveryUpdate[_options.PlanBatchSize];
        var perChannel = new long[5];
        var n = 0;
        await foreach (var delivery in _store.ReadDeliveriesAsync(campaignId, onlyUnfinished: true, cancellationToken).ConfigureAwait(false))
        {
            if (!delivery.State.NeedsSending())
            {
                continue;
            }

            updates[n++] = new DeliveryUpdate(delivery.Planned.Sequence, DeliveryState.Cancelled, DeliveryError.None, delivery.Attempts);
            perChannel[(int)delivery.Planned.Channel]++;
            if (n == updates.Length)
            {
                await _store.RecordAsync(campaignId, updates.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
                n = 0;
            }
        }

        if (n > 0)
        {
            await _store.RecordAsync(campaignId, updates.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
        }

        if (run is null)
        {
            return;
        }

        foreach (var counters in run.Counters)
        {
            counters.Add(0, 0, 0, 0, perChannel[(int)counters.Channel]);
        }
    }

    private async Task PumpReceiptsAsync(CancellationToken stopping)
    {
        var reader = _receipts.Reader;
        var byCampaign = new Dictionary<Guid, List<DeliveryUpdate>>();
        var touched = new HashSet<CampaignRun>();
        try
        {
            while (await reader.WaitToReadAsync(stopping).ConfigureAwait(false))
            {
                byCampaign.Clear();
                touched.Clear();
                for (var i = 0; i < 4096 && reader.TryRead(out var item); i++)
                {
                    var (channel, receipt) = item;
                    var key = receipt.Key;
                    if (key is null && !string.IsNullOrEmpty(receipt.ProviderMessageId))
                    {
                        key = await _store.FindByProviderMessageIdAsync(channel, receipt.ProviderMessageId, stopping).ConfigureAwait(false);
                    }

                    if (key is not { } found)
                    {
                        EngineLog.ReceiptUnknown(_logger, channel);
                        continue;
                    }

                    var error = receipt.Delivered ? DeliveryError.None : receipt.Error == DeliveryError.None ? DeliveryError.Undeliverable : receipt.Error;
                    if (!byCampaign.TryGetValue(found.CampaignId, out var list))
                    {
                        list = [];
                        byCampaign.Add(found.CampaignId, list);
                    }

                    // The receipt carries the provider's id when the transport matched it itself: it may have overtaken
                    // the send's outcome (written once the whole slice is sent), and the final state it sets is never
                    // left, so the id must come with it or the delivery would keep none.
                    var providerId = receipt.Key is null ? null : receipt.ProviderMessageId;
                    list.Add(new DeliveryUpdate(found.Sequence, receipt.Delivered ? DeliveryState.Delivered : DeliveryState.Failed, error, ProviderMessageId: providerId));
                    if (_runs.TryGetValue(found.CampaignId, out var entry) && entry.Run.Record.Channels.Includes(channel))
                    {
                        entry.Run.CountersFor(channel).Add(-1, receipt.Delivered ? 1 : 0, receipt.Delivered ? 0 : 1, 0, 0);
                        touched.Add(entry.Run);
                    }
                }

                foreach (var (campaignId, list) in byCampaign)
                {
                    try
                    {
                        await _store.RecordAsync(campaignId, list.ToArray(), stopping).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                    {
                        throw;
                    }
#pragma warning disable CA1031 // one campaign's receipts failing must not stop the others'
                    catch (Exception ex)
#pragma warning restore CA1031
                    {
                        EngineLog.ReceiptsFailed(_logger, ex);
                    }
                }

                foreach (var run in touched)
                {
                    run.CheckReceipts();
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // stopping
        }
    }

    /// <summary>Where one channel's transports report receipts: queued for the receipt pump, never blocking.</summary>
    private sealed class ReceiptSink(DispatchEngine engine, DeliveryChannel channel) : IDeliveryReceiptSink
    {
        public void OnReceipt(in DeliveryReceipt receipt) => engine._receipts.Writer.TryWrite((channel, receipt));
    }
}
