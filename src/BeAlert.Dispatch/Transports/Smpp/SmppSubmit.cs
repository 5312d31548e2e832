namespace BeAlert.Dispatch.Smpp;

/// <summary>
/// One submit_sm to send, everything but the sequence number and the source address (which belongs to the session).
/// The content parts (<see cref="ShortMessage"/>, <see cref="Tlvs"/>) are encoded once per message content and shared.
/// </summary>
/// <param name="Destination">destination_addr: ASCII digits (an E.164 number without its plus sign).</param>
/// <param name="DestinationTon">dest_addr_ton.</param>
/// <param name="DestinationNpi">dest_addr_npi.</param>
/// <param name="EsmClass">esm_class (0x40 when <see cref="ShortMessage"/> starts with a user data header).</param>
/// <param name="DataCoding">data_coding (0 GSM default alphabet, 8 UCS-2).</param>
/// <param name="RegisteredDelivery">registered_delivery (1 asks for a receipt on success or failure).</param>
/// <param name="ShortMessage">short_message, at most 254 octets (empty when the text travels in message_payload).</param>
/// <param name="Tlvs">Optional parameters, already encoded (tag, length, value each).</param>
internal readonly record struct SmppSubmit(
    string Destination,
    byte DestinationTon,
    byte DestinationNpi,
    byte EsmClass,
    byte DataCoding,
    byte RegisteredDelivery,
    ReadOnlyMemory<byte> ShortMessage,
    ReadOnlyMemory<byte> Tlvs);
