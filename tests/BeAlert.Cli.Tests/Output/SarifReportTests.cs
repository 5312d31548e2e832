using System.Text.Json;
using BeAlert.Cap;
using BeAlert.Cli.Output;
using BeAlert.Cli.Tests.Infrastructure;
using BeAlert.Cli.Validation;

namespace BeAlert.Cli.Tests.Output;

/// <summary>The SARIF log: the members SARIF 2.1.0 requires and that CI systems read to place a result on a line.</summary>
public sealed class SarifReportTests
{
    private static JsonDocument Render(params FileValidationResult[] results)
    {
        using var output = new StringWriter();
        using (var report = new SarifReport(output))
        {
            var summary = new ValidationSummary();
            foreach (var result in results)
            {
                summary.Add(result);
                report.WriteFile(result);
            }

            report.Complete(summary);
        }

        return JsonDocument.Parse(output.ToString());
    }

    [Fact]
    public void Complete_NoFiles_WritesAnEmptySuccessfulRun()
    {
        using var sarif = Render();

        Assert.Equal("2.1.0", sarif.RootElement.GetProperty("version").GetString());
        var run = Assert.Single(sarif.RootElement.GetProperty("runs").EnumerateArray());
        Assert.Empty(run.GetProperty("results").EnumerateArray());
        Assert.Equal("bealert", run.GetProperty("tool").GetProperty("driver").GetProperty("name").GetString());
        Assert.True(Assert.Single(run.GetProperty("invocations").EnumerateArray()).GetProperty("executionSuccessful").GetBoolean());
    }

    [Fact]
    public void WriteFile_Diagnostics_BecomeResultsWithRulesLevelsAndLocations()
    {
        var a = new FileValidationResult("alerts/ghent fire.xml", CapVersion.Cap12,
        [
            new CapDiagnostic("CAP0201", CapDiagnosticSeverity.Error, "Bad status.", "/alert/status", 7, 5),
            new CapDiagnostic("CAP0407", CapDiagnosticSeverity.Warning, "No expires.", "/alert/info[1]", 9, 3),
        ]);
        var b = new FileValidationResult("alerts/b.xml", null, [new CapDiagnostic("CAP0201", CapDiagnosticSeverity.Error, "Bad status.", "/alert/status", 0, 0)]);

        using var sarif = Render(a, b);

        var run = sarif.RootElement.GetProperty("runs")[0];
        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(3, results.Count);
        Assert.Equal(["CAP0201", "CAP0407", "CAP0201"], results.Select(r => r.GetProperty("ruleId").GetString()));
        Assert.Equal(["error", "warning", "error"], results.Select(r => r.GetProperty("level").GetString()));
        var first = results[0].GetProperty("locations")[0];
        Assert.Equal("alerts/ghent%20fire.xml", first.GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal(7, first.GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.Equal(5, first.GetProperty("physicalLocation").GetProperty("region").GetProperty("startColumn").GetInt32());
        Assert.Equal("/alert/status", first.GetProperty("logicalLocations")[0].GetProperty("fullyQualifiedName").GetString());
        Assert.Equal("Bad status.", results[0].GetProperty("message").GetProperty("text").GetString());
        Assert.False(results[2].GetProperty("locations")[0].GetProperty("physicalLocation").TryGetProperty("region", out _));

        // Each rule listed once, and every ruleIndex points at its rule.
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(["CAP0201", "CAP0407"], rules.Select(r => r.GetProperty("id").GetString()));
        Assert.Equal("warning", rules[1].GetProperty("defaultConfiguration").GetProperty("level").GetString());
        Assert.All(results, r => Assert.Equal(r.GetProperty("ruleId").GetString(), rules[r.GetProperty("ruleIndex").GetInt32()].GetProperty("id").GetString()));
    }

    [Fact]
    public void WriteFile_IoError_IsANotificationAndTheRunIsNotSuccessful()
    {
        using var sarif = Render(new FileValidationResult("alerts/gone.xml", null, [], "No such file."));

        var invocation = sarif.RootElement.GetProperty("runs")[0].GetProperty("invocations")[0];
        Assert.False(invocation.GetProperty("executionSuccessful").GetBoolean());
        var notification = Assert.Single(invocation.GetProperty("toolExecutionNotifications").EnumerateArray());
        Assert.Equal("error", notification.GetProperty("level").GetString());
        Assert.Contains("No such file.", notification.GetProperty("message").GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Empty(sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray());
    }

    [Theory]
    [InlineData("a.xml", "a.xml")]
    [InlineData("dir/sub dir/é.xml", "dir/sub%20dir/%C3%A9.xml")]
    [InlineData("/tmp/x y.xml", "file:///tmp/x%20y.xml")]
    public void ArtifactUri_RelativeStaysRelativeAbsoluteBecomesFileUri(string path, string expected)
    {
        Assert.Equal(expected, SarifReport.ArtifactUri(path));
    }

    [Fact]
    public void Validate_FormatSarif_EndToEnd_OneResultPerDiagnostic()
    {
        using var temp = new TempFolder();
        temp.Write("good.xml", CapXml.Valid("BE-1"));
        temp.Write("broken.xml", CapXml.Truncated);

        var run = CliRun.Invoke("validate", "--format", "sarif", temp.Path);

        Assert.Equal(1, run.ExitCode);
        using var sarif = JsonDocument.Parse(run.Stdout);
        var result = Assert.Single(sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray());
        Assert.Equal("CAP0001", result.GetProperty("ruleId").GetString());
    }
}
