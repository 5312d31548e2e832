using System.Security.Cryptography.X509Certificates;

namespace BeAlert.Cap;

/// <summary>Settings of <see cref="CapSigner"/>. The signer copies them when it is created.</summary>
public sealed class CapSignerOptions
{
    /// <summary>
    /// Put the RSA public key in <c>ds:KeyInfo/ds:KeyValue</c> when no certificate is given (default <see langword="true"/>),
    /// so that tools such as xmlsec1 can check the signature without being told the key. A verifier still trusts the
    /// key only if it is pinned. XML-DSig 1.0 has no EC key value, so an ECDSA signature without a certificate carries no key.
    /// </summary>
    public bool IncludeKeyValue { get; set; } = true;

    /// <summary>
    /// Intermediate certificates written in ds:KeyInfo after the signer's certificate, so that a verifier that trusts
    /// only the root can build the chain (default none; ignored without a signer certificate).
    /// </summary>
    public X509Certificate2Collection AdditionalCertificates { get; } = [];

    /// <summary>A name for the key, written as <c>ds:KeyInfo/ds:KeyName</c> (default none). It is a hint for the verifier, never trusted.</summary>
    public string? KeyName { get; set; }

    /// <summary>The clock used to refuse signing with a certificate that is expired or not valid yet. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>The largest document accepted, in bytes. Default 5 MiB, as <see cref="CapParserOptions.MaxDocumentBytes"/>.</summary>
    public long MaxDocumentBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>Checks the options, listing every problem at once.</summary>
    /// <exception cref="ArgumentException">One or more settings are invalid.</exception>
    public void Validate()
    {
        var errors = new List<string>();
        if (TimeProvider is null)
        {
            errors.Add($"{nameof(TimeProvider)} is null.");
        }

        if (MaxDocumentBytes <= 0)
        {
            errors.Add($"{nameof(MaxDocumentBytes)} must be positive (it is {MaxDocumentBytes}).");
        }

        if (KeyName is { } name && (name.Length is 0 or > 256 || name.Any(char.IsControl)))
        {
            errors.Add($"{nameof(KeyName)} must be 1 to 256 characters without control characters.");
        }

        if (AdditionalCertificates.Count > 16)
        {
            errors.Add($"{nameof(AdditionalCertificates)} holds {AdditionalCertificates.Count} certificates; a chain needs a few (at most 16).");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid CapSignerOptions: " + string.Join(" ", errors));
        }
    }
}
