namespace BeAlert.Dispatch.Smpp;

/// <summary>How a session binds to the SMSC (SMPP 3.4 §4.1).</summary>
public enum SmppBindMode
{
    /// <summary>bind_transceiver: submits and receipts on the same session (SMPP 3.4 §4.1.5). The default.</summary>
    Transceiver,

    /// <summary>bind_transmitter: submits only; receipts then need a receiver bind that this client does not open.</summary>
    Transmitter,
}
