using System.Security.Cryptography.X509Certificates;

namespace BeAlert.Cap;

/// <summary>
/// Settings of <see cref="CapSignatureVerifier"/>: whom to trust, the clock, revocation and the limits that bound the
/// work spent on hostile signatures. Configure at least one of <see cref="TrustedCertificates"/>,
/// <see cref="TrustedPublicKeys"/> or <see cref="TrustedRoots"/>: the key a signature carries in its own KeyInfo is
/// never trusted by itself. The verifier copies the settings when it is created.
/// </summary>
public sealed class CapSignatureVerifierOptions
{
    /// <summary>
    /// Pinned signer certificates: a signature made with the public key of one of these is trusted while the pinned
    /// certificate is valid (checked against <see cref="TimeProvider"/>). No chain is built for them.
    /// </summary>
    public X509Certificate2Collection TrustedCertificates { get; } = [];

    /// <summary>Pinned public keys: a signature made with one of these keys is trusted (a bare key has no validity period).</summary>
    public IList<PublicKey> TrustedPublicKeys { get; } = [];

    /// <summary>
    /// Trusted root certificates: a signature whose KeyInfo certificate chains to one of these (intermediates may come
    /// from the KeyInfo too) is trusted. Chains are built with <see cref="X509ChainTrustMode.CustomRootTrust"/>: the
    /// machine's root store is never used, and certificates are never downloaded.
    /// </summary>
    public X509Certificate2Collection TrustedRoots { get; } = [];

    /// <summary>Revocation checking of chains to <see cref="TrustedRoots"/>. Default <see cref="X509RevocationMode.NoCheck"/>.</summary>
    public X509RevocationMode RevocationMode { get; set; } = X509RevocationMode.NoCheck;

    /// <summary>Which certificates of a chain are checked for revocation. Default <see cref="X509RevocationFlag.ExcludeRoot"/>.</summary>
    public X509RevocationFlag RevocationFlag { get; set; } = X509RevocationFlag.ExcludeRoot;

    /// <summary>The clock for certificate validity. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>The largest document accepted, in bytes. Default 5 MiB, as <see cref="CapParserOptions.MaxDocumentBytes"/>.</summary>
    public long MaxDocumentBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>The largest ds:KeyInfo accepted, in characters of names and text. Default 64 Ki.</summary>
    public int MaxKeyInfoLength { get; set; } = 64 * 1024;

    /// <summary>The most certificates accepted in ds:KeyInfo. Default 8.</summary>
    public int MaxCertificates { get; set; } = 8;

    /// <summary>The most transforms accepted in the ds:Reference. Default 4 (a CAP signature needs 2).</summary>
    public int MaxTransforms { get; set; } = 4;

    /// <summary>Checks the options, listing every problem at once.</summary>
    /// <exception cref="ArgumentException">One or more settings are invalid.</exception>
    public void Validate()
    {
        var errors = new List<string>();
        if (TrustedCertificates.Count + TrustedPublicKeys.Count + TrustedRoots.Count == 0)
        {
            errors.Add($"No trust is configured: add {nameof(TrustedCertificates)}, {nameof(TrustedPublicKeys)} or {nameof(TrustedRoots)}; a signature is never trusted for the key it carries itself.");
        }

        for (var i = 0; i < TrustedCertificates.Count; i++)
        {
            CheckKey(TrustedCertificates[i].PublicKey, $"{nameof(TrustedCertificates)}[{i}] ({TrustedCertificates[i].Subject})", errors);
        }

        for (var i = 0; i < TrustedPublicKeys.Count; i++)
        {
            if (TrustedPublicKeys[i] is null)
            {
                errors.Add($"{nameof(TrustedPublicKeys)}[{i}] is null.");
                continue;
            }

            CheckKey(TrustedPublicKeys[i], $"{nameof(TrustedPublicKeys)}[{i}]", errors);
        }

        if (TimeProvider is null)
        {
            errors.Add($"{nameof(TimeProvider)} is null.");
        }

        if (!Enum.IsDefined(RevocationMode))
        {
            errors.Add($"{nameof(RevocationMode)} has the undefined value {(int)RevocationMode}.");
        }

        if (!Enum.IsDefined(RevocationFlag))
        {
            errors.Add($"{nameof(RevocationFlag)} has the undefined value {(int)RevocationFlag}.");
        }

        Positive(MaxDocumentBytes, nameof(MaxDocumentBytes), errors);
        Positive(MaxKeyInfoLength, nameof(MaxKeyInfoLength), errors);
        Positive(MaxCertificates, nameof(MaxCertificates), errors);
        if (MaxTransforms < 2)
        {
            errors.Add($"{nameof(MaxTransforms)} must be at least 2, the transforms of a CAP signature (it is {MaxTransforms}).");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid CapSignatureVerifierOptions: " + string.Join(" ", errors));
        }
    }

    private static void CheckKey(PublicKey key, string name, List<string> errors)
    {
        using var rsa = key.GetRSAPublicKey();
        if (rsa is not null)
        {
            if (rsa.KeySize < CapSignatureKeys.MinRsaKeySize)
            {
                errors.Add($"{name} is a {rsa.KeySize}-bit RSA key; at least {CapSignatureKeys.MinRsaKeySize} bits are required.");
            }

            return;
        }

        using var ecdsa = key.GetECDsaPublicKey();
        if (ecdsa is not null)
        {
            if (CapSignatureAlgorithms.CurveName(ecdsa) is null)
            {
                errors.Add($"{name} is an EC key on a curve other than P-256, P-384 or P-521.");
            }

            return;
        }

        errors.Add($"{name} is neither an RSA nor an EC key.");
    }

    private static void Positive(long value, string name, List<string> errors)
    {
        if (value <= 0)
        {
            errors.Add($"{name} must be positive (it is {value}).");
        }
    }
}
