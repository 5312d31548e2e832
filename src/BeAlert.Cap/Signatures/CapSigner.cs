using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Xml;

namespace BeAlert.Cap;

/// <summary>
/// Signs CAP alerts with an enveloped XML signature: RSA-SHA256 or ECDSA-SHA256 (by key type), exclusive C14N, one
/// SHA-256 <c>ds:Reference</c> with <c>URI=""</c> and the enveloped-signature transform, the <c>ds:Signature</c> last
/// in <c>alert</c> as CAP 1.2 §3.4 places it. <c>ds:KeyInfo</c> carries the certificate when one is given (otherwise
/// the RSA key value, see <see cref="CapSignerOptions.IncludeKeyValue"/>). The output is UTF-8; <see cref="CapParser"/>
/// reads it with <see cref="CapAlert.Signature"/> set, and <see cref="CapWriter"/> re-emits that alert byte for byte.
/// Safe for concurrent use (signing with the key is serialized).
/// </summary>
public sealed class CapSigner
{
    private readonly AsymmetricAlgorithm _key;
    private readonly X509Certificate2? _certificate;
    private readonly X509Certificate2[] _additionalCertificates;
    private readonly CapParser _parser;
    private readonly bool _includeKeyValue;
    private readonly string? _keyName;
    private readonly TimeProvider _time;
    private readonly long _maxDocumentBytes;
    private readonly Lock _lock = new();

    /// <summary>Creates a signer: an RSA key signs with RSA-SHA256, an ECDSA key (P-256, P-384 or P-521) with ECDSA-SHA256.</summary>
    /// <param name="key">The private key (<see cref="RSA"/> of at least 2048 bits, or <see cref="ECDsa"/>); the caller keeps ownership.</param>
    /// <param name="certificate">The certificate of the key, written in ds:KeyInfo; <see langword="null"/> for none.</param>
    /// <param name="options">The options; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentException">The key is not RSA or ECDSA, is too small, is on another curve or cannot sign; the
    /// certificate is for another key; or the options are invalid.</exception>
    public CapSigner(AsymmetricAlgorithm key, X509Certificate2? certificate = null, CapSignerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        options ??= new CapSignerOptions();
        options.Validate();
        CapEcdsaSignatureDescription.EnsureRegistered();
        if (key is not (RSA or ECDsa))
        {
            throw new ArgumentException($"A CAP signature needs an RSA or ECDSA key, not {key.GetType().Name}.", nameof(key));
        }

        SignatureMethod = key is ECDsa ? CapSignatureAlgorithms.EcdsaSha256 : CapSignatureAlgorithms.RsaSha256;
        CapSignatureAlgorithms.TryGetSignatureMethod(SignatureMethod, out var method);
        if (CapSignatureKeys.Check(key, method!) is { } problem)
        {
            throw new ArgumentException($"This key cannot make CAP signatures: {problem.Reason}.", nameof(key));
        }

        EnsureCanSign(key);
        if (certificate is not null)
        {
            var matches = certificate.PublicKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(key.ExportSubjectPublicKeyInfo());
            if (!matches)
            {
                throw new ArgumentException($"The certificate '{certificate.Subject}' is for another key than the signing key.", nameof(certificate));
            }

            _certificate = X509CertificateLoader.LoadCertificate(certificate.RawData);
        }

        _additionalCertificates = [.. options.AdditionalCertificates.Select(c => X509CertificateLoader.LoadCertificate(c.RawData))];
        _key = key;
        _includeKeyValue = options.IncludeKeyValue;
        _keyName = options.KeyName;
        _time = options.TimeProvider;
        _maxDocumentBytes = options.MaxDocumentBytes;
        _parser = new CapParser(new CapParserOptions { MaxDocumentBytes = options.MaxDocumentBytes });
    }

    /// <summary>The signature method URI this signer writes (RSA-SHA256 or ECDSA-SHA256).</summary>
    public string SignatureMethod { get; }

    /// <summary>Signs a CAP document.</summary>
    /// <param name="document">The document bytes; they must be a readable CAP alert without a signature.</param>
    /// <returns>The signed document, UTF-8.</returns>
    /// <exception cref="CapParseException">The document is not a readable CAP alert (not XML, a DTD, another root element, over a limit).</exception>
    /// <exception cref="ArgumentException">The document already holds a ds:Signature.</exception>
    /// <exception cref="InvalidOperationException">The certificate is expired or not valid yet (per <see cref="CapSignerOptions.TimeProvider"/>).</exception>
    public byte[] Sign(byte[] document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.LongLength > _maxDocumentBytes)
        {
            throw new CapParseException(CapDiagnosticCodes.DocumentTooLarge, $"The document is larger than the limit of {_maxDocumentBytes} bytes (CapSignerOptions.MaxDocumentBytes).", "/", 0, 0);
        }

