using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml;

namespace BeAlert.Cap;

/// <summary>
/// What a <c>ds:KeyInfo</c> says about the signer: X.509 certificates (<c>ds:X509Data/ds:X509Certificate</c>) and an
/// RSA public key (<c>ds:KeyValue/ds:RSAKeyValue</c>). KeyInfo is not signed, so nothing here is trusted by itself:
/// the verifier only uses it to find the key, then asks its configured trust. Size and count limits are checked before
/// anything is decoded. Other KeyInfo content (KeyName, RetrievalMethod...) is ignored and never resolved.
/// </summary>
internal sealed class CapKeyInfo : IDisposable
{
    private CapKeyInfo(List<X509Certificate2> certificates, RSAParameters? rsaKeyValue)
    {
        Certificates = certificates;
        RsaKeyValue = rsaKeyValue;
    }

    internal static CapKeyInfo Empty => new([], null);

    /// <summary>The certificates, in document order.</summary>
    internal List<X509Certificate2> Certificates { get; }

    /// <summary>The RSA key value, if any.</summary>
    internal RSAParameters? RsaKeyValue { get; }

    public void Dispose()
    {
        foreach (var certificate in Certificates)
        {
            certificate.Dispose();
        }
    }

    /// <summary>Reads a KeyInfo element, or returns <see langword="null"/> after reporting why it cannot be used.</summary>
    internal static CapKeyInfo? Read(XmlElement? keyInfo, int maxLength, int maxCertificates, List<CapDiagnostic> diagnostics)
    {
        if (keyInfo is null)
        {
            return Empty;
        }

        var length = TextLength(keyInfo, maxLength);
        if (length > maxLength)
        {
            CapSignatureProfile.Report(
                diagnostics,
                CapDiagnosticCodes.SignatureLimitExceeded,
                keyInfo,
                $"ds:KeyInfo is larger than the limit of {maxLength} characters (CapSignatureVerifierOptions.MaxKeyInfoLength); a signer certificate and its chain need a few kilobytes.");
            return null;
        }

        var certificateElements = new List<XmlElement>();
        XmlElement? rsaElement = null;
        foreach (XmlNode child in keyInfo.ChildNodes)
        {
            if (child is not XmlElement { NamespaceURI: CapSignatureAlgorithms.DsigNamespace } element)
            {
                continue;
            }

            if (element.LocalName == "X509Data")
            {
                foreach (XmlNode item in element.ChildNodes)
                {
                    if (item is XmlElement { LocalName: "X509Certificate", NamespaceURI: CapSignatureAlgorithms.DsigNamespace } certificate)
                    {
                        certificateElements.Add(certificate);
                    }
                }
            }
            else if (element.LocalName == "KeyValue" && rsaElement is null)
            {
                foreach (XmlNode item in element.ChildNodes)
                {
                    if (item is XmlElement { LocalName: "RSAKeyValue", NamespaceURI: CapSignatureAlgorithms.DsigNamespace } rsa)
                    {
                        rsaElement = rsa;
                        break;
                    }
                }
            }
        }

        if (certificateElements.Count > maxCertificates)
        {
            CapSignatureProfile.Report(
                diagnostics,
                CapDiagnosticCodes.SignatureLimitExceeded,
                keyInfo,
                $"ds:KeyInfo holds {certificateElements.Count} certificates, more than the limit of {maxCertificates} (CapSignatureVerifierOptions.MaxCertificates).");
            return null;
        }

        var certificates = new List<X509Certificate2>(certificateElements.Count);
        foreach (var element in certificateElements)
        {
            try
            {
                certificates.Add(X509CertificateLoader.LoadCertificate(Convert.FromBase64String(element.InnerText)));
            }
            catch (Exception e) when (e is FormatException or CryptographicException)
            {
                foreach (var loaded in certificates)
                {
                    loaded.Dispose();
                }

                CapSignatureProfile.Report(diagnostics, CapDiagnosticCodes.SignatureMalformed, element, "ds:X509Certificate is not a Base64 DER X.509 certificate.");
                return null;
            }
        }

        RSAParameters? rsaKeyValue = null;
        if (rsaElement is not null)
        {
            rsaKeyValue = ReadRsaKeyValue(rsaElement);
            if (rsaKeyValue is null)
            {
                foreach (var loaded in certificates)
                {
                    loaded.Dispose();
                }

                CapSignatureProfile.Report(diagnostics, CapDiagnosticCodes.SignatureMalformed, rsaElement, "ds:RSAKeyValue must hold Base64 ds:Modulus and ds:Exponent.");
                return null;
            }
        }

        return new CapKeyInfo(certificates, rsaKeyValue);
    }

