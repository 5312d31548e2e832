using System.Security.Cryptography.X509Certificates;

namespace BeAlert.Cap;

/// <summary>
/// The outcome of verifying the signature of one CAP document: the verdict, the reasons for it (as diagnostics with
/// stable codes, CAP1001–CAP1015, or CAP00xx when the document cannot be read), the signer's certificate when one is
/// known, and the document as parsed from the very bytes that were verified.
/// </summary>
public sealed class CapSignatureResult
{
    internal CapSignatureResult(
        CapSignatureStatus status,
        IReadOnlyList<CapDiagnostic> diagnostics,
        CapDocument? document,
        X509Certificate2? signerCertificate,
        string? signatureMethod)
    {
        Status = status;
        Diagnostics = diagnostics;
        Document = document;
        SignerCertificate = signerCertificate;
        SignatureMethod = signatureMethod;
    }

    /// <summary>The verdict.</summary>
    public CapSignatureStatus Status { get; }

    /// <summary>Whether the signature is intact and trusted (<see cref="CapSignatureStatus.Valid"/>).</summary>
    public bool IsValid => Status == CapSignatureStatus.Valid;

    /// <summary>Why the verdict is not <see cref="CapSignatureStatus.Valid"/> (empty when it is).</summary>
    public IReadOnlyList<CapDiagnostic> Diagnostics { get; }

    /// <summary>
    /// The document parsed from the bytes that were verified, or <see langword="null"/> when they could not be read.
    /// Use this alert after a <see cref="CapSignatureStatus.Valid"/> verdict: it is exactly what was signed.
    /// </summary>
    public CapDocument? Document { get; }

    /// <summary>
    /// The signer's certificate: from the signature's KeyInfo, or the pinned certificate whose key verified it;
    /// <see langword="null"/> when the signer is known only by a public key. Present for untrusted signatures too, to
    /// say who signed; it is trusted only when <see cref="Status"/> is <see cref="CapSignatureStatus.Valid"/>.
    /// </summary>
    public X509Certificate2? SignerCertificate { get; }

    /// <summary>The signature method, for example <c>RSA-SHA256</c> or <c>ECDSA-SHA256</c>, when the signature could be read.</summary>
    public string? SignatureMethod { get; }

    /// <inheritdoc />
    public override string ToString() =>
        SignerCertificate is null ? Status.ToString() : $"{Status} ({SignatureMethod}, {SignerCertificate.Subject})";
}
