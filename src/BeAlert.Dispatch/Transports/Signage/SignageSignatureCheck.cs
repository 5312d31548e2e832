namespace BeAlert.Dispatch;

/// <summary>The result of checking a signage push's <see cref="SignageSignature.HeaderName"/> header.</summary>
public enum SignageSignatureCheck
{
    /// <summary>The signature matches one of the secrets and the time is within the tolerance.</summary>
    Valid = 0,

    /// <summary>There is no signature header.</summary>
    Missing = 1,

    /// <summary>The header is not <c>t=&lt;seconds&gt;,v1=&lt;64 hex digits&gt;</c> (or is too long).</summary>
    Malformed = 2,

    /// <summary>The signed time is further from now than the tolerance: a replay or a wrong clock.</summary>
    Expired = 3,

    /// <summary>No signature matches: a wrong secret or a changed body.</summary>
    Mismatch = 4,
}
