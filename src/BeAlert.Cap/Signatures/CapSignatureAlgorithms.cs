using System.Security.Cryptography;
using System.Security.Cryptography.Xml;

namespace BeAlert.Cap;

/// <summary>
/// The algorithm identifiers of the BeAlert signature profile: what the verifier accepts, what it refuses as weak
/// (CAP1006) and what it refuses as unknown or dangerous (CAP1007). Everything not listed here is refused.
/// </summary>
internal static class CapSignatureAlgorithms
{
    internal const string DsigNamespace = SignedXml.XmlDsigNamespaceUrl;
    internal const string ExcC14nNamespace = "http://www.w3.org/2001/10/xml-exc-c14n#";

    internal const string ExcC14n = SignedXml.XmlDsigExcC14NTransformUrl;
    internal const string C14n = SignedXml.XmlDsigC14NTransformUrl;
    internal const string Enveloped = SignedXml.XmlDsigEnvelopedSignatureTransformUrl;

    internal const string RsaSha256 = SignedXml.XmlDsigRSASHA256Url;
    internal const string RsaSha384 = SignedXml.XmlDsigRSASHA384Url;
    internal const string RsaSha512 = SignedXml.XmlDsigRSASHA512Url;
    internal const string EcdsaSha256 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256";
    internal const string EcdsaSha384 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384";
    internal const string EcdsaSha512 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512";

    internal const string Sha256 = SignedXml.XmlDsigSHA256Url;
    internal const string Sha384 = SignedXml.XmlDsigSHA384Url;
    internal const string Sha512 = SignedXml.XmlDsigSHA512Url;

    /// <summary>Known algorithms refused because they are weak (SHA-1, MD5, DSA, HMAC of any kind).</summary>
    private static readonly Dictionary<string, string> Weak = new(StringComparer.Ordinal)
    {
        [SignedXml.XmlDsigSHA1Url] = "SHA-1",
        ["http://www.w3.org/2001/04/xmldsig-more#md5"] = "MD5",
        [SignedXml.XmlDsigRSASHA1Url] = "RSA-SHA1",
        ["http://www.w3.org/2001/04/xmldsig-more#rsa-md5"] = "RSA-MD5",
        [SignedXml.XmlDsigDSAUrl] = "DSA-SHA1",
        ["http://www.w3.org/2009/xmldsig11#dsa-sha256"] = "DSA-SHA256",
        ["http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha1"] = "ECDSA-SHA1",
        [SignedXml.XmlDsigHMACSHA1Url] = "HMAC-SHA1",
        ["http://www.w3.org/2001/04/xmldsig-more#hmac-sha256"] = "HMAC-SHA256",
        ["http://www.w3.org/2001/04/xmldsig-more#hmac-sha384"] = "HMAC-SHA384",
        ["http://www.w3.org/2001/04/xmldsig-more#hmac-sha512"] = "HMAC-SHA512",
        ["http://www.w3.org/2001/04/xmldsig-more#hmac-md5"] = "HMAC-MD5",
    };

    /// <summary>Transforms that are refused by name (they execute code, select parts of the document or fetch data).</summary>
    private static readonly Dictionary<string, string> Dangerous = new(StringComparer.Ordinal)
    {
        [SignedXml.XmlDsigXsltTransformUrl] = "XSLT (runs an arbitrary style sheet)",
        [SignedXml.XmlDsigXPathTransformUrl] = "XPath filtering (can sign only part of the alert)",
        ["http://www.w3.org/2002/06/xmldsig-filter2"] = "XPath Filter 2.0 (can sign only part of the alert)",
        [SignedXml.XmlDsigBase64TransformUrl] = "Base64 decoding",
        [SignedXml.XmlDecryptionTransformUrl] = "decryption",
        [SignedXml.XmlLicenseTransformUrl] = "license",
        [SignedXml.XmlDsigC14NWithCommentsTransformUrl] = "C14N with comments",
        [SignedXml.XmlDsigExcC14NWithCommentsTransformUrl] = "exclusive C14N with comments",
        ["http://www.w3.org/2006/12/xml-c14n11"] = "C14N 1.1 (not supported by this verifier)",
        ["http://www.w3.org/2006/12/xml-c14n11#WithComments"] = "C14N 1.1 with comments",
    };

    /// <summary>The key type a signature method needs, its hash, and the name shown in messages.</summary>
    internal sealed record SignatureMethod(string Uri, string Name, bool IsEcdsa, HashAlgorithmName Hash);

    private static readonly Dictionary<string, SignatureMethod> SignatureMethods = new(StringComparer.Ordinal)
    {
        [RsaSha256] = new(RsaSha256, "RSA-SHA256", false, HashAlgorithmName.SHA256),
        [RsaSha384] = new(RsaSha384, "RSA-SHA384", false, HashAlgorithmName.SHA384),
        [RsaSha512] = new(RsaSha512, "RSA-SHA512", false, HashAlgorithmName.SHA512),
        [EcdsaSha256] = new(EcdsaSha256, "ECDSA-SHA256", true, HashAlgorithmName.SHA256),
        [EcdsaSha384] = new(EcdsaSha384, "ECDSA-SHA384", true, HashAlgorithmName.SHA384),
        [EcdsaSha512] = new(EcdsaSha512, "ECDSA-SHA512", true, HashAlgorithmName.SHA512),
    };

    private static readonly Dictionary<string, HashAlgorithmName> DigestMethods = new(StringComparer.Ordinal)
    {
        [Sha256] = HashAlgorithmName.SHA256,
        [Sha384] = HashAlgorithmName.SHA384,
        [Sha512] = HashAlgorithmName.SHA512,
    };

    internal static bool TryGetSignatureMethod(string uri, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SignatureMethod? method) =>
        SignatureMethods.TryGetValue(uri, out method);

    internal static bool TryGetDigestMethod(string uri, out HashAlgorithmName hash) => DigestMethods.TryGetValue(uri, out hash);

    internal static bool IsCanonicalization(string uri) => uri is ExcC14n or C14n;

    internal static bool TryGetWeakName(string uri, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? name) =>
        Weak.TryGetValue(uri, out name);

    internal static bool TryGetDangerousName(string uri, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? name) =>
        Dangerous.TryGetValue(uri, out name);

    /// <summary>The name of an accepted curve (NIST P-256, P-384, P-521), or <see langword="null"/> for any other curve.</summary>
    internal static string? CurveName(ECDsa key)
    {
        var curve = key.ExportParameters(includePrivateParameters: false).Curve;
        if (!curve.IsNamed)
        {
            return null;
        }

        return (curve.Oid.Value, curve.Oid.FriendlyName) switch
        {
            ("1.2.840.10045.3.1.7", _) or (_, "nistP256" or "ECDSA_P256" or "secp256r1" or "prime256v1") => "P-256",
            ("1.3.132.0.34", _) or (_, "nistP384" or "ECDSA_P384" or "secp384r1") => "P-384",
            ("1.3.132.0.35", _) or (_, "nistP521" or "ECDSA_P521" or "secp521r1") => "P-521",
            _ => null,
        };
    }
}
