namespace BeAlert.Dispatch.Smpp;

/// <summary>A deliver_sm from the SMSC: a delivery receipt (esm_class bit 2) or a mobile-originated message.</summary>
/// <param name="SourceAddress">source_addr (for a receipt: the handset's number).</param>
/// <param name="DestinationAddress">destination_addr (for a receipt: our sender).</param>
/// <param name="EsmClass">esm_class.</param>
/// <param name="DataCoding">data_coding of <paramref name="Message"/>.</param>
/// <param name="Message">short_message, or message_payload when the SMSC used that TLV.</param>
/// <param name="ReceiptedMessageId">The receipted_message_id TLV, when present.</param>
/// <param name="MessageState">The message_state TLV, when present.</param>
/// <param name="NetworkErrorCode">The network_error_code TLV (3 octets), when present.</param>
internal sealed record SmppDeliverSm(
    string SourceAddress,
    string DestinationAddress,
    byte EsmClass,
    byte DataCoding,
    byte[] Message,
    string? ReceiptedMessageId,
    byte? MessageState,
    byte[]? NetworkErrorCode)
{
    /// <summary>Whether this deliver_sm is an SMSC delivery receipt (esm_class message type 0b0001 in bits 5..2, SMPP 3.4 §5.2.12).</summary>
    public bool IsDeliveryReceipt => (EsmClass & 0x3C) == 0x04;
}
