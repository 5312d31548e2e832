namespace BeAlert.Cap;

/// <summary>
/// The result of reading one CAP document: the alert, the CAP version it was written in, and the diagnostics
/// found while reading (XSD structure and data types, deprecated features, lenient repairs). Pass it to
/// <see cref="CapValidator"/> for the normative rules, with source lines and columns.
/// </summary>
public sealed class CapDocument
{
    internal CapDocument(CapAlert alert, CapVersion version, IReadOnlyList<CapDiagnostic> diagnostics, CapSourceMap sourceMap)
    {
        Alert = alert;
        Version = version;
        Diagnostics = diagnostics;
        SourceMap = sourceMap;
    }

    /// <summary>
    /// The alert. When <see cref="HasErrors"/> is <see langword="true"/> this is a best-effort reading: values that
    /// could not be read hold their defaults and the diagnostics say which.
    /// </summary>
    public CapAlert Alert { get; }

    /// <summary>The CAP version of the document (its namespace).</summary>
    public CapVersion Version { get; }

    /// <summary>The diagnostics found while reading, in document order.</summary>
    public IReadOnlyList<CapDiagnostic> Diagnostics { get; }

    /// <summary>Whether reading found any error.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.IsError);

    internal CapSourceMap SourceMap { get; }
}
