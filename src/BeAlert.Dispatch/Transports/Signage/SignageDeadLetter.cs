namespace BeAlert.Dispatch;

/// <summary>
/// A signage push that failed for good (a permanent refusal, or transient errors until the retries ran out), kept so an
/// operator can see it, retry it (<see cref="SignageTransport.RetryDeadLetterAsync"/>) or dismiss it.
/// </summary>
/// <param name="Id">The dead letter's own identity.</param>
/// <param name="Endpoint">The name of the signage endpoint (the vendor) it was for.</param>
/// <param name="Key">The delivery it belongs to.</param>
/// <param name="AlertIdentifier">The CAP identifier of the alert pushed.</param>
/// <param name="MessageType">The CAP msgType pushed (Alert, Update, Cancel).</param>
/// <param name="Body">The exact CAP XML that was pushed (re-signed on every retry).</param>
/// <param name="Attempts">How many requests were made in all, retries included.</param>
/// <param name="Error">The last error.</param>
/// <param name="Reason">The vendor's last answer or the transport's description of the failure; never a secret.</param>
/// <param name="FailedAt">When it was (last) given up.</param>
public sealed record SignageDeadLetter(
    Guid Id,
    string Endpoint,
    DeliveryKey Key,
    string AlertIdentifier,
    string MessageType,
    ReadOnlyMemory<byte> Body,
    int Attempts,
    DeliveryError Error,
    string? Reason,
    DateTimeOffset FailedAt);
