namespace BeAlert.Dispatch;

/// <summary>What <see cref="IDeliveryStore.EraseRecipientAsync"/> changed.</summary>
/// <param name="Campaigns">The campaigns that held a matching delivery, oldest first.</param>
/// <param name="Erased">How many planned deliveries now carry the tombstone instead of the contact.</param>
/// <param name="Cancelled">
/// The deliveries that had not gone out yet (Pending or InFlight) and are now Cancelled; callers also stop the copies an
/// engine already holds in memory (see the gateway's suppression wrapper).
/// </param>
public sealed record RecipientErasureResult(IReadOnlyList<Guid> Campaigns, long Erased, IReadOnlyList<DeliveryKey> Cancelled);
