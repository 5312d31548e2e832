using System.Text.Json;
using BeAlert.Cli.Tests.Infrastructure;

namespace BeAlert.Cli.Tests.Commands;

/// <summary>Runs <c>bealert convert --to geojson|json|atom</c> in-process.</summary>
public sealed class ConvertCommandTests
{
    [Fact]
    public void Convert_TwoFiles_OneFeatureCollectionOnStdout()
    {
        using var temp = new TempFolder();
        var a = temp.Write("a.xml", CapXml.Valid("BE-TEST-A"));
        var b = temp.Write("b.xml", CapXml.Valid("BE-TEST-B"));

        var run = CliRun.Invoke("convert", "--to", "geojson", a, b);

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal("FeatureCollection", json.RootElement.GetProperty("type").GetString());
        var features = json.RootElement.GetProperty("features").EnumerateArray().ToList();
        Assert.Equal(["BE-TEST-A", "BE-TEST-B"], features.Select(f => f.GetProperty("properties").GetProperty("identifier").GetString()));
        Assert.Equal("Oefening: brand in Gent", features[0].GetProperty("properties").GetProperty("headline").GetString());
        var firstPosition = features[0].GetProperty("geometry").GetProperty("coordinates")[0][0];
        Assert.InRange(firstPosition[0].GetDouble(), 3.5, 3.9); // longitude first
        Assert.InRange(firstPosition[1].GetDouble(), 50.9, 51.2);
    }

    [Fact]
    public void Convert_ToJson_OneArrayWithEveryAlertInFileOrder()
    {
        using var temp = new TempFolder();
        var a = temp.Write("a.xml", CapXml.Valid("BE-TEST-A"));
        var b = temp.Write("b.xml", CapXml.Valid("BE-TEST-B"));

        var run = CliRun.Invoke("convert", "--to", "json", b, a);

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal(["BE-TEST-A", "BE-TEST-B"], json.RootElement.EnumerateArray().Select(e => e.GetProperty("identifier").GetString()));
        Assert.Equal("Oefening: brand in Gent", json.RootElement[0].GetProperty("info")[0].GetProperty("headline").GetString());
    }

    [Fact]
    public void Convert_ToJson_UnreadableFile_ExitsOneAndKeepsTheOthers()
    {
        using var temp = new TempFolder();
        var good = temp.Write("a.xml", CapXml.Valid("BE-TEST-A"));
        var bad = temp.Write("b.xml", CapXml.Truncated);

        var run = CliRun.Invoke("convert", "--to", "json", good, bad);

        Assert.Equal(1, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Single(json.RootElement.EnumerateArray());
        Assert.Contains("CAP0001", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Convert_ToAtom_AFeedWithOneEntryPerAlertThatOurReaderAccepts()
    {
        using var temp = new TempFolder();
        var a = temp.Write("a.xml", CapXml.Valid("BE-TEST-A"));
        var b = temp.Write("b.xml", CapXml.Valid("BE-TEST-B"));
        var output = Path.Combine(temp.Path, "feed.atom");

        var run = CliRun.Invoke("convert", "--to", "atom", "-o", output, a, b);

        Assert.True(run.ExitCode == 0, run.ToString());
        var feed = BeAlert.Cap.CapFeedReader.Default.Read(File.ReadAllBytes(output));
        Assert.Empty(feed.Diagnostics);
        Assert.Equal(2, feed.Entries.Count);
    }

    [Fact]
    public void Convert_OutputOption_WritesTheFile()
    {
        using var temp = new TempFolder();
        var input = temp.Write("a.xml", CapXml.Valid());
        var output = Path.Combine(temp.Path, "out.geojson");

        var run = CliRun.Invoke("convert", "--to", "geojson", "-o", output, input);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(string.Empty, run.Stdout);
        using var json = JsonDocument.Parse(File.ReadAllBytes(output));
        Assert.Single(json.RootElement.GetProperty("features").EnumerateArray());
    }

    [Fact]
    public void Convert_OneUnreadableFile_ExitsOne_ConvertsTheRest()
    {
        using var temp = new TempFolder();
        var good = temp.Write("a.xml", CapXml.Valid());
        var bad = temp.Write("b.xml", CapXml.Truncated);

        var run = CliRun.Invoke("convert", "--to", "geojson", good, bad);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("error CAP0001", run.Stderr, StringComparison.Ordinal);
        Assert.Single(JsonDocument.Parse(run.Stdout).RootElement.GetProperty("features").EnumerateArray());
    }

    [Fact]
    public void Convert_WithoutTo_ExitsTwo() => Assert.Equal(2, CliRun.Invoke("convert", "x.xml").ExitCode);

    [Fact]
    public void Convert_UnknownFormat_ExitsTwo() => Assert.Equal(2, CliRun.Invoke("convert", "--to", "kml", "x.xml").ExitCode);
}
