using System.Text.Json;
using BeAlert.Cli.Tests.Infrastructure;

namespace BeAlert.Cli.Tests.Commands;

/// <summary>Runs <c>bealert validate</c> in-process over documents written to a temp folder.</summary>
public sealed class ValidateCommandTests
{
    [Fact]
    public void Validate_ValidDocument_ExitsZero()
    {
        using var temp = new TempFolder();
        var file = temp.Write("valid.xml", CapXml.Valid());

        var run = CliRun.Invoke("validate", file);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("1 file: 1 valid, 0 invalid", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DocumentWithRuleError_ExitsOneAndPrintsTheCode()
    {
        using var temp = new TempFolder();
        var file = temp.Write("bad-status.xml", CapXml.InvalidStatus());

        var run = CliRun.Invoke("validate", file);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains(": error CAP0201 /alert/status", run.Stdout, StringComparison.Ordinal);
        Assert.Contains(file + "(", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnreadableDocument_ExitsOneWithOneErrorAndNullVersion()
    {
        using var temp = new TempFolder();
        temp.Write("truncated.xml", CapXml.Truncated);

        var run = CliRun.Invoke("validate", "--format", "json", temp.Path);

        Assert.True(run.ExitCode == 1, run.ToString());
        using var json = JsonDocument.Parse(run.Stdout);
        var file = Assert.Single(json.RootElement.GetProperty("files").EnumerateArray());
        Assert.False(file.GetProperty("valid").GetBoolean());
        Assert.Equal(JsonValueKind.Null, file.GetProperty("capVersion").ValueKind);
        var diagnostic = Assert.Single(file.GetProperty("diagnostics").EnumerateArray());
        Assert.Equal("CAP0001", diagnostic.GetProperty("code").GetString());
        Assert.Equal("error", diagnostic.GetProperty("severity").GetString());
    }

    [Fact]
    public void Validate_JsonFormat_PrintsOneObjectOfTheDocumentedShape()
    {
        using var temp = new TempFolder();
        temp.Write("a-valid.xml", CapXml.Valid("BE-TEST-A"));
        temp.Write("b-invalid.xml", CapXml.InvalidStatus("BE-TEST-B"));

        var run = CliRun.Invoke("validate", "--format", "json", temp.Path);

        Assert.True(run.ExitCode == 1, run.ToString());
        using var json = JsonDocument.Parse(run.Stdout);
        var root = json.RootElement;
        Assert.Equal(JsonValueKind.Object, root.ValueKind);
        Assert.Equal(["files"], root.EnumerateObject().Select(p => p.Name));
        var files = root.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(2, files.Count);

        var valid = files[0];
        Assert.Equal(Path.Combine(temp.Path, "a-valid.xml"), valid.GetProperty("path").GetString());
        Assert.True(valid.GetProperty("valid").GetBoolean());
        Assert.Equal("1.2", valid.GetProperty("capVersion").GetString());
        Assert.DoesNotContain(valid.GetProperty("diagnostics").EnumerateArray(), d => d.GetProperty("severity").GetString() == "error");

        var invalid = files[1];
        Assert.Equal(["path", "valid", "capVersion", "diagnostics"], invalid.EnumerateObject().Select(p => p.Name));
        Assert.False(invalid.GetProperty("valid").GetBoolean());
        var error = Assert.Single(invalid.GetProperty("diagnostics").EnumerateArray(), d => d.GetProperty("code").GetString() == "CAP0201");
        Assert.Equal(["code", "severity", "message", "path", "line", "column"], error.EnumerateObject().Select(p => p.Name));
        Assert.Equal("error", error.GetProperty("severity").GetString());
        Assert.Equal("/alert/status", error.GetProperty("path").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        Assert.Equal(6, error.GetProperty("line").GetInt32());
        Assert.True(error.GetProperty("column").GetInt32() > 0);
    }

    [Fact]
    public void Validate_Cap11Document_ReportsVersion11()
    {
        using var temp = new TempFolder();
        var file = temp.Write("cap11.xml", CapXml.Valid(ns: "urn:oasis:names:tc:emergency:cap:1.1"));

        var run = CliRun.Invoke("validate", "--format", "json", file);

        using var json = JsonDocument.Parse(run.Stdout);
        var result = Assert.Single(json.RootElement.GetProperty("files").EnumerateArray());
        Assert.Equal("1.1", result.GetProperty("capVersion").GetString());
    }

    [Fact]
    public void Validate_Directory_SearchesRecursivelyForXmlOnlyInOrdinalOrder()
    {
        using var temp = new TempFolder();
        temp.Write("b.xml", CapXml.Valid("BE-B"));
        temp.Write("A.xml", CapXml.Valid("BE-A"));
        temp.Write("sub/deeper/c.xml", CapXml.Valid("BE-C"));
        temp.Write("sub/notes.txt", "not CAP");
        temp.Write("sub/readme.md", "# not CAP");

        var run = CliRun.Invoke("validate", "--format", "json", temp.Path);

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Stdout);
        var paths = json.RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()!).ToList();
        string[] expected =
        [
            Path.Combine(temp.Path, "A.xml"),
            Path.Combine(temp.Path, "b.xml"),
            Path.Combine(temp.Path, "sub", "deeper", "c.xml"),
        ];
        Assert.Equal(expected, paths);
    }

    [Fact]
    public void Validate_ManyFilesInParallel_ReportsEveryFileOnceInSortedOrder()
    {
        using var temp = new TempFolder();
        for (var i = 0; i < 200; i++)
        {
            var xml = i % 7 == 0 ? CapXml.InvalidStatus($"BE-{i}") : CapXml.Valid($"BE-{i}");
            temp.Write($"alert-{i:D4}.xml", xml);
        }

        var run = CliRun.Invoke("validate", "--format", "json", temp.Path);

        Assert.True(run.ExitCode == 1, run.ToString());
        using var json = JsonDocument.Parse(run.Stdout);
        var files = json.RootElement.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(200, files.Count);
        for (var i = 0; i < 200; i++)
        {
            Assert.Equal(Path.Combine(temp.Path, $"alert-{i:D4}.xml"), files[i].GetProperty("path").GetString());
            Assert.Equal(i % 7 != 0, files[i].GetProperty("valid").GetBoolean());
        }
    }

    [Fact]
    public void Validate_SameFileTwice_ReportsItOnce()
    {
        using var temp = new TempFolder();
        var file = temp.Write("only.xml", CapXml.Valid());

        var run = CliRun.Invoke("validate", "--format", "json", file, temp.Path, file);

        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Single(json.RootElement.GetProperty("files").EnumerateArray());
    }

    [Fact]
    public void Validate_ZuluTime_IsAnErrorWhenStrictAndARepairWhenLenient()
    {
        using var temp = new TempFolder();
        var file = temp.Write("zulu.xml", CapXml.Valid(sent: "2026-03-05T09:00:00Z"));

        var strict = CliRun.Invoke("validate", "--strict", file);
        var lenient = CliRun.Invoke("validate", "--lenient", "--format", "json", file);

        Assert.True(strict.ExitCode == 1, strict.ToString());
        Assert.True(lenient.ExitCode == 0, lenient.ToString());
        using var json = JsonDocument.Parse(lenient.Stdout);
        var diagnostics = json.RootElement.GetProperty("files")[0].GetProperty("diagnostics").EnumerateArray().ToList();
        Assert.Contains(diagnostics, d => d.GetProperty("severity").GetString() == "warning");
    }

    [Fact]
    public void Validate_ProfileNameIsCaseInsensitive()
    {
        using var temp = new TempFolder();
        var file = temp.Write("valid.xml", CapXml.Valid());

        var run = CliRun.Invoke("validate", "--profile", "CAP", file);

        Assert.True(run.ExitCode == 0, run.ToString());
    }

    [Fact]
    public void Validate_RepositorySamples_AllValid()
    {
        var samples = Path.Combine(BeAlert.TestUtils.TestPaths.RepositoryRoot, "samples", "cap");

        var run = CliRun.Invoke("validate", "--format", "json", samples);

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.NotEmpty(json.RootElement.GetProperty("files").EnumerateArray());
    }
}
