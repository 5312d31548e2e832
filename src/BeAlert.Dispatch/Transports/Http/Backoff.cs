namespace BeAlert.Dispatch;

/// <summary>Exponential backoff with ±20 % jitter, never below a peer's Retry-After, never above a maximum.</summary>
internal static class Backoff
{
    /// <summary>The wait after failed attempt number <paramref name="attempt"/> (1 for the first).</summary>
    public static TimeSpan Delay(int attempt, TimeSpan initial, TimeSpan max, TimeSpan? retryAfter)
    {
        var exponent = Math.Min(attempt - 1, 30);
        var ticks = Math.Min(initial.Ticks * Math.Pow(2, exponent), max.Ticks);
        ticks *= 0.8 + (0.4 * Random.Shared.NextDouble());
        var delay = TimeSpan.FromTicks((long)Math.Min(ticks, max.Ticks));
        if (retryAfter is { } asked && asked > delay)
        {
            delay = asked;
        }

        return delay > max ? max : delay;
    }
}
