using System.Text;
using System.Xml;

namespace BeAlert.Cap;

/// <summary>
/// One read of one feed: a hardened <see cref="XmlReader"/> over the decoded text, pulled node by node with the depth
/// limit on every element; the diagnostics; and, for embedded alerts, the text itself so that each alert is cut out
/// exactly as written and read by <see cref="CapParser"/>, its positions mapped back into the feed.
/// </summary>
internal sealed partial class CapFeedReaderSession
{
    internal const string AtomNamespace = "http://www.w3.org/2005/Atom";
    internal const string EdxlNamespace = "urn:oasis:names:tc:emergency:EDXL:DE:1.0";
    private const string XmlnsNamespace = "http://www.w3.org/2000/xmlns/";
    private const int MaxDiagnostics = 100_000;

    private readonly CapFeedReaderOptions _options;
    private readonly XmlReaderSettings _settings;
    private readonly string _text;
    private readonly List<CapDiagnostic> _diagnostics = [];
    private LineMap? _lines;
    private XmlReader _reader = null!;
    private IXmlLineInfo? _lineInfo;
    private string _path = "/";
    private int _entries;

    internal CapFeedReaderSession(CapFeedReaderOptions options, XmlReaderSettings settings, string text)
    {
        _options = options;
        _settings = settings;
        _text = text;
    }

    internal CapFeed Read()
    {
        try
        {
            using (_reader = XmlReader.Create(new StringReader(_text), _settings))
            {
                _lineInfo = _reader as IXmlLineInfo;
                MoveToRoot();
                var ns = _reader.NamespaceURI;
                var name = _reader.LocalName;
                CapFeed feed;
                if (ns == AtomNamespace && name == "feed")
                {
                    feed = ReadAtomFeed();
                }
                else if (ns.Length == 0 && name == "rss")
                {
                    feed = ReadRss();
                }
                else if (ns == EdxlNamespace && name == "EDXLDistribution")
                {
                    feed = ReadEdxl();
                }
                else
                {
                    var (line, column) = ElementPosition();
                    var found = ns.Length == 0 ? $"<{name}> in no namespace" : $"<{name}> in namespace '{ns}'";
                    throw new CapParseException(
                        CapDiagnosticCodes.FeedNotRecognized,
                        $"The root element is {found}; expected an Atom <feed> ('{AtomNamespace}'), an RSS 2.0 <rss>, or an EDXL-DE 1.0 <EDXLDistribution> ('{EdxlNamespace}').",
                        "/" + name,
                        line,
                        column);
                }

                // Trailing content must still be well-formed.
                while (Next())
                {
                }

                return feed;
            }
        }
        catch (CapParseException)
        {
            throw;
        }
        catch (XmlException e)
        {
            var translated = CapXmlReaderAdapter.Translate(e, 0, 0);
            var reason = translated.Code switch
            {
                CapDiagnosticCodes.DtdProhibited => "The feed declares a DTD. Feeds never need one, and DTDs enable external entity (XXE) and entity expansion attacks, so they are refused.",
                CapDiagnosticCodes.DocumentTooLarge => $"The feed is larger than the limit of {_options.MaxDocumentBytes} characters (CapFeedReaderOptions.MaxDocumentBytes).",
                CapDiagnosticCodes.EncodingError => "The feed's bytes do not match its character encoding: " + translated.Message,
                _ => "The feed is not well-formed XML: " + translated.Message,
            };
            throw new CapParseException(translated.Code, reason, _path, translated.Line, translated.Column, e);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or OverflowException or FormatException)
        {
            var (line, column) = CurrentPosition();
            throw new CapParseException(CapDiagnosticCodes.NotWellFormed, "The feed could not be read: " + e.Message, _path, line, column, e);
        }
    }

    private CapDiagnostic[] SortedDiagnostics()
    {
        // Document order; a stable sort keeps the order of findings at the same position.
        var sorted = _diagnostics.ToArray();
        var keys = new (int, int, int)[sorted.Length];
        for (var i = 0; i < sorted.Length; i++)
        {
            keys[i] = (sorted[i].Line, sorted[i].Column, i);
        }

        Array.Sort(keys, sorted);
        return sorted;
    }

    // ---- Reader helpers ------------------------------------------------------------------------------------

    /// <summary>Reads the next node, enforcing the depth limit on elements.</summary>
    private bool Next()
    {
        if (!_reader.Read())
        {
            return false;
        }

        if (_reader.NodeType == XmlNodeType.Element && _reader.Depth >= _options.MaxDepth)
        {
            var (line, column) = ElementPosition();
            throw new CapParseException(
                CapDiagnosticCodes.NestingTooDeep,
                $"Elements are nested deeper than the limit of {_options.MaxDepth} (CapFeedReaderOptions.MaxDepth).",
                _path,
                line,
                column);
        }

        return true;
    }

