using BeAlert.Cap;
using BeAlert.Gateway.Hosting;
using Microsoft.Extensions.Options;

namespace BeAlert.Gateway.Alerts;

/// <summary>
/// Makes every gateway instance on one database see every alert: the single path by which a stored message reaches
/// this process's <see cref="ActiveAlertSet"/> and <see cref="AlertEventHub"/> (SSE, public map, webhooks), exactly
/// once per sequence. The local ingest hands its message over at once (<see cref="Accept"/>, immediate); a background
/// poll (<see cref="AlertsOptions.FollowInterval"/>, a primary-key range read of <c>sequence &gt; high-water</c>, a
/// bounded page) brings in what other instances stored.
/// <para>
/// Sequences are handed out before commit, so on PostgreSQL a lower sequence may commit after a higher one, and a
/// rolled-back or conflicting insert leaves a sequence that never appears. The follower therefore remembers the
/// sequences missing below its high-water mark and asks for them again on every poll (for
/// <see cref="AlertsOptions.FollowGapWatch"/>). The active set takes each message as it comes; the hub gets them in
/// sequence order: a message above a missing sequence is held back until the gap fills or is older than
/// <see cref="AlertsOptions.FollowHoldBack"/>. So an SSE client's Last-Event-ID N means every lower sequence was
/// already sent (or given up as void), and resuming after N misses nothing; a gap that fills after its hold-back is
/// still published (late, below the stream's last id) and the SSE stream forwards it.
/// </para>
/// <para>
/// The poll's cadence runs on the system clock (a frozen test clock must not stop followers); the age of a gap is
/// measured on the injected <see cref="TimeProvider"/>.
/// </para>
/// </summary>
internal sealed partial class AlertFollower : BackgroundService
{
    /// <summary>The most missing sequences remembered at once (a larger jump keeps only the newest).</summary>
    internal const int MaxTrackedGaps = 10_000;

    private readonly AlertStore _store;
    private readonly ActiveAlertSet _active;
    private readonly AlertEventHub _hub;
    private readonly AlertsOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<AlertFollower> _logger;
    private readonly Lock _lock = new();
    private readonly Dictionary<long, long> _missing = [];
    private readonly SortedDictionary<long, StoredAlert> _held = [];
    private readonly SemaphoreSlim _wake = new(0, 1);
    private long _high;
    private long _published;
    private long _polls;

    public AlertFollower(AlertStore store, ActiveAlertSet active, AlertEventHub hub, IOptions<AlertsOptions> options, TimeProvider time, ILogger<AlertFollower> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _active = active;
        _hub = hub;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>The highest sequence applied here.</summary>
    public long HighWater
    {
        get
        {
            lock (_lock)
            {
                return _high;
            }
        }
    }

    /// <summary>Every sequence up to this one was published to the hub (or given up as void).</summary>
    public long Published
    {
        get
        {
            lock (_lock)
            {
                return _published;
            }
        }
    }

    /// <summary>How many polls ran (a test waits for a full round).</summary>
    public long Polls => Interlocked.Read(ref _polls);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Before AlertExpirySweeper loads the active set: what commits in between is applied again (idempotent).
        var max = await _store.MaxSequenceAsync(cancellationToken).ConfigureAwait(false);
        lock (_lock)
        {
            _high = max;
            _published = max;
        }

        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    /// <summary>
    /// Applies a message stored by this process (right after its commit) or read by the poll: once per sequence.
    /// <paramref name="deactivated"/> are the sequences it replaced or cancelled.
    /// </summary>
    public void Accept(StoredAlert alert, IReadOnlyList<long> deactivated)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var s = alert.Sequence;
        var gapLeft = false;
        lock (_lock)
        {
            if (s <= _high && !_missing.Remove(s))
            {
                return; // applied already
            }

            if (s > _high)
            {
                var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
                for (var k = Math.Max(_high + 1, s - MaxTrackedGaps); k < s; k++)
                {
                    _missing.TryAdd(k, now);
                }

                _high = s;
            }

            _active.Apply(alert, deactivated);
            if (s <= _published)
            {
                LogLatePublish(_logger, s);
                _hub.Publish(alert);
            }
            else
            {
                _held[s] = alert;
                ReleaseLocked();
            }

            gapLeft = _held.Count > 0;
        }

        if (gapLeft)
        {
            Wake();
        }
    }

    /// <summary>One poll: reads what is new or missing, applies it, publishes what is in order; true when a page was full.</summary>
    internal async Task<bool> PollOnceAsync(CancellationToken cancellationToken)
    {
        long high;
        long[] missing;
        lock (_lock)
        {
            high = _high;
            missing = [.. _missing.Keys];
        }

        var page = await _store.FollowAsync(high, missing, _options.FollowPageSize, cancellationToken).ConfigureAwait(false);
        foreach (var alert in page)
        {
            Accept(alert, alert.Alert.MsgType is CapMessageType.Update or CapMessageType.Cancel ? _active.SequencesOf(alert.Alert.References) : []);
        }

        lock (_lock)
        {
            var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
            var forget = (long)_options.FollowGapWatch.TotalMilliseconds;
            foreach (var (sequence, since) in _missing.ToList())
            {
                if (now - since >= forget && sequence <= _published)
                {
                    _missing.Remove(sequence);
                }
            }

            ReleaseLocked();
        }

        Interlocked.Increment(ref _polls);
        return page.Count >= _options.FollowPageSize;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var full = false;
            try
            {
                full = await PollOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // a database hiccup must not stop following: the next poll tries again
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogPollFailed(_logger, e);
            }

            if (full)
            {
                continue;
            }

            try
            {
                // Wall-clock cadence on purpose (see the class remarks); a local commit with a gap wakes it early.
                await _wake.WaitAsync(_options.FollowInterval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Wake() => WakeSignal.Signal(_wake);

    /// <summary>Publishes the held messages that are next in order; gives up on missing sequences older than the hold-back.</summary>
    private void ReleaseLocked()
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var holdBack = (long)_options.FollowHoldBack.TotalMilliseconds;
        while (_held.Count > 0)
        {
            var next = _published + 1;
            if (_held.Remove(next, out var alert))
            {
                _hub.Publish(alert);
                _published = next;
            }
            else if (_missing.TryGetValue(next, out var since))
            {
                if (now - since < holdBack)
                {
                    return;
                }

                LogGapSkipped(_logger, next);
                _published = next;
            }
            else
            {
                // Neither held nor missing: published already or below what was tracked.
                _published = next;
            }
        }

        if (_published < _high && _missing.Count == 0)
        {
            _published = _high;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Following the alerts table failed; the next poll tries again.")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Alert sequence {Sequence} did not appear within the hold-back; later alerts are published without it.")]
    private static partial void LogGapSkipped(ILogger logger, long sequence);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert {Sequence} committed after later alerts were published; published now, out of order.")]
    private static partial void LogLatePublish(ILogger logger, long sequence);
}
