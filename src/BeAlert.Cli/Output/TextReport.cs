using System.Globalization;
using BeAlert.Cli.Validation;

namespace BeAlert.Cli.Output;

/// <summary>
/// Writes one line per diagnostic, in the form compilers use so editors can jump to it:
/// <c>alerts/a.xml(3,5): error CAP0303 /alert/scope: message</c>, then one summary line.
/// </summary>
/// <param name="output">The destination.</param>
internal sealed class TextReport(TextWriter output) : IValidationReport
{
    private readonly TextWriter _output = output;

    /// <inheritdoc />
    public void WriteFile(FileValidationResult result)
    {
        if (result.IoError is not null)
        {
            _output.WriteLine($"{result.Path}: error: cannot read the file: {result.IoError}");
            return;
        }

        foreach (var d in result.Diagnostics)
        {
            var where = d.Line > 0
                ? string.Create(CultureInfo.InvariantCulture, $"{result.Path}({d.Line},{d.Column})")
                : result.Path;
            _output.WriteLine($"{where}: {JsonReport.SeverityText(d.Severity)} {d.Code} {d.Path}: {d.Message}");
        }
    }

    /// <inheritdoc />
    public void Complete(ValidationSummary summary)
    {
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"{summary.Files} {Plural(summary.Files, "file")}: {summary.Valid} valid, {summary.Invalid} invalid");
        if (summary.Unreadable > 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $", {summary.Unreadable} unreadable");
        }

        text += string.Create(
            CultureInfo.InvariantCulture,
            $"; {summary.Errors} {Plural(summary.Errors, "error")}, {summary.Warnings} {Plural(summary.Warnings, "warning")}.");
        _output.WriteLine(text);
        _output.Flush();
    }

    private static string Plural(int count, string word) => count == 1 ? word : word + "s";
}
