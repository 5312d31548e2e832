using System.Text;

namespace BeAlert.Cap.Tests.Signatures;

/// <summary>
/// Hostile documents: DTDs and external entities are refused before any signature processing, and size, depth,
/// KeyInfo and transform limits bound the work. Every outcome is a verdict with a code, never an exception.
/// </summary>
public sealed class CapSignatureVerifierHostileInputTests
{
    private static readonly CapSignatureVerifier Verifier = SignedAlerts.Pinning(TestKeys.RsaCertificate);

    private static byte[] SignedRsa() => SignedAlerts.Sign(SignedAlerts.Typical(), TestKeys.Rsa, TestKeys.RsaCertificate);

    [Fact]
    public void Verify_SignedDocumentWithExternalEntity_IsRefusedAsDtdBeforeAnyFileIsRead()
    {
        var secret = Path.Combine(Path.GetTempPath(), "bealert-xxe-" + Guid.NewGuid().ToString("N") + ".txt");
        File.WriteAllText(secret, "SECRET-VALUE");
        try
        {
            var signed = Encoding.UTF8.GetString(SignedRsa());
            var hostile = signed.Replace(
                "<alert xmlns",
                $"<!DOCTYPE alert [<!ENTITY xxe SYSTEM \"file://{secret}\">]>\n<alert xmlns",
                StringComparison.Ordinal).Replace("<headline>", "<headline>&xxe;", StringComparison.Ordinal);

            var result = Verifier.Verify(Encoding.UTF8.GetBytes(hostile));

            var diagnostic = Assert.Single(SignedAlerts.AssertOutcome(result, CapSignatureStatus.Invalid, CapDiagnosticCodes.DtdProhibited));
            Assert.DoesNotContain("SECRET-VALUE", diagnostic.Message, StringComparison.Ordinal);
            Assert.Null(result.Document);
        }
        finally
        {
            File.Delete(secret);
        }
    }

    [Fact]
    public void Verify_EntityExpansionBomb_IsRefusedAsDtd()
    {
        var bomb = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE alert [<!ENTITY a \"aaaaaaaaaa\">");
        for (var i = 1; i < 10; i++)
        {
            bomb.Append(System.Globalization.CultureInfo.InvariantCulture, $"<!ENTITY {(char)('a' + i)} \"&{(char)('a' + i - 1)};&{(char)('a' + i - 1)};&{(char)('a' + i - 1)};&{(char)('a' + i - 1)};\">");
        }

        bomb.Append("]><alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>&j;</identifier></alert>");

        var result = Verifier.Verify(Encoding.UTF8.GetBytes(bomb.ToString()));

        SignedAlerts.AssertOutcome(result, CapSignatureStatus.Invalid, CapDiagnosticCodes.DtdProhibited);
    }

    [Fact]
    public void Verify_DeeplyNestedSignature_IsRefusedByTheDepthLimit()
    {
        // The parser passes over ds:Signature content without descending; canonicalization would recurse through it.
        var deep = string.Concat(Enumerable.Repeat("<x>", 100_000)) + string.Concat(Enumerable.Repeat("</x>", 100_000));
        var hostile = SignedAlerts.Replace(SignedRsa(), "<DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\" />", "<DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\">" + deep + "</DigestMethod>");

        var result = Verifier.Verify(hostile);

        SignedAlerts.AssertOutcome(result, CapSignatureStatus.Invalid, CapDiagnosticCodes.NestingTooDeep);
        Assert.Throws<CapParseException>(() => new CapSigner(TestKeys.Rsa).Sign(SignedAlerts.Replace(SignedAlerts.Small(), "<status>", "<status>" + deep)));
    }

