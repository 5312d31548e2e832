namespace BeAlert.Dispatch.Smpp;

/// <summary>How a request ended.</summary>
internal enum SmppOutcome : byte
{
    /// <summary>The peer answered; see <see cref="SmppResponse.Status"/>.</summary>
    Answered,

    /// <summary>No answer within the response timeout: the peer may or may not have taken the request.</summary>
    TimedOut,

    /// <summary>
    /// The session ended before an answer. The request was written or still queued; it was not acknowledged, so it
    /// may be sent again (the SMSC did not confirm taking it).
    /// </summary>
    ConnectionLost,
}

/// <summary>The answer to one request: a value, never an exception, on the hot path.</summary>
/// <param name="Outcome">Answered, timed out or connection lost.</param>
/// <param name="Status">The command_status when answered (generic_nack's status too).</param>
/// <param name="MessageId">submit_sm_resp's message_id on success.</param>
internal readonly record struct SmppResponse(SmppOutcome Outcome, uint Status, string? MessageId)
{
    public static SmppResponse Lost => new(SmppOutcome.ConnectionLost, 0, null);

    public static SmppResponse TimedOut => new(SmppOutcome.TimedOut, 0, null);

    public bool IsOk => Outcome == SmppOutcome.Answered && Status == SmppCommandStatus.Ok;
}
