namespace BeAlert.Cap;

/// <summary>
/// One finding about a CAP document: a stable rule code (<c>CAP0303</c>, see <see cref="CapDiagnosticCodes"/>),
/// a severity, a message a person can act on, and where: an element path such as
/// <c>/alert/info[1]/area[2]/polygon[1]</c> plus the line and column in the source (0 when unknown).
/// </summary>
/// <param name="Code">The stable rule code.</param>
/// <param name="Severity">The severity.</param>
/// <param name="Message">What is wrong and how to fix it.</param>
/// <param name="Path">The element path, rooted at <c>/alert</c>.</param>
/// <param name="Line">The 1-based source line, or 0 when the alert was not read from text.</param>
/// <param name="Column">The 1-based source column, or 0 when unknown.</param>
public sealed record CapDiagnostic(string Code, CapDiagnosticSeverity Severity, string Message, string Path, int Line = 0, int Column = 0)
{
    /// <summary>Whether this diagnostic makes the document invalid.</summary>
    public bool IsError => Severity == CapDiagnosticSeverity.Error;

    /// <inheritdoc />
    public override string ToString()
    {
        var where = Line > 0 ? $"({Line},{Column}) " : string.Empty;
        return $"{where}{Severity.ToString().ToLowerInvariant()} {Code} {Path}: {Message}";
    }
}
