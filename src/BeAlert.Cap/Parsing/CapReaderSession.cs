using System.Buffers;
using System.Text;
using System.Xml;

namespace BeAlert.Cap;

/// <summary>
/// One parse of one document: a hardened <see cref="XmlReader"/>, the limits, the diagnostics, the element path and
/// the source map. The reader is pulled node by node; every element start passes the depth limit, every value the
/// length limit, every repeated element the count limits, so that hostile input ends in bounded time and memory.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The reader is created and disposed within ReadDocument's using block.")]
internal sealed partial class CapReaderSession
{
    private const string XmlnsNamespace = "http://www.w3.org/2000/xmlns/";
    private const string XsiNamespace = "http://www.w3.org/2001/XMLSchema-instance";
    private const int MaxDiagnostics = 10_000;

    // One session per thread is kept and reset for the next parse: its frames, lists and buffers are reused, so a
    // parse allocates little more than the model it returns.
    [ThreadStatic]
    private static CapReaderSession? t_cached;

    private readonly List<CapDiagnostic> _diagnostics = [];
    private readonly CapCharBuffer _chars = new();
    private readonly CapValueCache _values = new();
    private readonly List<(string Field, int Line, int Column)> _pending = new(32);
    private readonly List<(string Name, int Index)> _path = [];
    private CapParserOptions _options;
    private XmlReaderSettings _settings;
    private bool _lenient;
    private CapSourceMap _map = new();
    private CapXmlReader _reader = null!;

    // The UTF-8 reader is kept with the session and reset for each document: its arrays are not made per parse.
    private CapUtf8XmlReader? _utf8;

    // The current reader when it is the UTF-8 one (its text-only fast path), otherwise null.
    private CapUtf8XmlReader? _plain;
    private string _ns = CapAlert.Namespace12;
    private CapVersion _version = CapVersion.Cap12;
    private string? _signatureXml;
    private int _errors;

    // The start tag of the value element just read, until the reader moves to the next child.
    private (int Line, int Column)? _valueStart;

    // A value child NextChild read whole (TryReadChild): its text range and its start tag's position, until
    // ReadValueCore takes it. Meanwhile Position() is that start tag's, as if the reader were still on it.
    private (int TextStart, int TextEnd, (int Line, int Column) Start)? _prefetched;

    private CapReaderSession(CapParserOptions options, XmlReaderSettings settings)
    {
        _options = options;
        _settings = settings;
        _lenient = options.Mode == CapParseMode.Lenient;
    }

    /// <summary>Reads one document from a stream with this thread's session.</summary>
    internal static CapDocument Read(CapParserOptions options, XmlReaderSettings settings, Stream stream)
    {
        var session = Rent(options, settings);
        try
        {
            return session.Read(stream);
        }
        finally
        {
            session.Return();
        }
    }

    /// <summary>Reads one document from bytes with this thread's session (the array is read in place, not copied).</summary>
    internal static CapDocument Read(CapParserOptions options, XmlReaderSettings settings, byte[] bytes)
    {
        var session = Rent(options, settings);
        try
        {
            return session.Read(bytes);
        }
        finally
        {
            session.Return();
        }
    }

    /// <summary>Reads one document from text with this thread's session.</summary>
    internal static CapDocument Read(CapParserOptions options, XmlReaderSettings settings, string xml)
    {
        var session = Rent(options, settings);
        try
        {
            return session.Read(xml);
        }
        finally
        {
            session.Return();
        }
    }

    private static CapReaderSession Rent(CapParserOptions options, XmlReaderSettings settings)
    {
        var session = t_cached;
        if (session is null)
        {
            return new CapReaderSession(options, settings);
        }

        t_cached = null;
        session._options = options;
        session._settings = settings;
        session._lenient = options.Mode == CapParseMode.Lenient;
        return session;
    }

