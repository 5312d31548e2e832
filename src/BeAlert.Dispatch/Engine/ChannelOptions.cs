namespace BeAlert.Dispatch;

/// <summary>How one channel sends: its rate, retries and circuit breaker. Part of <see cref="DispatchOptions"/>.</summary>
public sealed class ChannelOptions
{
    /// <summary>
    /// Deliveries per second over all endpoints of the channel (a token bucket); <see langword="null"/> for no limit.
    /// Defaults: SMS 500/s, e-mail 2,500/s, voice 10/s (600 per minute), cell broadcast 10/s, signage 50/s.
    /// </summary>
    public double? RatePerSecond { get; set; }

    /// <summary>Attempts per delivery, the first included, before a transient failure becomes final. Default 4.</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>The first retry's delay; later ones double (with jitter) up to <see cref="RetryMaxDelay"/>. Default 1 s.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest delay between two attempts. Default 30 s.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The share of transient failures, within <see cref="BreakerSamplingDuration"/>, that opens an endpoint's breaker. Default 0.5.</summary>
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>The number of attempts within the sampling window before the breaker may open. Default 20.</summary>
    public int BreakerMinimumThroughput { get; set; } = 20;

    /// <summary>The window over which the failure ratio is measured. Default 10 s.</summary>
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long an open breaker keeps its endpoint out before one trial attempt. Default 15 s.</summary>
    public TimeSpan BreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The most workers (concurrent sends) for the channel; the endpoints' MaxConcurrency sum is used when lower. Default 64.</summary>
    public int MaxWorkers { get; set; } = 64;

    internal ChannelOptions Clone() => (ChannelOptions)MemberwiseClone();

    internal void Validate(DeliveryChannel channel, List<string> errors)
    {
        if (RatePerSecond is { } rate && (double.IsNaN(rate) || rate <= 0 || rate > 10_000_000))
        {
            errors.Add($"{channel}: RatePerSecond must be above 0 and at most 10,000,000 (or null for no limit); it is {rate}.");
        }

        if (MaxAttempts is < 1 or > 100)
        {
            errors.Add($"{channel}: MaxAttempts must be between 1 and 100; it is {MaxAttempts}.");
        }

        if (RetryBaseDelay < TimeSpan.Zero || RetryMaxDelay < RetryBaseDelay)
        {
            errors.Add($"{channel}: RetryBaseDelay must be at least 0 and RetryMaxDelay at least RetryBaseDelay.");
        }

        if (double.IsNaN(BreakerFailureRatio) || BreakerFailureRatio is <= 0 or > 1)
        {
            errors.Add($"{channel}: BreakerFailureRatio must be above 0 and at most 1; it is {BreakerFailureRatio}.");
        }

        if (BreakerMinimumThroughput < 2)
        {
            errors.Add($"{channel}: BreakerMinimumThroughput must be at least 2; it is {BreakerMinimumThroughput}.");
        }

        if (BreakerSamplingDuration < TimeSpan.FromMilliseconds(500) || BreakerBreakDuration < TimeSpan.FromMilliseconds(500))
        {
            errors.Add($"{channel}: BreakerSamplingDuration and BreakerBreakDuration must be at least 500 ms.");
        }

        if (MaxWorkers is < 1 or > 4096)
        {
            errors.Add($"{channel}: MaxWorkers must be between 1 and 4096; it is {MaxWorkers}.");
        }
    }
}
