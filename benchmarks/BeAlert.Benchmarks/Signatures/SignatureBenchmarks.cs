using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Xml;
using BeAlert.Benchmarks.Cap;
using BeAlert.Cap;
using BenchmarkDotNet.Attributes;

namespace BeAlert.Benchmarks.Signatures;

/// <summary>
/// Verifying the signature of one typical signed alert (four languages, ~4 KB, signer certificate in KeyInfo).
/// Baseline: what a .NET developer writes today, XmlDocument + SignedXml.LoadXml + CheckSignature with the known key
/// (no profile, no wrapping or algorithm checks, no trust decision, no parsed alert).
/// Ours: CapSignatureVerifier.Verify, which also parses the alert with CapParser, checks the profile, the pinned
/// certificate's validity, and returns the parsed document.
/// </summary>
[MemoryDiagnoser]
public class SignatureBenchmarks : IDisposable
{
    private AsymmetricAlgorithm _key = null!;
    private AsymmetricAlgorithm _publicKey = null!;
    private X509Certificate2 _certificate = null!;
    private CapSignatureVerifier _verifier = null!;
    private byte[] _signed = [];

    [Params("RSA-2048", "ECDSA-P256")]
    public string Algorithm { get; set; } = "RSA-2048";

    [GlobalSetup]
    public void Setup()
    {
        _key = Algorithm == "RSA-2048" ? RSA.Create(2048) : ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = _key is RSA rsa
            ? new CertificateRequest("CN=Benchmark Signer", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            : new CertificateRequest("CN=Benchmark Signer", (ECDsa)_key, HashAlgorithmName.SHA256);
        var now = TimeProvider.System.GetUtcNow();
        using (var self = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30)))
        {
            _certificate = X509CertificateLoader.LoadCertificate(self.RawData);
        }

        _publicKey = (AsymmetricAlgorithm?)_certificate.GetRSAPublicKey() ?? _certificate.GetECDsaPublicKey()!;
        _signed = new CapSigner(_key, _certificate).Sign(BenchmarkDocuments.Load(BenchmarkDocuments.Typical));
        var options = new CapSignatureVerifierOptions();
        options.TrustedCertificates.Add(_certificate);
        _verifier = new CapSignatureVerifier(options);
        if (!NaiveSignedXml() || !Verify())
        {
            throw new InvalidOperationException($"The signed benchmark alert does not verify ({Algorithm}).");
        }
    }

    public void Dispose()
    {
        _key?.Dispose();
        _publicKey?.Dispose();
        _certificate?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true, Description = "XmlDocument + SignedXml.CheckSignature")]
    public bool NaiveSignedXml()
    {
        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        using (var reader = XmlReader.Create(new MemoryStream(_signed, writable: false), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null }))
        {
            document.Load(reader);
        }

        var signed = new SignedXml(document);
        signed.LoadXml((XmlElement)document.GetElementsByTagName("Signature", SignedXml.XmlDsigNamespaceUrl)[0]!);
        return signed.CheckSignature(_publicKey);
    }

    [Benchmark(Description = "CapSignatureVerifier.Verify")]
    public bool Verify() => _verifier.Verify(_signed).IsValid;
}
