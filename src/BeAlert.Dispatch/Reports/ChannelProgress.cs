namespace BeAlert.Dispatch;

/// <summary>Where one channel of a running campaign stands.</summary>
/// <param name="Channel">The channel.</param>
/// <param name="Targeted">Deliveries planned.</param>
/// <param name="Queued">Deliveries not yet handed to a transport (including those being handed now).</param>
/// <param name="Sent">Accepted by a peer, waiting for a receipt.</param>
/// <param name="Delivered">Reached the person.</param>
/// <param name="Failed">Given up.</param>
/// <param name="Skipped">Deliberately not sent (voice while networks are saturated).</param>
/// <param name="Cancelled">Stopped before sending.</param>
/// <param name="CurrentRate">Deliveries handled per second since the previous snapshot.</param>
/// <param name="EstimatedTimeToFinish">Queued divided by the current rate (or the configured one); <see langword="null"/> when unknown.</param>
public sealed record ChannelProgress(
    DeliveryChannel Channel,
    long Targeted,
    long Queued,
    long Sent,
    long Delivered,
    long Failed,
    long Skipped,
    long Cancelled,
    double CurrentRate,
    TimeSpan? EstimatedTimeToFinish);
