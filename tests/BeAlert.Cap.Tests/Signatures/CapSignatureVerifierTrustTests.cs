using System.Security.Cryptography.X509Certificates;

namespace BeAlert.Cap.Tests.Signatures;

/// <summary>
/// Trust: a signature is valid only when configured trust vouches for its key (pinned certificate, pinned key, chain to
/// a trusted root) at the clock's time; a key that only the signature itself names is untrusted, never valid.
/// </summary>
public sealed class CapSignatureVerifierTrustTests
{
    [Fact]
    public void Verify_PinnedCertificate_IsValidWithSignerAndDocument()
    {
        var signed = SignedAlerts.Sign(SignedAlerts.Typical(), TestKeys.Rsa, TestKeys.RsaCertificate);

        var result = SignedAlerts.Pinning(TestKeys.RsaCertificate).Verify(signed);

        Assert.True(result.IsValid, string.Join(" | ", result.Diagnostics));
        Assert.Empty(result.Diagnostics);
        Assert.Equal("RSA-SHA256", result.SignatureMethod);
        Assert.Equal(TestKeys.RsaCertificate.Thumbprint, result.SignerCertificate!.Thumbprint);
        Assert.Equal(CapParser.Default.Parse(signed).Alert, result.Document!.Alert);
    }

    [Fact]
    public void Verify_PinnedPublicKeyAndNoKeyInKeyInfo_IsValid()
    {
        var signed = SignedAlerts.Sign(SignedAlerts.Typical(), TestKeys.Ecdsa);

        var result = SignedAlerts.PinningKeys(TestKeys.Rsa, TestKeys.Ecdsa).Verify(signed);

        Assert.True(result.IsValid, string.Join(" | ", result.Diagnostics));
        Assert.Equal("ECDSA-SHA256", result.SignatureMethod);
        Assert.Null(result.SignerCertificate);
    }

    [Fact]
    public void Verify_PinnedCertificateWhoseKeyIsNotNamed_IsValidAndReturnsThePinnedCertificate()
    {
        var signed = SignedAlerts.Sign(SignedAlerts.Small(), TestKeys.Ecdsa);

        var result = SignedAlerts.Pinning(TestKeys.RsaCertificate, TestKeys.EcdsaCertificate).Verify(signed);

        Assert.True(result.IsValid, string.Join(" | ", result.Diagnostics));
        Assert.Equal(TestKeys.EcdsaCertificate.Thumbprint, result.SignerCertificate!.Thumbprint);
    }

    [Fact]
    public void Verify_KeyOnlyInTheSignatureItself_IsUntrustedNeverValid()
    {
        // An attacker can sign anything with a key of their own and put that key in KeyInfo: the signature is intact.
        var signed = SignedAlerts.Sign(SignedAlerts.Typical(), TestKeys.OtherRsa);

        var result = SignedAlerts.Pinning(TestKeys.RsaCertificate).Verify(signed);

        SignedAlerts.AssertOutcome(result, CapSignatureStatus.Untrusted, CapDiagnosticCodes.SignerNotTrusted);
        Assert.False(result.IsValid);
    }

    [Fact]
    public void Verify_CertificateNotPinnedAndNoRoots_IsUntrusted()
    {
        var signed = SignedAlerts.Sign(SignedAlerts.Typical(), TestKeys.Ecdsa, TestKeys.EcdsaCertificate);

        var result = SignedAlerts.Pinning(TestKeys.RsaCertificate).Verify(signed);

        SignedAlerts.AssertOutcome(result, CapSignatureStatus.Untrusted, CapDiagnosticCodes.SignerNotTrusted);
        Assert.Equal(TestKeys.EcdsaCertificate.Thumbprint, result.SignerCertificate!.Thumbprint);
    }

    [Fact]
    public void Verify_NoKeyInKeyInfoAndNoPinnedKeyVerifies_IsUntrusted()
    {
        var signed = SignedAlerts.Sign(SignedAlerts.Typical(), TestKeys.OtherRsa, options: new CapSignerOptions { IncludeKeyValue = false });

        var result = SignedAlerts.PinningKeys(TestKeys.Rsa, TestKeys.Ecdsa).Verify(signed);

        SignedAlerts.AssertOutcome(result, CapSignatureStatus.Untrusted, CapDiagnosticCodes.SignerNotTrusted);
    }

