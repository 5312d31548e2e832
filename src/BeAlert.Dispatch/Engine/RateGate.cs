using System.Threading.RateLimiting;

namespace BeAlert.Dispatch;

/// <summary>
/// A channel's token bucket (System.Threading.RateLimiting) replenished from a <see cref="TimeProvider"/> timer, so
/// fake time drives it in tests. Each tick credits every whole period elapsed since the start, so late timer ticks do
/// not lower the achieved rate. Workers acquire one chunk (one period's tokens at most) per slice, not per delivery.
/// </summary>
internal sealed class RateGate : IDisposable
{
    private readonly TokenBucketRateLimiter _limiter;
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
        _limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = _tokensPerPeriod,
            TokensPerPeriod = _tokensPerPeriod,
            ReplenishmentPeriod = _period,
            AutoReplenishment = false,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        _start = time.GetTimestamp();
        _timer = time.CreateTimer(static s => ((RateGate)s!).Tick(), this, _period, _period);
    }

    /// <summary>The most permits one acquisition asks for.</summary>
    public int ChunkSize => _tokensPerPeriod;

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

        // After a long pause the bucket is full anyway: crediting more than one bucket would only spin.
        for (var i = 0L; i < Math.Min(missing, 2); i++)
        {
            _limiter.TryReplenish();
        }

        Interlocked.Exchange(ref _credited, due);
    }
}
