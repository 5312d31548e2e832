namespace BeAlert.Cap;

/// <summary>
/// Reads CAP 1.2, 1.1 and 1.0 documents into the <see cref="CapAlert"/> model with a streaming, hardened
/// <see cref="System.Xml.XmlReader"/>: no DTD, no external resolution, limits on size, depth and counts.
/// Thread-safe: one instance can serve any number of concurrent parses.
/// </summary>
public sealed class CapParser
{
    private readonly CapParserOptions _options;
    private readonly System.Xml.XmlReaderSettings _settings;

    /// <summary>Creates a parser.</summary>
    /// <param name="options">The options (copied); <see langword="null"/> for the safe strict defaults.</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public CapParser(CapParserOptions? options = null)
    {
        options?.Validate();
        _options = options is null ? CapParserOptions.Default : new CapParserOptions
        {
            Mode = options.Mode,
            MaxDocumentBytes = options.MaxDocumentBytes,
            MaxDepth = options.MaxDepth,
            MaxInfoBlocks = options.MaxInfoBlocks,
            MaxAreasPerInfo = options.MaxAreasPerInfo,
            MaxResourcesPerInfo = options.MaxResourcesPerInfo,
            MaxPolygonPoints = options.MaxPolygonPoints,
            MaxRepeatedElements = options.MaxRepeatedElements,
            MaxValueLength = options.MaxValueLength,
        };
        _settings = CapReaderSession.CreateSettings(_options);
    }

    /// <summary>A strict parser with the default limits.</summary>
    public static CapParser Default { get; } = new();

    /// <summary>A lenient parser with the default limits.</summary>
    public static CapParser Lenient { get; } = new(new CapParserOptions { Mode = CapParseMode.Lenient });

    /// <summary>The options in effect.</summary>
    public CapParseMode Mode => _options.Mode;

    /// <summary>The depth limit in effect (<see cref="CapParserOptions.MaxDepth"/>).</summary>
    internal int MaxDepth => _options.MaxDepth;

    /// <summary>Reads a CAP document from a stream (which is read to its end, not disposed).</summary>
    /// <param name="stream">The document bytes; the encoding is detected from the BOM and XML declaration.</param>
    /// <returns>The document: alert, version and reading diagnostics.</returns>
    /// <exception cref="CapParseException">The input is not a readable CAP alert or exceeds a limit.</exception>
    public CapDocument Parse(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return CapReaderSession.Read(_options, _settings, stream);
    }

    /// <summary>Reads a CAP document from bytes.</summary>
    /// <param name="bytes">The document bytes.</param>
    /// <returns>The document.</returns>
    /// <exception cref="CapParseException">The input is not a readable CAP alert or exceeds a limit.</exception>
    public CapDocument Parse(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return CapReaderSession.Read(_options, _settings, bytes);
    }

    /// <summary>Reads a CAP document from XML text.</summary>
    /// <param name="xml">The document text.</param>
    /// <returns>The document.</returns>
    /// <exception cref="CapParseException">The input is not a readable CAP alert or exceeds a limit.</exception>
    public CapDocument Parse(string xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        return CapReaderSession.Read(_options, _settings, xml);
    }

    /// <summary>Reads a CAP document from a stream without throwing for bad input.</summary>
    /// <param name="stream">The document bytes.</param>
    /// <param name="document">The document, when it could be read.</param>
    /// <param name="error">Why it could not be read, otherwise.</param>
    /// <returns>Whether the document could be read (it may still carry error diagnostics).</returns>
    public bool TryParse(Stream stream, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CapDocument? document, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out CapParseException? error)
    {
        try
        {
            document = Parse(stream);
            error = null;
            return true;
        }
        catch (CapParseException e)
        {
            document = null;
            error = e;
            return false;
        }
    }

    /// <summary>Reads a CAP document from XML text without throwing for bad input.</summary>
    /// <param name="xml">The document text.</param>
    /// <param name="document">The document, when it could be read.</param>
    /// <param name="error">Why it could not be read, otherwise.</param>
    /// <returns>Whether the document could be read (it may still carry error diagnostics).</returns>
    public bool TryParse(string xml, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CapDocument? document, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out CapParseException? error)
    {
        try
        {
            document = Parse(xml);
            error = null;
            return true;
        }
        catch (CapParseException e)
        {
            document = null;
            error = e;
            return false;
        }
    }
}
