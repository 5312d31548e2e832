using System.Security.Cryptography;
using System.Security.Cryptography.Xml;
using System.Text;
using System.Xml;

namespace BeAlert.Cap.Tests.Signatures;

/// <summary>What <see cref="CapSigner"/> writes: the profile, the parser's view of it, and the writer's byte-exact round trip.</summary>
public sealed class CapSignerTests
{
    private static XmlElement SignatureOf(byte[] signed)
    {
        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        using var reader = XmlReader.Create(new MemoryStream(signed), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        document.Load(reader);
        var signature = (XmlElement)Assert.Single(document.GetElementsByTagName("Signature", SignedXml.XmlDsigNamespaceUrl).Cast<XmlNode>());
        Assert.Same(document.DocumentElement, signature.ParentNode);
        return signature;
    }

    private static string Algorithm(XmlElement signature, string element) =>
        ((XmlElement)signature.GetElementsByTagName(element, SignedXml.XmlDsigNamespaceUrl)[0]!).GetAttribute("Algorithm");

    [Fact]
    public void Sign_RsaKey_WritesTheProfile()
    {
        var signature = SignatureOf(SignedAlerts.Sign(SignedAlerts.Typical(), TestKeys.Rsa, TestKeys.RsaCertificate));

        Assert.Equal("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", Algorithm(signature, "SignatureMethod"));
        Assert.Equal("http://www.w3.org/2001/10/xml-exc-c14n#", Algorithm(signature, "CanonicalizationMethod"));
        Assert.Equal("http://www.w3.org/2001/04/xmlenc#sha256", Algorithm(signature, "DigestMethod"));
        var reference = (XmlElement)Assert.Single(signature.GetElementsByTagName("Reference", SignedXml.XmlDsigNamespaceUrl).Cast<XmlNode>());
        Assert.Equal(string.Empty, reference.GetAttribute("URI"));
        Assert.True(reference.HasAttribute("URI"));
        var transforms = reference.GetElementsByTagName("Transform", SignedXml.XmlDsigNamespaceUrl).Cast<XmlElement>().Select(t => t.GetAttribute("Algorithm"));
        Assert.Equal(["http://www.w3.org/2000/09/xmldsig#enveloped-signature", "http://www.w3.org/2001/10/xml-exc-c14n#"], transforms);
        var certificate = signature.GetElementsByTagName("X509Certificate", SignedXml.XmlDsigNamespaceUrl)[0]!.InnerText;
        Assert.Equal(TestKeys.RsaCertificate.RawData, Convert.FromBase64String(certificate));
    }

    [Fact]
    public void Sign_EcdsaKey_WritesARawRsSignatureOfTheCurveSize()
    {
        var signed = SignedAlerts.Sign(SignedAlerts.Typical(), TestKeys.Ecdsa);
        var signature = SignatureOf(signed);

        Assert.Equal("http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256", Algorithm(signature, "SignatureMethod"));
        var value = Convert.FromBase64String(signature.GetElementsByTagName("SignatureValue", SignedXml.XmlDsigNamespaceUrl)[0]!.InnerText);

        // XML-DSig 1.1 §6.4.3: r||s, 32 bytes each on P-256 (a DER SEQUENCE would start with 0x30 and vary in length).
        Assert.Equal(64, value.Length);
        Assert.Empty(signature.GetElementsByTagName("KeyValue", SignedXml.XmlDsigNamespaceUrl).Cast<XmlNode>());
    }

    [Fact]
    public void Sign_RsaWithoutCertificate_WritesTheKeyValueUnlessTurnedOff()
    {
        var withKeyValue = SignatureOf(SignedAlerts.Sign(SignedAlerts.Small(), TestKeys.Rsa));
        var without = SignatureOf(SignedAlerts.Sign(SignedAlerts.Small(), TestKeys.Rsa, options: new CapSignerOptions { IncludeKeyValue = false, KeyName = "gent-2030" }));

        var modulus = withKeyValue.GetElementsByTagName("Modulus", SignedXml.XmlDsigNamespaceUrl)[0]!.InnerText;
        Assert.Equal(TestKeys.Rsa.ExportParameters(false).Modulus, Convert.FromBase64String(modulus));
        Assert.Empty(without.GetElementsByTagName("KeyValue", SignedXml.XmlDsigNamespaceUrl).Cast<XmlNode>());
        Assert.Equal("gent-2030", without.GetElementsByTagName("KeyName", SignedXml.XmlDsigNamespaceUrl)[0]!.InnerText);
    }

    [Fact]
    public void Sign_Bytes_ParserKeepsTheSignatureAndWriterReemitsTheExactBytes()
    {
        var signed = SignedAlerts.Sign(SignedAlerts.Typical(), TestKeys.Rsa, TestKeys.RsaCertificate);

        var document = CapParser.Default.Parse(signed);

        Assert.Empty(CapValidator.Default.Validate(document).Diagnostics);
        Assert.NotNull(document.Alert.Signature);
        Assert.Contains("SignatureValue", document.Alert.Signature.Xml, StringComparison.Ordinal);
        Assert.Equal(signed, CapWriter.WriteToBytes(document.Alert));
    }

    [Fact]
    public void Sign_Bytes_KeepsTheAlertItSigned()
    {
        var original = SignedAlerts.Typical();
        var signed = SignedAlerts.Sign(original, TestKeys.Ecdsa);

        var before = CapParser.Default.Parse(original).Alert;
        var after = CapParser.Default.Parse(signed).Alert;

        Assert.Equal(before, after with { Signature = null });
    }

    [Fact]
    public void Sign_Alert_VerifiesAndAWrittenCopyStillVerifies()
    {
        var alert = CapParser.Default.Parse(SignedAlerts.Typical()).Alert;
        var signer = new CapSigner(TestKeys.Rsa, TestKeys.RsaCertificate, new CapSignerOptions { TimeProvider = SignedAlerts.Clock() });
        var verifier = SignedAlerts.Pinning(TestKeys.RsaCertificate);

        var signedAlert = CapParser.Default.Parse(signer.Sign(alert)).Alert;
        var copy = signedAlert with { };
        var changed = signedAlert with { Note = "changed after signing" };

        Assert.Equal(CapSignatureStatus.Valid, verifier.Verify(signedAlert).Status);
        Assert.Equal(CapSignatureStatus.Valid, verifier.Verify(copy).Status);
        Assert.Equal(CapDiagnosticCodes.SignatureDigestMismatch, Assert.Single(verifier.Verify(changed).Diagnostics).Code);
    }

    [Fact]
    public void Sign_AlreadySigned_Throws()
    {
        var signer = new CapSigner(TestKeys.Rsa, options: new CapSignerOptions { TimeProvider = SignedAlerts.Clock() });
        var signed = signer.Sign(SignedAlerts.Small());

        Assert.Throws<ArgumentException>(() => signer.Sign(signed));
        Assert.Throws<ArgumentException>(() => signer.Sign(CapParser.Default.Parse(signed).Alert));
    }

    [Theory]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE alert [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">&x;</alert>", CapDiagnosticCodes.DtdProhibited)]
    [InlineData("<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>", CapDiagnosticCodes.NotWellFormed)]
    [InlineData("<feed xmlns=\"http://www.w3.org/2005/Atom\"/>", CapDiagnosticCodes.NotCapAlert)]
    public void Sign_UnreadableDocument_ThrowsCapParseException(string xml, string code)
    {
        var signer = new CapSigner(TestKeys.Rsa);

        var error = Assert.Throws<CapParseException>(() => signer.Sign(Encoding.UTF8.GetBytes(xml)));

        Assert.Equal(code, error.Code);
    }

