using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace BeAlert.Cli.Signatures;

/// <summary>
/// Reads PEM files given on the command line: private keys (RSA or EC; PKCS#8, PKCS#1 or SEC1), certificates and
/// public keys. Files are size-limited, and errors never quote the file's content: a key must not end up in a log.
/// Buffers that held private key material are cleared after use.
/// </summary>
internal static class PemFiles
{
    /// <summary>The largest PEM file read: 256 KiB, far more than a key or a certificate chain needs.</summary>
    internal const int MaxBytes = 256 * 1024;

    /// <summary>Reads an unencrypted RSA or EC private key.</summary>
    /// <returns>The key, or <see langword="null"/> with <paramref name="error"/> set.</returns>
    internal static AsymmetricAlgorithm? ReadPrivateKey(string path, out string? error)
    {
        var bytes = ReadBounded(path, out error);
        if (bytes is null)
        {
            return null;
        }

        var chars = new char[bytes.Length];
        byte[]? der = null;
        try
        {
            var count = Encoding.ASCII.GetChars(bytes, chars);
            var text = chars.AsSpan(0, count);
            var labels = new List<string>();
            while (PemEncoding.TryFind(text, out var fields))
            {
                var label = text[fields.Label].ToString();
                labels.Add(label);
                if (label is "PRIVATE KEY" or "RSA PRIVATE KEY" or "EC PRIVATE KEY")
                {
                    der = new byte[fields.DecodedDataLength];
                    if (!Convert.TryFromBase64Chars(text[fields.Base64Data], der, out var written) || written != der.Length)
                    {
                        error = $"{path}: the {label} block is not valid Base64.";
                        return null;
                    }

                    var key = Import(label, der);
                    if (key is null)
                    {
                        error = $"{path}: the {label} block is not an RSA or EC private key that can be read.";
                    }

                    return key;
                }

                text = text[fields.Location.End..];
            }

            error = labels.Contains("ENCRYPTED PRIVATE KEY")
                ? $"{path}: the private key is encrypted; bealert reads only unencrypted PEM keys (PRIVATE KEY, RSA PRIVATE KEY, EC PRIVATE KEY). Keep the file readable only by the signing account."
                : labels.Count == 0
                    ? $"{path}: no PEM block found; expected a PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY."
                    : $"{path}: no private key found (PEM blocks: {string.Join(", ", labels)}).";
            return null;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
            CryptographicOperations.ZeroMemory(MemoryMarshalBytes(chars));
            if (der is not null)
            {
                CryptographicOperations.ZeroMemory(der);
            }
        }
    }

    /// <summary>Reads every CERTIFICATE block of a file, in order.</summary>
    /// <returns>The certificates (at least one), or <see langword="null"/> with <paramref name="error"/> set.</returns>
    internal static List<X509Certificate2>? ReadCertificates(string path, out string? error)
    {
        var (certificates, keys) = ReadPublic(path, out error);
        if (certificates is null)
        {
            return null;
        }

        if (certificates.Count == 0)
        {
            error = keys!.Count > 0 ? $"{path}: holds a public key, but a CERTIFICATE is needed here." : $"{path}: no CERTIFICATE block found.";
            return null;
        }

        return certificates;
    }

    /// <summary>Reads every CERTIFICATE and PUBLIC KEY block of a file.</summary>
    /// <returns>The certificates and keys, or two <see langword="null"/>s with <paramref name="error"/> set.</returns>
    internal static (List<X509Certificate2>? Certificates, List<PublicKey>? Keys) ReadPublic(string path, out string? error)
    {
        var bytes = ReadBounded(path, out error);
        if (bytes is null)
        {
            return (null, null);
        }

        var text = Encoding.ASCII.GetString(bytes).AsSpan();
        var certificates = new List<X509Certificate2>();
        var keys = new List<PublicKey>();
        while (PemEncoding.TryFind(text, out var fields))
        {
            var label = text[fields.Label];
            try
            {
                var der = Convert.FromBase64String(text[fields.Base64Data].ToString());
                if (label.SequenceEqual("CERTIFICATE"))
                {
                    certificates.Add(X509CertificateLoader.LoadCertificate(der));
                }
                else if (label.SequenceEqual("PUBLIC KEY"))
                {
                    keys.Add(PublicKey.CreateFromSubjectPublicKeyInfo(der, out _));
                }
            }
            catch (Exception e) when (e is FormatException or CryptographicException)
            {
                error = $"{path}: the {label} block cannot be read as {(label.SequenceEqual("CERTIFICATE") ? "an X.509 certificate" : "a public key")}.";
                return (null, null);
            }

            text = text[fields.Location.End..];
        }

        return (certificates, keys);
    }

    private static AsymmetricAlgorithm? Import(string label, byte[] der) => label switch
    {
        "RSA PRIVATE KEY" => TryImport(RSA.Create(), key => ((RSA)key).ImportRSAPrivateKey(der, out _)),
        "EC PRIVATE KEY" => TryImport(ECDsa.Create(), key => ((ECDsa)key).ImportECPrivateKey(der, out _)),
        _ => TryImport(RSA.Create(), key => key.ImportPkcs8PrivateKey(der, out _))
            ?? TryImport(ECDsa.Create(), key => key.ImportPkcs8PrivateKey(der, out _)),
    };

    private static AsymmetricAlgorithm? TryImport(AsymmetricAlgorithm key, Action<AsymmetricAlgorithm> import)
    {
        try
        {
            import(key);
            return key;
        }
        catch (CryptographicException)
        {
            key.Dispose();
            return null;
        }
    }

    private static byte[]? ReadBounded(string path, out string? error)
    {
        error = null;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            if (stream.Length > MaxBytes)
            {
                error = $"{path}: larger than {MaxBytes / 1024} KiB; this is not a PEM key or certificate file.";
                return null;
            }

            var bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
            return bytes;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = $"{path}: cannot read the file: {e.Message}";
            return null;
        }
    }

    private static Span<byte> MemoryMarshalBytes(char[] chars) => System.Runtime.InteropServices.MemoryMarshal.AsBytes(chars.AsSpan());
}
