using System.Security.Cryptography;
using System.Security.Cryptography.Xml;
using System.Text;

namespace BeAlert.Cap.Tests.Signatures;

/// <summary>
/// Integrity and the profile: tampering, broken signature values, wrapping, extra signatures, references that do not
/// cover the alert, weak and refused algorithms, malformed signatures. Each gives its own code and never Valid.
/// </summary>
public sealed class CapSignatureVerifierIntegrityTests
{
    private static readonly CapSignatureVerifier Verifier = SignedAlerts.Pinning(TestKeys.RsaCertificate, TestKeys.EcdsaCertificate);

    private static byte[] SignedRsa() => SignedAlerts.Sign(SignedAlerts.Typical(), TestKeys.Rsa, TestKeys.RsaCertificate);

    [Fact]
    public void Verify_UnsignedAlert_IsMissing()
    {
        var result = Verifier.Verify(SignedAlerts.Typical());

        var diagnostic = Assert.Single(SignedAlerts.AssertOutcome(result, CapSignatureStatus.Missing, CapDiagnosticCodes.SignatureMissing));
        Assert.Equal("/alert", diagnostic.Path);
        Assert.NotNull(result.Document);
    }

    [Theory]
    [InlineData("RSA")]
    [InlineData("ECDSA")]
    public void Verify_ContentChangedAfterSigning_IsInvalidDigestMismatch(string algorithm)
    {
        var signed = algorithm == "RSA" ? SignedRsa() : SignedAlerts.Sign(SignedAlerts.Typical(), TestKeys.Ecdsa, TestKeys.EcdsaCertificate);
        var tampered = SignedAlerts.Replace(signed, "<severity>Severe</severity>", "<severity>Minor</severity>");

        var result = Verifier.Verify(tampered);

        Assert.Single(SignedAlerts.AssertOutcome(result, CapSignatureStatus.Invalid, CapDiagnosticCodes.SignatureDigestMismatch));
    }

    [Fact]
    public void Verify_ContentChangedAndNoKeyInKeyInfo_IsInvalidDigestMismatchNotUntrusted()
    {
        var signed = SignedAlerts.Sign(SignedAlerts.Typical(), TestKeys.Ecdsa);
        var tampered = SignedAlerts.Replace(signed, "<severity>Severe</severity>", "<severity>Minor</severity>");

        var result = SignedAlerts.PinningKeys(TestKeys.Ecdsa).Verify(tampered);

        SignedAlerts.AssertOutcome(result, CapSignatureStatus.Invalid, CapDiagnosticCodes.SignatureDigestMismatch);
    }

    [Fact]
    public void Verify_WhitespaceAddedInsideTheAlert_IsInvalidDigestMismatch()
    {
        var tampered = SignedAlerts.Replace(SignedRsa(), "<info>", "<info> ");

        SignedAlerts.AssertOutcome(Verifier.Verify(tampered), CapSignatureStatus.Invalid, CapDiagnosticCodes.SignatureDigestMismatch);
    }

    [Fact]
    public void Verify_SignatureValueChanged_IsInvalidSignatureValue()
    {
        var signed = SignedRsa();
        var value = SignedAlerts.Between(signed, "<SignatureValue>", "</SignatureValue>");
        var bytes = Convert.FromBase64String(value);
        bytes[10] ^= 0x01;
        var tampered = SignedAlerts.Replace(signed, value, Convert.ToBase64String(bytes));

        var result = Verifier.Verify(tampered);

        SignedAlerts.AssertOutcome(result, CapSignatureStatus.Invalid, CapDiagnosticCodes.SignatureValueInvalid);
    }

    [Fact]
    public void Verify_KeyInfoNamesAnotherCertificate_IsInvalidSignatureValue()
    {
        var signed = SignedRsa();
        var certificate = SignedAlerts.Between(signed, "<X509Certificate>", "</X509Certificate>");
        var swapped = SignedAlerts.Replace(signed, certificate, Convert.ToBase64String(TestKeys.SelfSigned(TestKeys.OtherRsa, "CN=Impostor").RawData));

        SignedAlerts.AssertOutcome(Verifier.Verify(swapped), CapSignatureStatus.Invalid, CapDiagnosticCodes.SignatureValueInvalid);
    }

    [Fact]
    public void Verify_SignatureMovedIntoInfo_IsInvalidNotEnveloped()
    {
        // Wrapping: the signature still verifies over the document, but it is not the alert's enveloped signature.
        var signed = SignedRsa();
        var text = Encoding.UTF8.GetString(signed);
        var signature = text[text.IndexOf("<Signature ", StringComparison.Ordinal)..(text.IndexOf("</Signature>", StringComparison.Ordinal) + "</Signature>".Length)];
        var moved = text.Replace(signature, string.Empty, StringComparison.Ordinal);
        var at = moved.IndexOf("</info>", StringComparison.Ordinal);
        moved = moved.Insert(at, signature);

        var result = Verifier.Verify(Encoding.UTF8.GetBytes(moved));

        var diagnostic = Assert.Single(SignedAlerts.AssertOutcome(result, CapSignatureStatus.Invalid, CapDiagnosticCodes.SignatureNotEnveloped));
        Assert.Equal("/alert/info[1]/ds:Signature", diagnostic.Path);
    }

