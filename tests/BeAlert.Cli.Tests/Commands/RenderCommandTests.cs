using System.Text.Json;
using BeAlert.Cli.Tests.Infrastructure;
using BeAlert.TestUtils;

namespace BeAlert.Cli.Tests.Commands;

/// <summary>Runs <c>bealert render</c> in-process over documents written to a temp folder and over samples/cap.</summary>
public sealed class RenderCommandTests
{
    [Fact]
    public void Render_SmsText_PrintsHeaderFactsAndSegments()
    {
        using var temp = new TempFolder();
        var file = temp.Write("test.xml", CapXml.Valid());

        var run = CliRun.Invoke("render", "--channel", "sms", "--lang", "nl", file);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            $"==> {file} <==\nlanguage: nl-BE; coding: gsm7; units: 29; segments: 1; cost per recipient: 0.055; shortened: none; omitted: none\n--- segment 1/1\nTEST: Oefening: brand in Gent\n",
            run.Stdout.ReplaceLineEndings("\n"));
        Assert.Equal(string.Empty, run.Stderr);
    }

    [Fact]
    public void Render_SmsJson_PrintsOneObjectOfTheDocumentedShape()
    {
        using var temp = new TempFolder();
        var file = temp.Write("test.xml", CapXml.Valid());

        var run = CliRun.Invoke("render", "-c", "sms", "-l", "nl", "--format", "json", file);

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal("sms", json.RootElement.GetProperty("channel").GetString());
        var rendered = Assert.Single(json.RootElement.GetProperty("files").EnumerateArray());
        Assert.Equal(file, rendered.GetProperty("path").GetString());
        Assert.Equal("nl-BE", rendered.GetProperty("language").GetString());
        Assert.Equal("TEST: Oefening: brand in Gent", rendered.GetProperty("text").GetString());
        Assert.Equal("gsm7", rendered.GetProperty("dataCoding").GetString());
        Assert.Equal(29, rendered.GetProperty("units").GetInt32());
        Assert.Equal(["TEST: Oefening: brand in Gent"], rendered.GetProperty("segments").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(0.055m, rendered.GetProperty("tariffPerSegment").GetDecimal());
        Assert.Equal(0.055m, rendered.GetProperty("costPerRecipient").GetDecimal());
        Assert.Empty(rendered.GetProperty("shortened").EnumerateArray());
        Assert.Empty(rendered.GetProperty("omitted").EnumerateArray());
    }

    [Theory]
    [InlineData("cb", new[] { "language", "text", "dataCoding", "dataCodingScheme", "pages", "shortened", "omitted" })]
    [InlineData("voice", new[] { "language", "text", "ssml", "estimatedSeconds", "shortened", "omitted" })]
    [InlineData("email", new[] { "language", "senderName", "subject", "textBody", "htmlBody" })]
    [InlineData("signage", new[] { "language", "columns", "lines", "shortened", "omitted" })]
    public void Render_EveryChannelJson_HasItsFields(string channel, string[] fields)
    {
        using var temp = new TempFolder();
        var file = temp.Write("test.xml", CapXml.Valid());

        var run = CliRun.Invoke("render", "--channel", channel, "--lang", "fr", "--format", "json", file);

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Stdout);
        var rendered = Assert.Single(json.RootElement.GetProperty("files").EnumerateArray());
        Assert.Equal(["path", .. fields], rendered.EnumerateObject().Select(p => p.Name));
    }

    [Theory]
    [InlineData("cb", "--- page 1/1\nTEST: Oefening: brand in Gent\n")]
    [InlineData("voice", "Dit is een testbericht.\n")]
    [InlineData("email", "Subject: TEST: Oefening: brand in Gent\n")]
    [InlineData("signage", "TEST: Oefening: brand in Gent\n")]
    public void Render_EveryChannelText_PrintsTheRendering(string channel, string expected)
    {
        using var temp = new TempFolder();
        var file = temp.Write("test.xml", CapXml.Valid());

        var run = CliRun.Invoke("render", "--channel", channel, "--lang", "nl", file);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(expected, run.Stdout.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Options_ReachTheRenderer()
    {
        using var temp = new TempFolder();
        var file = temp.Write("test.xml", CapXml.Valid());

        var run = CliRun.Invoke("render", "-c", "signage", "-l", "nl", "--simulation", "--columns", "12", "--lines", "2", "--format", "json", file);

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Stdout);
        var rendered = Assert.Single(json.RootElement.GetProperty("files").EnumerateArray());
        Assert.Equal(12, rendered.GetProperty("columns").GetInt32());
        var lines = rendered.GetProperty("lines").EnumerateArray().Select(l => l.GetString()!).ToList();
        Assert.Equal(2, lines.Count);
        Assert.StartsWith("SIMULATIE", lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Render_DefaultUrlAndMaxSegments_ReachTheRenderer()
    {
        using var temp = new TempFolder();
        var file = temp.Write("test.xml", CapXml.Valid());

        var run = CliRun.Invoke("render", "-c", "sms", "-l", "nl", "--default-url", "https://www.be-alert.be", "--max-segments", "1", "--format", "json", file);

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Stdout);
        var rendered = Assert.Single(json.RootElement.GetProperty("files").EnumerateArray());
        Assert.Equal("TEST: Oefening: brand in Gent\nhttps://www.be-alert.be", rendered.GetProperty("text").GetString());
    }

    [Fact]
    public void Render_UnreadableCap_ExitsOneAndRendersTheOthers()
    {
        using var temp = new TempFolder();
        var good = temp.Write("a-good.xml", CapXml.Valid());
        var bad = temp.Write("b-truncated.xml", CapXml.Truncated);

        var run = CliRun.Invoke("render", "-c", "sms", "-l", "nl", "--format", "json", temp.Path);

        Assert.True(run.ExitCode == 1, run.ToString());
        using var json = JsonDocument.Parse(run.Stdout);
        var files = json.RootElement.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal([good, bad], files.Select(f => f.GetProperty("path").GetString()));
        Assert.True(files[0].TryGetProperty("text", out _));
        Assert.StartsWith("CAP0001", files[1].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.False(files[1].TryGetProperty("ioError", out _));
        Assert.Contains(bad + ": not a readable CAP alert", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_UnreadableCapText_PrintsTheError()
    {
        using var temp = new TempFolder();
        var bad = temp.Write("truncated.xml", CapXml.Truncated);

        var run = CliRun.Invoke("render", "-c", "voice", "-l", "de", bad);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.StartsWith($"==> {bad} <==\nerror: CAP0001", run.Stdout.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_EverySample_ExitsZeroOnEveryChannel()
    {
        var samples = Path.Combine(TestPaths.RepositoryRoot, "samples", "cap");
        var count = Directory.GetFiles(samples, "*.xml").Length;

        foreach (var channel in new[] { "sms", "cb", "voice", "email", "signage" })
        {
            var run = CliRun.Invoke("render", "--channel", channel, "--lang", "de", samples);

            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Equal(count, run.Stdout.Split('\n').Count(l => l.StartsWith("==> ", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public void Render_MissingFile_ExitsTwoBeforeRenderingAnything()
    {
        using var temp = new TempFolder();
        var good = temp.Write("good.xml", CapXml.Valid());
        var missing = Path.Combine(temp.Path, "missing.xml");

        var run = CliRun.Invoke("render", "-c", "sms", "-l", "nl", good, missing);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Stdout);
        Assert.Contains(missing, run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("render", "-c", "fax", "-l", "nl", "x.xml")]
    [InlineData("render", "-l", "nl", "x.xml")]
    [InlineData("render", "-c", "sms", "x.xml")]
    [InlineData("render", "-c", "sms", "-l", "nl")]
    [InlineData("render", "-c", "sms", "-l", "nl", "--format", "yaml", "x.xml")]
    [InlineData("render", "-c", "sms", "-l", "nl", "--max-segments", "many", "x.xml")]
    public void Render_BadUsage_ExitsTwo(params string[] args)
    {
        var run = CliRun.Invoke(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Stdout);
        Assert.NotEqual(string.Empty, run.Stderr);
    }

    [Theory]
    [InlineData("--max-segments", "0", "SmsMaxSegments")]
    [InlineData("--max-pages", "16", "CellBroadcastMaxPages")]
    [InlineData("--columns", "5", "SignageColumns")]
    [InlineData("--lines", "0", "SignageLines")]
    [InlineData("--default-url", "javascript:alert(1)", "DefaultInfoUrl")]
    public void Render_OptionOutOfRange_ExitsTwoNamingIt(string option, string value, string name)
    {
        using var temp = new TempFolder();
        var file = temp.Write("test.xml", CapXml.Valid());

        var run = CliRun.Invoke("render", "-c", "sms", "-l", "nl", option, value, file);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Stdout);
        Assert.Contains(name, run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_EmptyLanguage_ExitsTwo()
    {
        using var temp = new TempFolder();
        var file = temp.Write("test.xml", CapXml.Valid());

        var run = CliRun.Invoke("render", "-c", "sms", "-l", " ", file);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--lang", run.Stderr, StringComparison.Ordinal);
    }
}