    /// <summary>
    /// The certificate that made the signature, by convention: the first one whose public key is pinned, otherwise the
    /// first one that issued none of the others (the leaf of a chain), otherwise the first; with its SubjectPublicKeyInfo.
    /// </summary>
    internal (X509Certificate2? Certificate, byte[]? SubjectPublicKeyInfo) SignerCertificate(Func<byte[], bool> isPinned)
    {
        if (Certificates.Count == 0)
        {
            return (null, null);
        }

        var keys = new byte[Certificates.Count][];
        for (var i = 0; i < Certificates.Count; i++)
        {
            keys[i] = Certificates[i].PublicKey.ExportSubjectPublicKeyInfo();
            if (isPinned(keys[i]))
            {
                return (Certificates[i], keys[i]);
            }
        }

        for (var i = 0; i < Certificates.Count; i++)
        {
            var certificate = Certificates[i];
            if (!Certificates.Any(other => !ReferenceEquals(other, certificate) && other.IssuerName.RawData.AsSpan().SequenceEqual(certificate.SubjectName.RawData)
                && !other.SubjectName.RawData.AsSpan().SequenceEqual(other.IssuerName.RawData)))
            {
                return (certificate, keys[i]);
            }
        }

        return (Certificates[0], keys[0]);
    }

    private static RSAParameters? ReadRsaKeyValue(XmlElement rsa)
    {
        string? modulus = null, exponent = null;
        foreach (XmlNode child in rsa.ChildNodes)
        {
            if (child is XmlElement { NamespaceURI: CapSignatureAlgorithms.DsigNamespace } element)
            {
                switch (element.LocalName)
                {
                    case "Modulus":
                        modulus = element.InnerText;
                        break;
                    case "Exponent":
                        exponent = element.InnerText;
                        break;
                }
            }
        }

        if (modulus is null || exponent is null)
        {
            return null;
        }

        try
        {
            var parameters = new RSAParameters { Modulus = TrimLeadingZeros(Convert.FromBase64String(modulus)), Exponent = TrimLeadingZeros(Convert.FromBase64String(exponent)) };
            return parameters.Modulus.Length == 0 || parameters.Exponent.Length is 0 or > 8 ? null : parameters;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static byte[] TrimLeadingZeros(byte[] value)
    {
        var start = 0;
        while (start < value.Length - 1 && value[start] == 0)
        {
            start++;
        }

        return start == 0 ? value : value[start..];
    }

    /// <summary>The characters of text and attributes under an element, counted up to just past the limit.</summary>
    private static long TextLength(XmlNode node, int limit)
    {
        long length = 0;
        var stack = new Stack<XmlNode>();
        stack.Push(node);
        while (stack.Count > 0 && length <= limit)
        {
            var current = stack.Pop();
            length += current.Name.Length + 2;
            if (current.Value is { } value)
            {
                length += value.Length;
            }

            if (current.Attributes is { } attributes)
            {
                foreach (XmlAttribute attribute in attributes)
                {
                    length += attribute.Name.Length + attribute.Value.Length + 4;
                }
            }

            for (var child = current.FirstChild; child is not null; child = child.NextSibling)
            {
                stack.Push(child);
            }
        }

        return length;
    }
}
