using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Xml;

namespace BeAlert.Cap;

/// <summary>
/// Verifies the enveloped XML signature of CAP documents against configured trust, and says why when it is not valid.
/// <list type="number">
/// <item>The bytes are read by <see cref="CapParser"/> first (DTDs refused, limits on size and depth), so nothing
/// hostile reaches the signature code.</item>
/// <item>The signature must follow the BeAlert profile (<see cref="CapSignatureProfile"/>): exactly one
/// <c>ds:Signature</c>, a child of <c>alert</c>; one <c>ds:Reference</c> with <c>URI=""</c> and the enveloped-signature
/// transform; only RSA or ECDSA with SHA-2, C14N or exclusive C14N. This rules out signature wrapping, XSLT, XPath and
/// external references before any cryptography runs; <see cref="SignedXml"/> never resolves anything.</item>
/// <item>The digest and signature value are checked by <see cref="SignedXml"/> with the key the KeyInfo names, or
/// with each pinned key when it names none.</item>
/// <item>The key must be trusted: pinned (certificate or public key), or its certificate must chain to a trusted
/// root. Certificates are checked at the time of <see cref="CapSignatureVerifierOptions.TimeProvider"/>.</item>
/// </list>
/// Thread-safe: one instance can verify any number of documents concurrently.
/// </summary>
public sealed class CapSignatureVerifier
{
    private readonly CapParser _parser;
    private readonly long _maxDocumentBytes;
    private readonly int _maxKeyInfoLength;
    private readonly int _maxCertificates;
    private readonly int _maxTransforms;
    private readonly TimeProvider _time;
    private readonly X509RevocationMode _revocationMode;
    private readonly X509RevocationFlag _revocationFlag;
    private readonly PinnedKey[] _pinned;
    private readonly X509Certificate2[] _roots;

    /// <summary>Creates a verifier.</summary>
    /// <param name="options">The trust, clock and limits (copied; the certificates are copied without private keys).</param>
    /// <exception cref="ArgumentException">The options are invalid, for example no trust is configured.</exception>
    public CapSignatureVerifier(CapSignatureVerifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        CapEcdsaSignatureDescription.EnsureRegistered();
        _maxDocumentBytes = options.MaxDocumentBytes;
        _maxKeyInfoLength = options.MaxKeyInfoLength;
        _maxCertificates = options.MaxCertificates;
        _maxTransforms = options.MaxTransforms;
        _time = options.TimeProvider;
        _revocationMode = options.RevocationMode;
        _revocationFlag = options.RevocationFlag;
        _parser = new CapParser(new CapParserOptions { MaxDocumentBytes = options.MaxDocumentBytes });
        var pinned = new List<PinnedKey>();
        foreach (var certificate in options.TrustedCertificates)
        {
            var copy = X509CertificateLoader.LoadCertificate(certificate.RawData);
            pinned.Add(new PinnedKey(copy.PublicKey.ExportSubjectPublicKeyInfo(), copy, copy.PublicKey));
        }

        foreach (var key in options.TrustedPublicKeys)
        {
            var spki = key.ExportSubjectPublicKeyInfo();
            pinned.Add(new PinnedKey(spki, null, PublicKey.CreateFromSubjectPublicKeyInfo(spki, out _)));
        }

        _pinned = [.. pinned];
        _roots = [.. options.TrustedRoots.Select(r => X509CertificateLoader.LoadCertificate(r.RawData))];
    }

    /// <summary>Verifies the signature of a document.</summary>
    /// <param name="document">The document bytes, exactly as received.</param>
    /// <returns>The verdict, its reasons, the signer and the parsed document.</returns>
    public CapSignatureResult Verify(byte[] document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.LongLength > _maxDocumentBytes)
        {
            return Unreadable(TooLarge());
        }

        CapDocument parsed;
        try
        {
            parsed = _parser.Parse(document);
        }
        catch (CapParseException e)
        {
            return Unreadable(e.ToDiagnostic());
        }

