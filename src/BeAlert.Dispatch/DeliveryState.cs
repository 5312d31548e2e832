namespace BeAlert.Dispatch;

/// <summary>Where one planned delivery stands. Stored durably; see <see cref="IDeliveryStore"/>.</summary>
public enum DeliveryState : byte
{
    /// <summary>Planned, not yet handed to a transport.</summary>
    Pending = 0,

    /// <summary>
    /// Handed (or about to be handed) to a transport, not yet acknowledged. This state is written durably
    /// <em>before</em> the transport sees the message: after a crash, a delivery found in this state is sent again
    /// and flagged as a possible duplicate, because nobody can know whether the first attempt left.
    /// </summary>
    InFlight = 1,

    /// <summary>Accepted by the transport's peer (an SMSC's submit_sm_resp, an SMTP 250); no receipt yet.</summary>
    Sent = 2,

    /// <summary>A delivery receipt said the message reached the person (final).</summary>
    Delivered = 3,

    /// <summary>Given up: a permanent error, or transient errors until the retries ran out (final).</summary>
    Failed = 4,

    /// <summary>Stopped before it was sent: the campaign was cancelled or a Cancel alert arrived (final).</summary>
    Cancelled = 5,

    /// <summary>Deliberately not sent, e.g. voice while the networks are flagged as saturated (final).</summary>
    Skipped = 6,
}