    [Fact]
    public void Verify_PinnedCertificateExpired_IsUntrustedExpired()
    {
        var signed = SignedAlerts.Sign(SignedAlerts.Small(), TestKeys.Rsa, TestKeys.RsaCertificate);
        var later = SignedAlerts.Clock(new DateTimeOffset(2031, 3, 1, 0, 0, 0, TimeSpan.Zero));

        var result = SignedAlerts.Pinning(later, TestKeys.RsaCertificate).Verify(signed);

        SignedAlerts.AssertOutcome(result, CapSignatureStatus.Untrusted, CapDiagnosticCodes.SignerCertificateExpired);
    }

    [Fact]
    public void Verify_PinnedCertificateNotYetValid_IsUntrustedNotYetValid()
    {
        var signed = SignedAlerts.Sign(SignedAlerts.Small(), TestKeys.Rsa, TestKeys.RsaCertificate);
        var earlier = SignedAlerts.Clock(new DateTimeOffset(2029, 9, 1, 0, 0, 0, TimeSpan.Zero));

        var result = SignedAlerts.Pinning(earlier, TestKeys.RsaCertificate).Verify(signed);

        SignedAlerts.AssertOutcome(result, CapSignatureStatus.Untrusted, CapDiagnosticCodes.SignerCertificateNotYetValid);
    }

    [Fact]
    public void Verify_ClockAdvancesPastExpiry_SameVerifierChangesItsVerdict()
    {
        var signed = SignedAlerts.Sign(SignedAlerts.Small(), TestKeys.Rsa, TestKeys.RsaCertificate);
        var clock = SignedAlerts.Clock();
        var verifier = SignedAlerts.Pinning(clock, TestKeys.RsaCertificate);

        var before = verifier.Verify(signed).Status;
        clock.Advance(TimeSpan.FromDays(365));
        var after = verifier.Verify(signed).Status;

        Assert.Equal(CapSignatureStatus.Valid, before);
        Assert.Equal(CapSignatureStatus.Untrusted, after);
    }

    [Fact]
    public void Verify_ChainToTrustedRootWithIntermediateInKeyInfo_IsValid()
    {
        var chain = TestKeys.Chain;
        var options = new CapSignerOptions();
        options.AdditionalCertificates.Add(chain.Intermediate);
        var signed = SignedAlerts.Sign(SignedAlerts.Typical(), chain.LeafKey, chain.Leaf, options);

        var result = SignedAlerts.Rooted(SignedAlerts.Clock(), chain.Root).Verify(signed);

        Assert.True(result.IsValid, string.Join(" | ", result.Diagnostics));
        Assert.Equal(chain.Leaf.Thumbprint, result.SignerCertificate!.Thumbprint);
    }

    [Fact]
    public void Verify_ChainWithoutTheIntermediate_IsUntrustedChainInvalid()
    {
        var chain = TestKeys.Chain;
        var signed = SignedAlerts.Sign(SignedAlerts.Typical(), chain.LeafKey, chain.Leaf);

        var result = SignedAlerts.Rooted(SignedAlerts.Clock(), chain.Root).Verify(signed);

        SignedAlerts.AssertOutcome(result, CapSignatureStatus.Untrusted, CapDiagnosticCodes.SignerCertificateChainInvalid);
    }

    [Fact]
    public void Verify_ChainToAnotherRoot_IsUntrustedChainInvalid()
    {
        var chain = TestKeys.Chain;
        var options = new CapSignerOptions();
        options.AdditionalCertificates.Add(chain.Intermediate);
        var signed = SignedAlerts.Sign(SignedAlerts.Typical(), chain.LeafKey, chain.Leaf, options);

        var result = SignedAlerts.Rooted(SignedAlerts.Clock(), TestKeys.RsaCertificate).Verify(signed);

        SignedAlerts.AssertOutcome(result, CapSignatureStatus.Untrusted, CapDiagnosticCodes.SignerCertificateChainInvalid);
    }

