using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace BeAlert.Cap.Tests.Signatures;

/// <summary>
/// Interoperability with an independent XML-DSig implementation, xmlsec1 (libxmlsec1 on OpenSSL): it verifies what we
/// sign, we verify what it signs, and a tampered document fails on both sides. Keys are made at test time.
/// </summary>
public sealed class Xmlsec1InteropTests : IDisposable
{
    private const string EcdsaSha256 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256";
    private const string RsaSha256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";

    private readonly Xmlsec1 _xmlsec1 = new();

    public void Dispose() => _xmlsec1.Dispose();

    private static AsymmetricAlgorithm Key(string algorithm) => algorithm == "RSA" ? TestKeys.Rsa : TestKeys.Ecdsa;

    private static X509Certificate2 Certificate(string algorithm) => algorithm == "RSA" ? TestKeys.RsaCertificate : TestKeys.EcdsaCertificate;

    /// <summary>An unsigned alert with an xmlsec1 signature template (empty DigestValue and SignatureValue) before &lt;/alert&gt;.</summary>
    private static string Template(string signatureMethod, string keyInfo)
    {
        var unsigned = Encoding.UTF8.GetString(SignedAlerts.Typical());
        var template =
            "<Signature xmlns=\"http://www.w3.org/2000/09/xmldsig#\"><SignedInfo>"
            + "<CanonicalizationMethod Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/>"
            + $"<SignatureMethod Algorithm=\"{signatureMethod}\"/>"
            + "<Reference URI=\"\"><Transforms>"
            + "<Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"/>"
            + "<Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/>"
            + "</Transforms><DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/><DigestValue/></Reference>"
            + $"</SignedInfo><SignatureValue/>{keyInfo}</Signature>";
        var end = unsigned.LastIndexOf("</alert>", StringComparison.Ordinal);
        return unsigned.Insert(end, template + "\n");
    }

    private byte[] SignWithXmlsec1(string algorithm, string keyInfo, bool withCertificate)
    {
        var key = _xmlsec1.Write("key.pem", TestKeys.PrivatePem(Key(algorithm)));
        var keyArgument = key;
        if (withCertificate)
        {
            keyArgument += "," + _xmlsec1.Write("cert.pem", Certificate(algorithm).ExportCertificatePem());
        }

        var template = _xmlsec1.Write("template.xml", Template(algorithm == "RSA" ? RsaSha256 : EcdsaSha256, keyInfo));
        var output = Path.Combine(_xmlsec1.Folder, "signed-by-xmlsec1.xml");
        var (exitCode, text) = _xmlsec1.Run("--sign", "--privkey-pem", keyArgument, "--output", output, template);
        Assert.True(exitCode == 0, "xmlsec1 --sign failed: " + text);
        return File.ReadAllBytes(output);
    }

