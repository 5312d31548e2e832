namespace BeAlert.Dispatch;

/// <summary>The estimate of one channel of a campaign.</summary>
/// <param name="Channel">The channel.</param>
/// <param name="Deliveries">How many deliveries the plan will hold.</param>
/// <param name="BillableUnits">SMS segments, started voice minutes or messages, over all deliveries.</param>
/// <param name="Cost">The cost in euro at the configured tariffs.</param>
/// <param name="RatePerSecond">The configured rate, or <see langword="null"/> when unlimited.</param>
/// <param name="EstimatedDuration">Deliveries divided by the rate; <see langword="null"/> when unlimited.</param>
public sealed record ChannelEstimate(
    DeliveryChannel Channel,
    long Deliveries,
    long BillableUnits,
    decimal Cost,
    double? RatePerSecond,
    TimeSpan? EstimatedDuration);
