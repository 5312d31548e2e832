using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace BeAlert.Cli.Tests.Infrastructure;

/// <summary>
/// Keys and certificates for the sign and verify commands, made at test time and written as PEM files. The tool uses
/// the real clock, so certificates are valid from yesterday to next month.
/// </summary>
internal static class TestSigners
{
    private static readonly Lazy<RSA> LazyRsa = new(() => RSA.Create(2048));
    private static readonly Lazy<ECDsa> LazyEcdsa = new(() => ECDsa.Create(ECCurve.NamedCurves.nistP256));

    internal static RSA Rsa => LazyRsa.Value;

    internal static ECDsa Ecdsa => LazyEcdsa.Value;

    /// <summary>A self-signed certificate for the key, valid around now.</summary>
    internal static X509Certificate2 SelfSigned(AsymmetricAlgorithm key, string subject) =>
        Issue(key, subject, issuer: null, issuerKey: null, isCa: false);

    /// <summary>A certificate for <paramref name="key"/>, issued by <paramref name="issuer"/> (or self-signed), valid around now.</summary>
    internal static X509Certificate2 Issue(AsymmetricAlgorithm key, string subject, X509Certificate2? issuer, RSA? issuerKey, bool isCa)
    {
        var request = key switch
        {
            RSA rsa => new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            ECDsa ecdsa => new CertificateRequest(subject, ecdsa, HashAlgorithmName.SHA256),
            _ => throw new ArgumentException("RSA or ECDSA", nameof(key)),
        };
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(isCa, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(isCa ? X509KeyUsageFlags.KeyCertSign : X509KeyUsageFlags.DigitalSignature, true));
        var now = TimeProvider.System.GetUtcNow();
        var (from, to) = (now.AddDays(-1), now.AddDays(30));
        if (issuer is null)
        {
            using var self = request.CreateSelfSigned(from, to);
            return X509CertificateLoader.LoadCertificate(self.RawData);
        }

        var generator = X509SignatureGenerator.CreateForRSA(issuerKey!, RSASignaturePadding.Pkcs1);
        using var issued = request.Create(issuer.SubjectName, generator, from, to, [9, 8, 7, 6]);
        return X509CertificateLoader.LoadCertificate(issued.RawData);
    }
}
