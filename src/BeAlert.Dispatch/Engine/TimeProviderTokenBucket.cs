using System.Threading.RateLimiting;

namespace BeAlert.Dispatch;

/// <summary>
/// A token bucket on the <see cref="RateLimiter"/> contract of System.Threading.RateLimiting whose clock is a
/// <see cref="TimeProvider"/>. The in-box <see cref="TokenBucketRateLimiter"/> measures elapsed time with the
/// stopwatch even when replenished by hand, so a fake clock cannot drive it; this one is replenished by
/// <see cref="Replenish"/> with whole periods, and serves waiters first come, first served.
/// </summary>
internal sealed class TimeProviderTokenBucket(int tokenLimit) : RateLimiter
{
    private static readonly RateLimitLease Acquired = new Lease(true);
    private static readonly RateLimitLease Refused = new Lease(false);

    private readonly Lock _lock = new();
    private readonly LinkedList<Waiter> _waiters = new();
    private long _tokens = tokenLimit;
    private long _queued;
    private long _successful;
    private long _failed;

    public override TimeSpan? IdleDuration => null;

    /// <summary>
    /// Adds tokens and serves waiters in order; only what no waiter took is capped at the limit. A late timer tick that
    /// credits several periods at once thus serves the workers that waited through them instead of losing the tokens
    /// above the limit (which lowered the achieved rate by several percent on a busy machine), while the burst an idle
    /// channel can build up stays bounded by the limit.
    /// </summary>
    public void Replenish(long tokens)
    {
        List<Waiter>? served = null;
        lock (_lock)
        {
            _tokens += tokens;
            while (_waiters.First is { } first && first.Value.Permits <= _tokens)
            {
                _tokens -= first.Value.Permits;
                _queued -= first.Value.Permits;
                _waiters.RemoveFirst();
                (served ??= []).Add(first.Value);
            }

            _tokens = Math.Min(tokenLimit, _tokens);
        }

        if (served is null)
        {
            return;
        }

        foreach (var waiter in served)
        {
            waiter.Registration.Dispose();
            if (waiter.Completion.TrySetResult(Acquired))
            {
                Interlocked.Increment(ref _successful);
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_lock)
        {
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = _tokens,
                CurrentQueuedCount = _queued,
                TotalSuccessfulLeases = Interlocked.Read(ref _successful),
                TotalFailedLeases = Interlocked.Read(ref _failed),
            };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, tokenLimit);
        lock (_lock)
        {
            if (_waiters.Count == 0 && _tokens >= permitCount)
            {
                _tokens -= permitCount;
                Interlocked.Increment(ref _successful);
                return Acquired;
            }
        }

        Interlocked.Increment(ref _failed);
        return Refused;
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, tokenLimit);
        cancellationToken.ThrowIfCancellationRequested();
        Waiter waiter;
        LinkedListNode<Waiter> node;
        lock (_lock)
        {
            if (_waiters.Count == 0 && _tokens >= permitCount)
            {
                _tokens -= permitCount;
                Interlocked.Increment(ref _successful);
                return new ValueTask<RateLimitLease>(Acquired);
            }

            waiter = new Waiter(permitCount, new TaskCompletionSource<RateLimitLease>(TaskCreationOptions.RunContinuationsAsynchronously));
            node = _waiters.AddLast(waiter);
            _queued += permitCount;
        }

        if (cancellationToken.CanBeCanceled)
        {
            waiter.Registration = cancellationToken.UnsafeRegister(
                static (state, token) =>
                {
                    var (bucket, node) = ((TimeProviderTokenBucket, LinkedListNode<Waiter>))state!;
                    bucket.Abandon(node, token);
                },
                (this, node));
        }

        return new ValueTask<RateLimitLease>(waiter.Completion.Task);
    }

    protected override void Dispose(bool disposing)
    {
        List<Waiter> waiters;
        lock (_lock)
        {
            waiters = [.. _waiters];
            _waiters.Clear();
            _queued = 0;
        }

        foreach (var waiter in waiters)
        {
            waiter.Completion.TrySetResult(Refused);
        }

        base.Dispose(disposing);
    }

    private void Abandon(LinkedListNode<Waiter> node, CancellationToken token)
    {
        lock (_lock)
        {
            if (node.List is null)
            {
                return; // already served
            }

            _waiters.Remove(node);
            _queued -= node.Value.Permits;
        }

        node.Value.Completion.TrySetCanceled(token);
    }

    private sealed class Waiter(int permits, TaskCompletionSource<RateLimitLease> completion)
    {
        public int Permits { get; } = permits;

        public TaskCompletionSource<RateLimitLease> Completion { get; } = completion;

        public CancellationTokenRegistration Registration { get; set; }
    }

    private sealed class Lease(bool acquired) : RateLimitLease
    {
        public override bool IsAcquired { get; } = acquired;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
