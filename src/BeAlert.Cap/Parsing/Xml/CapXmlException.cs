namespace BeAlert.Cap;

/// <summary>
/// Thrown by a <see cref="CapXmlReader"/> when the input is not well-formed XML, declares a DTD, or has bytes that
/// do not match its encoding. The parser turns it into a <see cref="CapParseException"/> with the element path.
/// </summary>
internal sealed class CapXmlException : Exception
{
    internal CapXmlException(string code, string reason, int line, int column, Exception? inner = null)
        : base(reason, inner)
    {
        Code = code;
        Line = line;
        Column = column;
    }

    public CapXmlException()
        : this(CapDiagnosticCodes.NotWellFormed, "The document is not well-formed XML.", 0, 0)
    {
    }

    public CapXmlException(string message)
        : this(CapDiagnosticCodes.NotWellFormed, message, 0, 0)
    {
    }

    public CapXmlException(string message, Exception innerException)
        : this(CapDiagnosticCodes.NotWellFormed, message, 0, 0, innerException)
    {
    }

    /// <summary>CAP0001 (not well-formed), CAP0002 (DTD) or CAP0007 (encoding).</summary>
    internal string Code { get; }

    internal int Line { get; }

    internal int Column { get; }
}
