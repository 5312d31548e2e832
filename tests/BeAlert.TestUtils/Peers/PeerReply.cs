namespace BeAlert.TestUtils.Peers;

/// <summary>A scripted answer of a test peer: a status, a body, and optionally a Retry-After, a delay or an oversized body.</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Body">The body text.</param>
/// <param name="RetryAfterSeconds">A Retry-After header in seconds, when set.</param>
/// <param name="Delay">How long to wait before answering (to provoke a client timeout).</param>
/// <param name="PaddingBytes">Extra bytes appended to the body (a hostile, huge answer).</param>
public sealed record PeerReply(int Status, string Body = "", int? RetryAfterSeconds = null, TimeSpan? Delay = null, int PaddingBytes = 0);
