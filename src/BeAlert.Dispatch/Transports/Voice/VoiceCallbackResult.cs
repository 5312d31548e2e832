namespace BeAlert.Dispatch;

/// <summary>What <see cref="VoiceTransport.HandleCallbackAsync"/> made of a provider's status callback (the host answers the provider from it).</summary>
public enum VoiceCallbackResult
{
    /// <summary>The callback was taken: a receipt went out, or a retry was scheduled. Answer 200.</summary>
    Accepted = 0,

    /// <summary>The signature header is missing, wrong or too old. Answer 401; nothing was changed.</summary>
    BadSignature = 1,

    /// <summary>The body is not a status callback (not JSON, too large, a missing or unknown field). Answer 400.</summary>
    Malformed = 2,

    /// <summary>The call is not one this transport is waiting for (already final, or never made here). Answer 200 so the provider stops resending.</summary>
    UnknownCall = 3,
}
