using BeAlert.Cap;

namespace BeAlert.Cli.Validation;

/// <summary>The outcome for one input file.</summary>
/// <param name="Path">The path as shown to the user (as given, or below the directory given).</param>
/// <param name="Version">The CAP version read, or <see langword="null"/> when the document could not be read.</param>
/// <param name="Diagnostics">Every diagnostic, reading and rules together; an unreadable document has exactly one error.</param>
/// <param name="IoError">Why the file could not be opened or read, or <see langword="null"/>.</param>
internal sealed record FileValidationResult(string Path, CapVersion? Version, IReadOnlyList<CapDiagnostic> Diagnostics, string? IoError = null)
{
    /// <summary>Whether the file was read and has no diagnostic of severity error.</summary>
    public bool IsValid => IoError is null && !Diagnostics.Any(d => d.IsError);

    /// <summary>The number of diagnostics of severity error.</summary>
    public int ErrorCount => Diagnostics.Count(d => d.Severity == CapDiagnosticSeverity.Error);

    /// <summary>The number of diagnostics of severity warning.</summary>
    public int WarningCount => Diagnostics.Count(d => d.Severity == CapDiagnosticSeverity.Warning);
}