    [Fact]
    public void Sign_DocumentOverTheLimit_ThrowsBeforeReadingIt()
    {
        var signer = new CapSigner(TestKeys.Rsa, options: new CapSignerOptions { MaxDocumentBytes = 100 });

        var error = Assert.Throws<CapParseException>(() => signer.Sign(SignedAlerts.Small()));

        Assert.Equal(CapDiagnosticCodes.DocumentTooLarge, error.Code);
    }

    [Fact]
    public void Sign_CertificateOutsideItsValidity_Throws()
    {
        var late = new CapSigner(TestKeys.Rsa, TestKeys.RsaCertificate, new CapSignerOptions { TimeProvider = SignedAlerts.Clock(new DateTimeOffset(2031, 2, 1, 0, 0, 0, TimeSpan.Zero)) });
        var early = new CapSigner(TestKeys.Rsa, TestKeys.RsaCertificate, new CapSignerOptions { TimeProvider = SignedAlerts.Clock(new DateTimeOffset(2029, 2, 1, 0, 0, 0, TimeSpan.Zero)) });

        Assert.Throws<InvalidOperationException>(() => late.Sign(SignedAlerts.Small()));
        Assert.Throws<InvalidOperationException>(() => early.Sign(SignedAlerts.Small()));
    }

    [Fact]
    public void Constructor_UnusableKeys_Throw()
    {
        using var small = RSA.Create(1024);
        using var brainpool = ECDsa.Create(ECCurve.NamedCurves.brainpoolP256r1);
        using var dsa = DSA.Create(2048);
        using var publicOnly = RSA.Create();
        publicOnly.ImportSubjectPublicKeyInfo(TestKeys.Rsa.ExportSubjectPublicKeyInfo(), out _);

        Assert.Throws<ArgumentException>(() => new CapSigner(small));
        Assert.Throws<ArgumentException>(() => new CapSigner(brainpool));
        Assert.Throws<ArgumentException>(() => new CapSigner(dsa));
        Assert.Throws<ArgumentException>(() => new CapSigner(publicOnly));
        Assert.Throws<ArgumentException>(() => new CapSigner(TestKeys.Rsa, TestKeys.EcdsaCertificate));
        Assert.Throws<ArgumentException>(() => new CapSigner(TestKeys.Rsa, options: new CapSignerOptions { KeyName = "bad\nname" }));
    }
}
