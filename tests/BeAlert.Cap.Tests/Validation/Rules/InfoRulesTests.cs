namespace BeAlert.Cap.Tests.Validation.Rules;

/// <summary>The rules on info blocks: CAP0207, CAP0403, CAP0404, CAP0405.</summary>
public sealed class InfoRulesTests
{
    [Theory]
    [InlineData("")]
    [InlineData("nl_BE")]
    [InlineData("nl BE")]
    [InlineData("nl-")]
    [InlineData("-BE")]
    [InlineData("nl--BE")]
    [InlineData("toolongxx")]
    [InlineData("nl-toolongxx")]
    [InlineData("1nl")]
    [InlineData("néerl")]
    [InlineData(" nl")]
    public void InvalidLanguageRule_NotAnRfc3066Tag_ReportsCap0207(string language) =>
        DiagnosticAssert.Single(ValidAlerts.Full().WithInfo(info => info with { Language = language }), "CAP0207", "/alert/info[1]/language");

    [Theory]
    [InlineData("nl-BE")]
    [InlineData("fr")]
    [InlineData("en-US")]
    [InlineData("zh-Hant-TW")]
    [InlineData("x-klingon")]
    [InlineData("de-419")]
    [InlineData("abcdefgh-12345678")]
    [InlineData(null)]
    public void InvalidLanguageRule_LanguageTagOrAbsent_ReportsNothing(string? language) =>
        DiagnosticAssert.None(ValidAlerts.Full().WithInfo(info => info with { Language = language }));

    [Fact]
    public void HeadlineTooLongRule_160Characters_ReportsCap0403WithLength()
    {
        var alert = ValidAlerts.Full().WithInfo(info => info with { Headline = new string('a', 160) });
        var diagnostic = DiagnosticAssert.Single(alert, "CAP0403", "/alert/info[1]/headline");
        Assert.Contains("160 characters long", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HeadlineTooLongRule_159Characters_ReportsNothing() =>
        DiagnosticAssert.None(ValidAlerts.Full().WithInfo(info => info with { Headline = new string('a', 159) }));

    [Theory]
    [InlineData("\U0001F525", 159)] // fire emoji: two UTF-16 units, one character
    [InlineData("e\u0301", 100)] // e + combining acute: two code points, one character
    [InlineData("\U0001F468\u200D\U0001F469\u200D\U0001F467", 150)] // family: five code points, one character
    public void HeadlineTooLongRule_UnderLimitInTextElements_ReportsNothing(string character, int count)
    {
        var headline = string.Concat(Enumerable.Repeat(character, count));
        Assert.True(headline.Length >= 160);
        DiagnosticAssert.None(ValidAlerts.Full().WithInfo(info => info with { Headline = headline }));
    }

    [Fact]
    public void HeadlineTooLongRule_160Emoji_ReportsTextElementCount()
    {
        var headline = string.Concat(Enumerable.Repeat("\U0001F525", 160));
        var diagnostic = DiagnosticAssert.Single(ValidAlerts.Full().WithInfo(info => info with { Headline = headline }), "CAP0403", "/alert/info[1]/headline");
        Assert.Contains("is 160 characters long", diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("www.be-alert.be")]
    [InlineData("be-alert.be/nl")]
    [InlineData("/nl/info")]
    [InlineData("http://")]
    [InlineData("https:///path")]
    [InlineData("C:\\alerts\\info.html")]
    [InlineData("")]
    [InlineData("://www.be-alert.be")]
    public void WebNotAbsoluteUriRule_NotAbsolute_ReportsCap0404(string web) =>
        DiagnosticAssert.Single(ValidAlerts.Full().WithInfo(info => info with { Web = web }), "CAP0404", "/alert/info[1]/web");

    [Theory]
    [InlineData("https://www.be-alert.be/")]
    [InlineData("http://www.gent.be/brand?zone=1#kaart")]
    [InlineData("ftp://ftp.example.org/alerts/readme.txt")]
    [InlineData("urn:oid:2.49.0.0.56.0")]
    [InlineData("mailto:info@be-alert.be")]
    [InlineData(" https://www.be-alert.be/ ")]
    public void WebNotAbsoluteUriRule_AbsoluteUri_ReportsNothing(string web) =>
        DiagnosticAssert.None(ValidAlerts.Full().WithInfo(info => info with { Web = web }));

    [Fact]
    public void EmptyValueNameRule_EventCodeWithEmptyValueName_ReportsCap0405() =>
        DiagnosticAssert.Single(
            ValidAlerts.Full().WithInfo(info => info with { EventCodes = [new CapNamedValue("", "FIRE")] }),
            "CAP0405",
            "/alert/info[1]/eventCode[1]/valueName");

    [Fact]
    public void EmptyValueNameRule_SecondParameterWithBlankValueName_ReportsCap0405() =>
        DiagnosticAssert.Single(
            ValidAlerts.Full().WithInfo(info => info with { Parameters = [.. info.Parameters, new CapNamedValue(" ", "x")] }),
            "CAP0405",
            "/alert/info[1]/parameter[2]/valueName");

    [Fact]
    public void EmptyValueNameRule_EmptyValueOnly_ReportsNothing() =>
        DiagnosticAssert.None(ValidAlerts.Full().WithInfo(info => info with { Parameters = [new CapNamedValue("layer", "")] }));
}
