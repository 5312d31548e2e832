namespace BeAlert.Dispatch;

/// <summary>
/// At most N starts in any 60 seconds, measured on a <see cref="TimeProvider"/>: a ring of the last N start times; a
/// start waits until the oldest of them is a minute old. Fair enough for one process (waiters are not queued in order).
/// </summary>
internal sealed class CallRateLimiter
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly long[] _starts;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private int _next;
    private int _count;

    public CallRateLimiter(int perMinute, TimeProvider time)
    {
        _starts = new long[perMinute];
        _time = time;
    }

    /// <summary>Waits until a start is allowed, then records it.</summary>
    public async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_gate)
            {
                var now = _time.GetUtcNow().UtcTicks;
                if (_count < _starts.Length)
                {
                    _starts[(_next + _count) % _starts.Length] = now;
                    _count++;
                    return;
                }

                var oldest = _starts[_next];
                wait = TimeSpan.FromTicks(oldest + Window.Ticks - now);
                if (wait <= TimeSpan.Zero)
                {
                    _starts[_next] = now;
                    _next = (_next + 1) % _starts.Length;
                    return;
                }
            }

            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }
}
