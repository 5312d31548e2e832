namespace BeAlert.Dispatch;

/// <summary>
/// A receipt from a peer about a message it accepted earlier. Transports fill <see cref="Key"/> when they still know
/// it; otherwise the engine finds the delivery from <see cref="ProviderMessageId"/> (receipts can arrive after a restart).
/// </summary>
/// <param name="Key">The delivery, when the transport knows it.</param>
/// <param name="ProviderMessageId">The peer's message id from the send result.</param>
/// <param name="Delivered"><see langword="true"/> when the message reached the person; <see langword="false"/> for a final failure.</param>
/// <param name="Error">Why it failed (<see cref="DeliveryError.None"/> when delivered).</param>
/// <param name="Reason">The peer's own words (an SMPP receipt's stat/err fields), for the report.</param>
/// <param name="At">When the peer says it happened.</param>
public readonly record struct DeliveryReceipt(
    DeliveryKey? Key,
    string? ProviderMessageId,
    bool Delivered,
    DeliveryError Error,
    string? Reason,
    DateTimeOffset At)
{
    /// <summary>
    /// Billing units the receipt establishes, when the peer knows them only at the end (the started minutes of an
    /// answered voice call); 0 when the send result's estimate stands.
    /// </summary>
    public int BillableUnits { get; init; }
}
