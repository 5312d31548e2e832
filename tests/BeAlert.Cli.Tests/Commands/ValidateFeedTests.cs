using System.Text.Json;
using BeAlert.Cli.Tests.Infrastructure;

namespace BeAlert.Cli.Tests.Commands;

/// <summary><c>bealert validate</c> on Atom/RSS feeds and EDXL-DE envelopes: same report, paths rooted in the feed.</summary>
public sealed class ValidateFeedTests
{
    [Fact]
    public void Validate_AtomFeedEmbeddingAValidAlert_ExitsZero()
    {
        using var temp = new TempFolder();
        var file = temp.Write("feed.atom", FeedXml.Atom(CapXml.Valid()));

        var run = CliRun.Invoke("validate", file);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("1 file: 1 valid, 0 invalid", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_FeedEmbeddingAnInvalidAlert_JsonContractUnchangedSameFindingAsTheAlertAloneMovedIntoTheFeed()
    {
        using var temp = new TempFolder();
        var alert = CapXml.InvalidStatus();
        var text = FeedXml.Atom(alert);
        var alone = temp.Write("alone/alert.xml", alert);
        temp.Write("feeds/gent.xml", text);

        var aloneRun = CliRun.Invoke("validate", "--format", "json", alone);
        var run = CliRun.Invoke("validate", "--format", "json", Path.Combine(temp.Path, "feeds"));

        Assert.True(run.ExitCode == 1, run.ToString());
        using var json = JsonDocument.Parse(run.Stdout);
        using var aloneJson = JsonDocument.Parse(aloneRun.Stdout);
        var file = Assert.Single(json.RootElement.GetProperty("files").EnumerateArray());
        Assert.Equal(["path", "valid", "capVersion", "diagnostics"], file.EnumerateObject().Select(p => p.Name));
        Assert.Equal("1.2", file.GetProperty("capVersion").GetString());
        var diagnostic = Assert.Single(file.GetProperty("diagnostics").EnumerateArray());
        var expected = Assert.Single(aloneJson.RootElement.GetProperty("files")[0].GetProperty("diagnostics").EnumerateArray());
        Assert.Equal(expected.GetProperty("code").GetString(), diagnostic.GetProperty("code").GetString());
        Assert.Equal("/feed/entry[1]/content" + expected.GetProperty("path").GetString(), diagnostic.GetProperty("path").GetString());

        // The alert's second line (its root element; the first is the XML declaration) is this line of the feed.
        var alertRootLine = Array.FindIndex(text.Split('\n'), l => l.StartsWith("<alert ", StringComparison.Ordinal)) + 1;
        Assert.Equal(alertRootLine + expected.GetProperty("line").GetInt32() - 2, diagnostic.GetProperty("line").GetInt32());
        Assert.Equal(expected.GetProperty("column").GetInt32(), diagnostic.GetProperty("column").GetInt32());
    }

    [Fact]
    public void Validate_EdxlEnvelopeWithoutCap_ExitsOneWithCap1218()
    {
        using var temp = new TempFolder();
        var file = temp.Write("envelope.xml", FeedXml.Edxl("<report xmlns=\"urn:example:sitrep\">quiet</report>"));

        var run = CliRun.Invoke("validate", file);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains(": error CAP1218 /EDXLDistribution:", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EdxlEnvelopeCarryingAValidAlert_ExitsZero()
    {
        using var temp = new TempFolder();
        var file = temp.Write("envelope.xml", FeedXml.Edxl(CapXml.Valid()));

        var run = CliRun.Invoke("validate", file);

        Assert.True(run.ExitCode == 0, run.ToString());
    }

    [Fact]
    public void Validate_RootNeitherAlertNorFeed_StillReportsNotACapAlert()
    {
        using var temp = new TempFolder();
        var file = temp.Write("page.xml", "<html><body>hello</body></html>");

        var run = CliRun.Invoke("validate", file);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("error CAP0003", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MixedAlertsAndFeeds_EachReportedOnce()
    {
        using var temp = new TempFolder();
        temp.Write("a-alert.xml", CapXml.Valid());
        temp.Write("b-feed.xml", FeedXml.Atom(CapXml.Valid("BE-TEST-0009")));
        temp.Write("c-envelope.xml", FeedXml.Edxl(CapXml.InvalidStatus()));

        var run = CliRun.Invoke("validate", temp.Path);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("3 files: 2 valid, 1 invalid", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("/EDXLDistribution/contentObject[1]/xmlContent/embeddedXMLContent[1]/alert/status", run.Stdout, StringComparison.Ordinal);
    }
}
