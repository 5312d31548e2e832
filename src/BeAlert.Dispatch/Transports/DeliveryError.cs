namespace BeAlert.Dispatch;

/// <summary>Why a delivery attempt did not succeed. Values, not exceptions: see <see cref="DeliveryErrorExtensions.IsTransient"/>.</summary>
public enum DeliveryError : byte
{
    /// <summary>No error.</summary>
    None = 0,

    /// <summary>The peer asked us to slow down (SMPP ESME_RTHROTTLED / ESME_RMSGQFUL, SMTP 421/452). Transient.</summary>
    Throttled = 1,

    /// <summary>No answer within the configured time. Transient.</summary>
    Timeout = 2,

    /// <summary>The connection dropped or could not be opened. Transient.</summary>
    ConnectionFailed = 3,

    /// <summary>The peer reported a temporary failure (SMTP 4xx, an SMPP system error). Transient.</summary>
    TemporaryFailure = 4,

    /// <summary>The endpoint is out of service (its circuit breaker is open) and no other endpoint took the message. Transient.</summary>
    EndpointUnavailable = 5,

    /// <summary>The destination is not valid (bad number or address, unknown subscriber). Permanent.</summary>
    InvalidDestination = 16,

    /// <summary>The peer refused the message for good (SMTP 5xx, an SMPP permanent command_status). Permanent.</summary>
    Rejected = 17,

    /// <summary>The message could not be encoded for the channel (too long, unsupported characters). Permanent.</summary>
    ContentRejected = 18,

    /// <summary>A voice call was busy or not answered after the configured retries. Permanent.</summary>
    NotAnswered = 19,

    /// <summary>A delivery receipt said the message expired or was deleted undelivered. Permanent.</summary>
    Undeliverable = 20,

    /// <summary>The retries ran out on transient errors. Permanent.</summary>
    RetriesExhausted = 21,
}
