using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;
using System.Text.Unicode;

namespace BeAlert.Cap;

/// <summary>
/// A strict, non-validating XML 1.0 (fifth edition) + Namespaces pull reader over a UTF-8 document held in memory.
/// It checks everything well-formedness asks of a document without a DTD (a DOCTYPE is refused as CAP0002), reports
/// the same nodes as <see cref="CapXmlReaderAdapter"/> and allocates only the strings it is asked for: names and
/// namespace URIs come from <see cref="CapXmlNameTable"/>, text is decoded straight from the bytes.
/// </summary>
/// <remarks>
/// Two checks run over the whole input up front, vectorised: UTF-8 validity (CAP0007) and characters XML forbids
/// (C0 controls other than TAB, LF and CR; U+FFFE and U+FFFF; CAP0001). The first offending byte becomes the end of
/// what the tokenizer may read: reaching it raises that error, so an earlier well-formedness error is reported first,
/// in document order, and the tokenizer itself never meets a bad character. Nothing recurses: open elements are an
/// array, namespace bindings a stack with a prefix index, so deep or wide input costs linear time.
/// <para>Deliberate differences from XmlReader: <see cref="ReadOuterXml"/> returns the element's exact source text
/// (XmlReader re-serialises it); a version other than 1.0 in the XML declaration is accepted as XML 1.0 requires
/// (VersionNum is '1.' [0-9]+); the declared encoding is checked only to be UTF-8 or US-ASCII.</para>
/// </remarks>
internal sealed class CapUtf8XmlReader : CapXmlReader
{
    internal const string XmlnsNamespace = "http://www.w3.org/2000/xmlns/";
    internal const string XmlNamespace = "http://www.w3.org/XML/1998/namespace";

    private const int NoBinding = -1;
    private const int XmlBinding = -2;

