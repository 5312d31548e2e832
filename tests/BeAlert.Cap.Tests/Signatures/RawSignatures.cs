using System.Security.Cryptography;
using System.Security.Cryptography.Xml;
using System.Text;
using System.Xml;

namespace BeAlert.Cap.Tests.Signatures;

/// <summary>
/// Signatures made with <see cref="SignedXml"/> directly, outside the BeAlert profile (weak algorithms, small keys,
/// other references): cryptographically sound documents that the verifier must still refuse.
/// </summary>
internal static class RawSignatures
{
    /// <summary>Signs with the given methods and transforms, appending the signature to the root.</summary>
    internal static byte[] Sign(
        byte[] unsigned,
        AsymmetricAlgorithm key,
        string signatureMethod,
        string digestMethod,
        Action<Reference>? configureReference = null,
        bool includeKeyValue = true,
        Action<SignedXml>? configure = null)
    {
        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        using (var reader = XmlReader.Create(new MemoryStream(unsigned), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit }))
        {
            document.Load(reader);
        }

        var signed = new SignedXml(document) { SigningKey = key };
        signed.SignedInfo!.SignatureMethod = signatureMethod;
        signed.SignedInfo.CanonicalizationMethod = SignedXml.XmlDsigExcC14NTransformUrl;
        var reference = new Reference(string.Empty) { DigestMethod = digestMethod };
        reference.AddTransform(new XmlDsigEnvelopedSignatureTransform());
        reference.AddTransform(new XmlDsigExcC14NTransform());
        configureReference?.Invoke(reference);
        signed.AddReference(reference);
        if (includeKeyValue && key is RSA rsa)
        {
            signed.KeyInfo = new KeyInfo();
            signed.KeyInfo.AddClause(new RSAKeyValue(rsa));
        }

        configure?.Invoke(signed);
        signed.ComputeSignature();
        document.DocumentElement!.AppendChild(document.ImportNode(signed.GetXml(), deep: true));
        using var output = new MemoryStream();
        using (var writer = XmlWriter.Create(output, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            document.Save(writer);
        }

        return output.ToArray();
    }
}