    [Fact]
    public void Verify_OfflineRevocationWithoutRevocationData_IsUntrustedChainInvalid()
    {
        var chain = TestKeys.Chain;
        var signerOptions = new CapSignerOptions();
        signerOptions.AdditionalCertificates.Add(chain.Intermediate);
        var signed = SignedAlerts.Sign(SignedAlerts.Typical(), chain.LeafKey, chain.Leaf, signerOptions);
        var options = new CapSignatureVerifierOptions { TimeProvider = SignedAlerts.Clock(), RevocationMode = X509RevocationMode.Offline };
        options.TrustedRoots.Add(chain.Root);

        var result = new CapSignatureVerifier(options).Verify(signed);

        var diagnostics = SignedAlerts.AssertOutcome(result, CapSignatureStatus.Untrusted, CapDiagnosticCodes.SignerCertificateChainInvalid);
        Assert.Contains(diagnostics, d => d.Message.Contains("revocation", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Verify_ChainLeafExpired_IsUntrustedExpired()
    {
        var chain = TestKeys.Chain;
        var options = new CapSignerOptions();
        options.AdditionalCertificates.Add(chain.Intermediate);
        var signed = SignedAlerts.Sign(SignedAlerts.Small(), chain.LeafKey, chain.Leaf, options);

        var result = SignedAlerts.Rooted(SignedAlerts.Clock(new DateTimeOffset(2032, 1, 1, 0, 0, 0, TimeSpan.Zero)), chain.Root).Verify(signed);

        SignedAlerts.AssertOutcome(result, CapSignatureStatus.Untrusted, CapDiagnosticCodes.SignerCertificateExpired);
    }

    [Fact]
    public void Verify_LeafWithoutDigitalSignatureUsage_IsUntrustedNotForSigning()
    {
        var chain = TestChain.Create(X509KeyUsageFlags.KeyEncipherment);
        var options = new CapSignerOptions();
        options.AdditionalCertificates.Add(chain.Intermediate);
        var signed = SignedAlerts.Sign(SignedAlerts.Small(), chain.LeafKey, chain.Leaf, options);

        var result = SignedAlerts.Rooted(SignedAlerts.Clock(), chain.Root).Verify(signed);

        SignedAlerts.AssertOutcome(result, CapSignatureStatus.Untrusted, CapDiagnosticCodes.SignerCertificateNotForSigning);
    }

    [Fact]
    public void Verify_SignedAlertInstance_VerifiesTheBytesItWasReadFrom()
    {
        var signed = SignedAlerts.Sign(SignedAlerts.Typical(), TestKeys.Rsa, TestKeys.RsaCertificate);
        var alert = CapParser.Default.Parse(signed).Alert;
        var verifier = SignedAlerts.Pinning(TestKeys.RsaCertificate);

        Assert.True(verifier.Verify(alert).IsValid);
        Assert.True(verifier.Verify(new MemoryStream(signed)).IsValid);
        Assert.Equal(CapSignatureStatus.Missing, verifier.Verify(alert with { Signature = null }).Status);
    }

    [Fact]
    public void Verify_ConcurrentCallsOnOneVerifier_AllGetTheirOwnVerdict()
    {
        var chain = TestKeys.Chain;
        var signerOptions = new CapSignerOptions();
        signerOptions.AdditionalCertificates.Add(chain.Intermediate);
        var byChain = SignedAlerts.Sign(SignedAlerts.Typical(), chain.LeafKey, chain.Leaf, signerOptions);
        var byPinnedKey = SignedAlerts.Sign(SignedAlerts.Small(), TestKeys.Ecdsa);
        var tampered = SignedAlerts.Replace(byChain, "<urgency>Immediate</urgency>", "<urgency>Past</urgency>");
        var options = new CapSignatureVerifierOptions { TimeProvider = SignedAlerts.Clock() };
        options.TrustedRoots.Add(chain.Root);
        options.TrustedPublicKeys.Add(PublicKey.CreateFromSubjectPublicKeyInfo(TestKeys.Ecdsa.ExportSubjectPublicKeyInfo(), out _));
        var verifier = new CapSignatureVerifier(options);
        byte[][] documents = [byChain, byPinnedKey, tampered];
        CapSignatureStatus[] expected = [CapSignatureStatus.Valid, CapSignatureStatus.Valid, CapSignatureStatus.Invalid];

        var results = new CapSignatureStatus[60];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => results[i] = verifier.Verify(documents[i % 3]).Status);

        Assert.Equal(Enumerable.Range(0, results.Length).Select(i => expected[i % 3]), results);
    }
}
