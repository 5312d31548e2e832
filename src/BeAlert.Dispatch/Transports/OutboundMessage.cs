namespace BeAlert.Dispatch;

/// <summary>One delivery handed to a transport.</summary>
/// <param name="Key">The delivery's identity (campaign, sequence); also its idempotency key.</param>
/// <param name="Destination">Where it goes: an E.164 number (<c>+32470123456</c>), an e-mail address, a zone or endpoint name.</param>
/// <param name="Content">What it says (shared by every delivery of the same channel and language).</param>
/// <param name="Attempt">1 for the first attempt, 2 for the first retry, and so on.</param>
/// <param name="IsPossibleDuplicate">
/// <see langword="true"/> when an earlier attempt may have left (it was in flight at a crash); transports that can
/// (SMTP headers, SMPP TLVs) may tell the peer.
/// </param>
public readonly record struct OutboundMessage(DeliveryKey Key, string Destination, MessageContent Content, int Attempt, bool IsPossibleDuplicate);
