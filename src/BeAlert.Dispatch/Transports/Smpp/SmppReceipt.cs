namespace BeAlert.Dispatch.Smpp;

/// <summary>A delivery receipt as read by <see cref="DeliveryReceiptParser"/>.</summary>
/// <param name="MessageId">The receipted message id, as the SMSC wrote it (hex or decimal, maybe zero-padded).</param>
/// <param name="State">What happened.</param>
/// <param name="Stat">The stat field or the message_state name, for reports.</param>
/// <param name="Error">The err field or the network_error_code in hex, when given.</param>
/// <param name="DoneAt">The done date (taken as UTC), when given and valid.</param>
internal readonly record struct SmppReceipt(string MessageId, SmppReceiptState State, string Stat, string? Error, DateTimeOffset? DoneAt);
