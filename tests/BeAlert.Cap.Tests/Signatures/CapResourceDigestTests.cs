using System.Text;

namespace BeAlert.Cap.Tests.Signatures;

/// <summary>The CAP resource digest: SHA-1 of the content, checked against given bytes, streams and derefUri.</summary>
public sealed class CapResourceDigestTests
{
    // FIPS 180-2 appendix A.1: SHA-1("abc").
    private const string AbcSha1 = "a9993e364706816aba3e25717850c26c9cd0d89d";

    private static CapDocument DerefUriSample() =>
        CapParser.Default.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Samples", "be-resource-derefuri.xml")));

    private static CapResource Resource(string? digest) => new("Kaart", "image/png") { Digest = digest, Uri = "https://example.be/kaart.png" };

    [Fact]
    public void Compute_FipsVector_IsLowercaseHex()
    {
        Assert.Equal(AbcSha1, CapResourceDigest.Compute("abc"u8));
    }

    [Fact]
    public void Check_MatchingContent_IsNullWhateverTheLetterCase()
    {
        Assert.Null(CapResourceDigest.Check(Resource(AbcSha1), "abc"u8));
        Assert.Null(CapResourceDigest.Check(Resource(AbcSha1.ToUpperInvariant()), "abc"u8));
    }

    [Fact]
    public void Check_DifferentContent_IsResourceContentMismatch()
    {
        var diagnostic = CapResourceDigest.Check(Resource(AbcSha1), "abd"u8, "/alert/info[1]/resource[2]");

        Assert.NotNull(diagnostic);
        Assert.Equal(CapDiagnosticCodes.ResourceContentMismatch, diagnostic.Code);
        Assert.Equal(CapDiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal("/alert/info[1]/resource[2]/digest", diagnostic.Path);
    }

    [Fact]
    public void Check_NoDigest_IsResourceDigestMissingWarning()
    {
        var diagnostic = CapResourceDigest.Check(Resource(null), "abc"u8);

        Assert.Equal(CapDiagnosticCodes.ResourceDigestMissing, diagnostic?.Code);
        Assert.Equal(CapDiagnosticSeverity.Warning, diagnostic?.Severity);
    }

    [Fact]
    public void Check_Sha256Digest_IsInvalidDigest()
    {
        var sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("abc"u8));

        Assert.Equal(CapDiagnosticCodes.InvalidDigest, CapResourceDigest.Check(Resource(sha256), "abc"u8)?.Code);
    }

    [Fact]
    public async Task CheckAsync_MatchingStream_IsNull()
    {
        var content = new byte[200_000];
        new Random(7).NextBytes(content);
        var resource = Resource(CapResourceDigest.Compute(content));

        Assert.Null(await CapResourceDigest.CheckAsync(resource, new MemoryStream(content)));
        content[123_456] ^= 1;
        Assert.Equal(CapDiagnosticCodes.ResourceContentMismatch, (await CapResourceDigest.CheckAsync(resource, new MemoryStream(content)))?.Code);
    }

    [Fact]
    public async Task CheckAsync_EndlessStream_StopsAtTheLimit()
    {
        var stream = new EndlessStream();

        var diagnostic = await CapResourceDigest.CheckAsync(Resource(AbcSha1), stream, maxContentBytes: 1_000_000);

        Assert.Equal(CapDiagnosticCodes.ResourceContentTooLarge, diagnostic?.Code);
        Assert.InRange(stream.BytesRead, 1_000_001, 1_000_000 + (64 * 1024));
    }

    [Fact]
    public void CheckDerefUris_Sample_AllMatch()
    {
        var document = DerefUriSample();

        Assert.Empty(CapResourceDigest.CheckDerefUris(document));
        Assert.Empty(CapResourceDigest.CheckDerefUris(document.Alert));
    }

    [Fact]
    public void CheckDerefUris_DecodedContentGivenAsBytes_Matches()
    {
        var resource = DerefUriSample().Alert.Infos[0].Resources[0];

        Assert.Null(CapResourceDigest.Check(resource, Convert.FromBase64String(resource.DerefUri!)));
    }

    [Fact]
    public void CheckDerefUris_ChangedContent_IsDigestMismatchWithItsPosition()
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", "be-resource-derefuri.xml"));
        var changed = text.Replace("87ca0bf9e4b48bbf8ad5bd7aab60a7ce580a463d", AbcSha1, StringComparison.Ordinal);
        var document = CapParser.Default.Parse(Encoding.UTF8.GetBytes(changed));

        var diagnostic = Assert.Single(CapResourceDigest.CheckDerefUris(document));

        Assert.Equal(CapDiagnosticCodes.DigestMismatch, diagnostic.Code);
        Assert.Equal("/alert/info[1]/resource[2]/digest", diagnostic.Path);
        Assert.True(diagnostic.Line > 0);
        Assert.Equal(CapValidator.Default.Validate(document).Diagnostics.Single(d => d.Code == CapDiagnosticCodes.DigestMismatch), diagnostic);
    }

    [Fact]
    public void CheckDerefUris_ContentOverTheLimit_IsResourceContentTooLarge()
    {
        var diagnostics = CapResourceDigest.CheckDerefUris(DerefUriSample().Alert, maxContentBytes: 50);

        Assert.Equal([CapDiagnosticCodes.ResourceContentTooLarge, CapDiagnosticCodes.ResourceContentTooLarge], diagnostics.Select(d => d.Code));
        Assert.All(diagnostics, d => Assert.Equal(CapDiagnosticSeverity.Warning, d.Severity));
    }

    [Fact]
    public void CheckDerefUris_MalformedDigestAndDerefUri_AreReported()
    {
        var alert = DerefUriSample().Alert;
        var info = alert.Infos[0];
        var broken = alert with
        {
            Infos = [info with { Resources = [info.Resources[0] with { Digest = "xyz" }, info.Resources[1] with { DerefUri = "not base64!" }] }],
        };

        var diagnostics = CapResourceDigest.CheckDerefUris(broken);

        Assert.Equal([CapDiagnosticCodes.InvalidDigest, CapDiagnosticCodes.InvalidDerefUri], diagnostics.Select(d => d.Code));
    }

    private sealed class EndlessStream : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Fill(buffer, (byte)'x', offset, count);
            BytesRead += count;
            return count;
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
