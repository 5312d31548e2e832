namespace BeAlert.Cap;

/// <summary>
/// Thrown when a document cannot be read as CAP at all: it is not well-formed XML, declares a DTD, is not a CAP
/// <c>alert</c>, or exceeds a limit of <see cref="CapParserOptions"/>. Rule violations never throw; they are
/// <see cref="CapDiagnostic"/> values. No other exception type escapes the parser for bad input.
/// </summary>
public sealed class CapParseException : Exception
{
    /// <summary>Creates an exception for an unreadable document.</summary>
    /// <param name="code">The stable code (CAP00xx, see <see cref="CapDiagnosticCodes"/>).</param>
    /// <param name="reason">What went wrong, without the location.</param>
    /// <param name="path">The element path where reading stopped (<c>/</c> before the root element).</param>
    /// <param name="line">The 1-based line, or 0 when unknown.</param>
    /// <param name="column">The 1-based column, or 0 when unknown.</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    public CapParseException(string code, string reason, string path, int line, int column, Exception? innerException = null)
        : base(FormatMessage(code, reason, path, line, column), innerException)
    {
        Code = code;
        Reason = reason;
        Path = path;
        Line = line;
        Column = column;
    }

    /// <summary>Creates an exception with a message only (code <see cref="CapDiagnosticCodes.NotWellFormed"/>).</summary>
    public CapParseException()
        : this(CapDiagnosticCodes.NotWellFormed, "The document could not be read.", "/", 0, 0)
    {
    }

    /// <summary>Creates an exception with a message only (code <see cref="CapDiagnosticCodes.NotWellFormed"/>).</summary>
    /// <param name="message">What went wrong.</param>
    public CapParseException(string message)
        : this(CapDiagnosticCodes.NotWellFormed, message, "/", 0, 0)
    {
    }

    /// <summary>Creates an exception with a message and cause (code <see cref="CapDiagnosticCodes.NotWellFormed"/>).</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public CapParseException(string message, Exception? innerException)
        : this(CapDiagnosticCodes.NotWellFormed, message, "/", 0, 0, innerException)
    {
    }

    /// <summary>The stable code of the failure (CAP00xx).</summary>
    public string Code { get; }

    /// <summary>What went wrong, without the location.</summary>
    public string Reason { get; }

    /// <summary>The element path where reading stopped.</summary>
    public string Path { get; }

    /// <summary>The 1-based line, or 0 when unknown.</summary>
    public int Line { get; }

    /// <summary>The 1-based column, or 0 when unknown.</summary>
    public int Column { get; }

    /// <summary>The failure as a diagnostic (severity error), for reports that list every problem alike.</summary>
    /// <returns>The diagnostic.</returns>
    public CapDiagnostic ToDiagnostic() => new(Code, CapDiagnosticSeverity.Error, Reason, Path, Line, Column);

    private static string FormatMessage(string code, string reason, string path, int line, int column) =>
        line > 0 ? $"{code} at line {line}, column {column} ({path}): {reason}" : $"{code} at {path}: {reason}";
}
