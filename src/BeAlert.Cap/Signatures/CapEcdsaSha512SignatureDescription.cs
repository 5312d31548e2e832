using System.Security.Cryptography;

namespace BeAlert.Cap;

/// <summary>
/// ECDSA with SHA-512 for <see cref="System.Security.Cryptography.Xml.SignedXml"/>
/// (<c>http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512</c>), signatures as r||s. See <see cref="CapEcdsaSignatureDescription"/>.
/// </summary>
public sealed class CapEcdsaSha512SignatureDescription : CapEcdsaSignatureDescription
{
    /// <summary>Creates the description (called by <see cref="CryptoConfig"/>).</summary>
    public CapEcdsaSha512SignatureDescription()
        : base(HashAlgorithmName.SHA512)
    {
    }
}
