namespace BeAlert.Dispatch;

/// <summary>A planned delivery with its latest state, as read back from a store.</summary>
/// <param name="Planned">What was planned.</param>
/// <param name="State">Its latest state.</param>
/// <param name="Error">Why it failed or was skipped.</param>
/// <param name="Attempts">Send attempts so far.</param>
/// <param name="ProviderMessageId">The peer's message id, once accepted.</param>
/// <param name="IsPossibleDuplicate">Whether it may have reached the person twice (sent again after a crash).</param>
public readonly record struct StoredDelivery(
    PlannedDelivery Planned,
    DeliveryState State,
    DeliveryError Error,
    int Attempts,
    string? ProviderMessageId,
    bool IsPossibleDuplicate);