        XmlDocument xml;
        try
        {
            xml = CapSignatureXml.Load(document, _maxDocumentBytes, _parser.MaxDepth);
        }
        catch (CapParseException e)
        {
            return Unreadable(e.ToDiagnostic());
        }
        catch (XmlException e)
        {
            return Unreadable(new CapDiagnostic(CapDiagnosticCodes.NotWellFormed, CapDiagnosticSeverity.Error, "The document could not be read for signature verification: " + e.Message, "/", e.LineNumber, e.LinePosition));
        }

        return Verify(parsed, xml);
    }

    /// <summary>Verifies the signature of a document read from a stream (read to its end, not disposed).</summary>
    /// <param name="document">The document bytes, exactly as received.</param>
    /// <returns>The verdict, its reasons, the signer and the parsed document.</returns>
    public CapSignatureResult Verify(Stream document)
    {
        ArgumentNullException.ThrowIfNull(document);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = document.Read(chunk)) > 0)
            {
                if (buffer.Length + read > _maxDocumentBytes)
                {
                    return Unreadable(TooLarge());
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (Exception e) when (e is IOException or NotSupportedException or ObjectDisposedException)
        {
            return Unreadable(new CapDiagnostic(CapDiagnosticCodes.NotWellFormed, CapDiagnosticSeverity.Error, "The input stream could not be read: " + e.Message, "/"));
        }

        return Verify(buffer.ToArray());
    }

    /// <summary>
    /// Verifies the signature of an alert. An alert read by <see cref="CapParser"/> and not changed since is verified
    /// on the exact bytes it was read from; any other alert is verified on what <see cref="CapWriter"/> writes for it
    /// (so an alert signed by <see cref="CapSigner.Sign(CapAlert)"/> verifies, and a changed copy does not).
    /// </summary>
    /// <param name="alert">The alert.</param>
    /// <returns>The verdict, its reasons, the signer and the parsed document.</returns>
    public CapSignatureResult Verify(CapAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (CapSignedSource.TryGet(alert, out var source))
        {
            return Verify(source);
        }

        return alert.Signature is null
            ? new CapSignatureResult(CapSignatureStatus.Missing, [MissingDiagnostic()], null, null, null)
            : Verify(CapWriter.WriteToBytes(alert));
    }

    private CapSignatureResult Verify(CapDocument parsed, XmlDocument xml)
    {
        var diagnostics = new List<CapDiagnostic>();
        var signatures = xml.GetElementsByTagName("Signature", CapSignatureAlgorithms.DsigNamespace);
        if (signatures.Count == 0)
        {
            return new CapSignatureResult(CapSignatureStatus.Missing, [MissingDiagnostic()], parsed, null, null);
        }

        if (signatures.Count > 1)
        {
            var paths = string.Join(", ", signatures.Cast<XmlNode>().Take(5).Select(CapSignatureXml.PathOf));
            CapSignatureProfile.Report(
                diagnostics,
                CapDiagnosticCodes.MultipleSignatures,
                signatures[1]!,
                $"The document holds {signatures.Count} ds:Signature elements ({paths}); a CAP alert carries exactly one, the enveloped signature of the whole alert. Extra signatures are a signature-wrapping attempt or a mistake.");
            return Invalid(diagnostics, parsed, null);
        }

        var signature = (XmlElement)signatures[0]!;
        if (!ReferenceEquals(signature.ParentNode, xml.DocumentElement))
        {
            CapSignatureProfile.Report(
                diagnostics,
                CapDiagnosticCodes.SignatureNotEnveloped,
                signature,
                $"The ds:Signature is at {CapSignatureXml.PathOf(signature)}, not a child of <alert>; a CAP signature is enveloped in the alert it signs. A signature elsewhere may vouch for content other than the alert being read.");
            return Invalid(diagnostics, parsed, null);
        }

        var parts = CapSignatureProfile.Read(signature, _maxTransforms, diagnostics);
        if (parts is null)
        {
            return Invalid(diagnostics, parsed, null);
        }

        using var keyInfo = CapKeyInfo.Read(parts.KeyInfo, _maxKeyInfoLength, _maxCertificates, diagnostics);
        if (keyInfo is null)
        {
            return Invalid(diagnostics, parsed, parts.Method.Name);
        }

        if (parts.KeyInfo is not null)
        {
            // KeyInfo is outside what is signed (the enveloped transform removes the whole signature, and SignedInfo does
            // not include it): drop it so that SignedXml does not decode its certificates a second time.
            signature.RemoveChild(parts.KeyInfo);
        }

        var signedXml = new SignedXml(xml) { Resolver = XmlResolver.ThrowingResolver };
        try
        {
            signedXml.LoadXml(signature);
        }
        catch (CryptographicException e)
        {
            CapSignatureProfile.Report(diagnostics, CapDiagnosticCodes.SignatureMalformed, signature, "The ds:Signature cannot be read: " + e.Message);
            return Invalid(diagnostics, parsed, parts.Method.Name);
        }

        var context = new Context(parsed, xml, signature, CapSignatureXml.PathOf(signature), signedXml, parts, diagnostics);
        var (signer, signerKeyInfo) = keyInfo.SignerCertificate(IsPinned);
        AsymmetricAlgorithm? embedded;
        try
        {
            embedded = signer is not null ? CapSignatureKeys.PublicKeyOf(signer.PublicKey)
                : keyInfo.RsaKeyValue is { } rsa ? RSA.Create(rsa)
                : null;
        }
        catch (CryptographicException)
        {
            CapSignatureProfile.Report(diagnostics, CapDiagnosticCodes.SignatureMalformed, signature, signer is null ? "ds:RSAKeyValue does not hold a usable RSA public key." : $"The public key of the ds:KeyInfo certificate '{signer.Subject}' cannot be read.");
            return Invalid(diagnostics, parsed, parts.Method.Name);
        }

        if (signer is not null && embedded is null)
        {
            CapSignatureProfile.Report(diagnostics, CapDiagnosticCodes.SignatureUnsupportedAlgorithm, signature, $"The certificate in ds:KeyInfo ({signer.Subject}) has a key that is neither RSA nor ECDSA.");
            return Invalid(diagnostics, parsed, parts.Method.Name);
        }

        if (embedded is null)
        {
            return VerifyWithPinnedKeys(context);
        }

        using (embedded)
        {
            // The result owns the signer certificate from here on; KeyInfo disposes the others.
            if (signer is not null)
            {
                keyInfo.Certificates.Remove(signer);
            }

            return VerifyWithEmbeddedKey(context, embedded, signerKeyInfo ?? embedded.ExportSubjectPublicKeyInfo(), signer, keyInfo.Certificates);
        }
    }

    /// <summary>The KeyInfo names a key: it must verify the signature, then be trusted.</summary>
    private CapSignatureResult VerifyWithEmbeddedKey(Context context, AsymmetricAlgorithm key, byte[] spki, X509Certificate2? signer, IReadOnlyList<X509Certificate2> others)
    {
        var method = context.Parts.Method;
        var from = signer is null ? "ds:KeyValue" : $"the ds:KeyInfo certificate '{signer.Subject}'";
        if (CapSignatureKeys.Check(key, method) is { } problem)
        {
            return context.Invalid(problem.Code, $"The key of {from} cannot verify this signature: {problem.Reason}.", signer);
        }

        if (!CheckSignature(context.SignedXml, key))
        {
            return Broken(context, $"the key of {from} ({CapSignatureKeys.Describe(key)})", signer);
        }

        var pinned = Array.Find(_pinned, p => p.SubjectPublicKeyInfo.AsSpan().SequenceEqual(spki));
        if (pinned is not null)
        {
            return Pinned(context, pinned, signer);
        }

        if (signer is not null && _roots.Length > 0)
        {
            return Chained(context, signer, others);
        }

        var who = signer is null ? $"an {CapSignatureKeys.Describe(key)} key given in ds:KeyValue" : $"the certificate '{signer.Subject}' (issuer '{signer.Issuer}')";
        var why = signer is null
            ? "A bare key in the signature proves only that whoever signed had that key: pin the sender's public key to trust it."
            : _roots.Length == 0
                ? "It is not pinned and no trusted roots are configured: pin the sender's certificate, or trust the root of its issuer."
                : "Its key is not pinned.";
        return context.Untrusted(CapDiagnosticCodes.SignerNotTrusted, $"The signature is intact but was made by {who}, which no configured trust vouches for. {why}", signer);
    }

    /// <summary>
    /// The KeyInfo names no key: one of the pinned keys must verify the signature. Trying a wrong key is cheap:
    /// <see cref="SignedXml"/> checks the signature over SignedInfo (cached) before it digests the document.
    /// </summary>
    private CapSignatureResult VerifyWithPinnedKeys(Context context)
    {
        foreach (var pinned in _pinned)
        {
            using var key = CapSignatureKeys.PublicKeyOf(pinned.PublicKey);
            if (key is null || CapSignatureKeys.Check(key, context.Parts.Method) is not null)
            {
                continue;
            }

            if (CheckSignature(context.SignedXml, key))
            {
                return Pinned(context, pinned, null);
            }
        }

        if (!DigestMatches(context))
        {
            return context.Invalid(CapDiagnosticCodes.SignatureDigestMismatch, DigestMismatchMessage(context.Parts), null);
        }

        return context.Untrusted(
            CapDiagnosticCodes.SignerNotTrusted,
            $"ds:KeyInfo names no key (no X509Certificate, no RSAKeyValue) and none of the {_pinned.Length} pinned keys verifies the signature: the alert was signed by a key you do not trust, or its signature value was changed.",
            null);
    }

    /// <summary>A pinned key verified the signature; a pinned certificate must also be valid now.</summary>
    private CapSignatureResult Pinned(Context context, PinnedKey pinned, X509Certificate2? signer)
    {
        signer ??= pinned.Certificate is null ? null : X509CertificateLoader.LoadCertificate(pinned.Certificate.RawData);
        if (pinned.Certificate is { } certificate && TimeProblem(certificate, "The pinned certificate") is { } problem)
        {
            return context.Untrusted(problem.Code, problem.Message, signer);
        }

        return context.Valid(signer);
    }

    /// <summary>The signer's certificate must chain to a trusted root, be valid now and allow signing.</summary>
    private CapSignatureResult Chained(Context context, X509Certificate2 signer, IReadOnlyList<X509Certificate2> others)
    {
        var diagnostics = new List<(string Code, string Message)>();
        using (var chain = new X509Chain())
        {
            var policy = chain.ChainPolicy;
            policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            policy.CustomTrustStore.AddRange(_roots);
            foreach (var other in others)
            {
                policy.ExtraStore.Add(other);
            }

            policy.RevocationMode = _revocationMode;
            policy.RevocationFlag = _revocationFlag;
            policy.VerificationTime = _time.GetUtcNow().UtcDateTime;
            policy.VerificationTimeIgnored = false;
            policy.DisableCertificateDownloads = true;
            policy.UrlRetrievalTimeout = TimeSpan.FromSeconds(15);
            var built = chain.Build(signer);
            var elements = chain.ChainElements;
            for (var i = 0; i < elements.Count; i++)
            {
                var element = elements[i];
                foreach (var status in element.ChainElementStatus)
                {
                    if (status.Status == X509ChainStatusFlags.NotTimeValid)
                    {
                        var which = i == 0 ? "The signer's certificate" : "The chain certificate";
                        if (TimeProblem(element.Certificate, which) is { } problem)
                        {
                            diagnostics.Add(problem);
                        }
                    }
                    else if (status.Status != X509ChainStatusFlags.NoError)
                    {
                        diagnostics.Add((CapDiagnosticCodes.SignerCertificateChainInvalid, ChainMessage(element.Certificate, status)));
                    }
                }
            }

            if (!built && diagnostics.Count == 0)
            {
                var flags = string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()));
                diagnostics.Add((CapDiagnosticCodes.SignerCertificateChainInvalid, $"The certificate '{signer.Subject}' does not chain to a trusted root: {flags}"));
            }
        }

        if (signer.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault() is { } usage
            && (usage.KeyUsages & (X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation)) == 0)
        {
            diagnostics.Add((CapDiagnosticCodes.SignerCertificateNotForSigning, $"The certificate '{signer.Subject}' does not allow digital signatures (its key usage is {usage.KeyUsages})."));
        }

        if (diagnostics.Count == 0)
        {
            return context.Valid(signer);
        }

        foreach (var (code, message) in diagnostics.Distinct())
        {
            context.Report(code, message);
        }

        return context.Done(CapSignatureStatus.Untrusted, signer);
    }

    private (string Code, string Message)? TimeProblem(X509Certificate2 certificate, string which)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        var notBefore = certificate.NotBefore.ToUniversalTime();
        var notAfter = certificate.NotAfter.ToUniversalTime();
        if (now > notAfter)
        {
            return (CapDiagnosticCodes.SignerCertificateExpired, string.Create(CultureInfo.InvariantCulture, $"{which} '{certificate.Subject}' expired on {notAfter:yyyy-MM-dd HH:mm:ss} UTC; it was checked at {now:yyyy-MM-dd HH:mm:ss} UTC. The sender must sign with a current certificate."));
        }

        if (now < notBefore)
        {
            return (CapDiagnosticCodes.SignerCertificateNotYetValid, string.Create(CultureInfo.InvariantCulture, $"{which} '{certificate.Subject}' is valid only from {notBefore:yyyy-MM-dd HH:mm:ss} UTC; it was checked at {now:yyyy-MM-dd HH:mm:ss} UTC. Check this machine's clock and the sender's."));
        }

        return null;
    }

    private string ChainMessage(X509Certificate2 certificate, X509ChainStatus status)
    {
        var detail = status.StatusInformation.Trim();
        return status.Status switch
        {
            X509ChainStatusFlags.UntrustedRoot or X509ChainStatusFlags.PartialChain =>
                $"The certificate '{certificate.Subject}' does not chain to any of the {_roots.Length} trusted roots ({status.Status}: {detail}).",
            X509ChainStatusFlags.Revoked => $"The certificate '{certificate.Subject}' is revoked ({detail}).",
            X509ChainStatusFlags.RevocationStatusUnknown or X509ChainStatusFlags.OfflineRevocation =>
                $"The revocation status of '{certificate.Subject}' could not be established ({status.Status}: {detail}).",
            _ => $"The certificate '{certificate.Subject}' fails chain validation ({status.Status}: {detail}).",
        };
    }

    /// <summary>The signature value did not verify: tell a changed alert (digest) from a wrong signature value.</summary>
    private static CapSignatureResult Broken(Context context, string key, X509Certificate2? signer) =>
        DigestMatches(context)
            ? context.Invalid(CapDiagnosticCodes.SignatureValueInvalid, $"ds:SignatureValue does not verify with {key}: the signed information was changed after signing, or the signature was made with a different key.", signer)
            : context.Invalid(CapDiagnosticCodes.SignatureDigestMismatch, DigestMismatchMessage(context.Parts), signer);

    private static string DigestMismatchMessage(CapSignatureProfile.Parts parts) =>
        $"The alert was changed after it was signed: its {parts.DigestHash.Name} digest does not match ds:DigestValue. Do not act on it; get the original from the sender.";

    /// <summary>
    /// Recomputes the reference digest the way the profile defines it (the document without the signature, canonicalized)
    /// to tell which half of the verification failed. Only called after <see cref="SignedXml"/> said no; it removes the
    /// signature from the DOM, so it runs last.
    /// </summary>
    private static bool DigestMatches(Context context)
    {
        try
        {
            context.Signature.ParentNode!.RemoveChild(context.Signature);
            Transform transform = context.Parts.ReferenceCanonicalization == CapSignatureAlgorithms.ExcC14n
                ? context.Parts.ReferencePrefixList is { } prefixes ? new XmlDsigExcC14NTransform(false, prefixes) : new XmlDsigExcC14NTransform(false)
                : new XmlDsigC14NTransform(false);
            transform.LoadInput(context.Xml);
            using var canonical = (Stream)transform.GetOutput(typeof(Stream));
            var digest = CryptographicOperations.HashData(context.Parts.DigestHash, canonical);
            return CryptographicOperations.FixedTimeEquals(digest, context.Parts.DigestValue);
        }
        catch (Exception e) when (e is CryptographicException or XmlException or ArgumentException)
        {
            return false;
        }
    }

    private static bool CheckSignature(SignedXml signedXml, AsymmetricAlgorithm key)
    {
        try
        {
            return signedXml.CheckSignature(key);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private bool IsPinned(byte[] subjectPublicKeyInfo) => Array.Exists(_pinned, p => p.SubjectPublicKeyInfo.AsSpan().SequenceEqual(subjectPublicKeyInfo));

    private CapDiagnostic TooLarge() => new(
        CapDiagnosticCodes.DocumentTooLarge,
        CapDiagnosticSeverity.Error,
        $"The document is larger than the limit of {_maxDocumentBytes} bytes (CapSignatureVerifierOptions.MaxDocumentBytes).",
        "/");

    private static CapDiagnostic MissingDiagnostic() => new(
        CapDiagnosticCodes.SignatureMissing,
        CapRuleCatalog.Get(CapDiagnosticCodes.SignatureMissing).Severity,
        "The alert is not signed: it carries no ds:Signature, so nothing shows who sent it or that it is unchanged.",
        CapPath.Alert);

    private static CapSignatureResult Unreadable(CapDiagnostic diagnostic) => new(CapSignatureStatus.Invalid, [diagnostic], null, null, null);

    private static CapSignatureResult Invalid(List<CapDiagnostic> diagnostics, CapDocument parsed, string? method) =>
        new(CapSignatureStatus.Invalid, diagnostics, parsed, null, method);

    /// <summary>A trusted key: its SubjectPublicKeyInfo, and the pinned certificate it came from, if any.</summary>
    private sealed record PinnedKey(byte[] SubjectPublicKeyInfo, X509Certificate2? Certificate, PublicKey PublicKey);

    /// <summary>The state of one verification.</summary>
    private sealed record Context(CapDocument Parsed, XmlDocument Xml, XmlElement Signature, string SignaturePath, SignedXml SignedXml, CapSignatureProfile.Parts Parts, List<CapDiagnostic> Diagnostics)
    {
        internal void Report(string code, string message) =>
            Diagnostics.Add(new CapDiagnostic(code, CapRuleCatalog.Get(code).Severity, message, SignaturePath));

        internal CapSignatureResult Valid(X509Certificate2? signer) => Done(CapSignatureStatus.Valid, signer);

        internal CapSignatureResult Invalid(string code, string message, X509Certificate2? signer)
        {
            Report(code, message);
            return Done(CapSignatureStatus.Invalid, signer);
        }

        internal CapSignatureResult Untrusted(string code, string message, X509Certificate2? signer)
        {
            Report(code, message);
            return Done(CapSignatureStatus.Untrusted, signer);
        }

        internal CapSignatureResult Done(CapSignatureStatus status, X509Certificate2? signer) =>
            new(status, Diagnostics, Parsed, signer, Parts.Method.Name);
    }
}
