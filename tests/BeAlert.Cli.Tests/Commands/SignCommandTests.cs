using System.Security.Cryptography;
using System.Text;
using BeAlert.Cli.Tests.Infrastructure;

namespace BeAlert.Cli.Tests.Commands;

/// <summary>Runs <c>bealert sign</c> in-process with PEM keys written to a temp folder.</summary>
public sealed class SignCommandTests
{
    [Fact]
    public void Sign_RsaKeyAndCertificate_WritesToStdoutADocumentThatVerifies()
    {
        using var temp = new TempFolder();
        var alert = temp.Write("alert.xml", CapXml.Valid());
        var key = temp.Write("key.pem", TestSigners.Rsa.ExportPkcs8PrivateKeyPem());
        var cert = temp.Write("cert.pem", TestSigners.SelfSigned(TestSigners.Rsa, "CN=Gent Crisis Cell").ExportCertificatePem());

        var sign = CliRun.Invoke("sign", "--key", key, "--cert", cert, alert);
        var signed = temp.Write("signed.xml", sign.Stdout);
        var verify = CliRun.Invoke("verify", "--trust", cert, signed);

        Assert.True(sign.ExitCode == 0, sign.ToString());
        Assert.StartsWith("<?xml", sign.Stdout, StringComparison.Ordinal);
        Assert.Contains("<Signature xmlns=\"http://www.w3.org/2000/09/xmldsig#\">", sign.Stdout, StringComparison.Ordinal);
        Assert.Equal(string.Empty, sign.Stderr);
        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.Contains("valid: signed by CN=Gent Crisis Cell (RSA-SHA256)", verify.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sec1")]
    [InlineData("pkcs8")]
    public void Sign_EcKeyWithOutputFile_WritesTheFileAndSaysSo(string format)
    {
        using var temp = new TempFolder();
        var alert = temp.Write("alert.xml", CapXml.Valid());
        var key = temp.Write("key.pem", format == "sec1" ? TestSigners.Ecdsa.ExportECPrivateKeyPem() : TestSigners.Ecdsa.ExportPkcs8PrivateKeyPem());
        var publicKey = temp.Write("pub.pem", TestSigners.Ecdsa.ExportSubjectPublicKeyInfoPem());
        var output = Path.Combine(temp.Path, "out.xml");

        var sign = CliRun.Invoke("sign", "--key", key, "-o", output, alert);
        var verify = CliRun.Invoke("verify", "--trust", publicKey, output);

        Assert.True(sign.ExitCode == 0, sign.ToString());
        Assert.Contains("signed (ECDSA-SHA256) -> " + output, sign.Stdout, StringComparison.Ordinal);
        Assert.True(verify.ExitCode == 0, verify.ToString());
    }

    [Fact]
    public void Sign_Pkcs1RsaKeyWithoutCertificate_SignsWithTheKeyValue()
    {
        using var temp = new TempFolder();
        var alert = temp.Write("alert.xml", CapXml.Valid());
        var key = temp.Write("key.pem", TestSigners.Rsa.ExportRSAPrivateKeyPem());

        var sign = CliRun.Invoke("sign", "--key", key, alert);

        Assert.True(sign.ExitCode == 0, sign.ToString());
        Assert.Contains("<RSAKeyValue>", sign.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Sign_EncryptedKey_ExitsTwoWithoutPrintingTheKey()
    {
        using var temp = new TempFolder();
        var alert = temp.Write("alert.xml", CapXml.Valid());
        var pem = TestSigners.Rsa.ExportEncryptedPkcs8PrivateKeyPem("secret-passphrase", new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 100_000));
        var key = temp.Write("key.pem", pem);

        var run = CliRun.Invoke("sign", "--key", key, alert);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("encrypted", run.Stderr, StringComparison.Ordinal);
        AssertNoKeyMaterial(run, pem);
    }

    [Fact]
    public void Sign_CorruptKey_ExitsTwoWithoutPrintingTheKey()
    {
        using var temp = new TempFolder();
        var alert = temp.Write("alert.xml", CapXml.Valid());
        var der = TestSigners.Rsa.ExportPkcs8PrivateKey();
        var pem = PemEncoding.WriteString("PRIVATE KEY", der.AsSpan(0, der.Length / 2));
        var key = temp.Write("key.pem", pem);

        var run = CliRun.Invoke("sign", "--key", key, alert);

        Assert.Equal(2, run.ExitCode);
        AssertNoKeyMaterial(run, pem);
    }

    [Fact]
    public void Sign_CertificateOfAnotherKey_ExitsTwo()
    {
        using var temp = new TempFolder();
        var alert = temp.Write("alert.xml", CapXml.Valid());
        var key = temp.Write("key.pem", TestSigners.Rsa.ExportPkcs8PrivateKeyPem());
        var cert = temp.Write("cert.pem", TestSigners.SelfSigned(TestSigners.Ecdsa, "CN=Someone Else").ExportCertificatePem());

        var run = CliRun.Invoke("sign", "--key", key, "--cert", cert, alert);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("another key", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Stdout);
    }

    [Fact]
    public void Sign_KeyFileWithoutPrivateKey_ExitsTwo()
    {
        using var temp = new TempFolder();
        var alert = temp.Write("alert.xml", CapXml.Valid());
        var key = temp.Write("key.pem", TestSigners.Rsa.ExportSubjectPublicKeyInfoPem());

        var run = CliRun.Invoke("sign", "--key", key, alert);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no private key found", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Sign_MissingFiles_ExitTwo()
    {
        using var temp = new TempFolder();
        var alert = temp.Write("alert.xml", CapXml.Valid());
        var key = temp.Write("key.pem", TestSigners.Rsa.ExportPkcs8PrivateKeyPem());

        Assert.Equal(2, CliRun.Invoke("sign", "--key", Path.Combine(temp.Path, "none.pem"), alert).ExitCode);
        Assert.Equal(2, CliRun.Invoke("sign", "--key", key, Path.Combine(temp.Path, "none.xml")).ExitCode);
        Assert.Equal(2, CliRun.Invoke("sign", alert).ExitCode);
    }

    [Fact]
    public void Sign_UnreadableOrSignedDocument_ExitsOne()
    {
        using var temp = new TempFolder();
        var key = temp.Write("key.pem", TestSigners.Rsa.ExportPkcs8PrivateKeyPem());
        var truncated = temp.Write("truncated.xml", CapXml.Truncated);
        var signed = temp.Write("signed.xml", CliRun.Invoke("sign", "--key", key, temp.Write("alert.xml", CapXml.Valid())).Stdout);

        var unreadable = CliRun.Invoke("sign", "--key", key, truncated);
        var again = CliRun.Invoke("sign", "--key", key, signed);

        Assert.Equal(1, unreadable.ExitCode);
        Assert.Contains("CAP0001", unreadable.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already holds a ds:Signature", again.Stderr, StringComparison.Ordinal);
    }

    private static void AssertNoKeyMaterial(CliRun run, string pem)
    {
        var lines = pem.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => !l.StartsWith("-----", StringComparison.Ordinal));
        var printed = run.Stdout + run.Stderr;
        Assert.All(lines, line => Assert.DoesNotContain(line, printed, StringComparison.Ordinal));
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.ASCII.GetBytes(pem))[..16], printed, StringComparison.Ordinal);
    }
}
