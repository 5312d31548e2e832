namespace BeAlert.Dispatch;

/// <summary>Before sending: how long a campaign will take and what it will cost, per channel.</summary>
/// <param name="Channels">One estimate per channel used.</param>
public sealed record CostEstimate(IReadOnlyList<ChannelEstimate> Channels)
{
    /// <summary>The total cost in euro.</summary>
    public decimal TotalCost => Channels.Sum(c => c.Cost);

    /// <summary>How long the slowest channel takes (channels send in parallel); <see langword="null"/> when no channel has a rate limit.</summary>
    public TimeSpan? EstimatedDuration =>
        Channels.Any(c => c.EstimatedDuration is not null) ? Channels.Max(c => c.EstimatedDuration ?? TimeSpan.Zero) : null;
}
