namespace BeAlert.Dispatch;

/// <summary>The outcome of one send attempt: a value on the hot path, never an exception.</summary>
/// <param name="Status">Accepted, delivered or failed.</param>
/// <param name="Error">Why it failed (<see cref="DeliveryError.None"/> otherwise).</param>
/// <param name="ProviderMessageId">The peer's id for the message (SMPP message_id, SMTP queue id), used to match receipts.</param>
/// <param name="Reason">The peer's own words (an SMPP command_status, an SMTP reply line), for the report; no secrets.</param>
/// <param name="RetryAfter">When the peer said when to try again (throttling); otherwise <see langword="null"/>.</param>
public readonly record struct SendResult(
    SendStatus Status,
    DeliveryError Error = DeliveryError.None,
    string? ProviderMessageId = null,
    string? Reason = null,
    TimeSpan? RetryAfter = null)
{
    /// <summary>An accepted message.</summary>
    /// <param name="providerMessageId">The peer's id for the message.</param>
    /// <returns>The result.</returns>
    public static SendResult Accepted(string? providerMessageId = null) => new(SendStatus.Accepted, ProviderMessageId: providerMessageId);

    /// <summary>A failed attempt.</summary>
    /// <param name="error">Why.</param>
    /// <param name="reason">The peer's words.</param>
    /// <param name="retryAfter">When to try again, if the peer said.</param>
    /// <returns>The result.</returns>
    public static SendResult Failure(DeliveryError error, string? reason = null, TimeSpan? retryAfter = null) =>
        new(SendStatus.Failed, error, Reason: reason, RetryAfter: retryAfter);
}
