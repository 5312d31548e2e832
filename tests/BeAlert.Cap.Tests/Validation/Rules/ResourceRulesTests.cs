namespace BeAlert.Cap.Tests.Validation.Rules;

/// <summary>The rules on resources: CAP0501-CAP0507.</summary>
public sealed class ResourceRulesTests
{
    private const string ResourcePath = "/alert/info[1]/resource[1]";

    [Theory]
    [InlineData("")]
    [InlineData("image")]
    [InlineData("image/")]
    [InlineData("/png")]
    [InlineData("image/png;")]
    [InlineData("image png")]
    [InlineData("image/png/x")]
    [InlineData("image/p@ng")]
    [InlineData("image/png; charset")]
    [InlineData("image/png; charset=")]
    [InlineData("text/plain; charset=\"utf-8")]
    [InlineData(" image/png")]
    [InlineData("image/png ")]
    [InlineData("text/plain; charset=utf-8 ")]
    [InlineData("imagé/png")]
    public void InvalidMimeTypeRule_NotTypeSlashSubtype_ReportsCap0501(string mimeType) =>
        DiagnosticAssert.Single(ValidAlerts.Full().WithResource(r => r with { MimeType = mimeType }), "CAP0501", ResourcePath + "/mimeType");

    [Theory]
    [InlineData("image/png")]
    [InlineData("application/vnd.geo+json")]
    [InlineData("text/plain; charset=utf-8")]
    [InlineData("text/plain;charset=\"utf-8\"")]
    [InlineData("text/plain; charset=utf-8; format=flowed")]
    [InlineData("text/plain ; charset=utf-8")]
    [InlineData("multipart/mixed; boundary=\"a b\\\"c\"")]
    [InlineData("x-custom/x.y_z-1")]
    public void InvalidMimeTypeRule_MediaType_ReportsNothing(string mimeType) =>
        DiagnosticAssert.None(ValidAlerts.Full().WithResource(r => r with { MimeType = mimeType }));

    [Fact]
    public void InvalidSizeRule_Negative_ReportsCap0502Only() =>
        DiagnosticAssert.Single(ValidAlerts.Full().WithResource(r => r with { Size = -1 }), "CAP0502", ResourcePath + "/size");

    [Fact]
    public void InvalidSizeRule_ZeroWithoutContent_ReportsNothing() =>
        DiagnosticAssert.None(ValidAlerts.Full().WithResource(r => r with { Size = 0, DerefUri = null, Digest = null, Uri = "https://www.gent.be/kaart.png" }));

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("g0beec7b5ea3f0fdbc95d0dd47f3c5bc275da8a3")]
    [InlineData("0beec7b5ea3f0fdbc95d0dd47f3c5bc275da8a3 ")]
    [InlineData("0beec7b5-ea3f0fdbc95d0dd47f3c5bc275da8a3")]
    public void InvalidDigestRule_NotFortyHexDigits_ReportsCap0503Only(string digest) =>
        DiagnosticAssert.Single(ValidAlerts.Full().WithResource(r => r with { Digest = digest }), "CAP0503", ResourcePath + "/digest");

    [Fact]
    public void InvalidDigestRule_Sha256_MessageSaysSo()
    {
        var alert = ValidAlerts.Full().WithResource(r => r with { Digest = new string('a', 64) });
        var diagnostic = DiagnosticAssert.Single(alert, "CAP0503", ResourcePath + "/digest");
        Assert.Contains("SHA-256", diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("QUJD=")]
    [InlineData("QUJ")]
    [InlineData("QU=JD")]
    public void InvalidDerefUriRule_NotBase64_ReportsCap0504Only(string derefUri) =>
        DiagnosticAssert.Single(ValidAlerts.Full().WithResource(r => r with { DerefUri = derefUri }), "CAP0504", ResourcePath + "/derefUri");

    [Fact]
    public void InvalidDerefUriRule_LineBrokenBase64_ReportsNothing()
    {
        var base64 = Convert.ToBase64String(ValidAlerts.MapContent);
        var wrapped = "\n  " + string.Join("\n  ", base64.Chunk(16).Select(c => new string(c))) + "\n";
        DiagnosticAssert.None(ValidAlerts.Full().WithResource(r => r with { DerefUri = wrapped }));
    }

    [Theory]
    [InlineData("maps/evacuatie.png")]
    [InlineData("/maps/evacuatie.png")]
    public void InvalidResourceUriRule_RelativeWithoutDerefUri_ReportsCap0505(string uri) =>
        DiagnosticAssert.Single(ValidAlerts.Full().WithResource(r => r with { Uri = uri, DerefUri = null }), "CAP0505", ResourcePath + "/uri");

    [Fact]
    public void InvalidResourceUriRule_NotAUri_ReportsCap0505EvenWithDerefUri() =>
        DiagnosticAssert.Single(ValidAlerts.Full().WithResource(r => r with { Uri = "http://" }), "CAP0505", ResourcePath + "/uri");

    [Theory]
    [InlineData("https://www.gent.be/maps/evacuatie.png")]
    [InlineData("ftp://ftp.gent.be/evacuatie.png")]
    public void InvalidResourceUriRule_AbsoluteWithoutDerefUri_ReportsNothing(string uri) =>
        DiagnosticAssert.None(ValidAlerts.Full().WithResource(r => r with { Uri = uri, DerefUri = null }));

    [Fact]
    public void DigestMismatchRule_DigestOfOtherContent_ReportsCap0506WithActualDigest()
    {
        var expected = ValidAlerts.Sha1Hex(ValidAlerts.MapContent);
        var alert = ValidAlerts.Full().WithResource(r => r with { Digest = ValidAlerts.Sha1Hex([1, 2, 3]) });
        var diagnostic = DiagnosticAssert.Single(alert, "CAP0506", ResourcePath + "/digest");
        Assert.Contains(expected, diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DigestMismatchRule_UppercaseDigest_ReportsNothing() =>
        DiagnosticAssert.None(ValidAlerts.Full().WithResource(r => r with { Digest = r.Digest!.ToUpperInvariant() }));

    [Fact]
    public void DigestMismatchRule_EmptyContent_ComparesWithSha1OfNothing() =>
        DiagnosticAssert.None(ValidAlerts.Full().WithResource(r => r with { DerefUri = "", Size = 0, Digest = "da39a3ee5e6b4b0d3255bfef95601890afd80709" }));

    [Fact]
    public void SizeMismatchRule_SizeDiffers_ReportsCap0507WithContentLength()
    {
        var alert = ValidAlerts.Full().WithResource(r => r with { Size = r.Size + 1 });
        var diagnostic = DiagnosticAssert.Single(alert, "CAP0507", ResourcePath + "/size");
        Assert.Contains($"set <size> to {ValidAlerts.MapContent.Length}", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SizeMismatchRule_NoSize_ReportsNothing() =>
        DiagnosticAssert.None(ValidAlerts.Full().WithResource(r => r with { Size = null }));
}
