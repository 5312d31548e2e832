using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace BeAlert.Cap.Tests.Validation.Rules;

/// <summary>
/// The plain-link shortcut of the absolute-URI check (web, resource uri) never says yes where <see cref="Uri"/> says
/// no: every text it takes, Uri takes as an absolute URI with a host.
/// </summary>
public sealed class CapUriTextTests
{
    /// <summary>Links made of the characters and shapes the shortcut looks at, near misses included.</summary>
    private static readonly Gen<string> Links =
        from scheme in Gen.Elements("http://", "https://", "https://", "https://", "HTTP://", "https:/", "ftp://", " https://")
        from count in Gen.Choose(1, 4)
        from labels in Gen.ArrayOf(Gen.Choose(1, 6).SelectMany(n => Gen.ArrayOf(Gen.Elements("aaabbbZZ09-".ToCharArray()), n)).Select(c => new string(c)), count)
        from path in Gen.Choose(0, 10).SelectMany(n => Gen.ArrayOf(Gen.Elements("aaaaaaaaaa//////..??==&&--__~~11:%# ".ToCharArray()), n)).Select(c => new string(c))
        select scheme + string.Join('.', labels) + path;

    [Property(MaxTest = 5000)]
    public Property PlainWebLink_IsAbsoluteForUriToo() =>
        Prop.ForAll(Arb.From(Links), link => !CapUriText.IsPlainWebLink(link) || CapUriText.IsAbsoluteByUri(link));

    [Fact]
    public void Generator_MakesPlainLinksAndOthers()
    {
        // The property above means something only if the generator reaches both sides of the shortcut.
        var samples = Links.Sample(2000, 20);
        var plain = samples.Count(CapUriText.IsPlainWebLink);
        Assert.InRange(plain, 100, 1900);
    }

    [Theory]
    [InlineData("https://www.be-alert.be/nl/brand-gent")]
    [InlineData("http://example.com")]
    [InlineData("https://a.b-c.example/path/to/page.html?x=1&y=2")]
    [InlineData("https://x9.example/~user/_a")]
    public void UsualLinks_TakeTheShortcut(string link)
    {
        Assert.True(CapUriText.IsPlainWebLink(link));
        Assert.True(CapUriText.IsAbsoluteByUri(link));
    }

    [Theory]
    [InlineData("https://1.2.3.4/")]
    [InlineData("https://a..b/")]
    [InlineData("https://-a.example/")]
    [InlineData("https://a-.example/")]
    [InlineData("https://xn--80ak6aa92e.example/")]
    [InlineData("https://example.com:8080/")]
    [InlineData("https://example.com/a b")]
    [InlineData("https://example.com/%41")]
    [InlineData("https://example.com/#top")]
    [InlineData(" https://example.com/")]
    [InlineData("HTTPS://example.com/")]
    [InlineData("https://user@example.com/")]
    [InlineData("https://")]
    public void OtherTexts_GoToUri(string text) => Assert.False(CapUriText.IsPlainWebLink(text));

    [Theory]
    [InlineData("https://www.be-alert.be/nl/brand-gent", true)]
    [InlineData("https://example.com:8080/", true)]
    [InlineData("HTTPS://example.com/", true)]
    [InlineData(" https://example.com/ ", true)]
    [InlineData("https://", false)]
    [InlineData("www.be-alert.be", false)]
    [InlineData("/tmp/x", false)]
    public void IsAbsolute_ShortcutOrUri(string text, bool expected) => Assert.Equal(expected, CapUriText.IsAbsolute(text));
}