    private static readonly SearchValues<byte> Whitespace = SearchValues.Create(" \t\r\n"u8);
    private static readonly SearchValues<byte> AsciiNameChars = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.:"u8);
    private static readonly SearchValues<byte> TextSpecials = SearchValues.Create("&]"u8);
    private static readonly SearchValues<byte> AttributeSpecials = SearchValues.Create("&<\r\n\t"u8);
    private static readonly SearchValues<byte> TextDecodeSpecials = SearchValues.Create("&\r"u8);
    private static readonly SearchValues<byte> PlainContentStops = SearchValues.Create("<&]\r"u8);
    private static readonly SearchValues<byte> ForbiddenBytes = SearchValues.Create(
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 0xEF]);

    /// <summary>Bytes that need no up-front check: ASCII characters allowed in XML (tab, line ends, space to DEL).</summary>
    private static readonly SearchValues<byte> CheckedAsciiBytes = SearchValues.Create(
        [(byte)'\t', (byte)'\n', (byte)'\r', .. Enumerable.Range(0x20, 0x60).Select(b => (byte)b)]);

    // The document; set by Reset, so that one reader (and its arrays) can serve a thread's parses one after another.
    private byte[] _buffer = [];
    private int _start;
    private int _end;
    private bool _checkDeclaredEncoding;
    private int _limit;
    private string? _limitCode;
    private string? _limitReason;

    private CapXmlNameTable? _names;
    private int _pos;
    private bool _started;
    private bool _rootSeen;
    private bool _rootClosed;
    private bool _finished;
    private bool _pendingPop;

    // The current node.
    private CapXmlNodeType _nodeType;
    private int _depth;
    private bool _isEmpty;
    private string _localName = string.Empty;
    private string _namespace = string.Empty;
    private int _nodeStart;
    private int _textStart;
    private int _textEnd;
    private TextKind _textKind;
    private string? _value;

    // Open elements, the current element's attributes, namespace bindings.
    private Frame[] _frames = new Frame[8];
    private int _frameCount;
    private Attribute[] _attributes = new Attribute[4];
    private int _attributeCount;
    private int _elementBinding;
    private Binding[] _bindings = new Binding[4];
    private int _bindingCount;
    private int _defaultBinding = NoBinding;
    private Dictionary<string, int>? _prefixes;

    // ReadOuterXml: the ancestor bindings the subtree uses.
    private int _collectMark = -1;
    private List<int>? _collected;

    // Line and column cursors (positions are computed on demand, moving forward).
    private int _lineScan;
    private int _line = 1;
    private int _lineStart;
    private int _columnScan;
    private int _column;
    private int _positionOffset = -1;
    private (int Line, int Column) _position;

    /// <summary>Reads a UTF-8 document (a leading UTF-8 BOM is skipped).</summary>
    /// <param name="document">The whole document.</param>
    /// <param name="checkDeclaredEncoding">Whether an encoding in the XML declaration must say UTF-8 or US-ASCII
    /// (<see langword="false"/> when the bytes were encoded from a string, whose declaration means nothing).</param>
    internal CapUtf8XmlReader(ReadOnlyMemory<byte> document, bool checkDeclaredEncoding = true) => Reset(document, checkDeclaredEncoding);

    /// <summary>The arrays a reader keeps between documents are dropped with it past these sizes (a hostile document
    /// may have grown them).</summary>
    internal bool IsWorthKeeping => _frames.Length <= 64 && _attributes.Length <= 64 && _bindings.Length <= 64;

    /// <summary>
    /// Starts over on another document, as a new reader would: every piece of state goes back to its initial value,
    /// only the arrays for open elements, attributes and bindings are kept (cleared of strings by the next use).
    /// </summary>
    /// <param name="document">The whole document.</param>
    /// <param name="checkDeclaredEncoding">As for the constructor.</param>
    internal void Reset(ReadOnlyMemory<byte> document, bool checkDeclaredEncoding = true)
    {
        if (MemoryMarshal.TryGetArray(document, out var segment) && segment.Array is not null)
        {
            _buffer = segment.Array;
            _start = segment.Offset;
            _end = segment.Offset + segment.Count;
        }
        else
        {
            _buffer = document.ToArray();
            _start = 0;
            _end = _buffer.Length;
        }

        if (_end - _start >= 3 && _buffer[_start] == 0xEF && _buffer[_start + 1] == 0xBB && _buffer[_start + 2] == 0xBF)
        {
            _start += 3;
        }

        _checkDeclaredEncoding = checkDeclaredEncoding;
        _limitCode = null;
        _limitReason = null;
        _names = null;
        _started = _rootSeen = _rootClosed = _finished = _pendingPop = false;
        _nodeType = CapXmlNodeType.None;
        _depth = 0;
        _isEmpty = false;
        _localName = string.Empty;
        _namespace = string.Empty;
        _nodeStart = _textStart = _textEnd = 0;
        _textKind = TextKind.Plain;
        _value = null;
        _frameCount = 0;
        _attributeCount = 0;
        _elementBinding = 0;
        _bindingCount = 0;
        _defaultBinding = NoBinding;
        _prefixes?.Clear();
        _collectMark = -1;
        _collected?.Clear();
        _line = 1;
        _column = 0;
        _positionOffset = -1;
        _position = default;
        SkipWhitespaceText = false;
        Values = null;

        _pos = _start;
        _lineScan = _lineStart = _columnScan = _start;
        _limit = _end;
        FindFirstBadByte();
    }

    /// <summary>Lets go of the document (the caller returns its buffer to a pool) and of the strings of the last one.</summary>
    internal void Release()
    {
        _buffer = [];
        _start = _end = _pos = _limit = 0;
        _lineScan = _lineStart = _columnScan = 0;
        _names = null;
        _value = null;
        _localName = _namespace = string.Empty;
        Array.Clear(_frames);
        Array.Clear(_attributes);
        Array.Clear(_bindings);
        _prefixes?.Clear();
        Values = null;
    }

    private enum TextKind : byte
    {
        /// <summary>Raw bytes are the value, but for line ends (a CDATA section, or text without references).</summary>
        Plain,
        /// <summary>Text with references (and maybe line ends) to process.</summary>
        Escaped,
    }

    public override CapXmlNodeType NodeType => _nodeType;

    public override string LocalName => _nodeType is CapXmlNodeType.Element or CapXmlNodeType.EndElement ? _localName : string.Empty;

    public override string NamespaceUri => _nodeType is CapXmlNodeType.Element or CapXmlNodeType.EndElement ? _namespace : string.Empty;

    public override bool IsEmptyElement => _nodeType == CapXmlNodeType.Element && _isEmpty;

    public override int Depth => _depth;

    public override string Value => _nodeType is CapXmlNodeType.Text or CapXmlNodeType.Whitespace ? _value ??= DecodeValue() : string.Empty;

    public override int AttributeCount => _nodeType == CapXmlNodeType.Element ? _attributeCount : 0;

    public override int LineNumber => _nodeType == CapXmlNodeType.None ? 0 : NodePosition().Line;

    public override int LinePosition => _nodeType == CapXmlNodeType.None ? 0 : NodePosition().Column;

    /// <summary><see cref="LineNumber"/> and <see cref="LinePosition"/> in one call, without virtual dispatch.</summary>
    internal (int Line, int Column) Position => _nodeType == CapXmlNodeType.None ? (0, 0) : NodePosition();

    /// <summary>
    /// Whether bytes should be read by this reader: a UTF-8 BOM, or a document starting with '&lt;' or whitespace as
    /// ASCII (not UTF-16 without BOM), whose XML declaration, if any, names no encoding, UTF-8 or US-ASCII.
    /// </summary>
    internal static bool CanRead(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }

        if (bytes.Length < 2 || bytes[1] == 0 || bytes[0] is not ((byte)'<' or (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
        {
            return false;
        }

        if (!bytes.StartsWith("<?xml"u8) || bytes.Length < 6 || !IsWhitespace(bytes[5]))
        {
            return true;
        }

        var declaration = bytes[..Math.Min(bytes.Length, 512)];
        var close = declaration.IndexOf("?>"u8);
        if (close >= 0)
        {
            declaration = declaration[..close];
        }

        var at = declaration.IndexOf("encoding"u8);
        if (at < 0)
        {
            return true;
        }

        var rest = declaration[(at + 8)..].TrimStart(" \t\r\n"u8);
        if (rest.Length == 0 || rest[0] != '=')
        {
            return true;
        }

        rest = rest[1..].TrimStart(" \t\r\n"u8);
        if (rest.Length == 0 || rest[0] is not ((byte)'"' or (byte)'\''))
        {
            return true;
        }

        var end = rest[1..].IndexOf(rest[0]);
        return end < 0 || IsUtf8Name(rest.Slice(1, end));
    }

    public override (string QualifiedName, string NamespaceUri) GetAttribute(int index)
    {
        if ((uint)index >= (uint)AttributeCount)
        {
            throw new ArgumentOutOfRangeException(nameof(index));
        }

        ref readonly var attribute = ref _attributes[index];
        return (Intern(_buffer.AsSpan(attribute.NameStart, attribute.NameLength)), attribute.Namespace);
    }

    public override bool Read()
    {
        if (_pendingPop)
        {
            _pendingPop = false;
            PopFrame();
        }

        _value = null;
        _attributeCount = 0;
        if (_finished)
        {
            return false;
        }

        if (!_started)
        {
            _started = true;
            ReadDeclaration();
        }

        var buffer = _buffer;
        while (true)
        {
            var p = _pos;
            if (p >= _limit)
            {
                return AtEnd(p);
            }

            if (buffer[p] != '<')
            {
                if (SkipWhitespaceText && _frameCount > 0 && SkipIndentation(p))
                {
                    continue;
                }

                ReadText(p);
                return true;
            }

            if (p + 1 >= _limit)
            {
                throw EndOfInput(p + 1);
            }

            switch (buffer[p + 1])
            {
                case (byte)'/':
                    ReadEndTag(p);
                    return true;
                case (byte)'?':
                    SkipProcessingInstruction(p);
                    continue;
                case (byte)'!':
                    if (ReadMarkupDeclaration(p))
                    {
                        return true;
                    }

                    continue;
                default:
                    ReadStartTag(p);
                    return true;
            }
        }
    }

    public override string ReadOuterXml()
    {
        if (_nodeType != CapXmlNodeType.Element)
        {
            throw new InvalidOperationException("ReadOuterXml needs the reader on an element.");
        }

        var start = _nodeStart;
        var nameLength = _frames[_frameCount - 1].NameLength;
        _collectMark = _frames[_frameCount - 1].ScopeCount;
        _collected?.Clear();
        try
        {
            CollectCurrent();
            if (!_isEmpty)
            {
                var depth = _depth;
                while (true)
                {
                    if (!Read())
                    {
                        throw EndOfInput(_pos);
                    }

                    if (_nodeType == CapXmlNodeType.Element)
                    {
                        CollectCurrent();
                    }
                    else if (_nodeType == CapXmlNodeType.EndElement && _depth == depth)
                    {
                        break;
                    }
                }
            }
        }
        finally
        {
            _collectMark = -1;
        }

        var source = _buffer.AsSpan(start, _pos - start);
        if (_collected is not { Count: > 0 } collected)
        {
            return Encoding.UTF8.GetString(source);
        }

        var builder = new StringBuilder(source.Length + 64);
        var head = source[..(1 + nameLength)];
        builder.Append(Encoding.UTF8.GetString(head));
        foreach (var index in collected)
        {
            var binding = _bindings[index];
            builder.Append(binding.Prefix.Length == 0 ? " xmlns=\"" : " xmlns:").Append(binding.Prefix);
            if (binding.Prefix.Length > 0)
            {
                builder.Append("=\"");
            }

            foreach (var c in binding.Uri)
            {
                _ = c switch
                {
                    '&' => builder.Append("&amp;"),
                    '<' => builder.Append("&lt;"),
                    '"' => builder.Append("&quot;"),
                    _ => builder.Append(c),
                };
            }

            builder.Append('"');
        }

        builder.Append(Encoding.UTF8.GetString(source[head.Length..]));
        return builder.ToString();
    }

    // ---- Up-front checks -------------------------------------------------------------------------------------

    /// <summary>Finds the first byte that is not UTF-8 or not an XML character; the tokenizer stops there.</summary>
    private void FindFirstBadByte()
    {
        // An ASCII prefix of allowed characters needs neither check: one pass over it instead of two (all of a
        // document that is ASCII, as most polygons are). The checks start at the first other byte, which starts a
        // UTF-8 sequence since what precedes it is ASCII.
        var skip = _buffer.AsSpan(_start, _end - _start).IndexOfAnyExcept(CheckedAsciiBytes);
        if (skip < 0)
        {
            return;
        }

        var from = _start + skip;
        var span = _buffer.AsSpan(from, _end - from);
        if (!Utf8.IsValid(span))
        {
            var invalid = FirstInvalidUtf8(span);
            SetLimit(from + invalid, CapDiagnosticCodes.EncodingError, "Invalid character in the given encoding (the bytes are not UTF-8).");
        }

        var scan = span[..(_limit - from)];
        var offset = 0;
        while (true)
        {
            var i = scan[offset..].IndexOfAny(ForbiddenBytes);
            if (i < 0)
            {
                return;
            }

            var at = offset + i;
            if (scan[at] != 0xEF)
            {
                SetLimit(from + at, CapDiagnosticCodes.NotWellFormed, $"The character 0x{scan[at]:X2} is not allowed in XML.");
                return;
            }

            // EF BF BE / EF BF BF are U+FFFE / U+FFFF (the input is valid UTF-8 up to the limit).
            if (at + 2 < scan.Length && scan[at + 1] == 0xBF && scan[at + 2] is 0xBE or 0xBF)
            {
                SetLimit(from + at, CapDiagnosticCodes.NotWellFormed, $"The character U+FF{scan[at + 2]:X2} is not allowed in XML.");
                return;
            }

            offset = at + 1;
        }
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> span)
    {
        var offset = 0;
        Span<char> chars = stackalloc char[512];
        while (true)
        {
            var status = Utf8.ToUtf16(span[offset..], chars, out var read, out _, replaceInvalidSequences: false, isFinalBlock: true);
            offset += read;
            if (status != OperationStatus.DestinationTooSmall)
            {
                return offset;
            }
        }
    }

    private void SetLimit(int at, string code, string reason)
    {
        _limit = at;
        _limitCode = code;
        _limitReason = reason;
    }

    // ---- Prolog ----------------------------------------------------------------------------------------------

    private void ReadDeclaration()
    {
        var b = _buffer;
        var p = _start;
        if (_limit - p < 6 || !b.AsSpan(p, 5).SequenceEqual("<?xml"u8) || !IsWhitespace(b[p + 5]))
        {
            return;
        }

        // The declaration is ASCII by its grammar: a byte that is not UTF-8 inside it is a syntax error there.
        if (_limitCode == CapDiagnosticCodes.EncodingError && b.AsSpan(p, _limit - p).IndexOf("?>"u8) < 0)
        {
            throw Error(_limit, "Syntax for an XML declaration is invalid.");
        }

        p += 5;
        SkipWhitespace(ref p);
        Expect(ref p, "version"u8, "The XML declaration must start with version.");
        var version = ReadPseudoAttributeValue(ref p);
        if (version.Length < 3 || version[0] != '1' || version[1] != '.' || version[2..].IndexOfAnyExceptInRange((byte)'0', (byte)'9') >= 0)
        {
            throw Error(p, $"The version in the XML declaration, '{Encoding.UTF8.GetString(version)}', is invalid (XML 1.0: '1.' and digits).");
        }

        var sawSpace = SkipWhitespace(ref p);
        if (sawSpace && Matches(p, "encoding"u8))
        {
            p += 8;
            var encoding = ReadPseudoAttributeValue(ref p);
            if (!IsEncodingName(encoding))
            {
                throw Error(p, "The encoding name in the XML declaration is invalid.");
            }

            if (_checkDeclaredEncoding && !IsUtf8Name(encoding))
            {
                throw new CapXmlException(CapDiagnosticCodes.EncodingError, $"The declared encoding '{Encoding.UTF8.GetString(encoding)}' is not UTF-8.", 1, 1);
            }

            sawSpace = SkipWhitespace(ref p);
        }

        if (sawSpace && Matches(p, "standalone"u8))
        {
            p += 10;
            var standalone = ReadPseudoAttributeValue(ref p);
            if (!standalone.SequenceEqual("yes"u8) && !standalone.SequenceEqual("no"u8))
            {
                throw Error(p, "The standalone value in the XML declaration must be 'yes' or 'no'.");
            }

            SkipWhitespace(ref p);
        }

        Expect(ref p, "?>"u8, "The XML declaration is malformed.");
        _pos = p;
    }

    private ReadOnlySpan<byte> ReadPseudoAttributeValue(ref int p)
    {
        SkipWhitespace(ref p);
        Expect(ref p, "="u8, "'=' expected in the XML declaration.");
        SkipWhitespace(ref p);
        var quote = Peek(p);
        if (quote is not ((byte)'"' or (byte)'\''))
        {
            throw Error(p, "A quoted value is expected in the XML declaration.");
        }

        var close = _buffer.AsSpan(p + 1, _limit - p - 1).IndexOf(quote);
        if (close < 0)
        {
            throw EndOfInput(_limit);
        }

        var value = _buffer.AsSpan(p + 1, close);
        p += close + 2;
        return value;
    }

    private static bool IsEncodingName(ReadOnlySpan<byte> name) =>
        name.Length > 0 && char.IsAsciiLetter((char)name[0]) && name.IndexOfAnyExcept(AsciiNameChars) < 0 && name.IndexOf((byte)':') < 0;

    private static bool IsUtf8Name(ReadOnlySpan<byte> name) =>
        Ascii.EqualsIgnoreCase(name, "UTF-8"u8) || Ascii.EqualsIgnoreCase(name, "US-ASCII"u8);

    private bool AtEnd(int p)
    {
        if (p < _end && _limitCode is not null)
        {
            throw LimitError();
        }

        if (_frameCount > 0)
        {
            throw Error(p, $"Unexpected end of file: the element '{Encoding.UTF8.GetString(_buffer.AsSpan(_frames[_frameCount - 1].NameStart, _frames[_frameCount - 1].NameLength))}' is not closed.");
        }

        if (!_rootSeen)
        {
            throw Error(p, "Root element is missing.");
        }

        _finished = true;
        _nodeType = CapXmlNodeType.None;
        _depth = 0;
        return false;
    }

    // ---- Markup ----------------------------------------------------------------------------------------------

    /// <summary>At "&lt;!": a comment (skipped), a CDATA section (a node) or a DOCTYPE (refused).</summary>
    private bool ReadMarkupDeclaration(int p)
    {
        if (Matches(p, "<!--"u8))
        {
            var from = p + 4;
            var dashes = _buffer.AsSpan(from, Math.Max(0, _limit - from)).IndexOf("--"u8);
            if (dashes < 0 || from + dashes + 2 >= _limit)
            {
                throw EndOfInput(_limit);
            }

            var at = from + dashes;
            if (_buffer[at + 2] != '>')
            {
                throw Error(at, "An XML comment cannot contain '--', and '-' cannot be the last character.");
            }

            _pos = at + 3;
            return false;
        }

        if (Matches(p, "<![CDATA["u8))
        {
            if (_frameCount == 0)
            {
                throw Error(p, "CDATA is not allowed outside the root element.");
            }

            var from = p + 9;
            var close = _buffer.AsSpan(from, Math.Max(0, _limit - from)).IndexOf("]]>"u8);
            if (close < 0)
            {
                throw EndOfInput(_limit);
            }

            var content = _buffer.AsSpan(from, close);
            SetText(from, from + close, TextKind.Plain, content.IndexOfAnyExcept(Whitespace) < 0);
            _pos = from + close + 3;
            return true;
        }

        // Like XmlReader, "<!" outside the root element (where only a DOCTYPE could follow) and "<!D" inside it are
        // taken as the start of a DOCTYPE: a garbled one is refused as a DTD too. "<!-" and "<![" are a broken comment
        // or CDATA section wherever they are: not well-formed.
        if ((_frameCount == 0 && Peek(p + 2) is not ((byte)'-' or (byte)'[')) || Matches(p, "<!D"u8))
        {
            var (line, column) = PositionOf(p);
            throw new CapXmlException(CapDiagnosticCodes.DtdProhibited, "The document declares a DTD.", line, column);
        }

        if (p + 2 >= _limit)
        {
            throw EndOfInput(p + 2);
        }

        throw Error(p, "Unexpected markup after '<!'.");
    }

    private void SkipProcessingInstruction(int p)
    {
        var nameStart = p + 2;
        var nameEnd = ScanName(nameStart, allowColon: false);
        var target = _buffer.AsSpan(nameStart, nameEnd - nameStart);
        if (Ascii.EqualsIgnoreCase(target, "xml"u8))
        {
            throw Error(p, "The XML declaration is allowed only at the very start of the document, and 'xml' is a reserved processing instruction name.");
        }

        var q = nameEnd;
        if (!Matches(q, "?>"u8))
        {
            if (!SkipWhitespace(ref q))
            {
                throw q >= _limit ? EndOfInput(q) : Error(q, "Whitespace or '?>' expected after a processing instruction name.");
            }

            var close = _buffer.AsSpan(q, _limit - q).IndexOf("?>"u8);
            if (close < 0)
            {
                throw EndOfInput(_limit);
            }

            q += close;
        }

        _pos = q + 2;
    }

    private void ReadStartTag(int p)
    {
        if (_rootClosed)
        {
            throw Error(p, "There are multiple root elements.");
        }

        var b = _buffer;
        var nameStart = p + 1;
        var nameEnd = ScanName(nameStart, allowColon: true);
        var colon = PrefixLength(nameStart, nameEnd);
        var q = nameEnd;
        var attributes = 0;
        var declarations = false;
        bool empty;
        while (true)
        {
            var spaced = SkipWhitespace(ref q);
            var c = Peek(q);
            if (c == '>')
            {
                q++;
                empty = false;
                break;
            }

            if (c == '/')
            {
                if (Peek(q + 1) != '>')
                {
                    throw Error(q, "'>' expected after '/' in a tag.");
                }

                q += 2;
                empty = true;
                break;
            }

            if (!spaced)
            {
                throw Error(q, "Whitespace, '>' or '/>' expected in a start tag.");
            }

            // Attribute: Name Eq AttValue.
            var attributeStart = q;
            var attributeEnd = ScanName(q, allowColon: true);
            var prefix = PrefixLength(attributeStart, attributeEnd);
            q = attributeEnd;
            SkipWhitespace(ref q);
            if (Peek(q) != '=')
            {
                throw Error(q, "'=' expected after an attribute name.");
            }

            q++;
            SkipWhitespace(ref q);
            var quote = Peek(q);
            if (quote is not ((byte)'"' or (byte)'\''))
            {
                throw Error(q, "An attribute value must be quoted.");
            }

            var valueStart = q + 1;
            var close = b.AsSpan(valueStart, _limit - valueStart).IndexOf(quote);
            if (close < 0)
            {
                // Report the first error in document order: a '<' or bad reference before the end of the input.
                CheckAttributeValue(valueStart, _limit);
                throw EndOfInput(_limit);
            }

            var valueEnd = valueStart + close;
            var escaped = CheckAttributeValue(valueStart, valueEnd);
            q = valueEnd + 1;

            var nameLength = attributeEnd - attributeStart;
            var isDeclaration = (prefix == 0 && nameLength == 5 && b.AsSpan(attributeStart, 5).SequenceEqual("xmlns"u8))
                || (prefix == 5 && b.AsSpan(attributeStart, 5).SequenceEqual("xmlns"u8));
            declarations |= isDeclaration;
            if (attributes == _attributes.Length)
            {
                Array.Resize(ref _attributes, attributes * 2);
            }

            _attributes[attributes++] = new Attribute
            {
                NameStart = attributeStart,
                NameLength = nameLength,
                PrefixLength = prefix,
                ValueStart = valueStart,
                ValueEnd = valueEnd,
                Escaped = escaped,
                IsDeclaration = isDeclaration,
            };
        }

        // A new open element: bindings first, then names resolve against them.
        var depth = _frameCount;
        if (_frameCount == _frames.Length)
        {
            Array.Resize(ref _frames, _frameCount * 2);
        }

        _frames[_frameCount++] = new Frame { NameStart = nameStart, NameLength = nameEnd - nameStart, ScopeCount = _bindingCount };
        _attributeCount = attributes;
        if (declarations)
        {
            Declare(attributes);
        }

        var localName = Intern(b.AsSpan(nameStart + (colon > 0 ? colon + 1 : 0), nameEnd - nameStart - (colon > 0 ? colon + 1 : 0)));
        _elementBinding = colon > 0 ? Resolve(nameStart, colon, element: true) : _defaultBinding;
        var ns = UriOf(_elementBinding);
        ref var frame = ref _frames[_frameCount - 1];
        frame.LocalName = localName;
        frame.Namespace = ns;

        for (var i = 0; i < attributes; i++)
        {
            ref var attribute = ref _attributes[i];
            attribute.Binding = NoBinding;
            if (attribute.IsDeclaration)
            {
                attribute.Namespace = XmlnsNamespace;
            }
            else if (attribute.PrefixLength > 0)
            {
                attribute.Binding = Resolve(attribute.NameStart, attribute.PrefixLength, element: false);
                attribute.Namespace = UriOf(attribute.Binding);
            }
            else
            {
                attribute.Namespace = string.Empty;
            }
        }

        if (attributes > 1)
        {
            CheckUniqueAttributes(attributes);
        }

        _rootSeen = true;
        _nodeType = CapXmlNodeType.Element;
        _nodeStart = p;
        _depth = depth;
        _isEmpty = empty;
        _localName = localName;
        _namespace = ns;
        _pos = q;
        _pendingPop = empty;
    }

    private void ReadEndTag(int p)
    {
        var nameStart = p + 2;
        var nameEnd = ScanName(nameStart, allowColon: true);
        // Both errors are placed at the end tag's name, as XmlReader places them.
        if (_frameCount == 0)
        {
            throw Error(nameStart, "An end tag without a start tag.");
        }

        ref readonly var frame = ref _frames[_frameCount - 1];
        if (!_buffer.AsSpan(nameStart, nameEnd - nameStart).SequenceEqual(_buffer.AsSpan(frame.NameStart, frame.NameLength)))
        {
            throw Error(nameStart, $"The end tag '{Encoding.UTF8.GetString(_buffer.AsSpan(nameStart, nameEnd - nameStart))}' does not match the start tag '{Encoding.UTF8.GetString(_buffer.AsSpan(frame.NameStart, frame.NameLength))}'.");
        }

        var q = nameEnd;
        SkipWhitespace(ref q);
        if (Peek(q) != '>')
        {
            throw Error(q, "'>' expected at the end of an end tag.");
        }

        _nodeType = CapXmlNodeType.EndElement;
        _nodeStart = p;
        _depth = _frameCount - 1;
        _isEmpty = false;
        _localName = frame.LocalName;
        _namespace = frame.Namespace;
        _pos = q + 1;
        PopFrame();
    }

    private void PopFrame()
    {
        ref readonly var frame = ref _frames[--_frameCount];
        for (var i = _bindingCount - 1; i >= frame.ScopeCount; i--)
        {
            ref readonly var binding = ref _bindings[i];
            if (binding.Prefix.Length == 0)
            {
                _defaultBinding = binding.Previous;
            }
            else if (binding.Previous >= 0)
            {
                _prefixes![binding.Prefix] = binding.Previous;
            }
            else
            {
                _prefixes!.Remove(binding.Prefix);
            }
        }

        _bindingCount = frame.ScopeCount;
        if (_frameCount == 0)
        {
            _rootClosed = true;
        }
    }

    // ---- Text-only elements --------------------------------------------------------------------------------

    /// <summary>
    /// Positioned on a start tag that is not empty: when its content is plain text (no markup, no reference, no ']'
    /// and no CR, at most <paramref name="maxBytes"/> bytes, valid by the up-front checks) directly followed by its own
    /// end tag written without blanks (<c>&lt;/name&gt;</c>), consumes text and end tag in one step and returns
    /// <see langword="true"/>, the reader left on the end tag exactly as two <see cref="Read"/> calls would leave it.
    /// The text is <see cref="PlainText"/> / <see cref="AppendPlainText"/> of the range returned. Anything else
    /// returns <see langword="false"/> and changes nothing: the caller reads node by node, which reports what is wrong.
    /// </summary>
    internal bool TryReadPlainContent(int maxBytes, out int textStart, out int textEnd)
    {
        textStart = textEnd = 0;
        if (_nodeType != CapXmlNodeType.Element || _isEmpty || _pendingPop || _frameCount == 0)
        {
            return false;
        }

        var buffer = _buffer;
        var p = _pos;
        var limit = _limit;
        var stop = IndexOfPlainContentStop(buffer, p, limit);
        if (stop < 0 || stop > maxBytes || buffer[p + stop] != '<')
        {
            return false;
        }

        var close = p + stop;
        if (!TryTakeOwnEndTag(close))
        {
            return false;
        }

        textStart = p;
        textEnd = close;
        return true;
    }

    /// <summary>
    /// Positioned on a start tag that is not empty: finds the first '&lt;' after it, at most <paramref name="maxBytes"/>
    /// on, and counts the commas before it, in one pass, without moving. The caller reads the text
    /// (<see cref="Bytes"/>), then takes the end tag with <see cref="TryTakeOwnEndTag"/>, or reads node by node as
    /// usual. The text may hold references, ']' or CR, which this does not look for: a caller must reject them (a
    /// coordinate list does: none is part of it).
    /// </summary>
    internal bool TryPeekContentCountingCommas(int maxBytes, out int textStart, out int close, out int commas)
    {
        textStart = close = commas = 0;
        if (_nodeType != CapXmlNodeType.Element || _isEmpty || _pendingPop || _frameCount == 0)
        {
            return false;
        }

        var p = _pos;
        var stop = IndexOfLessThanCountingCommas(_buffer.AsSpan(p, (int)Math.Min(_limit - p, maxBytes + 1L)), out commas);
        if (stop < 0 || stop > maxBytes)
        {
            return false;
        }

        textStart = p;
        close = p + stop;
        return true;
    }

    /// <summary>The index of the first '&lt;' (-1 if none), and how many commas come before it: 32 bytes a step.</summary>
    internal static int IndexOfLessThanCountingCommas(ReadOnlySpan<byte> span, out int commas)
    {
        commas = 0;
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var first = ref MemoryMarshal.GetReference(span);
            var lessThan = Vector256.Create((byte)'<');
            var comma = Vector256.Create((byte)',');
            for (; span.Length - i >= Vector256<byte>.Count; i += Vector256<byte>.Count)
            {
                var block = Vector256.LoadUnsafe(ref first, (nuint)i);
                var commaBits = Vector256.Equals(block, comma).ExtractMostSignificantBits();
                var lessThanBits = Vector256.Equals(block, lessThan).ExtractMostSignificantBits();
                if (lessThanBits != 0)
                {
                    var at = BitOperations.TrailingZeroCount(lessThanBits);
                    commas += BitOperations.PopCount(commaBits & ((1u << at) - 1));
                    return i + at;
                }

                commas += BitOperations.PopCount(commaBits);
            }
        }

        for (; i < span.Length; i++)
        {
            if (span[i] == '<')
            {
                return i;
            }

            commas += span[i] == ',' ? 1 : 0;
        }

        return -1;
    }

    /// <summary>
    /// Where the first of <see cref="PlainContentStops"/> is in <c>buffer[from..limit]</c>, relative to
    /// <paramref name="from"/> (-1 if none). Most CAP values are short: the first 32 bytes are tested in one vector step,
    /// without a call; a longer text goes on with the general search.
    /// </summary>
    private static int IndexOfPlainContentStop(byte[] buffer, int from, int limit)
    {
        if (Vector256.IsHardwareAccelerated && limit - from >= Vector256<byte>.Count)
        {
            var block = Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(buffer), (nuint)from);
            var stops = (Vector256.Equals(block, Vector256.Create((byte)'<')) | Vector256.Equals(block, Vector256.Create((byte)'&'))
                | Vector256.Equals(block, Vector256.Create((byte)']')) | Vector256.Equals(block, Vector256.Create((byte)'\r'))).ExtractMostSignificantBits();
            if (stops != 0)
            {
                return BitOperations.TrailingZeroCount(stops);
            }

            var rest = buffer.AsSpan(from + Vector256<byte>.Count, limit - from - Vector256<byte>.Count).IndexOfAny(PlainContentStops);
            return rest < 0 ? -1 : rest + Vector256<byte>.Count;
        }

        return buffer.AsSpan(from, limit - from).IndexOfAny(PlainContentStops);
    }

    /// <summary>
    /// The first byte from <paramref name="from"/> that is not a blank (space, LF, tab, CR), or <paramref name="limit"/>:
    /// the line end and indentation between two elements in one vector step.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SkipBlanks(byte[] buffer, int from, int limit)
    {
        if (Vector256.IsHardwareAccelerated && from <= buffer.Length - Vector256<byte>.Count)
        {
            var block = Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(buffer), (nuint)from);
            var blanks = CapByteClasses.Blanks(block).ExtractMostSignificantBits();
            var count = BitOperations.TrailingZeroCount(~blanks);
            if (count < Vector256<byte>.Count || from + count >= limit)
            {
                // Bytes past the limit are not the document's: the blanks stop there at the latest.
                return Math.Min(from + count, limit);
            }

            from += count;
        }

        while (from < limit && buffer[from] is (byte)' ' or (byte)'\n' or (byte)'\t' or (byte)'\r')
        {
            from++;
        }

        return from;
    }

    /// <summary>
    /// The first byte from <paramref name="from"/> that is not an ASCII letter or digit, or <paramref name="limit"/>: a
    /// CAP element name in one vector step.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SkipLettersAndDigits(byte[] buffer, int from, int limit)
    {
        if (Vector256.IsHardwareAccelerated && from <= buffer.Length - Vector256<byte>.Count)
        {
            var block = Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(buffer), (nuint)from);
            var letters = Vector256.LessThanOrEqual((block | Vector256.Create((byte)0x20)) - Vector256.Create((byte)'a'), Vector256.Create((byte)25));
            var count = BitOperations.TrailingZeroCount(~(letters | CapByteClasses.Digits(block)).ExtractMostSignificantBits());
            if (count < Vector256<byte>.Count || from + count >= limit)
            {
                return Math.Min(from + count, limit);
            }

            from += count;
        }

        while (from < limit && char.IsAsciiLetterOrDigit((char)buffer[from]))
        {
            from++;
        }

        return from;
    }

    /// <summary>What <see cref="TryReadChild"/> read.</summary>
    internal enum ChildRead : byte
    {
        /// <summary>Nothing: the reader has not moved.</summary>
        None,

        /// <summary>A value element whole: the reader is on its end tag.</summary>
        Value,

        /// <summary>A child's start tag: the reader is on it.</summary>
        StartTag,

        /// <summary>The container's end tag: the reader is on it.</summary>
        EndTag,
    }

    /// <summary>
    /// For a caller at a container's next child that ignores whitespace between children: after whitespace, reads in
    /// one step what comes in its plainest form, leaving the reader exactly as <see cref="Read"/> calls would.
    /// <list type="bullet">
    /// <item>A start tag <c>&lt;name&gt;</c> (ASCII letters and digits, no prefix, no attribute, no blank) whose name is
    /// one of <paramref name="specs"/> from <paramref name="from"/> on and whose namespace (the default one) is
    /// <paramref name="ns"/>, at a depth below <paramref name="maxDepth"/>: when the spec holds text and plain text and
    /// the element's own end tag follow, as <see cref="TryReadPlainContent"/> takes them, the whole element
    /// (<see cref="ChildRead.Value"/>: its text at <paramref name="textStart"/>..<paramref name="textEnd"/>);
    /// otherwise the start tag alone (<see cref="ChildRead.StartTag"/>).</item>
    /// <item>The container's own end tag <c>&lt;/name&gt;</c> (<see cref="ChildRead.EndTag"/>).</item>
    /// </list>
    /// The child's spec is <paramref name="index"/>, its start tag at <paramref name="tagStart"/> (for
    /// <see cref="PositionAt"/>). Anything else (other markup or text first, a prefix, an attribute, a blank in a
    /// tag, a name not expected) returns <see cref="ChildRead.None"/> and changes nothing: the caller reads node by
    /// node, which reports what is wrong.
    /// </summary>
    internal ChildRead TryReadChild(CapChildSpec[] specs, int from, string ns, int maxBytes, int maxDepth, out int index, out int tagStart, out int textStart, out int textEnd)
    {
        index = tagStart = textStart = textEnd = 0;
        if (_pendingPop || _finished || _frameCount == 0)
        {
            return ChildRead.None;
        }

        var buffer = _buffer;
        var limit = _limit;
        var p = SkipBlanks(buffer, _pos, limit);
        if (p + 1 >= limit || buffer[p] != '<')
        {
            return ChildRead.None;
        }

        if (buffer[p + 1] == '/')
        {
            return TryReadContainerEnd(p);
        }

        var nameStart = p + 1;
        var q = SkipLettersAndDigits(buffer, nameStart, limit);

        if (q >= limit || buffer[q] != '>' || q == nameStart || !char.IsAsciiLetter((char)buffer[nameStart]) || _frameCount >= maxDepth)
        {
            return ChildRead.None;
        }

        var name = buffer.AsSpan(nameStart, q - nameStart);
        var found = -1;
        for (var i = from; i < specs.Length; i++)
        {
            if (name.SequenceEqual(specs[i].Utf8Name))
            {
                found = i;
                break;
            }
        }

        var uri = UriOf(_defaultBinding);
        if (found < 0 || !(ReferenceEquals(uri, ns) || uri == ns))
        {
            return ChildRead.None;
        }

        index = found;
        tagStart = p;
        _value = null;
        _attributeCount = 0;
        _elementBinding = _defaultBinding;
        _isEmpty = false;
        _localName = specs[found].Name;
        _namespace = uri;
        var text = q + 1;
        if (specs[found].HoldsText)
        {
            var stop = IndexOfPlainContentStop(buffer, text, limit);
            var close = text + stop;
            var gt = close + 2 + name.Length;
            if (stop >= 0 && stop <= maxBytes && buffer[close] == '<' && gt < limit && buffer[close + 1] == '/' && buffer[gt] == '>'
                && buffer.AsSpan(close + 2, name.Length).SequenceEqual(name))
            {
                // As ReadStartTag, then TryReadPlainContent, would leave the reader (the frame pushed and popped again).
                textStart = text;
                textEnd = close;
                _nodeType = CapXmlNodeType.EndElement;
                _nodeStart = close;
                _depth = _frameCount;
                _pos = gt + 1;
                return ChildRead.Value;
            }
        }

        // As ReadStartTag leaves it for an element without attributes.
        if (_frameCount == _frames.Length)
        {
            Array.Resize(ref _frames, _frameCount * 2);
        }

        _frames[_frameCount] = new Frame { NameStart = nameStart, NameLength = name.Length, ScopeCount = _bindingCount, LocalName = specs[found].Name, Namespace = uri };
        _nodeType = CapXmlNodeType.Element;
        _nodeStart = p;
        _depth = _frameCount++;
        _pos = text;
        return ChildRead.StartTag;
    }

    /// <summary>At "&lt;/": the current element's end tag written without blanks, read as <see cref="ReadEndTag"/> would.</summary>
    private ChildRead TryReadContainerEnd(int p) => TryTakeOwnEndTag(p) ? ChildRead.EndTag : ChildRead.None;

    /// <summary>
    /// At the '&lt;' at <paramref name="close"/>: when the current element's own end tag follows, written without blanks
    /// (<c>&lt;/name&gt;</c>), reads it as <see cref="ReadEndTag"/> would and returns <see langword="true"/>; otherwise
    /// changes nothing.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool TryTakeOwnEndTag(int close)
    {
        var buffer = _buffer;
        ref readonly var frame = ref _frames[_frameCount - 1];
        var gt = close + 2 + frame.NameLength;
        if (gt >= _limit || buffer[close + 1] != '/' || buffer[gt] != '>'
            || !buffer.AsSpan(close + 2, frame.NameLength).SequenceEqual(buffer.AsSpan(frame.NameStart, frame.NameLength)))
        {
            return false;
        }

        _value = null;
        _attributeCount = 0;
        _nodeType = CapXmlNodeType.EndElement;
        _nodeStart = close;
        _depth = _frameCount - 1;
        _isEmpty = false;
        _localName = frame.LocalName;
        _namespace = frame.Namespace;
        _pos = gt + 1;
        PopFrame();
        return true;
    }

    /// <summary>The line and column of a byte offset at or after the last position asked (a start tag read by
    /// <see cref="TryReadChild"/>).</summary>
    internal (int Line, int Column) PositionAt(int offset) => PositionOf(offset);

    /// <summary>The string of a range <see cref="TryReadPlainContent"/> returned (from <see cref="Values"/> when short).</summary>
    internal string PlainText(int start, int end)
    {
        var raw = _buffer.AsSpan(start, end - start);
        return raw.IsEmpty ? string.Empty : Values is { } values ? values.GetOrAdd(raw) : Encoding.UTF8.GetString(raw);
    }

    /// <summary>The bytes of a range <see cref="TryReadPlainContent"/> or <see cref="TryReadChild"/> returned (valid
    /// until the next document).</summary>
    internal ReadOnlySpan<byte> Bytes(int start, int end) => _buffer.AsSpan(start, end - start);

    /// <summary>Appends the characters of a range <see cref="TryReadPlainContent"/> returned.</summary>
    internal void AppendPlainText(int start, int end, CapCharBuffer buffer)
    {
        var raw = _buffer.AsSpan(start, end - start);
        buffer.Advance(Encoding.UTF8.GetChars(raw, buffer.GetSpan(raw.Length)));
    }

    // ---- Text ------------------------------------------------------------------------------------------------

    /// <summary>
    /// At text inside an element, for a caller that ignores whitespace between elements: when the text is only
    /// whitespace up to a '&lt;', moves past it and returns <see langword="true"/> (no node). Indentation is short:
    /// <see cref="SkipBlanks"/> takes it in one vector step, without a search call.
    /// </summary>
    private bool SkipIndentation(int p)
    {
        var limit = _limit;
        var q = SkipBlanks(_buffer, p, limit);
        if (q == p || q >= limit || _buffer[q] != '<')
        {
            return false;
        }

        _pos = q;
        return true;
    }

    private void ReadText(int p)
    {
        var span = _buffer.AsSpan(p, _limit - p);
        if (_frameCount == 0)
        {
            // Outside the root: only whitespace (reported, as XmlReader does).
            var length = span.IndexOfAnyExcept(Whitespace);
            if (length < 0)
            {
                length = span.Length;
            }
            else if (span[length] != '<')
            {
                throw Error(p + length, "Data at the root level is invalid.");
            }

            SetText(p, p + length, TextKind.Plain, isWhitespace: true);
            _nodeStart = p;
            _depth = 0;
            _pos = p + length;
            return;
        }

        // The common case first: indentation between two tags.
        var nonWhitespace = span.IndexOfAnyExcept(Whitespace);
        if (nonWhitespace > 0 && span[nonWhitespace] == '<')
        {
            SetText(p, p + nonWhitespace, TextKind.Plain, isWhitespace: true);
            _pos = p + nonWhitespace;
            return;
        }

        var end = nonWhitespace < 0 ? -1 : span[nonWhitespace..].IndexOf((byte)'<');
        if (end >= 0)
        {
            end += nonWhitespace;
        }

        var text = end < 0 ? span : span[..end];
        var special = text.IndexOfAny(TextSpecials);
        var kind = TextKind.Plain;
        var hasReference = false;
        while (special >= 0)
        {
            var at = p + special;
            switch (text[special])
            {
                case (byte)'&':
                    hasReference = true;
                    kind = TextKind.Escaped;
                    special = ReadReference(at, out _, out _) - p;
                    break;
                default:
                    if (text[special..].StartsWith("]]>"u8))
                    {
                        throw Error(at, "The sequence ']]>' is not allowed in text.");
                    }

                    special++;
                    break;
            }

            var next = text[special..].IndexOfAny(TextSpecials);
            special = next < 0 ? -1 : special + next;
        }

        if (end < 0)
        {
            throw EndOfInput(_limit);
        }

        _pos = p + end;
        if (hasReference)
        {
            SetText(p, p + end, kind, isWhitespace: false);
            _value = DecodeValue();
            _nodeType = _value.AsSpan().IndexOfAnyExcept(" \t\r\n") < 0 ? CapXmlNodeType.Whitespace : CapXmlNodeType.Text;
        }
        else
        {
            SetText(p, p + end, kind, isWhitespace: false);
        }
    }

    private void SetText(int start, int end, TextKind kind, bool isWhitespace)
    {
        _nodeType = isWhitespace ? CapXmlNodeType.Whitespace : CapXmlNodeType.Text;
        _nodeStart = start;
        _depth = _frameCount;
        _isEmpty = false;
        _textStart = start;
        _textEnd = end;
        _textKind = kind;
    }

    /// <summary>Where short repeated values are reused from, if anywhere.</summary>
    internal CapValueCache? Values { get; set; }

    public override void AppendValue(CapCharBuffer buffer)
    {
        if (_value is not null || _nodeType is not (CapXmlNodeType.Text or CapXmlNodeType.Whitespace))
        {
            buffer.Append(Value);
            return;
        }

        // Decoded UTF-16 is never longer than its UTF-8 bytes (references only shrink).
        var chars = buffer.GetSpan(_textEnd - _textStart);
        buffer.Advance(_textKind == TextKind.Plain && !_buffer.AsSpan(_textStart, _textEnd - _textStart).Contains((byte)'\r')
            ? Encoding.UTF8.GetChars(_buffer.AsSpan(_textStart, _textEnd - _textStart), chars)
            : DecodeInto(_textStart, _textEnd, TextDecodeSpecials, attribute: false, references: _textKind != TextKind.Plain, chars));
    }

    private string DecodeValue()
    {
        var raw = _buffer.AsSpan(_textStart, _textEnd - _textStart);
        return _textKind switch
        {
            TextKind.Plain when raw.IsEmpty => string.Empty,
            TextKind.Plain when raw.Contains((byte)'\r') => Decode(_textStart, _textEnd, TextDecodeSpecials, attribute: false, references: false),
            TextKind.Plain => Values is { } values ? values.GetOrAdd(raw) : Encoding.UTF8.GetString(raw),
            _ => Decode(_textStart, _textEnd, TextDecodeSpecials, attribute: false, references: true),
        };
    }

    /// <summary>Decodes text or an attribute value: references expanded, line ends normalised (attribute whitespace to spaces).</summary>
    private string Decode(int start, int end, SearchValues<byte> specials, bool attribute, bool references)
    {
        var pool = ArrayPool<char>.Shared;
        var chars = pool.Rent(Math.Max(16, end - start));
        try
        {
            return new string(chars, 0, DecodeInto(start, end, specials, attribute, references, chars));
        }
        finally
        {
            pool.Return(chars);
        }
    }

    /// <summary>Decodes into <paramref name="chars"/> (at least <c>end - start</c> long); returns the count written.</summary>
    private int DecodeInto(int start, int end, SearchValues<byte> specials, bool attribute, bool references, Span<char> chars)
    {
        var written = 0;
        var p = start;
        while (p < end)
        {
            var segment = _buffer.AsSpan(p, end - p);
            var next = segment.IndexOfAny(specials);
            if (next < 0)
            {
                next = segment.Length;
            }

            written += Encoding.UTF8.GetChars(segment[..next], chars[written..]);
            p += next;
            if (p >= end)
            {
                break;
            }

            var c = _buffer[p];
            if (c == '&' && references)
            {
                p = ReadReference(p, out var value, out var count);
                chars[written++] = (char)value;
                if (count == 2)
                {
                    chars[written - 1] = (char)(value >> 16);
                    chars[written++] = (char)(value & 0xFFFF);
                }

                continue;
            }

            if (c == '\r')
            {
                chars[written++] = attribute ? ' ' : '\n';
                p += p + 1 < end && _buffer[p + 1] == '\n' ? 2 : 1;
                continue;
            }

            chars[written++] = attribute && c is (byte)'\n' or (byte)'\t' ? ' ' : (char)c;
            p++;
        }

        return written;
    }

    /// <summary>
    /// At '&amp;': checks one entity or character reference and returns the offset after its ';'. The character is
    /// returned in <paramref name="value"/>: one UTF-16 unit (count 1) or a surrogate pair, high unit in the top half (count 2).
    /// </summary>
    private int ReadReference(int p, out int value, out int count)
    {
        var b = _buffer;
        count = 1;
        var q = p + 1;
        if (Peek(q) == '#')
        {
            q++;
            var hex = Peek(q) == 'x';
            if (hex)
            {
                q++;
            }

            var digitsStart = q;
            var codePoint = 0;
            while (q < _limit && b[q] != ';')
            {
                var d = b[q];
                int digit = d is >= (byte)'0' and <= (byte)'9' ? d - '0'
                    : hex && d is >= (byte)'a' and <= (byte)'f' ? d - 'a' + 10
                    : hex && d is >= (byte)'A' and <= (byte)'F' ? d - 'A' + 10
                    : -1;
                if (digit < 0)
                {
                    throw Error(q, "Invalid syntax for a character reference.");
                }

                codePoint = Math.Min((codePoint * (hex ? 16 : 10)) + digit, 0x110000);
                q++;
            }

            if (q >= _limit)
            {
                throw EndOfInput(q);
            }

            if (q == digitsStart)
            {
                throw Error(p, "Invalid syntax for a character reference.");
            }

            if (!IsXmlChar(codePoint))
            {
                throw Error(p, $"The character reference '{Encoding.UTF8.GetString(b.AsSpan(p, q + 1 - p))}' is to a character not allowed in XML.");
            }

            if (codePoint >= 0x10000)
            {
                var cp = codePoint - 0x10000;
                value = ((0xD800 + (cp >> 10)) << 16) | (0xDC00 + (cp & 0x3FF));
                count = 2;
            }
            else
            {
                value = codePoint;
            }

            return q + 1;
        }

        var span = b.AsSpan(q, Math.Max(0, _limit - q));
        if (span.StartsWith("lt;"u8))
        {
            value = '<';
            return q + 3;
        }

        if (span.StartsWith("gt;"u8))
        {
            value = '>';
            return q + 3;
        }

        if (span.StartsWith("amp;"u8))
        {
            value = '&';
            return q + 4;
        }

        if (span.StartsWith("apos;"u8))
        {
            value = '\'';
            return q + 5;
        }

        if (span.StartsWith("quot;"u8))
        {
            value = '"';
            return q + 5;
        }

        var nameEnd = ScanName(q, allowColon: false);
        if (Peek(nameEnd) != ';')
        {
            throw nameEnd >= _limit ? EndOfInput(nameEnd) : Error(nameEnd, "';' expected at the end of an entity reference.");
        }

        throw Error(p, $"Reference to undeclared entity '{Encoding.UTF8.GetString(b.AsSpan(q, nameEnd - q))}'.");
    }

    /// <summary>Checks an attribute value (no '&lt;', valid references); returns whether it needs decoding.</summary>
    private bool CheckAttributeValue(int start, int end)
    {
        var span = _buffer.AsSpan(start, end - start);
        var special = span.IndexOfAny(AttributeSpecials);
        if (special < 0)
        {
            return false;
        }

        while (special >= 0)
        {
            var at = start + special;
            switch (span[special])
            {
                case (byte)'<':
                    throw Error(at, "'<' is not allowed in an attribute value.");
                case (byte)'&':
                    special = ReadReference(at, out _, out _) - start;
                    if (special > span.Length)
                    {
                        // The reference ran past the closing quote: "&amp" followed by the quote, for example.
                        throw Error(at, "An entity reference must end with ';' inside the attribute value.");
                    }

                    break;
                default:
                    special++;
                    break;
            }

            var next = span[special..].IndexOfAny(AttributeSpecials);
            special = next < 0 ? -1 : special + next;
        }

        return true;
    }

    // ---- Names and namespaces --------------------------------------------------------------------------------

    /// <summary>Scans an XML Name starting at <paramref name="p"/>; returns its end. Fails if there is none.</summary>
    private int ScanName(int p, bool allowColon)
    {
        var b = _buffer;
        if (p >= _limit)
        {
            throw EndOfInput(p);
        }

        var span = b.AsSpan(p, _limit - p);
        var length = span.IndexOfAnyExcept(AsciiNameChars);
        if (length < 0)
        {
            length = span.Length;
        }

        if (length < span.Length && span[length] >= 0x80)
        {
            // Non-ASCII: decode code points (the input is valid UTF-8 up to the limit).
            while (length < span.Length)
            {
                var c = span[length];
                if (c < 0x80)
                {
                    if (!AsciiNameChars.Contains(c))
                    {
                        break;
                    }

                    length++;
                    continue;
                }

                Rune.DecodeFromUtf8(span[length..], out var rune, out var consumed);
                if (!(length == 0 ? IsNameStartChar(rune.Value) : IsNameChar(rune.Value)))
                {
                    break;
                }

                length += consumed;
            }
        }

        if (!allowColon && span[..length].Contains((byte)':'))
        {
            throw Error(p, "This name (a processing instruction target or entity name) cannot contain ':'.");
        }

        if (length == span.Length)
        {
            // A name always has something after it: the input ends, or a bad byte stops it, inside this one.
            throw EndOfInput(_limit);
        }

        if (length == 0)
        {
            throw Error(p, span[0] is (byte)'<' or (byte)'>' or (byte)' ' or (byte)'=' or (byte)'/'
                ? "A name was expected."
                : "A name cannot begin with this character.");
        }

        var first = span[0];
        if (first is (byte)'-' or (byte)'.' or (>= (byte)'0' and <= (byte)'9'))
        {
            throw Error(p, "A name cannot begin with '-', '.' or a digit.");
        }

        return p + length;
    }

    /// <summary>The length of a QName's prefix (0 without one); fails unless it is NCName or NCName ':' NCName.</summary>
    private int PrefixLength(int start, int end)
    {
        var name = _buffer.AsSpan(start, end - start);
        var colon = name.IndexOf((byte)':');
        if (colon < 0)
        {
            return 0;
        }

        if (colon == 0 || colon == name.Length - 1 || name[(colon + 1)..].Contains((byte)':'))
        {
            throw Error(start, $"The name '{Encoding.UTF8.GetString(name)}' is not a valid qualified name.");
        }

        var local = name[colon + 1];
        if (local is (byte)'-' or (byte)'.' or (>= (byte)'0' and <= (byte)'9')
            || (local >= 0x80 && (Rune.DecodeFromUtf8(name[(colon + 1)..], out var rune, out _) != OperationStatus.Done || !IsNameStartChar(rune.Value))))
        {
            throw Error(start, $"The name '{Encoding.UTF8.GetString(name)}' is not a valid qualified name.");
        }

        return colon;
    }

    private void Declare(int attributes)
    {
        for (var i = 0; i < attributes; i++)
        {
            ref readonly var attribute = ref _attributes[i];
            if (!attribute.IsDeclaration)
            {
                continue;
            }

            var uri = AttributeValue(attribute);
            var prefix = attribute.PrefixLength == 0
                ? string.Empty
                : Intern(_buffer.AsSpan(attribute.NameStart + 6, attribute.NameLength - 6));
            if (prefix == "xmlns")
            {
                throw Error(attribute.NameStart, "The prefix 'xmlns' cannot be declared.");
            }

            if (prefix == "xml" ? uri != XmlNamespace : uri == XmlNamespace)
            {
                throw Error(attribute.NameStart, "The prefix 'xml' is bound to the namespace 'http://www.w3.org/XML/1998/namespace' only, and that namespace to no other prefix.");
            }

            if (uri == XmlnsNamespace)
            {
                throw Error(attribute.NameStart, "The namespace 'http://www.w3.org/2000/xmlns/' cannot be declared.");
            }

            if (prefix.Length > 0 && uri.Length == 0)
            {
                throw Error(attribute.NameStart, "A prefix cannot be bound to an empty namespace name.");
            }

            if (_bindingCount == _bindings.Length)
            {
                Array.Resize(ref _bindings, _bindingCount * 2);
            }

            int previous;
            if (prefix.Length == 0)
            {
                previous = _defaultBinding;
                _defaultBinding = _bindingCount;
            }
            else
            {
                _prefixes ??= new Dictionary<string, int>(StringComparer.Ordinal);
                previous = _prefixes.TryGetValue(prefix, out var found) ? found : NoBinding;
                _prefixes[prefix] = _bindingCount;
            }

            _bindings[_bindingCount++] = new Binding(prefix, uri, previous);
        }
    }

    private string AttributeValue(in Attribute attribute)
    {
        if (attribute.Escaped)
        {
            return Decode(attribute.ValueStart, attribute.ValueEnd, AttributeSpecials, attribute: true, references: true);
        }

        return attribute.ValueEnd == attribute.ValueStart ? string.Empty : Intern(_buffer.AsSpan(attribute.ValueStart, attribute.ValueEnd - attribute.ValueStart));
    }

    private int Resolve(int nameStart, int prefixLength, bool element)
    {
        var prefix = _buffer.AsSpan(nameStart, prefixLength);
        if (prefix.SequenceEqual("xml"u8))
        {
            return XmlBinding;
        }

        if (prefix.SequenceEqual("xmlns"u8))
        {
            throw Error(nameStart, element ? "The prefix 'xmlns' is reserved and cannot be used on an element." : "The prefix 'xmlns' is reserved.");
        }

        var name = Intern(prefix);
        if (_prefixes is not null && _prefixes.TryGetValue(name, out var index))
        {
            return index;
        }

        throw Error(nameStart, $"'{name}' is an undeclared prefix.");
    }

    private string UriOf(int binding) => binding switch
    {
        NoBinding => string.Empty,
        XmlBinding => XmlNamespace,
        _ => _bindings[binding].Uri,
    };

    private void CheckUniqueAttributes(int attributes)
    {
        var b = _buffer;
        if (attributes <= 16)
        {
            for (var i = 1; i < attributes; i++)
            {
                ref readonly var a = ref _attributes[i];
                var aLocal = LocalPart(a);
                for (var j = 0; j < i; j++)
                {
                    ref readonly var other = ref _attributes[j];
                    if (aLocal.SequenceEqual(LocalPart(other)) && (ReferenceEquals(a.Namespace, other.Namespace) || a.Namespace == other.Namespace))
                    {
                        throw Error(a.NameStart, $"The attribute '{Encoding.UTF8.GetString(b.AsSpan(a.NameStart, a.NameLength))}' is repeated.");
                    }
                }
            }

            return;
        }

        var seen = new HashSet<(string, string)>();
        for (var i = 0; i < attributes; i++)
        {
            ref readonly var a = ref _attributes[i];
            if (!seen.Add((Intern(LocalPart(a)), a.Namespace)))
            {
                throw Error(a.NameStart, $"The attribute '{Encoding.UTF8.GetString(b.AsSpan(a.NameStart, a.NameLength))}' is repeated.");
            }
        }
    }

    /// <summary>The local part, or for namespace declarations the declared prefix ("xmlns" itself for the default).</summary>
    private ReadOnlySpan<byte> LocalPart(in Attribute attribute) => attribute.PrefixLength > 0
        ? _buffer.AsSpan(attribute.NameStart + attribute.PrefixLength + 1, attribute.NameLength - attribute.PrefixLength - 1)
        : _buffer.AsSpan(attribute.NameStart, attribute.NameLength);

    private string Intern(ReadOnlySpan<byte> bytes)
    {
        return CapXmlNameTable.Shared.Find(bytes) ?? (_names ??= new CapXmlNameTable()).Add(bytes);
    }

    private void CollectCurrent()
    {
        Collect(_elementBinding);
        for (var i = 0; i < _attributeCount; i++)
        {
            Collect(_attributes[i].Binding);
        }
    }

    private void Collect(int binding)
    {
        if (binding < 0 || binding >= _collectMark || _bindings[binding].Uri.Length == 0)
        {
            return;
        }

        _collected ??= [];
        if (!_collected.Contains(binding))
        {
            _collected.Add(binding);
        }
    }

    internal static bool IsXmlChar(int c) =>
        c is 0x9 or 0xA or 0xD or (>= 0x20 and <= 0xD7FF) or (>= 0xE000 and <= 0xFFFD) or (>= 0x10000 and <= 0x10FFFF);

    internal static bool IsNameStartChar(int c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_' or ':'
            or (>= 0xC0 and <= 0xD6) or (>= 0xD8 and <= 0xF6) or (>= 0xF8 and <= 0x2FF) or (>= 0x370 and <= 0x37D)
            or (>= 0x37F and <= 0x1FFF) or (>= 0x200C and <= 0x200D) or (>= 0x2070 and <= 0x218F) or (>= 0x2C00 and <= 0x2FEF)
            or (>= 0x3001 and <= 0xD7FF) or (>= 0xF900 and <= 0xFDCF) or (>= 0xFDF0 and <= 0xFFFD) or (>= 0x10000 and <= 0xEFFFF);

    internal static bool IsNameChar(int c) =>
        IsNameStartChar(c) || c is '-' or '.' or (>= '0' and <= '9') or 0xB7 or (>= 0x300 and <= 0x36F) or (>= 0x203F and <= 0x2040);

    // ---- Scanning helpers ------------------------------------------------------------------------------------

    private static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    private byte Peek(int p) => p < _limit ? _buffer[p] : throw EndOfInput(p);

    private bool Matches(int p, ReadOnlySpan<byte> text) => p <= _limit && _buffer.AsSpan(p, _limit - p).StartsWith(text);

    private bool SkipWhitespace(ref int p)
    {
        var start = p;
        var limit = _limit;
        var b = _buffer;
        while (p < limit && IsWhitespace(b[p]))
        {
            p++;
        }

        return p > start;
    }

    private void Expect(ref int p, ReadOnlySpan<byte> text, string reason)
    {
        if (!Matches(p, text))
        {
            throw p + text.Length > _limit ? EndOfInput(_limit) : Error(p, reason);
        }

        p += text.Length;
    }

    private CapXmlException Error(int p, string reason)
    {
        var (line, column) = PositionOf(p);
        return new CapXmlException(CapDiagnosticCodes.NotWellFormed, reason, line, column);
    }

    /// <summary>The input ends (or a bad byte stops it) where more markup is needed.</summary>
    private CapXmlException EndOfInput(int p) =>
        _limitCode is not null && p >= _limit ? LimitError() : Error(Math.Min(p, _end), "Unexpected end of file.");

    private CapXmlException LimitError()
    {
        var (line, column) = PositionOf(_limit);
        return new CapXmlException(_limitCode!, _limitReason!, line, column);
    }

    private (int Line, int Column) NodePosition()
    {
        if (_positionOffset != _nodeStart)
        {
            _position = PositionOf(_nodeStart);
            _positionOffset = _nodeStart;
        }

        return _position;
    }

    /// <summary>The 1-based line and UTF-16 column of a byte offset (moves cursors forward; restarts if asked about an earlier offset).</summary>
    private (int Line, int Column) PositionOf(int offset)
    {
        offset = Math.Clamp(offset, _start, _end);
        if (offset < _lineScan)
        {
            _lineScan = _lineStart = _columnScan = _start;
            _line = 1;
            _column = 0;
        }

        var b = _buffer;
        var scan = _lineScan;
        if (Vector256.IsHardwareAccelerated && offset - scan <= 512)
        {
            // Positions are asked for tag by tag, a line or two apart: 32 bytes at a time, one compare and one bit
            // mask per block and one step per line end, with no call (a search call per line end cost more). The
            // last block may read past the offset (never past the array) and drops those bits. Longer steps (past a
            // large polygon, say) take the search below, which runs faster over long stretches without line ends.
            ref var origin = ref MemoryMarshal.GetArrayDataReference(b);
            var lf = Vector256.Create((byte)'\n');
            var cr = Vector256.Create((byte)'\r');
            while (scan < offset && b.Length - scan >= Vector256<byte>.Count)
            {
                var block = Vector256.LoadUnsafe(ref origin, (nuint)scan);
                var mask = (Vector256.Equals(block, lf) | Vector256.Equals(block, cr)).ExtractMostSignificantBits();
                var step = Math.Min(offset - scan, Vector256<byte>.Count);
                if (step < Vector256<byte>.Count)
                {
                    mask &= (1u << step) - 1;
                }

                while (mask != 0)
                {
                    CountLineEnd(scan + BitOperations.TrailingZeroCount(mask));
                    mask &= mask - 1;
                }

                scan += step;
            }
        }

        while (scan < offset)
        {
            var at = b.AsSpan(scan, offset - scan).IndexOfAny((byte)'\r', (byte)'\n');
            if (at < 0)
            {
                break;
            }

            CountLineEnd(scan + at);
            scan += at + 1;
        }

        _lineScan = offset;
        if (_columnScan < _lineStart)
        {
            _columnScan = _lineStart;
            _column = 0;
        }

        if (offset > _columnScan)
        {
            var run = b.AsSpan(_columnScan, offset - _columnScan);
            _column += offset <= _limit && run.Length <= 16 ? CharCountShort(run) : Encoding.UTF8.GetCharCount(run);
            _columnScan = offset;
        }

        return (_line, _column + 1);
    }

    /// <summary>A CR, an LF or a CRLF ends a line: the LF of a CRLF only moves the line start past itself.</summary>
    private void CountLineEnd(int at)
    {
        var b = _buffer;
        if (b[at] == '\r' || at == _start || b[at - 1] != '\r')
        {
            _line++;
        }

        _lineStart = at + 1;
    }

    /// <summary>
    /// The UTF-16 length of a short run of valid UTF-8 (the bytes before the limit are): one unit per byte that does
    /// not continue a sequence, two for a 4-byte sequence. For the few bytes of indentation before a tag this beats
    /// the call into the encoder.
    /// </summary>
    private static int CharCountShort(ReadOnlySpan<byte> run)
    {
        var count = 0;
        foreach (var c in run)
        {
            count += c < 0x80 ? 1 : c >= 0xF0 ? 2 : (c & 0xC0) != 0x80 ? 1 : 0;
        }

        return count;
    }

    private struct Frame
    {
        public int NameStart;
        public int NameLength;
        public int ScopeCount;
        public string LocalName;
        public string Namespace;
    }

    private struct Attribute
    {
        public int NameStart;
        public int NameLength;
        public int PrefixLength;
        public int ValueStart;
        public int ValueEnd;
        public bool Escaped;
        public bool IsDeclaration;
        public int Binding;
        public string Namespace;
    }

    private readonly record struct Binding(string Prefix, string Uri, int Previous);
}