    private void MoveToRoot()
    {
        while (Next())
        {
            switch (_reader.NodeType)
            {
                case XmlNodeType.Element:
                    return;
                case XmlNodeType.Text or XmlNodeType.CDATA:
                    var (line, column) = CurrentPosition();
                    throw new CapParseException(CapDiagnosticCodes.NotWellFormed, "Text before the root element: this is not an XML document.", "/", line, column);
            }
        }

        throw new CapParseException(CapDiagnosticCodes.NotWellFormed, "The document is empty: there is no root element.", "/", 0, 0);
    }

    /// <summary>
    /// Moves to the next child element of the element at <paramref name="depth"/>; <see langword="false"/> at its end
    /// tag. Children the caller does not read are skipped on the next call (their descendants are passed over).
    /// </summary>
    private bool NextChild(int depth)
    {
        while (Next())
        {
            var type = _reader.NodeType;
            if (type == XmlNodeType.EndElement && _reader.Depth == depth)
            {
                return false;
            }

            if (type == XmlNodeType.Element && _reader.Depth == depth + 1)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Reads all text inside the current element and leaves the reader on its end tag.</summary>
    private string ReadText()
    {
        if (_reader.IsEmptyElement)
        {
            return string.Empty;
        }

        var depth = _reader.Depth;
        string? first = null;
        StringBuilder? more = null;
        while (Next())
        {
            switch (_reader.NodeType)
            {
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    if (first is null)
                    {
                        first = _reader.Value;
                    }
                    else
                    {
                        (more ??= new StringBuilder(first)).Append(_reader.Value);
                    }

                    break;
                case XmlNodeType.EndElement when _reader.Depth == depth:
                    return more?.ToString() ?? first ?? string.Empty;
            }
        }

        return more?.ToString() ?? first ?? string.Empty;
    }

    /// <summary>The position of the current element's '&lt;' (XmlReader reports the name's first character).</summary>
    private (int Line, int Column) ElementPosition()
    {
        if (_lineInfo is not { } info || !info.HasLineInfo())
        {
            return (0, 0);
        }

        var shift = _reader.NodeType == XmlNodeType.EndElement ? 2 : 1;
        return (info.LineNumber, Math.Max(1, info.LinePosition - shift));
    }

    private (int Line, int Column) CurrentPosition() =>
        _lineInfo is { } info && info.HasLineInfo() ? (info.LineNumber, info.LinePosition) : (0, 0);

    private void CountEntry(string path)
    {
        _path = path;
        if (++_entries > _options.MaxEntries)
        {
            var (line, column) = ElementPosition();
            throw new CapParseException(
                CapDiagnosticCodes.FeedTooManyElements,
                $"The feed has more than {_options.MaxEntries} entries (CapFeedReaderOptions.MaxEntries).",
                _path,
                line,
                column);
        }
    }

    private void CountChild(ref int count)
    {
        if (++count > _options.MaxElementsPerEntry)
        {
            var (line, column) = ElementPosition();
            throw new CapParseException(
                CapDiagnosticCodes.FeedTooManyElements,
                $"An entry has more than {_options.MaxElementsPerEntry} child elements (CapFeedReaderOptions.MaxElementsPerEntry).",
                _path,
                line,
                column);
        }
    }

    private void Report(string code, string message, string path, (int Line, int Column) position)
    {
        if (_diagnostics.Count >= MaxDiagnostics)
        {
            throw new CapParseException(CapDiagnosticCodes.FeedTooManyElements, $"More than {MaxDiagnostics} problems; reading stopped.", path, position.Line, position.Column);
        }

        _diagnostics.Add(new CapDiagnostic(code, CapRuleCatalog.Get(code).Severity, message, path, position.Line, position.Column));
    }

    private static bool IsCapNamespace(string ns) => ns is CapAlert.Namespace12 or CapAlert.Namespace11 or CapAlert.Namespace10;

    private static bool IsCapMediaType(string? type) =>
        type is not null && MediaType(type).Equals(CapFeedWriter.CapMediaType, StringComparison.OrdinalIgnoreCase);

    private static string MediaType(string type)
    {
        var semicolon = type.IndexOf(';', StringComparison.Ordinal);
        return (semicolon >= 0 ? type[..semicolon] : type).Trim();
    }

    private static string? NullIfEmpty(string value)
    {
        var trimmed = value.Trim();
        return trimmed.Length == 0 ? null : trimmed;
    }
}
