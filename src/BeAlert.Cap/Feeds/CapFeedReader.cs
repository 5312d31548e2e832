using System.Buffers;
using System.Xml;

namespace BeAlert.Cap;

/// <summary>
/// Reads feeds and envelopes that carry CAP alerts from other issuers: Atom 1.0 and RSS 2.0 index feeds (entries with
/// links to CAP messages, CAP index fields, embedded alerts) and OASIS EDXL-DE 1.0 envelopes (alerts in
/// <c>contentObject/xmlContent/embeddedXMLContent</c>). Every embedded alert is read with the options'
/// <see cref="CapParser"/> and checked with its <see cref="CapValidator"/>; their diagnostics come back with paths rooted
/// in the feed and lines and columns in the feed's text. Hardened like <see cref="CapParser"/>: no DTD, no resolver,
/// limits on size, depth and counts. Thread-safe.
/// </summary>
public sealed class CapFeedReader
{
    private readonly CapFeedReaderOptions _options;
    private readonly XmlReaderSettings _settings;

    /// <summary>Creates a reader.</summary>
    /// <param name="options">The options (copied); <see langword="null"/> for the safe defaults.</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public CapFeedReader(CapFeedReaderOptions? options = null)
    {
        options?.Validate();
        _options = options is null ? CapFeedReaderOptions.Default : new CapFeedReaderOptions
        {
            MaxDocumentBytes = options.MaxDocumentBytes,
            MaxDepth = options.MaxDepth,
            MaxEntries = options.MaxEntries,
            MaxElementsPerEntry = options.MaxElementsPerEntry,
            Parser = options.Parser,
            Validator = options.Validator,
        };
        _settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersFromEntities = 1024,
            MaxCharactersInDocument = _options.MaxDocumentBytes,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = false,
            CloseInput = false,
            CheckCharacters = true,
            ValidationType = ValidationType.None,
        };
    }

    /// <summary>A reader with the default limits, a strict parser and the CAP 1.2 validator.</summary>
    public static CapFeedReader Default { get; } = new();

    /// <summary>Reads a feed or envelope from a stream (read to its end, not disposed).</summary>
    /// <param name="stream">The document bytes; the encoding comes from the byte order mark or the XML declaration.</param>
    /// <returns>The feed, its entries and every diagnostic.</returns>
    /// <exception cref="CapParseException">The input is not well-formed XML, declares a DTD, is not an Atom feed, RSS 2.0
    /// or EDXL-DE 1.0 document (CAP1201), or exceeds a limit.</exception>
    public CapFeed Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var (buffer, length) = CapBoundedStream.ReadAll(stream, _options.MaxDocumentBytes);
        if (buffer is null)
        {
            throw TooLarge();
        }

        try
        {
            return Read(FeedText.Decode(buffer.AsSpan(0, length)), checkSize: false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads a feed or envelope from bytes.</summary>
    /// <param name="bytes">The document bytes.</param>
    /// <returns>The feed.</returns>
    /// <exception cref="CapParseException">The input is not a readable feed or envelope, or exceeds a limit.</exception>
    public CapFeed Read(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.LongLength > _options.MaxDocumentBytes)
        {
            throw TooLarge();
        }

        return Read(FeedText.Decode(bytes), checkSize: false);
    }

    /// <summary>Reads a feed or envelope from XML text (its declared encoding, if any, is ignored).</summary>
    /// <param name="xml">The document text.</param>
    /// <returns>The feed.</returns>
    /// <exception cref="CapParseException">The input is not a readable feed or envelope, or exceeds a limit.</exception>
    public CapFeed Read(string xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        return Read(xml.Length > 0 && xml[0] == '\uFEFF' ? xml[1..] : xml, checkSize: true);
    }

    /// <summary>Reads a feed or envelope from a stream without throwing for bad input.</summary>
    /// <param name="stream">The document bytes.</param>
    /// <param name="feed">The feed, when it could be read.</param>
    /// <param name="error">Why it could not be read, otherwise.</param>
    /// <returns>Whether the feed could be read (it may still carry error diagnostics).</returns>
    public bool TryRead(Stream stream, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CapFeed? feed, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out CapParseException? error)
    {
        try
        {
            feed = Read(stream);
            error = null;
            return true;
        }
        catch (CapParseException e)
        {
            feed = null;
            error = e;
            return false;
        }
    }

    private CapFeed Read(string text, bool checkSize)
    {
        if (checkSize && (text.Length > _options.MaxDocumentBytes || System.Text.Encoding.UTF8.GetByteCount(text) > _options.MaxDocumentBytes))
        {
            throw TooLarge();
        }

        return new CapFeedReaderSession(_options, _settings, text).Read();
    }

    private CapParseException TooLarge() => new(
        CapDiagnosticCodes.DocumentTooLarge,
        $"The feed is larger than the limit of {_options.MaxDocumentBytes} bytes (CapFeedReaderOptions.MaxDocumentBytes).",
        "/",
        0,
        0);
}
