using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace BeAlert.Cap;

/// <summary>Key rules shared by the signer and the verifier: RSA of 2048 to 16384 bits, ECDSA on P-256, P-384 or P-521.</summary>
internal static class CapSignatureKeys
{
    internal const int MinRsaKeySize = 2048;
    internal const int MaxRsaKeySize = 16384;

    /// <summary>The public key of a certificate as an algorithm object (caller disposes), or <see langword="null"/> for other key types.</summary>
    internal static AsymmetricAlgorithm? PublicKeyOf(PublicKey key) =>
        (AsymmetricAlgorithm?)key.GetRSAPublicKey() ?? key.GetECDsaPublicKey();

    /// <summary>The DER SubjectPublicKeyInfo of an RSA or ECDSA key, for comparing keys.</summary>
    internal static byte[] SubjectPublicKeyInfo(AsymmetricAlgorithm key) => key.ExportSubjectPublicKeyInfo();

    /// <summary>Why a key cannot verify signatures of this method, as (code, reason), or <see langword="null"/> when it can.</summary>
    internal static (string Code, string Reason)? Check(AsymmetricAlgorithm key, CapSignatureAlgorithms.SignatureMethod method)
    {
        switch (key)
        {
            case RSA rsa when method.IsEcdsa:
                return (CapDiagnosticCodes.SignatureValueInvalid, $"the signature method is {method.Name} but the key is a {rsa.KeySize}-bit RSA key");
            case ECDsa when !method.IsEcdsa:
                return (CapDiagnosticCodes.SignatureValueInvalid, $"the signature method is {method.Name} but the key is an ECDSA key");
            case RSA { KeySize: < MinRsaKeySize } rsa:
                return (CapDiagnosticCodes.SignatureWeakAlgorithm, $"the key is a {rsa.KeySize}-bit RSA key; at least {MinRsaKeySize} bits are required");
            case RSA { KeySize: > MaxRsaKeySize } rsa:
                return (CapDiagnosticCodes.SignatureLimitExceeded, $"the key is a {rsa.KeySize}-bit RSA key, larger than the limit of {MaxRsaKeySize} bits");
            case RSA:
                return null;
            case ECDsa ecdsa when CapSignatureAlgorithms.CurveName(ecdsa) is null:
                return (CapDiagnosticCodes.SignatureUnsupportedAlgorithm, "the key is an EC key on a curve other than P-256, P-384 or P-521");
            case ECDsa:
                return null;
            default:
                return (CapDiagnosticCodes.SignatureUnsupportedAlgorithm, $"the key is a {key.GetType().Name}, not an RSA or ECDSA key");
        }
    }

    /// <summary>A short description of a key for messages, never its value: "RSA 2048-bit", "ECDSA P-256".</summary>
    internal static string Describe(AsymmetricAlgorithm key) => key switch
    {
        RSA rsa => $"RSA {rsa.KeySize}-bit",
        ECDsa ecdsa => $"ECDSA {CapSignatureAlgorithms.CurveName(ecdsa) ?? ecdsa.KeySize + "-bit"}",
        _ => key.GetType().Name,
    };
}
