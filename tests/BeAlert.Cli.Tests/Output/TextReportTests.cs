using BeAlert.Cap;
using BeAlert.Cli.Output;
using BeAlert.Cli.Validation;

namespace BeAlert.Cli.Tests.Output;

public sealed class TextReportTests
{
    private static string[] Render(params FileValidationResult[] results)
    {
        using var output = new StringWriter();
        var report = new TextReport(output);
        var summary = new ValidationSummary();
        foreach (var result in results)
        {
            summary.Add(result);
            report.WriteFile(result);
        }

        report.Complete(summary);
        return output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public void WriteFile_Diagnostic_WritesCompilerStyleLine()
    {
        var result = new FileValidationResult("alerts/a.xml", CapVersion.Cap12, [new CapDiagnostic("CAP0303", CapDiagnosticSeverity.Error, "Restricted needs a restriction.", "/alert/scope", 3, 5)]);

        var lines = Render(result);

        Assert.Equal("alerts/a.xml(3,5): error CAP0303 /alert/scope: Restricted needs a restriction.", lines[0]);
    }

    [Fact]
    public void WriteFile_DiagnosticWithoutLine_OmitsPosition()
    {
        var result = new FileValidationResult("a.xml", null, [new CapDiagnostic("CAP0001", CapDiagnosticSeverity.Error, "Not XML.", "/")]);

        Assert.Equal("a.xml: error CAP0001 /: Not XML.", Render(result)[0]);
    }

    [Fact]
    public void Complete_WritesSummaryLine()
    {
        var valid = new FileValidationResult("a.xml", CapVersion.Cap12, [new CapDiagnostic("CAP0407", CapDiagnosticSeverity.Warning, "w", "/alert", 1, 1)]);
        var invalid = new FileValidationResult("b.xml", CapVersion.Cap12, [new CapDiagnostic("CAP0303", CapDiagnosticSeverity.Error, "e", "/alert", 1, 1)]);

        var lines = Render(valid, invalid);

        Assert.Equal("2 files: 1 valid, 1 invalid; 1 error, 1 warning.", lines[^1]);
    }

    [Fact]
    public void Complete_IoError_CountsUnreadable()
    {
        var lines = Render(new FileValidationResult("gone.xml", null, [], "Permission denied"));

        Assert.Equal("gone.xml: error: cannot read the file: Permission denied", lines[0]);
        Assert.Equal("1 file: 0 valid, 0 invalid, 1 unreadable; 0 errors, 0 warnings.", lines[^1]);
    }
}
