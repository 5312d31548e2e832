using System.Text.Json;
using BeAlert.Cli.Tests.Infrastructure;

namespace BeAlert.Cli.Tests.Commands;

/// <summary>Runs <c>bealert areas</c> in-process.</summary>
public sealed class AreasCommandTests
{
    [Fact]
    public void Areas_GeocodedAlert_ListsTheMunicipalityWithNamesAndPopulation()
    {
        using var temp = new TempFolder();
        var file = temp.Write("gent.xml", CapXml.Valid()); // one area: NIS 44021 (Gent)

        var run = CliRun.Invoke("areas", file);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("1 municipality, population 263,927", run.Stdout, StringComparison.Ordinal); // Gent, Statbel 2020
        Assert.Contains("44021  Gent / Gand", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Areas_Json_OneObjectWithMunicipalitiesAndTotals()
    {
        using var temp = new TempFolder();
        var gent = temp.Write("a.xml", CapXml.Valid());
        var brussels = temp.Write("b.xml", CapXml.Valid("BE-TEST-0009").Replace("<value>44021</value>", "<value>21004</value>", StringComparison.Ordinal));

        var run = CliRun.Invoke("areas", "--format", "json", brussels, gent);

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Stdout);
        var files = json.RootElement.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal([gent, brussels], files.Select(f => f.GetProperty("path").GetString()));
        var municipality = Assert.Single(files[1].GetProperty("municipalities").EnumerateArray());
        Assert.Equal("21004", municipality.GetProperty("nis").GetString());
        Assert.Equal("Brussel", municipality.GetProperty("nameNl").GetString());
        Assert.Equal("Bruxelles", municipality.GetProperty("nameFr").GetString());
        Assert.Equal(municipality.GetProperty("population").GetInt64(), files[1].GetProperty("population").GetInt64());
        Assert.InRange(files[1].GetProperty("areaKm2").GetDouble(), 25, 40); // City of Brussels: 32.6 km²
    }

    [Fact]
    public void Areas_CircleAcrossABorder_ListsBothSides()
    {
        using var temp = new TempFolder();
        // 3 km around the Gent-Merelbeke border area, south of the city centre.
        var file = temp.Write("circle.xml", CapXml.Valid().Replace(
            "<geocode>\n        <valueName>NIS</valueName>\n        <value>44021</value>\n      </geocode>",
            "<circle>51.0200,3.7300 3</circle>",
            StringComparison.Ordinal));

        var run = CliRun.Invoke("areas", "--format", "json", file);

        Assert.True(run.ExitCode == 0, run.ToString());
        var codes = JsonDocument.Parse(run.Stdout).RootElement.GetProperty("files")[0].GetProperty("municipalities").EnumerateArray().Select(m => m.GetProperty("nis").GetString()).ToList();
        Assert.Contains("44021", codes); // Gent
        Assert.Contains("44043", codes); // Merelbeke
    }

    [Fact]
    public void Areas_UnknownNisCode_ExitsOneWithCAP1107()
    {
        using var temp = new TempFolder();
        var file = temp.Write("bad.xml", CapXml.Valid().Replace("<value>44021</value>", "<value>99999</value>", StringComparison.Ordinal));

        var run = CliRun.Invoke("areas", file);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("error CAP1107 /alert/info[1]/area[1]/geocode[1]", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Areas_UnreadableDocument_ExitsOne()
    {
        using var temp = new TempFolder();
        var file = temp.Write("truncated.xml", CapXml.Truncated);

        var run = CliRun.Invoke("areas", file);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("error CAP0001", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Areas_MissingFile_ExitsTwo()
    {
        var run = CliRun.Invoke("areas", "/nonexistent/alert.xml");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("no such file or directory", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Areas_BadFormat_ExitsTwo() => Assert.Equal(2, CliRun.Invoke("areas", "--format", "xml", "x.xml").ExitCode);
}