    [Fact]
    public void Verify_DocumentOverTheLimit_IsRefusedUnread()
    {
        var options = new CapSignatureVerifierOptions { MaxDocumentBytes = 1024, TimeProvider = SignedAlerts.Clock() };
        options.TrustedCertificates.Add(TestKeys.RsaCertificate);
        var verifier = new CapSignatureVerifier(options);

        SignedAlerts.AssertOutcome(verifier.Verify(SignedRsa()), CapSignatureStatus.Invalid, CapDiagnosticCodes.DocumentTooLarge);
        SignedAlerts.AssertOutcome(verifier.Verify(new MemoryStream(SignedRsa())), CapSignatureStatus.Invalid, CapDiagnosticCodes.DocumentTooLarge);
    }

    [Fact]
    public void Verify_HugeKeyInfo_IsInvalidLimitExceeded()
    {
        var hostile = SignedAlerts.Replace(SignedRsa(), "<KeyInfo>", "<KeyInfo><KeyName>" + new string('k', 200_000) + "</KeyName>");

        SignedAlerts.AssertOutcome(Verifier.Verify(hostile), CapSignatureStatus.Invalid, CapDiagnosticCodes.SignatureLimitExceeded);
    }

    [Fact]
    public void Verify_TooManyCertificates_IsInvalidLimitExceeded()
    {
        var signed = SignedRsa();
        var certificate = "<X509Certificate>" + SignedAlerts.Between(signed, "<X509Certificate>", "</X509Certificate>") + "</X509Certificate>";
        var hostile = SignedAlerts.Replace(signed, certificate, string.Concat(Enumerable.Repeat(certificate, 9)));

        SignedAlerts.AssertOutcome(Verifier.Verify(hostile), CapSignatureStatus.Invalid, CapDiagnosticCodes.SignatureLimitExceeded);
    }

    [Fact]
    public void Verify_LongTransformChain_IsInvalidLimitExceeded()
    {
        const string C14n = "<Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\" />";
        var hostile = SignedAlerts.Replace(SignedRsa(), C14n, string.Concat(Enumerable.Repeat(C14n, 1000)));

        SignedAlerts.AssertOutcome(Verifier.Verify(hostile), CapSignatureStatus.Invalid, CapDiagnosticCodes.SignatureLimitExceeded);
    }

    [Fact]
    public void Verify_HugeRsaExponentInKeyValue_IsInvalidMalformed()
    {
        var signed = SignedAlerts.Sign(SignedAlerts.Typical(), TestKeys.Rsa);
        var hostile = SignedAlerts.Replace(signed, "<Exponent>AQAB</Exponent>", "<Exponent>" + Convert.ToBase64String(new byte[4096]).Replace("AAAA", "////", StringComparison.Ordinal) + "</Exponent>");

        SignedAlerts.AssertOutcome(SignedAlerts.PinningKeys(TestKeys.Rsa).Verify(hostile), CapSignatureStatus.Invalid, CapDiagnosticCodes.SignatureMalformed);
    }

    [Fact]
    public void Verify_StreamThatFails_IsInvalidNotAnException()
    {
        var result = Verifier.Verify(new FailingStream());

        SignedAlerts.AssertOutcome(result, CapSignatureStatus.Invalid, CapDiagnosticCodes.NotWellFormed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not xml at all")]
    [InlineData("<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><Signature xmlns=\"http://www.w3.org/2000/09/xmldsig#\">")]
    [InlineData("<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><Signature xmlns=\"http://www.w3.org/2000/09/xmldsig#\"/></alert>")]
    [InlineData("<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><Signature xmlns=\"http://www.w3.org/2000/09/xmldsig#\"><SignedInfo/><SignatureValue/></Signature></alert>")]
    public void Verify_Garbage_IsAVerdictNotAnException(string text)
    {
        var result = Verifier.Verify(Encoding.UTF8.GetBytes(text));

        Assert.Equal(CapSignatureStatus.Invalid, result.Status);
        Assert.NotEmpty(result.Diagnostics);
    }

    private sealed class FailingStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => 0; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new IOException("disk on fire");

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