    /// <summary>Clears everything one parse left behind and keeps the session for the thread's next parse.</summary>
    private void Return()
    {
        _diagnostics.Clear();
        _chars.Dispose();
        _pending.Clear();
        _path.Clear();
        _openFrames = 0;
        _map = new CapSourceMap();
        _reader = null!;
        _plain = null;
        _ns = CapAlert.Namespace12;
        _version = CapVersion.Cap12;
        _signatureXml = null;
        _errors = 0;
        _valueStart = null;
        _prefetched = null;
        _utf8?.Release();
        if (_utf8 is { IsWorthKeeping: false })
        {
            _utf8 = null;
        }

        if (_diagnostics.Capacity > 256 || _pending.Capacity > 1024 || _path.Capacity > 256)
        {
            return;
        }

        t_cached = this;
    }

    internal static XmlReaderSettings CreateSettings(CapParserOptions options) => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 1024,
        MaxCharactersInDocument = options.MaxDocumentBytes,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = false,
        CloseInput = false,
        CheckCharacters = true,
        ValidationType = ValidationType.None,
    };

    private CapDocument Read(Stream stream)
    {
        var (buffer, length) = CapBoundedStream.ReadAll(stream, _options.MaxDocumentBytes);
        if (buffer is null)
        {
            throw TooLarge();
        }

        try
        {
            return ReadBytes(buffer, length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private CapDocument Read(byte[] bytes) => bytes.Length > _options.MaxDocumentBytes ? throw TooLarge() : ReadBytes(bytes, bytes.Length);

    /// <summary>Reads the document held by the first <paramref name="length"/> bytes of <paramref name="buffer"/>.</summary>
    private CapDocument ReadBytes(byte[] buffer, int length)
    {
        if (CapUtf8XmlReader.CanRead(buffer.AsSpan(0, length)))
        {
            return ReadDocument(Utf8Reader(buffer.AsMemory(0, length), checkDeclaredEncoding: true), buffer, length, text: null);
        }

        using var memory = new MemoryStream(buffer, 0, length, writable: false);
        return ReadDocument(memory, buffer, length, text: null);
    }

    private CapDocument Read(string xml)
    {
        var byteCount = xml.Length > _options.MaxDocumentBytes ? long.MaxValue : Encoding.UTF8.GetByteCount(xml);
        if (byteCount > _options.MaxDocumentBytes)
        {
            throw TooLarge();
        }

        // Strings take the UTF-8 reader too (its declared encoding means nothing for text), unless they hold a lone
        // surrogate, which UTF-8 cannot carry: XmlReader reports that one.
        if (xml.Length > 0 && xml[0] != '\uFEFF')
        {
            var buffer = ArrayPool<byte>.Shared.Rent((int)byteCount);
            try
            {
                if (System.Text.Unicode.Utf8.FromUtf16(xml, buffer, out _, out var written, replaceInvalidSequences: false) == OperationStatus.Done
                    && CapUtf8XmlReader.CanRead(buffer.AsSpan(0, written)))
                {
                    return ReadDocument(Utf8Reader(buffer.AsMemory(0, written), checkDeclaredEncoding: false), bytes: null, 0, xml);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        using var text = new StringReader(xml);
        return ReadDocument(text, bytes: null, 0, xml);
    }

    private CapUtf8XmlReader Utf8Reader(ReadOnlyMemory<byte> document, bool checkDeclaredEncoding)
    {
        if (_utf8 is null)
        {
            _utf8 = new CapUtf8XmlReader(document, checkDeclaredEncoding);
        }
        else
        {
            _utf8.Reset(document, checkDeclaredEncoding);
        }

        _utf8.Values = _values;
        return _utf8;
    }

    /// <summary>Reads the whole stream into a pooled buffer, failing as soon as it passes the size limit.</summary>
    private CapParseException TooLarge() => new(
        CapDiagnosticCodes.DocumentTooLarge,
        $"The document is larger than the limit of {_options.MaxDocumentBytes} bytes (CapParserOptions.MaxDocumentBytes).",
        "/",
        0,
        0);

    /// <summary>Reads the document from <paramref name="input"/>; the source bytes of a signed alert are kept from
    /// <paramref name="bytes"/> (its first <paramref name="length"/>) or, for text, from <paramref name="text"/>.</summary>
    private CapDocument ReadDocument(object input, byte[]? bytes, int length, string? text)
    {
        try
        {
            // The session's UTF-8 reader is reused (Return releases it); an XmlReader adapter is disposed here.
            using (var owned = input switch
            {
                CapXmlReader => null,
                Stream stream => new CapXmlReaderAdapter(XmlReader.Create(stream, _settings)),
                _ => new CapXmlReaderAdapter(XmlReader.Create((TextReader)input, _settings)),
            })
            {
                _reader = owned ?? (CapXmlReader)input;
                _plain = _reader as CapUtf8XmlReader;
                MoveToRootElement();
                var alert = ReadAlert();

                // Trailing content must still be well-formed (a second root, stray text or a truncated comment fails here).
                while (Next())
                {
                }

                if (_signatureXml is not null)
                {
                    CapSignedSource.Remember(alert, text is null ? bytes.AsSpan(0, length).ToArray() : Encoding.UTF8.GetBytes(text));
                }

                _map.Freeze();
                return new CapDocument(alert, _version, _diagnostics.Count == 0 ? [] : _diagnostics.ToArray(), _map);
            }
        }
        catch (CapParseException)
        {
            throw;
        }
        catch (CapXmlException e)
        {
            throw FromXmlException(e);
        }
        catch (XmlException e)
        {
            // XmlReader.Create itself may throw (for example on an unknown encoding) before the adapter wraps it.
            throw FromXmlException(CapXmlReaderAdapter.Translate(e, 0, 0));
        }
        catch (Exception e) when (e is DecoderFallbackException or ArgumentException or NotSupportedException or InvalidOperationException
            or IOException or OverflowException or FormatException or InvalidCastException)
        {
            var code = e is DecoderFallbackException or NotSupportedException ? CapDiagnosticCodes.EncodingError : CapDiagnosticCodes.NotWellFormed;
            var (line, column) = Position();
            throw new CapParseException(code, "The document could not be read: " + e.Message, CurrentPath(), line, column, e);
        }
    }

    private CapParseException FromXmlException(CapXmlException e)
    {
        var reason = e.Code switch
        {
            CapDiagnosticCodes.DtdProhibited => "The document declares a DTD. CAP documents never need one, and DTDs enable external entity (XXE) and entity expansion attacks, so they are refused.",
            CapDiagnosticCodes.EncodingError => "The bytes do not match the document's character encoding: " + e.Message,
            CapDiagnosticCodes.DocumentTooLarge => $"The document is larger than the limit of {_options.MaxDocumentBytes} characters (CapParserOptions.MaxDocumentBytes).",
            _ => "The document is not well-formed XML: " + e.Message,
        };
        var (line, column) = e.Line > 0 ? (e.Line, e.Column) : Position();
        return new CapParseException(e.Code, reason, CurrentPath(), line, column, e);
    }


    /// <summary>Reads the next node, enforcing the depth limit on elements.</summary>
    private bool Next()
    {
        if (!_reader.Read())
        {
            return false;
        }

        if (_reader.NodeType == CapXmlNodeType.Element && _reader.Depth >= _options.MaxDepth)
        {
            var (line, column) = Position();
            throw new CapParseException(
                CapDiagnosticCodes.NestingTooDeep,
                $"Elements are nested deeper than the limit of {_options.MaxDepth} (CapParserOptions.MaxDepth).",
                CurrentPath(),
                line,
                column);
        }

        return true;
    }

    private CapXmlException UnexpectedEnd()
    {
        var (line, column) = Position();
        return new CapXmlException(CapDiagnosticCodes.NotWellFormed, "The document ends before its elements are closed.", line, column);
    }

    private void MoveToRootElement()
    {
        while (Next())
        {
            if (_reader.NodeType == CapXmlNodeType.Element)
            {
                var ns = _reader.NamespaceUri;
                (_version, var known) = ns switch
                {
                    CapAlert.Namespace12 => (CapVersion.Cap12, true),
                    CapAlert.Namespace11 => (CapVersion.Cap11, true),
                    CapAlert.Namespace10 => (CapVersion.Cap10, true),
                    _ => (CapVersion.Cap12, false),
                };
                if (!known || _reader.LocalName != "alert")
                {
                    var (line, column) = Position();
                    var found = ns.Length == 0 ? $"<{_reader.LocalName}> in no namespace" : $"<{_reader.LocalName}> in namespace '{ns}'";
                    throw new CapParseException(
                        CapDiagnosticCodes.NotCapAlert,
                        $"The root element is {found}; a CAP document is an <alert> in namespace '{CapAlert.Namespace12}' (or the CAP 1.1/1.0 namespaces).",
                        "/" + _reader.LocalName,
                        line,
                        column);
                }

                _ns = ns;
                if (_version != CapVersion.Cap12)
                {
                    Report(CapDiagnosticCodes.OlderCapVersion, $"This is a CAP {VersionText(_version)} document; it was read into the CAP 1.2 model and is written back as CAP 1.2.");
                }

                return;
            }

            if (_reader.NodeType == CapXmlNodeType.Text)
            {
                var (line, column) = Position();
                throw new CapParseException(CapDiagnosticCodes.NotWellFormed, "Text before the root element: this is not an XML document.", "/", line, column);
            }
        }

        throw new CapParseException(CapDiagnosticCodes.NotWellFormed, "The document is empty: there is no root element.", "/", 0, 0);
    }

    internal static string VersionText(CapVersion version) => version switch
    {
        CapVersion.Cap10 => "1.0",
        CapVersion.Cap11 => "1.1",
        _ => "1.2",
    };

    /// <summary>The reader's line and column (for tags, the column of the '&lt;').</summary>
    private (int Line, int Column) Position() => _prefetched is { } prefetched ? prefetched.Start
        : _plain is { } plain ? plain.Position
        : _reader is null ? (0, 0) : (_reader.LineNumber, _reader.LinePosition);

    private string CurrentPath()
    {
        if (_path.Count == 0)
        {
            return "/";
        }

        var builder = new StringBuilder();
        foreach (var (name, index) in _path)
        {
            builder.Append('/').Append(name);
            if (index > 0)
            {
                builder.Append('[').Append(index).Append(']');
            }
        }

        return builder.ToString();
    }

    /// <summary>Adds a diagnostic at the current reader position and path, with the catalogue's severity.</summary>
    /// <summary>
    /// Reports at the current path; a problem with a value just read (a bad date, an unknown coded value) is placed on
    /// the value's start tag, not on the end tag the reader has moved to.
    /// </summary>
    private void Report(string code, string message) => Report(code, message, CurrentPath(), _valueStart ?? Position());

    private void Report(string code, string message, string path, (int Line, int Column) position)
    {
        if (_diagnostics.Count >= MaxDiagnostics)
        {
            throw new CapParseException(
                CapDiagnosticCodes.TooManyElements,
                $"More than {MaxDiagnostics} problems; reading stopped.",
                path,
                position.Line,
                position.Column);
        }

        var severity = CapRuleCatalog.Get(code).Severity;
        if (severity == CapDiagnosticSeverity.Error)
        {
            _errors++;
        }

        _diagnostics.Add(new CapDiagnostic(code, severity, message, path, position.Line, position.Column));
    }

    private CapParseException LimitExceeded(string what, long limit, string option)
    {
        var (line, column) = Position();
        return new CapParseException(
            CapDiagnosticCodes.TooManyElements,
            $"More than {limit} {what} (CapParserOptions.{option}).",
            CurrentPath(),
            line,
            column);
    }
}
