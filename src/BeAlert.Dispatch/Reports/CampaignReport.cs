namespace BeAlert.Dispatch;

/// <summary>The final report of a campaign: per channel counts, failure reasons, rates, cost, and the cost split.</summary>
public sealed record CampaignReport
{
    /// <summary>The campaign.</summary>
    public required Guid CampaignId { get; init; }

    /// <summary>Its name.</summary>
    public required string Name { get; init; }

    /// <summary>How it ended: Completed or Cancelled (Running when the engine stopped first).</summary>
    public required CampaignStatus Status { get; init; }

    /// <summary>Whether it ran in simulation.</summary>
    public required bool IsSimulation { get; init; }

    /// <summary>The account billed, if any.</summary>
    public string? Account { get; init; }

    /// <summary>When the engine run that finished it started sending.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When it finished.</summary>
    public required DateTimeOffset FinishedAt { get; init; }

    /// <summary><see cref="FinishedAt"/> minus <see cref="StartedAt"/>.</summary>
    public TimeSpan Duration => FinishedAt - StartedAt;

    /// <summary>One report per channel.</summary>
    public required IReadOnlyList<ChannelReport> Channels { get; init; }

    /// <summary>The total cost in euro.</summary>
    public decimal TotalCost => Channels.Sum(c => c.Cost);

    /// <summary>The cost per municipality of main residence, largest first.</summary>
    public required IReadOnlyList<MunicipalityCost> CostByMunicipality { get; init; }

    /// <summary>The deliveries flagged as possible duplicates (at most the first 10,000).</summary>
    public required IReadOnlyList<DeliveryKey> PossibleDuplicates { get; init; }
}
