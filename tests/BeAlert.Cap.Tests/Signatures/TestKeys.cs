using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace BeAlert.Cap.Tests.Signatures;

/// <summary>
/// Keys and certificates made at test time (never stored): RSA and ECDSA signers with self-signed certificates valid
/// through 2030, and a root → intermediate → leaf chain. Key generation is slow, so each is made once per run.
/// </summary>
internal static class TestKeys
{
    /// <summary>The middle of every test certificate's validity: the clock the tests run at.</summary>
    internal static readonly DateTimeOffset Now = new(2030, 6, 1, 12, 0, 0, TimeSpan.Zero);

    internal static readonly DateTimeOffset NotBefore = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    internal static readonly DateTimeOffset NotAfter = new(2030, 12, 31, 0, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<RSA> LazyRsa = new(() => RSA.Create(2048));
    private static readonly Lazy<RSA> LazyOtherRsa = new(() => RSA.Create(2048));
    private static readonly Lazy<ECDsa> LazyEcdsa = new(() => ECDsa.Create(ECCurve.NamedCurves.nistP256));
    private static readonly Lazy<X509Certificate2> LazyRsaCertificate = new(() => SelfSigned(Rsa, "CN=Crisis Centre RSA, O=BeAlert Tests"));
    private static readonly Lazy<X509Certificate2> LazyEcdsaCertificate = new(() => SelfSigned(Ecdsa, "CN=Crisis Centre ECDSA, O=BeAlert Tests"));
    private static readonly Lazy<TestChain> LazyChain = new(() => TestChain.Create(DigitalSignatureUsage));

    internal const X509KeyUsageFlags DigitalSignatureUsage = X509KeyUsageFlags.DigitalSignature;

    /// <summary>A 2048-bit RSA signing key.</summary>
    internal static RSA Rsa => LazyRsa.Value;

    /// <summary>Another 2048-bit RSA key: a stranger's.</summary>
    internal static RSA OtherRsa => LazyOtherRsa.Value;

    /// <summary>A P-256 ECDSA signing key.</summary>
    internal static ECDsa Ecdsa => LazyEcdsa.Value;

    /// <summary>A self-signed certificate of <see cref="Rsa"/>, valid through 2030 (public part only).</summary>
    internal static X509Certificate2 RsaCertificate => LazyRsaCertificate.Value;

    /// <summary>A self-signed certificate of <see cref="Ecdsa"/>, valid through 2030 (public part only).</summary>
    internal static X509Certificate2 EcdsaCertificate => LazyEcdsaCertificate.Value;

    /// <summary>A root → intermediate → leaf chain; the leaf allows digital signatures.</summary>
    internal static TestChain Chain => LazyChain.Value;

    /// <summary>A self-signed certificate (public part only) for a key, with the given validity.</summary>
    internal static X509Certificate2 SelfSigned(AsymmetricAlgorithm key, string subject, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        var request = key switch
        {
            RSA rsa => new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            ECDsa ecdsa => new CertificateRequest(subject, ecdsa, HashAlgorithmName.SHA256),
            _ => throw new ArgumentException("RSA or ECDSA", nameof(key)),
        };
        using var certificate = request.CreateSelfSigned(notBefore ?? NotBefore, notAfter ?? NotAfter);
        return X509CertificateLoader.LoadCertificate(certificate.RawData);
    }

    /// <summary>Writes a key's public part as PEM (SubjectPublicKeyInfo).</summary>
    internal static string PublicPem(AsymmetricAlgorithm key) => key.ExportSubjectPublicKeyInfoPem();

    /// <summary>Writes a key's private part as unencrypted PKCS#8 PEM.</summary>
    internal static string PrivatePem(AsymmetricAlgorithm key) => key.ExportPkcs8PrivateKeyPem();
}

/// <summary>A certificate chain made for one test run: root CA, intermediate CA, and a leaf with its RSA key.</summary>
internal sealed class TestChain
{
    private TestChain(X509Certificate2 root, X509Certificate2 intermediate, X509Certificate2 leaf, RSA leafKey)
    {
        Root = root;
        Intermediate = intermediate;
        Leaf = leaf;
        LeafKey = leafKey;
    }

    internal X509Certificate2 Root { get; }

    internal X509Certificate2 Intermediate { get; }

    internal X509Certificate2 Leaf { get; }

    internal RSA LeafKey { get; }

    /// <summary>Makes a chain; the leaf has <paramref name="leafUsage"/> and the given validity.</summary>
    internal static TestChain Create(X509KeyUsageFlags leafUsage, DateTimeOffset? leafNotBefore = null, DateTimeOffset? leafNotAfter = null)
    {
        using var rootKey = RSA.Create(2048);
        using var intermediateKey = RSA.Create(2048);
        var leafKey = RSA.Create(2048);
        var start = new DateTimeOffset(2029, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var end = new DateTimeOffset(2035, 1, 1, 0, 0, 0, TimeSpan.Zero);

        var rootRequest = new CertificateRequest("CN=BeAlert Test Root CA", rootKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        rootRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        rootRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(rootRequest.PublicKey, false));
        using var root = rootRequest.CreateSelfSigned(start, end);

        var intermediateRequest = new CertificateRequest("CN=BeAlert Test Intermediate CA", intermediateKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        intermediateRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        intermediateRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        intermediateRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(intermediateRequest.PublicKey, false));
        intermediateRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(root, true, false));
        using var intermediatePublic = intermediateRequest.Create(root, start, end, [1, 2, 3, 4]);
        using var intermediate = intermediatePublic.CopyWithPrivateKey(intermediateKey);

        var leafRequest = new CertificateRequest("CN=Gent Crisis Cell, O=BeAlert Tests", leafKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        leafRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        leafRequest.CertificateExtensions.Add(new X509KeyUsageExtension(leafUsage, true));
        leafRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(intermediate, true, false));
        using var leaf = leafRequest.Create(intermediate, leafNotBefore ?? TestKeys.NotBefore, leafNotAfter ?? TestKeys.NotAfter, [5, 6, 7, 8]);

        return new TestChain(
            X509CertificateLoader.LoadCertificate(root.RawData),
            X509CertificateLoader.LoadCertificate(intermediate.RawData),
            X509CertificateLoader.LoadCertificate(leaf.RawData),
            leafKey);
    }
}
