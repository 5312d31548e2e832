namespace BeAlert.Cap;

/// <summary>
/// The verdict of <see cref="CapSignatureVerifier"/> on one document. Only <see cref="Valid"/> means "this alert comes,
/// unchanged, from a signer you trust"; the default value is <see cref="Invalid"/>, never <see cref="Valid"/>.
/// </summary>
public enum CapSignatureStatus
{
    /// <summary>
    /// The signature is broken or not acceptable: the alert was changed after signing, the signature value is wrong,
    /// the signature is malformed, wrapped or uses a refused algorithm, or the document cannot be read at all.
    /// </summary>
    Invalid,

    /// <summary>The alert carries no signature.</summary>
    Missing,

    /// <summary>
    /// The signature is intact but nothing you configured vouches for the key that made it: the key is not pinned, the
    /// certificate does not chain to a trusted root, or a certificate is expired, not yet valid or not for signing.
    /// A signature that verifies only with the key it carries itself is untrusted, never valid.
    /// </summary>
    Untrusted,

    /// <summary>The signature is intact and made by a trusted key at a time its certificate was valid.</summary>
    Valid,
}
