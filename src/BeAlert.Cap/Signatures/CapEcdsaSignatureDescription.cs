using System.Security.Cryptography;
using System.Security.Cryptography.Xml;

namespace BeAlert.Cap;

/// <summary>
/// The base of the descriptions that teach <see cref="SignedXml"/> the XML-DSig ECDSA signature methods
/// (<c>xmldsig-more#ecdsa-sha256/384/512</c>, RFC 6931 §2.3.6), which it does not know out of the box. XML-DSig 1.1
/// §6.4.3 encodes an ECDSA signature as the raw concatenation r||s of two integers of the curve's size, which is what
/// <see cref="ECDsa.SignHash(byte[])"/> and <see cref="ECDsa.VerifyHash(byte[], byte[])"/> produce and expect
/// (<see cref="DSASignatureFormat.IeeeP1363FixedFieldConcatenation"/>), not the DER form used by X.509.
/// </summary>
/// <remarks>
/// These types are public only because <see cref="CryptoConfig"/> instantiates nothing else; BeAlert registers them
/// itself, and applications that use <see cref="SignedXml"/> directly may register them too.
/// <see cref="SignedXml"/> finds signature methods only through <see cref="CryptoConfig"/>, a process-wide table, so
/// BeAlert adds these descriptions there, with care for other users of that table:
/// <list type="bullet">
/// <item>it registers only the three ECDSA URIs above, and only those that have no registration yet: a description
/// the application registered itself (before BeAlert first signs or verifies) is left in place and used;</item>
/// <item>it runs once per process, thread-safely, the first time a <see cref="CapSigner"/> or
/// <see cref="CapSignatureVerifier"/> is created, never merely because the assembly was loaded;</item>
/// <item>it changes nothing for any other algorithm name, and these URIs were unknown to .NET before, so code that
/// worked without the registration behaves the same after it.</item>
/// </list>
/// </remarks>
public abstract class CapEcdsaSignatureDescription : SignatureDescription
{
    private static readonly Lazy<bool> Registration = new(Register, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly HashAlgorithmName _hash;

    /// <summary>Creates a description for ECDSA with the given hash.</summary>
    /// <param name="hash">SHA-256, SHA-384 or SHA-512.</param>
    private protected CapEcdsaSignatureDescription(HashAlgorithmName hash)
    {
        _hash = hash;
        KeyAlgorithm = typeof(ECDsa).AssemblyQualifiedName;
        DigestAlgorithm = hash.Name;
    }

    /// <summary>Registers the ECDSA signature methods with <see cref="CryptoConfig"/> (once, where not registered yet).</summary>
    internal static void EnsureRegistered() => _ = Registration.Value;

    /// <inheritdoc />
    public override HashAlgorithm CreateDigest() => _hash.Name switch
    {
        "SHA256" => SHA256.Create(),
        "SHA384" => SHA384.Create(),
        "SHA512" => SHA512.Create(),
        _ => throw new CryptographicException($"Unsupported hash {_hash.Name}."),
    };

    /// <inheritdoc />
    public override AsymmetricSignatureFormatter CreateFormatter(AsymmetricAlgorithm key) => new Formatter(AsEcdsa(key));

    /// <inheritdoc />
    public override AsymmetricSignatureDeformatter CreateDeformatter(AsymmetricAlgorithm key) => new Deformatter(AsEcdsa(key));

    private static ECDsa AsEcdsa(AsymmetricAlgorithm key) =>
        key as ECDsa ?? throw new CryptographicException($"An ECDSA signature needs an ECDSA key, not {key?.GetType().Name ?? "null"}.");

    /// <summary>Adds a description to <see cref="CryptoConfig"/> under a name, unless that name already maps to something.</summary>
    /// <returns>Whether it was added.</returns>
    internal static bool RegisterIfAbsent(Type description, string name)
    {
        if (CryptoConfig.CreateFromName(name) is not null)
        {
            return false;
        }

        CryptoConfig.AddAlgorithm(description, name);
        return true;
    }

    private static bool Register()
    {
        RegisterIfAbsent(typeof(CapEcdsaSha256SignatureDescription), CapSignatureAlgorithms.EcdsaSha256);
        RegisterIfAbsent(typeof(CapEcdsaSha384SignatureDescription), CapSignatureAlgorithms.EcdsaSha384);
        RegisterIfAbsent(typeof(CapEcdsaSha512SignatureDescription), CapSignatureAlgorithms.EcdsaSha512);
        return true;
    }

    /// <summary>Signs a hash as r||s.</summary>
    private sealed class Formatter(ECDsa key) : AsymmetricSignatureFormatter
    {
        private ECDsa _key = key;

        public override byte[] CreateSignature(byte[] rgbHash) => _key.SignHash(rgbHash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

        public override void SetHashAlgorithm(string strName)
        {
            // The hash was computed by the description's digest; ECDSA signs the hash value itself.
        }

        public override void SetKey(AsymmetricAlgorithm key) => _key = AsEcdsa(key);
    }

    /// <summary>Verifies an r||s signature of a hash.</summary>
    private sealed class Deformatter(ECDsa key) : AsymmetricSignatureDeformatter
    {
        private ECDsa _key = key;

        public override bool VerifySignature(byte[] rgbHash, byte[] rgbSignature) =>
            _key.VerifyHash(rgbHash, rgbSignature, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

        public override void SetHashAlgorithm(string strName)
        {
        }

        public override void SetKey(AsymmetricAlgorithm key) => _key = AsEcdsa(key);
    }
}
