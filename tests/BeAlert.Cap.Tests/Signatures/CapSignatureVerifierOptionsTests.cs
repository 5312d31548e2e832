using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace BeAlert.Cap.Tests.Signatures;

/// <summary>Verifier options are checked once, every problem listed; the ECDSA registration leaves other CryptoConfig users alone.</summary>
public sealed class CapSignatureVerifierOptionsTests
{
    [Fact]
    public void Constructor_NoTrustConfigured_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new CapSignatureVerifier(new CapSignatureVerifierOptions()));

        Assert.Contains("No trust is configured", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SeveralProblems_ListsThemAll()
    {
        using var small = RSA.Create(1024);
        var options = new CapSignatureVerifierOptions { MaxTransforms = 1, MaxCertificates = 0, MaxDocumentBytes = -1 };
        options.TrustedPublicKeys.Add(PublicKey.CreateFromSubjectPublicKeyInfo(small.ExportSubjectPublicKeyInfo(), out _));

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("1024-bit RSA", error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(CapSignatureVerifierOptions.MaxTransforms), error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(CapSignatureVerifierOptions.MaxCertificates), error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(CapSignatureVerifierOptions.MaxDocumentBytes), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_CopiesTheOptions()
    {
        var options = new CapSignatureVerifierOptions { TimeProvider = SignedAlerts.Clock() };
        options.TrustedCertificates.Add(TestKeys.RsaCertificate);
        var verifier = new CapSignatureVerifier(options);
        var signed = SignedAlerts.Sign(SignedAlerts.Small(), TestKeys.Rsa, TestKeys.RsaCertificate);

        options.TrustedCertificates.Clear();
        options.TrustedCertificates.Add(TestKeys.EcdsaCertificate);

        Assert.True(verifier.Verify(signed).IsValid);
    }

    [Fact]
    public void Registration_EcdsaSignatureMethodsResolveToRawRsDescriptions()
    {
        _ = SignedAlerts.Pinning(TestKeys.EcdsaCertificate);

        Assert.IsType<CapEcdsaSha256SignatureDescription>(CryptoConfig.CreateFromName("http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"));
        Assert.IsType<CapEcdsaSha384SignatureDescription>(CryptoConfig.CreateFromName("http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384"));
        Assert.IsType<CapEcdsaSha512SignatureDescription>(CryptoConfig.CreateFromName("http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512"));
    }

    [Fact]
    public void RegisterIfAbsent_NameAlreadyRegistered_KeepsTheExistingRegistration()
    {
        var name = "urn:bealert-test:" + Guid.NewGuid().ToString("N");

        var first = CapEcdsaSignatureDescription.RegisterIfAbsent(typeof(CapEcdsaSha384SignatureDescription), name);
        var second = CapEcdsaSignatureDescription.RegisterIfAbsent(typeof(CapEcdsaSha256SignatureDescription), name);

        Assert.True(first);
        Assert.False(second);
        Assert.IsType<CapEcdsaSha384SignatureDescription>(CryptoConfig.CreateFromName(name));
    }

    [Fact]
    public void EcdsaDescription_SignsAndVerifiesRawRs()
    {
        var description = new CapEcdsaSha256SignatureDescription();
        var hash = SHA256.HashData("CAP"u8);

        var signature = description.CreateFormatter(TestKeys.Ecdsa).CreateSignature(hash);

        Assert.Equal(64, signature.Length);
        Assert.True(TestKeys.Ecdsa.VerifyHash(hash, signature, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        Assert.True(description.CreateDeformatter(TestKeys.Ecdsa).VerifySignature(hash, signature));
        Assert.Throws<CryptographicException>(() => description.CreateFormatter(TestKeys.Rsa));
    }
}