    [Theory]
    [InlineData("RSA")]
    [InlineData("ECDSA")]
    public void Xmlsec1_VerifiesWhatWeSign(string algorithm)
    {
        var signed = _xmlsec1.Write("signed-by-us.xml", SignedAlerts.Sign(SignedAlerts.Typical(), Key(algorithm), Certificate(algorithm)));
        var publicKey = _xmlsec1.Write("pub.pem", TestKeys.PublicPem(Key(algorithm)));

        var (exitCode, output) = _xmlsec1.Run("--verify", "--pubkey-pem", publicKey, signed);

        Assert.True(exitCode == 0, output);
        Assert.Contains("OK", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Xmlsec1_VerifiesWhatWeSignWithAnRsaKeyValueAndNoOtherKey()
    {
        var signed = _xmlsec1.Write("signed-by-us.xml", SignedAlerts.Sign(SignedAlerts.Typical(), TestKeys.Rsa));

        var (exitCode, output) = _xmlsec1.Run("--verify", signed);

        Assert.True(exitCode == 0, output);
    }

    [Fact]
    public void Xmlsec1_VerifiesOurCertificateChainAgainstTheRoot()
    {
        var chain = TestKeys.Chain;
        var options = new CapSignerOptions();
        options.AdditionalCertificates.Add(chain.Intermediate);
        var signed = _xmlsec1.Write("signed-by-us.xml", SignedAlerts.Sign(SignedAlerts.Typical(), chain.LeafKey, chain.Leaf, options));
        var root = _xmlsec1.Write("root.pem", chain.Root.ExportCertificatePem());

        var (exitCode, output) = _xmlsec1.Run("--verify", "--trusted-pem", root, "--verification-time", "2030-06-01 12:00:00", signed);

        Assert.True(exitCode == 0, output);
    }

    [Theory]
    [InlineData("RSA")]
    [InlineData("ECDSA")]
    public void Xmlsec1_RejectsWhatWeSignedOnceTampered(string algorithm)
    {
        var signed = SignedAlerts.Sign(SignedAlerts.Typical(), Key(algorithm), Certificate(algorithm));
        var tampered = _xmlsec1.Write("tampered.xml", SignedAlerts.Replace(signed, "<urgency>Immediate</urgency>", "<urgency>Past</urgency>"));
        var publicKey = _xmlsec1.Write("pub.pem", TestKeys.PublicPem(Key(algorithm)));

        var (exitCode, output) = _xmlsec1.Run("--verify", "--pubkey-pem", publicKey, tampered);

        Assert.True(exitCode != 0, output);
    }

    [Theory]
    [InlineData("RSA")]
    [InlineData("ECDSA")]
    public void Verify_WhatXmlsec1SignsWithACertificate_IsValid(string algorithm)
    {
        var signed = SignWithXmlsec1(algorithm, "<KeyInfo><X509Data/></KeyInfo>", withCertificate: true);

        var result = SignedAlerts.Pinning(Certificate(algorithm)).Verify(signed);

        Assert.True(result.IsValid, string.Join(" | ", result.Diagnostics));
        Assert.Equal(algorithm == "RSA" ? "RSA-SHA256" : "ECDSA-SHA256", result.SignatureMethod);
        Assert.Equal(Certificate(algorithm).Thumbprint, result.SignerCertificate!.Thumbprint);
        Assert.Equal(CapParser.Default.Parse(SignedAlerts.Typical()).Alert, result.Document!.Alert with { Signature = null });
    }

    [Fact]
    public void Verify_WhatXmlsec1SignsWithAnRsaKeyValue_IsValidForThePinnedKeyAndUntrustedOtherwise()
    {
        var signed = SignWithXmlsec1("RSA", "<KeyInfo><KeyValue/></KeyInfo>", withCertificate: false);

        Assert.True(SignedAlerts.PinningKeys(TestKeys.Rsa).Verify(signed).IsValid);
        Assert.Equal(CapSignatureStatus.Untrusted, SignedAlerts.PinningKeys(TestKeys.OtherRsa).Verify(signed).Status);
    }

    [Fact]
    public void Verify_WhatXmlsec1SignsWithoutKeyInfo_IsValidForThePinnedEcdsaKey()
    {
        var signed = SignWithXmlsec1("ECDSA", string.Empty, withCertificate: false);

        var result = SignedAlerts.PinningKeys(TestKeys.Rsa, TestKeys.Ecdsa).Verify(signed);

        Assert.True(result.IsValid, string.Join(" | ", result.Diagnostics));
    }

    [Theory]
    [InlineData("RSA")]
    [InlineData("ECDSA")]
    public void Verify_WhatXmlsec1SignedOnceTampered_IsInvalidDigestMismatch(string algorithm)
    {
        var signed = SignWithXmlsec1(algorithm, "<KeyInfo><X509Data/></KeyInfo>", withCertificate: true);
        var tampered = SignedAlerts.Replace(signed, "<urgency>Immediate</urgency>", "<urgency>Past</urgency>");

        var result = SignedAlerts.Pinning(Certificate(algorithm)).Verify(tampered);

        SignedAlerts.AssertOutcome(result, CapSignatureStatus.Invalid, CapDiagnosticCodes.SignatureDigestMismatch);
    }
}
