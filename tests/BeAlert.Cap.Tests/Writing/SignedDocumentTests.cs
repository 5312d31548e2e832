using System.Security.Cryptography;
using System.Security.Cryptography.Xml;
using System.Text;
using System.Xml;

namespace BeAlert.Cap.Tests.Writing;

/// <summary>A signed alert survives parse and write byte for byte while unchanged; a changed one is rewritten.</summary>
public sealed class SignedDocumentTests : IDisposable
{
    private readonly RSA _key = RSA.Create(2048);

    public void Dispose() => _key.Dispose();

    private byte[] Sign(byte[] unsigned)
    {
        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        using (var reader = XmlReader.Create(new MemoryStream(unsigned), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit }))
        {
            document.Load(reader);
        }

        var signed = new SignedXml(document) { SigningKey = _key };
        signed.SignedInfo!.SignatureMethod = SignedXml.XmlDsigRSASHA256Url;
        signed.SignedInfo.CanonicalizationMethod = SignedXml.XmlDsigExcC14NTransformUrl;
        var reference = new Reference(string.Empty) { DigestMethod = SignedXml.XmlDsigSHA256Url };
        reference.AddTransform(new XmlDsigEnvelopedSignatureTransform());
        reference.AddTransform(new XmlDsigExcC14NTransform());
        signed.AddReference(reference);
        signed.ComputeSignature();
        document.DocumentElement!.AppendChild(document.ImportNode(signed.GetXml(), deep: true));
        using var output = new MemoryStream();
        using (var writer = XmlWriter.Create(output, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            document.Save(writer);
        }

        return output.ToArray();
    }

    private bool Verifies(byte[] bytes)
    {
        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        using (var reader = XmlReader.Create(new MemoryStream(bytes), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit }))
        {
            document.Load(reader);
        }

        var signed = new SignedXml(document);
        signed.LoadXml((XmlElement)document.GetElementsByTagName("Signature", SignedXml.XmlDsigNamespaceUrl)[0]!);
        return signed.CheckSignature(_key);
    }

    private byte[] SignedSample() =>
        Sign(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Samples", "be-typical-4lang.xml")));

    [Fact]
    public void SignedSample_IsValidCapWithItsSignatureKept()
    {
        var signed = SignedSample();
        Assert.True(Verifies(signed));

        var document = CapParser.Default.Parse(signed);
        Assert.Empty(CapValidator.Default.Validate(document).Diagnostics);
        Assert.Contains("SignatureValue", document.Alert.Signature!.Xml, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_UnchangedSignedAlert_ReemitsTheExactBytes()
    {
        var signed = SignedSample();
        var alert = CapParser.Default.Parse(signed).Alert;

        var written = CapWriter.WriteToBytes(alert);

        Assert.Equal(signed, written);
        Assert.True(Verifies(written));
    }

    [Fact]
    public void Write_ChangedSignedAlert_IsRewrittenAndNoLongerVerifies()
    {
        var alert = CapParser.Default.Parse(SignedSample()).Alert;
        var changed = alert with { Note = "changed after signing" };

        var written = CapWriter.WriteToBytes(changed);

        Assert.Equal(changed, CapParser.Default.Parse(written).Alert);
        Assert.False(Verifies(written));
    }

    [Fact]
    public void Write_WithoutPreservingSource_WritesCanonicalXmlOfTheSameAlert()
    {
        var signed = SignedSample();
        var alert = CapParser.Default.Parse(signed).Alert;

        var canonical = CapWriter.WriteToBytes(alert, new CapWriterOptions { PreserveSignedSource = false });

        Assert.NotEqual(signed, canonical);
        Assert.Equal(alert, CapParser.Default.Parse(canonical).Alert);
    }
}