    [Fact]
    public void Verify_SecondSignature_IsInvalidMultipleSignatures()
    {
        var signed = SignedRsa();
        var text = Encoding.UTF8.GetString(signed);
        var signature = text[text.IndexOf("<Signature ", StringComparison.Ordinal)..(text.IndexOf("</Signature>", StringComparison.Ordinal) + "</Signature>".Length)];
        var doubled = text.Replace("</alert>", signature + "</alert>", StringComparison.Ordinal);

        var result = Verifier.Verify(Encoding.UTF8.GetBytes(doubled));

        SignedAlerts.AssertOutcome(result, CapSignatureStatus.Invalid, CapDiagnosticCodes.MultipleSignatures);
    }

    [Theory]
    [InlineData("<Reference URI=\"\">", "<Reference URI=\"#alert\">")]
    [InlineData("<Reference URI=\"\">", "<Reference>")]
    [InlineData("<Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\" />", "")]
    [InlineData("<Transforms><Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\" /><Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\" /></Transforms>", "<Transforms><Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\" /><Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\" /></Transforms>")]
    public void Verify_ReferenceNotCoveringTheWholeAlert_IsInvalidReferenceNotWholeDocument(string find, string replacement)
    {
        var changed = SignedAlerts.Replace(SignedRsa(), find, replacement);

        SignedAlerts.AssertOutcome(Verifier.Verify(changed), CapSignatureStatus.Invalid, CapDiagnosticCodes.SignatureReferenceNotWholeDocument);
    }

    [Fact]
    public void Verify_SecondReference_IsInvalidReferenceNotWholeDocument()
    {
        var signed = RawSignatures.Sign(
            SignedAlerts.Typical(),
            TestKeys.Rsa,
            SignedXml.XmlDsigRSASHA256Url,
            SignedXml.XmlDsigSHA256Url,
            configure: s =>
            {
                var extra = new Reference(string.Empty) { DigestMethod = SignedXml.XmlDsigSHA256Url };
                extra.AddTransform(new XmlDsigEnvelopedSignatureTransform());
                s.AddReference(extra);
            });

        SignedAlerts.AssertOutcome(SignedAlerts.PinningKeys(TestKeys.Rsa).Verify(signed), CapSignatureStatus.Invalid, CapDiagnosticCodes.SignatureReferenceNotWholeDocument);
    }

#pragma warning disable CA5350, CA5351 // The point of these tests: signatures with weak algorithms must be refused.
    [Fact]
    public void Verify_SoundRsaSha1Signature_IsInvalidWeakAlgorithm()
    {
        var signed = RawSignatures.Sign(SignedAlerts.Typical(), TestKeys.Rsa, SignedXml.XmlDsigRSASHA1Url, SignedXml.XmlDsigSHA1Url);

        var diagnostics = SignedAlerts.AssertOutcome(SignedAlerts.PinningKeys(TestKeys.Rsa).Verify(signed), CapSignatureStatus.Invalid, CapDiagnosticCodes.SignatureWeakAlgorithm);
        Assert.Equal(2, diagnostics.Count);
    }
#pragma warning restore CA5350, CA5351

    [Fact]
    public void Verify_SoundSignatureWithA1024BitKey_IsInvalidWeakAlgorithm()
    {
        using var small = RSA.Create(1024);
        var signed = RawSignatures.Sign(SignedAlerts.Typical(), small, SignedXml.XmlDsigRSASHA256Url, SignedXml.XmlDsigSHA256Url);

        SignedAlerts.AssertOutcome(Verifier.Verify(signed), CapSignatureStatus.Invalid, CapDiagnosticCodes.SignatureWeakAlgorithm);
    }

    [Theory]
    [InlineData("http://www.w3.org/2001/04/xmldsig-more#hmac-sha256")]
    [InlineData("http://www.w3.org/2000/09/xmldsig#hmac-sha1")]
    [InlineData("http://www.w3.org/2000/09/xmldsig#dsa-sha1")]
    [InlineData("http://www.w3.org/2000/09/xmldsig#rsa-sha1")]
    public void Verify_WeakSignatureMethod_IsInvalidWeakAlgorithm(string method)
    {
        var changed = SignedAlerts.Replace(SignedRsa(), "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", method);

        SignedAlerts.AssertOutcome(Verifier.Verify(changed), CapSignatureStatus.Invalid, CapDiagnosticCodes.SignatureWeakAlgorithm);
    }

