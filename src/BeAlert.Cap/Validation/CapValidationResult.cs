namespace BeAlert.Cap;

/// <summary>The outcome of validating one alert: every diagnostic found, in document order.</summary>
public sealed class CapValidationResult
{
    internal CapValidationResult(IReadOnlyList<CapDiagnostic> diagnostics) => Diagnostics = diagnostics;

    /// <summary>Every diagnostic, errors, warnings and infos alike.</summary>
    public IReadOnlyList<CapDiagnostic> Diagnostics { get; }

    /// <summary>Whether the alert is valid: no diagnostic of severity error.</summary>
    public bool IsValid => !Diagnostics.Any(d => d.IsError);

    /// <summary>The diagnostics of severity error.</summary>
    public IEnumerable<CapDiagnostic> Errors => Diagnostics.Where(d => d.Severity == CapDiagnosticSeverity.Error);

    /// <summary>The diagnostics of severity warning.</summary>
    public IEnumerable<CapDiagnostic> Warnings => Diagnostics.Where(d => d.Severity == CapDiagnosticSeverity.Warning);
}
