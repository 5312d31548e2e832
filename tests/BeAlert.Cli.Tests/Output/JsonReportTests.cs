using System.Text.Json;
using BeAlert.Cap;
using BeAlert.Cli.Output;
using BeAlert.Cli.Validation;

namespace BeAlert.Cli.Tests.Output;

/// <summary>The JSON report on hand-made results: the shape other tools rely on, without needing the parser.</summary>
public sealed class JsonReportTests
{
    private static string Render(params FileValidationResult[] results)
    {
        using var output = new StringWriter();
        using (var report = new JsonReport(output))
        {
            var summary = new ValidationSummary();
            foreach (var result in results)
            {
                summary.Add(result);
                report.WriteFile(result);
            }

            report.Complete(summary);
        }

        return output.ToString();
    }

    [Fact]
    public void Complete_NoFiles_WritesEmptyFilesArray()
    {
        Assert.Equal("{\"files\":[]}" + Environment.NewLine, Render());
    }

    [Fact]
    public void WriteFile_ValidAndUnreadable_WritesDocumentedShape()
    {
        var valid = new FileValidationResult("alerts/a.xml", CapVersion.Cap12, [new CapDiagnostic("CAP0407", CapDiagnosticSeverity.Warning, "No expires.", "/alert/info[1]", 9, 5)]);
        var unreadable = new FileValidationResult("alerts/b.xml", null, [new CapDiagnostic("CAP0001", CapDiagnosticSeverity.Error, "Unexpected end of file.", "/alert", 4, 1)]);

        using var json = JsonDocument.Parse(Render(valid, unreadable));

        var files = json.RootElement.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(2, files.Count);
        Assert.Equal("alerts/a.xml", files[0].GetProperty("path").GetString());
        Assert.True(files[0].GetProperty("valid").GetBoolean());
        Assert.Equal("1.2", files[0].GetProperty("capVersion").GetString());
        var warning = Assert.Single(files[0].GetProperty("diagnostics").EnumerateArray());
        Assert.Equal("CAP0407", warning.GetProperty("code").GetString());
        Assert.Equal("warning", warning.GetProperty("severity").GetString());
        Assert.Equal("No expires.", warning.GetProperty("message").GetString());
        Assert.Equal("/alert/info[1]", warning.GetProperty("path").GetString());
        Assert.Equal(9, warning.GetProperty("line").GetInt32());
        Assert.Equal(5, warning.GetProperty("column").GetInt32());

        Assert.False(files[1].GetProperty("valid").GetBoolean());
        Assert.Equal(JsonValueKind.Null, files[1].GetProperty("capVersion").ValueKind);
        Assert.Equal("error", Assert.Single(files[1].GetProperty("diagnostics").EnumerateArray()).GetProperty("severity").GetString());
    }

    [Theory]
    [InlineData(CapVersion.Cap10, "1.0")]
    [InlineData(CapVersion.Cap11, "1.1")]
    [InlineData(CapVersion.Cap12, "1.2")]
    public void WriteFile_Version_WritesDottedNumber(CapVersion version, string expected)
    {
        using var json = JsonDocument.Parse(Render(new FileValidationResult("a.xml", version, [])));

        Assert.Equal(expected, json.RootElement.GetProperty("files")[0].GetProperty("capVersion").GetString());
    }

    [Fact]
    public void WriteFile_IoError_AddsIoErrorAndIsInvalid()
    {
        using var json = JsonDocument.Parse(Render(new FileValidationResult("gone.xml", null, [], "Permission denied")));

        var file = json.RootElement.GetProperty("files")[0];
        Assert.False(file.GetProperty("valid").GetBoolean());
        Assert.Equal("Permission denied", file.GetProperty("ioError").GetString());
    }

    [Fact]
    public void WriteFile_NonAsciiAndQuotes_RoundTrip()
    {
        const string message = "Ongeldige \"scope\": événement — Überschwemmung <b>&";
        var result = new FileValidationResult("dossier/été.xml", CapVersion.Cap12, [new CapDiagnostic("CAP0303", CapDiagnosticSeverity.Error, message, "/alert/scope", 3, 5)]);

        using var json = JsonDocument.Parse(Render(result));

        var file = json.RootElement.GetProperty("files")[0];
        Assert.Equal("dossier/été.xml", file.GetProperty("path").GetString());
        Assert.Equal(message, file.GetProperty("diagnostics")[0].GetProperty("message").GetString());
    }

    [Fact]
    public void WriteFile_ManyFiles_StreamsOneValidObject()
    {
        var results = Enumerable.Range(0, 5_000)
            .Select(i => new FileValidationResult($"alerts/{i:D5}.xml", CapVersion.Cap12, [new CapDiagnostic("CAP0407", CapDiagnosticSeverity.Warning, new string('x', 50), "/alert/info[1]", i, 1)]))
            .ToArray();

        using var json = JsonDocument.Parse(Render(results));

        var files = json.RootElement.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(5_000, files.Count);
        Assert.Equal("alerts/04999.xml", files[^1].GetProperty("path").GetString());
    }
}
