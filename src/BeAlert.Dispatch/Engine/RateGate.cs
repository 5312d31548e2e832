using System.Threading.RateLimiting;

namespace BeAlert.Dispatch;

/// <summary>
/// A channel's token bucket (a System.Threading.RateLimiting <see cref="RateLimiter"/>) replenished from a
/// <see cref="TimeProvider"/> timer, so fake time drives it in tests. Each tick credits every whole period elapsed since the start, so late timer ticks do
/// not lower the achieved rate. Workers acquire one chunk (one period's tokens at most) per slice, not per delivery.
/// </summary>
internal sealed class RateGate : IDisposable
{
    private readonly TimeProviderTokenBucket _limiter;
    private readonly ITimer _timer;
    private readonly TimeProvider _time;
    private readonly long _start;
    private readonly TimeSpan _period;
    private readonly int _tokensPerPeriod;
    private long _credited;

    public RateGate(double ratePerSecond, TimeProvider time)
    {
        _time = time;
        _tokensPerPeriod = Math.Max(1, (int)Math.Round(ratePerSecond / 10));
        _period = TimeSpan.FromSeconds(_tokensPerPeriod / ratePerSecond);
        _limiter = new TimeProviderTokenBucket(_tokensPerPeriod);
        _start = time.GetTimestamp();
        _timer = time.CreateTimer(static s => ((RateGate)s!).Tick(), this, _period, _period);
    }

    /// <summary>The most permits one acquisition asks for.</summary>
    public int ChunkSize => _tokensPerPeriod;

    /// <summary>Permits requested by workers waiting for tokens (tests use it to advance a fake clock only when the bucket is drained).</summary>
    public long QueuedPermits => _limiter.GetStatistics()?.CurrentQueuedCount ?? 0;

    public async ValueTask AcquireAsync(int permits, CancellationToken cancellationToken)
    {
        using var lease = await _limiter.AcquireAsync(Math.Min(permits, _tokensPerPeriod), cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _timer.Dispose();
        _limiter.Dispose();
    }

    private void Tick()
    {
        var due = (long)(_time.GetElapsedTime(_start).Ticks / (double)_period.Ticks);
        var missing = due - Interlocked.Read(ref _credited);
        if (missing > 0)
        {
            // After a long pause the bucket is simply full: the limit caps what one replenishment adds.
            _limiter.Replenish(missing * _tokensPerPeriod);
        }

        Interlocked.Exchange(ref _credited, due);
    }
}