    [Theory]
    [InlineData("<Transform Algorithm=\"http://www.w3.org/TR/1999/REC-xslt-19991116\"><xsl:stylesheet xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\" version=\"1.0\"/></Transform>")]
    [InlineData("<Transform Algorithm=\"http://www.w3.org/TR/1999/REC-xpath-19991116\"><XPath>ancestor-or-self::*[local-name()='identifier']</XPath></Transform>")]
    [InlineData("<Transform Algorithm=\"http://www.w3.org/2002/06/xmldsig-filter2\" />")]
    [InlineData("<Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#WithComments\" />")]
    [InlineData("<Transform Algorithm=\"urn:example:unknown-transform\" />")]
    public void Verify_RefusedTransform_IsInvalidUnsupportedAlgorithm(string transform)
    {
        var changed = SignedAlerts.Replace(SignedRsa(), "<Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\" />", transform);

        SignedAlerts.AssertOutcome(Verifier.Verify(changed), CapSignatureStatus.Invalid, CapDiagnosticCodes.SignatureUnsupportedAlgorithm);
    }

    [Theory]
    [InlineData("http://www.w3.org/2001/04/xmlenc#sha256", "http://www.w3.org/2000/09/xmldsig#sha1", CapDiagnosticCodes.SignatureWeakAlgorithm)]
    [InlineData("http://www.w3.org/2001/04/xmlenc#sha256", "http://www.w3.org/2001/04/xmldsig-more#md5", CapDiagnosticCodes.SignatureWeakAlgorithm)]
    [InlineData("http://www.w3.org/2001/04/xmlenc#sha256", "urn:example:digest", CapDiagnosticCodes.SignatureUnsupportedAlgorithm)]
    [InlineData("<CanonicalizationMethod Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\" />", "<CanonicalizationMethod Algorithm=\"http://www.w3.org/TR/1999/REC-xslt-19991116\" />", CapDiagnosticCodes.SignatureUnsupportedAlgorithm)]
    [InlineData("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", "urn:example:signature", CapDiagnosticCodes.SignatureUnsupportedAlgorithm)]
    public void Verify_RefusedDigestOrCanonicalization_GivesItsCode(string find, string replacement, string code)
    {
        var changed = SignedAlerts.Replace(SignedRsa(), find, replacement);

        SignedAlerts.AssertOutcome(Verifier.Verify(changed), CapSignatureStatus.Invalid, code);
    }

    [Theory]
    [InlineData("<SignatureValue>", "<SignatureValue>!!not base64!!")]
    [InlineData("<SignedInfo>", "<SignedInfo>text")]
    [InlineData("</SignedInfo>", "</SignedInfo><Object><alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"/></Object>")]
    [InlineData("<KeyInfo>", "<Object/><KeyInfo>")]
    [InlineData("<DigestValue>", "<DigestValue>AAAA")]
    [InlineData("<SignatureMethod Algorithm=\"http://www.w3.org/2001/04/xmldsig-more#rsa-sha256\" />", "")]
    [InlineData("<X509Certificate>", "<X509Certificate>AAAA")]
    public void Verify_MalformedSignature_IsInvalidMalformed(string find, string replacement)
    {
        var changed = SignedAlerts.Replace(SignedRsa(), find, replacement);

        SignedAlerts.AssertOutcome(Verifier.Verify(changed), CapSignatureStatus.Invalid, CapDiagnosticCodes.SignatureMalformed);
    }

    [Fact]
    public void Verify_SignedInfoWithoutSignatureValue_IsInvalidMalformed()
    {
        var signed = SignedRsa();
        var value = "<SignatureValue>" + SignedAlerts.Between(signed, "<SignatureValue>", "</SignatureValue>") + "</SignatureValue>";

        SignedAlerts.AssertOutcome(Verifier.Verify(SignedAlerts.Replace(signed, value, string.Empty)), CapSignatureStatus.Invalid, CapDiagnosticCodes.SignatureMalformed);
    }

    [Fact]
    public void Verify_CommentInsertedIntoASignedValue_StaysValidAndTheAlertReadsTheSameValue()
    {
        // Canonicalization drops comments, so inserting one keeps the signature valid: the parser must then read the
        // whole value, not the text before the comment (the comment-truncation attack on signed XML).
        var signed = SignedRsa();
        var headline = CapParser.Default.Parse(signed).Alert.Infos[0].Headline!;
        var split = headline.IndexOf(' ', StringComparison.Ordinal) + 1;
        var withComment = SignedAlerts.Replace(signed, "<headline>" + headline, "<headline>" + headline[..split] + "<!-- injected -->" + headline[split..]);

        var result = Verifier.Verify(withComment);

        Assert.True(result.IsValid, string.Join(" | ", result.Diagnostics));
        Assert.Equal(headline, result.Document!.Alert.Infos[0].Headline);
    }
}