        _parser.Parse(document);
        CheckCertificateTime();
        XmlDocument xml;
        try
        {
            xml = CapSignatureXml.Load(document, _maxDocumentBytes, _parser.MaxDepth);
        }
        catch (XmlException e)
        {
            throw new CapParseException(CapDiagnosticCodes.NotWellFormed, "The document could not be read for signing: " + e.Message, "/", e.LineNumber, e.LinePosition, e);
        }

        if (xml.GetElementsByTagName("Signature", CapSignatureAlgorithms.DsigNamespace).Count > 0)
        {
            throw new ArgumentException("The document already holds a ds:Signature; a CAP alert carries one signature. Sign the unsigned alert.", nameof(document));
        }

        var root = xml.DocumentElement!;
        var after = Placement(root);
        var signedXml = new SignedXml(xml) { SigningKey = _key, Resolver = XmlResolver.ThrowingResolver };
        signedXml.SignedInfo!.CanonicalizationMethod = CapSignatureAlgorithms.ExcC14n;
        signedXml.SignedInfo.SignatureMethod = SignatureMethod;
        var reference = new Reference(string.Empty) { DigestMethod = CapSignatureAlgorithms.Sha256 };
        reference.AddTransform(new XmlDsigEnvelopedSignatureTransform());
        reference.AddTransform(new XmlDsigExcC14NTransform());
        signedXml.AddReference(reference);
        signedXml.KeyInfo = KeyInfo();
        lock (_lock)
        {
            signedXml.ComputeSignature();
        }

        var signature = xml.ImportNode(signedXml.GetXml(), deep: true);
        if (after is null)
        {
            root.AppendChild(signature);
        }
        else
        {
            root.InsertBefore(signature, after);
        }

        return CapSignatureXml.Save(xml);
    }

    /// <summary>Writes an alert with <see cref="CapWriter"/> (default options) and signs it.</summary>
    /// <param name="alert">The alert, without a signature.</param>
    /// <returns>The signed document, UTF-8. Read it with <see cref="CapParser"/> to get the signed alert.</returns>
    /// <exception cref="ArgumentException">The alert already carries a signature, or holds something CAP XML cannot carry.</exception>
    /// <exception cref="InvalidOperationException">The certificate is expired or not valid yet (per <see cref="CapSignerOptions.TimeProvider"/>).</exception>
    public byte[] Sign(CapAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (alert.Signature is not null)
        {
            throw new ArgumentException("The alert already carries a signature; sign 'alert with { Signature = null }' to replace it.", nameof(alert));
        }

        return Sign(CapWriter.WriteToBytes(alert));
    }

    /// <summary>
    /// Where the signature goes: right after the last element of <c>alert</c>, before its closing whitespace, adding no
    /// text of its own. So the document without its signature is exactly the document that was given, and an alert
    /// signed through <see cref="Sign(CapAlert)"/> is still verifiable after <see cref="CapWriter"/> writes it again.
    /// </summary>
    /// <returns>The node to insert the signature before, or <see langword="null"/> to append it.</returns>
    private static XmlNode? Placement(XmlElement root)
    {
        XmlNode? after = null;
        for (var node = root.LastChild; node is not null && node is not XmlElement; node = node.PreviousSibling)
        {
            after = node;
        }

        return after;
    }

    private KeyInfo KeyInfo()
    {
        var keyInfo = new KeyInfo();
        if (_keyName is not null)
        {
            keyInfo.AddClause(new KeyInfoName(_keyName));
        }

        if (_certificate is not null)
        {
            var data = new KeyInfoX509Data(_certificate);
            foreach (var additional in _additionalCertificates)
            {
                data.AddCertificate(additional);
            }

            keyInfo.AddClause(data);
        }
        else if (_includeKeyValue && _key is RSA rsa)
        {
            keyInfo.AddClause(new RSAKeyValue(rsa));
        }

        return keyInfo;
    }

    private void CheckCertificateTime()
    {
        if (_certificate is null)
        {
            return;
        }

        var now = _time.GetUtcNow().UtcDateTime;
        var notBefore = _certificate.NotBefore.ToUniversalTime();
        var notAfter = _certificate.NotAfter.ToUniversalTime();
        if (now > notAfter || now < notBefore)
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"The signing certificate '{_certificate.Subject}' is valid from {notBefore:yyyy-MM-dd HH:mm:ss} to {notAfter:yyyy-MM-dd HH:mm:ss} UTC, not now ({now:yyyy-MM-dd HH:mm:ss} UTC); verifiers would reject the signature."));
        }
    }

    /// <summary>Refuses a key without its private part now, rather than at the first document.</summary>
    private static void EnsureCanSign(AsymmetricAlgorithm key)
    {
        var hash = new byte[32];
        try
        {
            _ = key switch
            {
                RSA rsa => rsa.SignHash(hash, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
                ECDsa ecdsa => ecdsa.SignHash(hash),
                _ => throw new CryptographicException(),
            };
        }
        catch (CryptographicException e)
        {
            throw new ArgumentException("The key cannot sign; it must hold its private part.", nameof(key), e);
        }
    }
}
