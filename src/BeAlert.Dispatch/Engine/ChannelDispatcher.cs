using System.Buffers;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace BeAlert.Dispatch;

/// <summary>
/// Sends one channel: the queues (one bounded feed per running campaign), the workers, the rate limiter, the retry
/// pipeline and the endpoints with their breakers (failover between them).
/// </summary>
/// <remarks>
/// A worker waits for work, acquires one chunk of tokens, then takes a slice from the highest-priority feed that has
/// work (equal priorities in turn): a real alert overtakes queued tests and exercises at the next slice. Per slice it
/// records every delivery InFlight in one store write, sends them, and records the outcomes in a second write.
/// </remarks>
internal sealed class ChannelDispatcher : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly List<CampaignFeed> _feeds = [];
    private readonly EndpointState[] _endpoints;
    private readonly ChannelOptions _options;
    private readonly RateGate? _gate;
    private readonly ResiliencePipeline<SendResult>? _retry;
    private readonly IDeliveryStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Func<bool> _saturated;
    private readonly int _sliceSize;
    private readonly int _unsentSliceSize;
    private readonly int _queueBatchSize;
    private readonly Task[] _workers;
    private int _busyWorkers;
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ChannelDispatcher(
        DeliveryChannel channel,
        IReadOnlyList<IDeliveryTransport> transports,
        DispatchOptions options,
        IDeliveryStore store,
        TimeProvider time,
        ILogger logger,
        Func<bool> saturated,
        CancellationToken stopping)
    {
        Channel = channel;
        _options = options.For(channel);
        _store = store;
        _time = time;
        _logger = logger;
        _saturated = saturated;
        var failover = transports.Count > 1;
        _endpoints = [.. transports.Select(t => new EndpointState(t, _options, failover, time, logger))];
        if (options.RateLimitsEnabled && _options.RatePerSecond is { } rate)
        {
            _gate = new RateGate(rate, time);
            _sliceSize = Math.Min(options.SliceSize, _gate.ChunkSize);
        }
        else
        {
            _sliceSize = options.SliceSize;
        }

        if (_options.MaxAttempts > 1)
        {
            _retry = new ResiliencePipelineBuilder<SendResult> { TimeProvider = time }
                .AddRetry(new RetryStrategyOptions<SendResult>
                {
                    ShouldHandle = static args => ValueTask.FromResult(
                        args.Outcome.Result is { Status: SendStatus.Failed } result && result.Error.IsTransient()),
                    MaxRetryAttempts = _options.MaxAttempts - 1,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = _options.RetryBaseDelay,
                    MaxDelay = _options.RetryMaxDelay,
                    DelayGenerator = args => ValueTask.FromResult(
                        args.Outcome.Result.RetryAfter is { } after ? (TimeSpan?)TimeSpan.FromTicks(Math.Min(after.Ticks, _options.RetryMaxDelay.Ticks)) : null),
                })
                .Build();
        }

        _unsentSliceSize = options.SliceSize;
        _queueBatchSize = options.QueueBatchSize;
        var capacity = transports.Sum(t => (long)Math.Max(1, t.MaxConcurrency));
        var workers = (int)Math.Clamp(capacity, 1, _options.MaxWorkers);
        _workers = new Task[workers];
        for (var i = 0; i < workers; i++)
        {
            var index = i;
            _workers[i] = Task.Run(() => WorkAsync(index, stopping), CancellationToken.None);
        }
    }

    public DeliveryChannel Channel { get; }

    public double? RatePerSecond => _gate is null ? null : _options.RatePerSecond;

    internal RateGate? Gate => _gate;

    public void Add(CampaignFeed feed)
    {
        lock (_lock)
        {
            // Highest priority first; a new feed goes after those of the same priority.
            var at = _feeds.FindIndex(f => f.Run.Priority < feed.Run.Priority);
            _feeds.Insert(at < 0 ? _feeds.Count : at, feed);
        }

        Pulse();
    }

    /// <summary>Wakes waiting workers: a feed has new work or finished.</summary>
    public void Pulse()
    {
        TaskCompletionSource wake;
        lock (_lock)
        {
            wake = _wake;
            _wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        wake.TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        Pulse();
        try
        {
            await Task.WhenAll(_workers).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // stopping
        }

        _gate?.Dispose();
    }

    private async Task WorkAsync(int worker, CancellationToken stopping)
    {
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                Task? wait = null;
                var budget = _sliceSize;
                lock (_lock)
                {
                    if (!HasWorkLocked())
                    {
                        wait = _wake.Task;
                    }
                }

                if (wait is not null)
                {
                    await wait.WaitAsync(stopping).ConfigureAwait(false);
                    continue;
                }

                if (_gate is not null)
                {
                    // Work that will not be sent (cancelled campaign, voice while saturated) needs no tokens.
                    DeliverySlice unsent;
                    bool found;
                    lock (_lock)
                    {
                        found = TryTakeLocked(_unsentSliceSize, out unsent, unsentOnly: true);
                    }

                    if (found)
                    {
                        await ProcessGuardedAsync(unsent, worker, stopping).ConfigureAwait(false);
                        continue;
                    }

                    // Ask for what this worker will really take: its fair share of the queued work, at most a chunk.
                    // Tokens are not given back, so a chunk asked for while little is queued (a plan still being
                    // written, a small campaign over many workers) would be spent on a few messages and the achieved
                    // rate would fall below the configured one.
                    lock (_lock)
                    {
                        budget = Math.Min(_sliceSize, QueuedFairShareLocked());
                    }

                    await _gate.AcquireAsync(budget, stopping).ConfigureAwait(false);
                }

                // Spend the whole chunk: a batch's last slice may be short, so take from the next one too.
                while (budget > 0)
                {
                    DeliverySlice slice;
                    lock (_lock)
                    {
                        if (!TryTakeLocked(budget, out slice))
                        {
                            break;
                        }
                    }

                    budget -= slice.Count;
                    await ProcessGuardedAsync(slice, worker, stopping).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // the engine is stopping: leave what is in flight as it is in the store (resumed on the next start)
        }
    }

    private async ValueTask ProcessGuardedAsync(DeliverySlice slice, int worker, CancellationToken stopping)
    {
        try
        {
            await ProcessSliceAsync(slice, worker, stopping).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _busyWorkers); // counted busy by TryTakeLocked
        }
    }

    private async ValueTask ProcessSliceAsync(DeliverySlice slice, int worker, CancellationToken stopping)
    {
        try
        {
            await ProcessAsync(slice, worker, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // a store failure stops that campaign (reported), not the channel's other campaigns
        catch (Exception ex)
#pragma warning restore CA1031
        {
            EngineLog.CampaignFaulted(_logger, slice.Feed.Run.Id, ex);
            slice.Feed.Run.MarkFaulted(ex);
            slice.Feed.Run.ItemsDone(slice.Count);
        }
    }

    private bool HasWorkLocked()
    {
        foreach (var feed in _feeds)
        {
            if (feed.HasRemaining)
            {
                return true;
            }
        }

        return false;
    }

    private bool TryTakeLocked(int max, out DeliverySlice slice, bool unsentOnly = false)
    {
        var saturated = Channel == DeliveryChannel.Voice && _saturated();
        for (var i = 0; i < _feeds.Count; i++)
        {
            var feed = _feeds[i];
            if (unsentOnly && !(saturated || feed.Run.IsCancelled || feed.Run.Fault is not null))
            {
                continue;
            }

            if (feed.Current is null || feed.Offset >= feed.Current.Count)
            {
                if (!feed.Queue.Reader.TryRead(out var batch))
                {
                    if (feed.Queue.Reader.Completion.IsCompleted)
                    {
                        _feeds.RemoveAt(i--);
                    }

                    continue;
                }

                feed.Current = batch;
                feed.Offset = 0;
            }

            var count = Math.Min(max, feed.Current.Count - feed.Offset);
            if (!unsentOnly)
            {
                count = Math.Min(count, FairShareLocked(feed));
            }

            slice = new DeliverySlice(feed, feed.Current, feed.Offset, count);
            feed.Offset += count;
            Interlocked.Increment(ref _busyWorkers); // until ProcessGuardedAsync returns

            // Take turns with the feeds of the same priority: move this one behind them.
            var end = i + 1;
            while (end < _feeds.Count && _feeds[end].Run.Priority == feed.Run.Priority)
            {
                end++;
            }

            if (end > i + 1)
            {
                _feeds.RemoveAt(i);
                _feeds.Insert(end - 1, feed);
            }

            return true;
        }

        slice = default;
        return false;
    }

    /// <summary>The fair share (see <see cref="FairShareLocked"/>) of everything queued on this channel, at least 1.</summary>
    private int QueuedFairShareLocked()
    {
        long queued = 0;
        foreach (var feed in _feeds)
        {
            queued += QueuedIn(feed);
        }

        return ShareOf(queued);
    }

    /// <summary>
    /// The most one slice may take from <paramref name="feed"/> so that the work queued is spread over the workers not
    /// busy with a slice: each worker sends its slice one message after the other and records the outcomes only at the
    /// end, so a small campaign taken as one big slice would be sent by a single worker while the others stay idle, and
    /// show no progress until that worker is done (with a slow provider, minutes). With a backlog of at least a full
    /// slice per idle worker this is no limit.
    /// </summary>
    private int FairShareLocked(CampaignFeed feed) => ShareOf(QueuedIn(feed));

    private long QueuedIn(CampaignFeed feed) =>
        (feed.Current is null ? 0 : feed.Current.Count - feed.Offset) + ((long)feed.Queue.Reader.Count * _queueBatchSize);

    private int ShareOf(long queued)
    {
        var idle = Math.Max(1, _workers.Length - Volatile.Read(ref _busyWorkers));
        return (int)Math.Clamp((queued + idle - 1) / idle, 1, int.MaxValue);
    }

    private async ValueTask ProcessAsync(DeliverySlice slice, int worker, CancellationToken stopping)
    {
        var run = slice.Feed.Run;
        var counters = run.CountersFor(Channel);
        var items = slice.Batch.Items;
        var count = slice.Count;
        var updates = ArrayPool<DeliveryUpdate>.Shared.Rent(count);
        try
        {
            if (run.Fault is not null)
            {
                run.ItemsDone(count);
                return;
            }

            if (run.IsCancelled || (Channel == DeliveryChannel.Voice && _saturated()))
            {
                var state = run.IsCancelled ? DeliveryState.Cancelled : DeliveryState.Skipped;
                for (var i = 0; i < count; i++)
                {
                    var item = items[slice.Start + i];
                    updates[i] = new DeliveryUpdate(item.Planned.Sequence, state, DeliveryError.None, item.Attempts);
                }

                await _store.RecordAsync(run.Id, updates.AsMemory(0, count), stopping).ConfigureAwait(false);
                if (state == DeliveryState.Cancelled)
                {
                    counters.Add(0, 0, 0, 0, count);
                }
                else
                {
                    counters.Add(0, 0, 0, count, 0);
                }

                DispatchMetrics.Handled(Channel, state, count);
                run.ItemsDone(count);
                return;
            }

            // 1. InFlight, durably, before any transport sees these deliveries.
            for (var i = 0; i < count; i++)
            {
                var item = items[slice.Start + i];
                var duplicate = item.IsPossibleDuplicate || item.State == DeliveryState.InFlight;
                updates[i] = new DeliveryUpdate(item.Planned.Sequence, DeliveryState.InFlight, DeliveryError.None, item.Attempts + 1, null, duplicate);
            }

            await _store.RecordAsync(run.Id, updates.AsMemory(0, count), stopping).ConfigureAwait(false);

            // 2. Send.
            var started = _time.GetTimestamp();
            var content = run.Content;
            long sent = 0, delivered = 0, failed = 0, cancelled = 0;
            for (var i = 0; i < count; i++)
            {
                var item = items[slice.Start + i];
                var inFlight = updates[i];
                if (run.IsCancelled)
                {
                    updates[i] = inFlight with { State = DeliveryState.Cancelled };
                    cancelled++;
                    continue;
                }

                var message = new OutboundMessage(
                    new DeliveryKey(run.Id, item.Planned.Sequence),
                    item.Planned.Destination,
                    content.Get(Channel, item.Planned.Language),
                    inFlight.Attempts,
                    inFlight.IsPossibleDuplicate);
                var (result, attempts) = await SendAsync(message, worker, stopping).ConfigureAwait(false);
                var total = item.Attempts + attempts;
                switch (result.Status)
                {
                    case SendStatus.Accepted:
                        updates[i] = new DeliveryUpdate(item.Planned.Sequence, DeliveryState.Sent, DeliveryError.None, total, result.ProviderMessageId, inFlight.IsPossibleDuplicate);
                        sent++;
                        break;
                    case SendStatus.Delivered:
                        updates[i] = new DeliveryUpdate(item.Planned.Sequence, DeliveryState.Delivered, DeliveryError.None, total, result.ProviderMessageId, inFlight.IsPossibleDuplicate);
                        delivered++;
                        break;
                    default:
                        var error = result.Error.IsTransient() ? DeliveryError.RetriesExhausted : result.Error;
                        if (error == DeliveryError.None)
                        {
                            error = DeliveryError.Rejected;
                        }

                        updates[i] = new DeliveryUpdate(item.Planned.Sequence, DeliveryState.Failed, error, total, null, inFlight.IsPossibleDuplicate);
                        failed++;
                        break;
                }
            }

            // 3. Outcomes, durably.
            await _store.RecordAsync(run.Id, updates.AsMemory(0, count), stopping).ConfigureAwait(false);
            counters.Add(sent, delivered, failed, 0, cancelled);
            counters.MarkSend(started, _time.GetTimestamp());
            DispatchMetrics.Handled(Channel, DeliveryState.Sent, sent);
            DispatchMetrics.Handled(Channel, DeliveryState.Delivered, delivered);
            DispatchMetrics.Handled(Channel, DeliveryState.Failed, failed);
            DispatchMetrics.Handled(Channel, DeliveryState.Cancelled, cancelled);
            run.ItemsDone(count);
        }
        finally
        {
            ArrayPool<DeliveryUpdate>.Shared.Return(updates);
        }
    }

    /// <summary>Sends one message: the first attempt directly (the hot path), retries through the Polly retry pipeline.</summary>
    private async ValueTask<(SendResult Result, int Attempts)> SendAsync(OutboundMessage message, int worker, CancellationToken stopping)
    {
        var first = await SendOnceAsync(message, worker, stopping).ConfigureAwait(false);
        if (_retry is null || first.Status != SendStatus.Failed || !first.Error.IsTransient())
        {
            return (first, 1);
        }

        var state = new RetryState(this, message, worker, first);
        var result = await _retry.ExecuteAsync(
            static async (s, token) =>
            {
                if (s.Attempts == 1 && s.First is { } known)
                {
                    s.First = null; // the first attempt already happened: let the pipeline wait before the second
                    return known;
                }

                s.Attempts++;
                return await s.Dispatcher.SendOnceAsync(s.Message with { Attempt = s.Message.Attempt + s.Attempts - 1 }, s.Worker, token).ConfigureAwait(false);
            },
            state,
            stopping).ConfigureAwait(false);
        return (result, state.Attempts);
    }

    /// <summary>One attempt: the worker's home endpoint (turning with the attempt number), failing over to the others while a breaker is open.</summary>
    private async ValueTask<SendResult> SendOnceAsync(OutboundMessage message, int worker, CancellationToken stopping)
    {
        var n = _endpoints.Length;
        if (n == 1)
        {
            return await _endpoints[0].SendAsync(message, stopping).ConfigureAwait(false);
        }

        var home = (worker + message.Attempt - 1) % n;
        var last = SendResult.Failure(DeliveryError.EndpointUnavailable, "every endpoint's breaker is open");
        for (var k = 0; k < n; k++)
        {
            var result = await _endpoints[(home + k) % n].SendAsync(message, stopping).ConfigureAwait(false);
            if (result.Status == SendStatus.Failed && result.Error == DeliveryError.EndpointUnavailable)
            {
                last = result;
                continue;
            }

            return result;
        }

        return last;
    }

    private sealed class RetryState(ChannelDispatcher dispatcher, OutboundMessage message, int worker, SendResult first)
    {
        public ChannelDispatcher Dispatcher { get; } = dispatcher;

        public OutboundMessage Message { get; } = message;

        public int Worker { get; } = worker;

        public SendResult? First { get; set; } = first;

        public int Attempts { get; set; } = 1;
    }
}
