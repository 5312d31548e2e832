namespace BeAlert.Cap;

/// <summary>How serious a <see cref="CapDiagnostic"/> is.</summary>
public enum CapDiagnosticSeverity
{
    /// <summary>A remark: the document is valid, but a reader may want to know (for example a deprecated form).</summary>
    Info,
    /// <summary>The document is valid but breaks a recommendation ("SHOULD") or was repaired in lenient mode.</summary>
    Warning,
    /// <summary>The document breaks the XSD or a normative ("MUST") rule and is not valid CAP.</summary>
    Error,
}
