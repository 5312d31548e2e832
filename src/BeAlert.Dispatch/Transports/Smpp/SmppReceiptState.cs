namespace BeAlert.Dispatch.Smpp;

/// <summary>What a delivery receipt says about its message (SMPP 3.4 Appendix B stat values, §5.2.28 message_state).</summary>
internal enum SmppReceiptState : byte
{
    /// <summary>DELIVRD, message_state 2: the message reached the handset.</summary>
    Delivered,

    /// <summary>EXPIRED, DELETED, UNDELIV, UNKNOWN (message_state 3, 4, 5, 7): final, not delivered.</summary>
    Undeliverable,

    /// <summary>REJECTD (message_state 8): final, refused by the network.</summary>
    Rejected,

    /// <summary>ENROUTE, ACCEPTD (message_state 1, 6): not final; no report follows from it.</summary>
    Intermediate,
}
