namespace BeAlert.Dispatch;

/// <summary>
/// What one HTTP exchange with a peer gave: the status, the (bounded) body, and the delivery error it maps to.
/// <see cref="DeliveryError.None"/> means a 2xx answer whose body was read within the limit.
/// </summary>
/// <param name="StatusCode">The HTTP status, or 0 when no answer arrived.</param>
/// <param name="Error">The delivery error the exchange maps to.</param>
/// <param name="Reason">A short text for the report: the status and the start of the peer's answer; never a secret.</param>
/// <param name="RetryAfter">The peer's Retry-After, when it sent one.</param>
/// <param name="Body">The response body (empty when none or when it was over the limit).</param>
internal readonly record struct HttpOutcome(int StatusCode, DeliveryError Error, string Reason, TimeSpan? RetryAfter, byte[] Body)
{
    /// <summary>Whether the peer answered 2xx and the body was read.</summary>
    public bool IsSuccess => Error == DeliveryError.None;

    /// <summary>The outcome as a failed send result.</summary>
    public SendResult ToFailure() => SendResult.Failure(Error, Reason, RetryAfter);
}
