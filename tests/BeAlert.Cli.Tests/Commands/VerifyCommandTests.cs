using System.Security.Cryptography;
using System.Text.Json;
using BeAlert.Cli.Tests.Infrastructure;

namespace BeAlert.Cli.Tests.Commands;

/// <summary>Runs <c>bealert verify</c> in-process over documents signed by <c>bealert sign</c>.</summary>
public sealed class VerifyCommandTests
{
    private sealed record Signed(TempFolder Temp, string Document, string Certificate) : IDisposable
    {
        public void Dispose() => Temp.Dispose();
    }

    private static Signed SignedAlert(string identifier = "BE-TEST-0001")
    {
        var temp = new TempFolder();
        var key = temp.Write("key.pem", TestSigners.Rsa.ExportPkcs8PrivateKeyPem());
        var cert = temp.Write("cert.pem", TestSigners.SelfSigned(TestSigners.Rsa, "CN=Gent Crisis Cell").ExportCertificatePem());
        var sign = CliRun.Invoke("sign", "--key", key, "--cert", cert, temp.Write(identifier + ".xml", CapXml.Valid(identifier)));
        Assert.True(sign.ExitCode == 0, sign.ToString());
        return new Signed(temp, temp.Write(identifier + "-signed.xml", sign.Stdout), cert);
    }

    [Fact]
    public void Verify_TamperedDocument_ExitsOneWithDigestMismatch()
    {
        using var signed = SignedAlert();
        File.WriteAllText(signed.Document, File.ReadAllText(signed.Document).Replace("<severity>Severe</severity>", "<severity>Minor</severity>", StringComparison.Ordinal));

        var run = CliRun.Invoke("verify", "--trust", signed.Certificate, signed.Document);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(signed.Document + ": invalid", run.Stdout, StringComparison.Ordinal);
        Assert.Contains(": error CAP1009 /alert/ds:Signature: ", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("1 file: 0 valid, 0 untrusted, 1 invalid, 0 unsigned.", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_OtherTrust_ExitsOneUntrusted()
    {
        using var signed = SignedAlert();
        var other = signed.Temp.Write("other.pem", TestSigners.SelfSigned(TestSigners.Ecdsa, "CN=Someone Else").ExportCertificatePem());

        var run = CliRun.Invoke("verify", "--trust", other, signed.Document);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(": untrusted: signed by CN=Gent Crisis Cell, who is not trusted", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("CAP1011", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_JsonFormat_PrintsOneObjectOfTheDocumentedShape()
    {
        using var signed = SignedAlert("BE-TEST-A");
        var unsigned = signed.Temp.Write("unsigned.xml", CapXml.Valid("BE-TEST-B"));

        var run = CliRun.Invoke("verify", "--format", "json", "--trust", signed.Certificate, signed.Document, unsigned);

        Assert.Equal(1, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        var files = json.RootElement.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal([signed.Document, unsigned], files.Select(f => f.GetProperty("path").GetString()));
        Assert.Equal(["path", "status", "signer", "signatureMethod", "diagnostics"], files[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal("valid", files[0].GetProperty("status").GetString());
        Assert.Equal("CN=Gent Crisis Cell", files[0].GetProperty("signer").GetString());
        Assert.Equal("RSA-SHA256", files[0].GetProperty("signatureMethod").GetString());
        Assert.Empty(files[0].GetProperty("diagnostics").EnumerateArray());
        Assert.Equal("missing", files[1].GetProperty("status").GetString());
        var diagnostic = Assert.Single(files[1].GetProperty("diagnostics").EnumerateArray());
        Assert.Equal(["code", "severity", "message", "path", "line", "column"], diagnostic.EnumerateObject().Select(p => p.Name));
        Assert.Equal("CAP1001", diagnostic.GetProperty("code").GetString());
    }

    [Fact]
    public void Verify_PinnedPublicKey_ExitsZero()
    {
        using var signed = SignedAlert();
        var publicKey = signed.Temp.Write("pub.pem", TestSigners.Rsa.ExportSubjectPublicKeyInfoPem());

        var run = CliRun.Invoke("verify", "--trust", publicKey, signed.Document);

        Assert.True(run.ExitCode == 0, run.ToString());
    }

    [Fact]
    public void Verify_RootTrust_ExitsZeroForACertificateItIssued()
    {
        using var temp = new TempFolder();
        using var rootKey = RSA.Create(2048);
        var root = TestSigners.Issue(rootKey, "CN=BeAlert Test Root", issuer: null, issuerKey: null, isCa: true);
        var leaf = TestSigners.Issue(TestSigners.Ecdsa, "CN=Gent Signing Key", root, rootKey, isCa: false);
        var key = temp.Write("key.pem", TestSigners.Ecdsa.ExportPkcs8PrivateKeyPem());
        var cert = temp.Write("cert.pem", leaf.ExportCertificatePem());
        var rootPem = temp.Write("root.pem", root.ExportCertificatePem());
        var signed = temp.Write("signed.xml", CliRun.Invoke("sign", "--key", key, "--cert", cert, temp.Write("alert.xml", CapXml.Valid())).Stdout);

        var trusted = CliRun.Invoke("verify", "--root", rootPem, signed);
        var pinnedRootOnly = CliRun.Invoke("verify", "--trust", rootPem, signed);

        Assert.True(trusted.ExitCode == 0, trusted.ToString());
        Assert.Equal(1, pinnedRootOnly.ExitCode);
    }

    [Fact]
    public void Verify_NoTrust_ExitsTwoBeforeReadingAnything()
    {
        using var signed = SignedAlert();

        var run = CliRun.Invoke("verify", signed.Document);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--trust", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Stdout);
    }

    [Fact]
    public void Verify_TrustFileWithoutCertificateOrKey_ExitsTwo()
    {
        using var signed = SignedAlert();
        var notPem = signed.Temp.Write("trust.pem", "hello");
        var privateOnly = signed.Temp.Write("private.pem", TestSigners.Rsa.ExportPkcs8PrivateKeyPem());

        Assert.Equal(2, CliRun.Invoke("verify", "--trust", notPem, signed.Document).ExitCode);
        Assert.Equal(2, CliRun.Invoke("verify", "--trust", privateOnly, signed.Document).ExitCode);
        Assert.Equal(2, CliRun.Invoke("verify", "--trust", Path.Combine(signed.Temp.Path, "none.pem"), signed.Document).ExitCode);
        Assert.Equal(2, CliRun.Invoke("verify", "--root", signed.Temp.Write("pub.pem", TestSigners.Rsa.ExportSubjectPublicKeyInfoPem()), signed.Document).ExitCode);
    }

    [Fact]
    public void Verify_MissingDocument_ExitsTwo()
    {
        using var signed = SignedAlert();

        var run = CliRun.Invoke("verify", "--trust", signed.Certificate, signed.Document, Path.Combine(signed.Temp.Path, "gone.xml"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("gone.xml", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_DocumentWithDtd_ExitsOneWithCap0002()
    {
        using var signed = SignedAlert();
        var hostile = signed.Temp.Write("xxe.xml", CapXml.Valid().Replace("<alert", "<!DOCTYPE alert [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<alert", StringComparison.Ordinal));

        var run = CliRun.Invoke("verify", "--trust", signed.Certificate, hostile);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("CAP0002", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("root:", run.Stdout, StringComparison.Ordinal);
    }
}
