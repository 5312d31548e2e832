namespace BeAlert.Dispatch;

/// <summary>A state change of one delivery, written to the store in batches.</summary>
/// <param name="Sequence">The delivery.</param>
/// <param name="State">Its new state.</param>
/// <param name="Error">Why it failed or was skipped (<see cref="DeliveryError.None"/> otherwise).</param>
/// <param name="Attempts">How many send attempts it has had so far.</param>
/// <param name="ProviderMessageId">The peer's message id once accepted (to match receipts), else <see langword="null"/>.</param>
/// <param name="IsPossibleDuplicate">Set when the delivery was in flight at a crash and is being sent again.</param>
public readonly record struct DeliveryUpdate(
    long Sequence,
    DeliveryState State,
    DeliveryError Error = DeliveryError.None,
    int Attempts = 0,
    string? ProviderMessageId = null,
    bool IsPossibleDuplicate = false);
