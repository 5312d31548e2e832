using System.Text;
using System.Xml;

namespace BeAlert.Cap;

/// <summary>Embedded alerts: cut out of the feed's text as written, read by CapParser, positions mapped back.</summary>
internal sealed partial class CapFeedReaderSession
{
    /// <summary>Whether the current element is a CAP <c>alert</c> (1.0, 1.1 or 1.2).</summary>
    private bool AtCapAlert() => _reader.NodeType == XmlNodeType.Element && _reader.LocalName == "alert" && IsCapNamespace(_reader.NamespaceURI);

    /// <summary>
    /// A child of an entry or item in the CAP namespace: an embedded alert (read and added to <paramref name="embedded"/>;
    /// returns <see langword="true"/>) or a CAP index element (read into <paramref name="index"/>).
    /// </summary>
    private bool ReadCapChild(IndexBuilder index, string path, List<CapDocument> embedded)
    {
        if (!AtCapAlert())
        {
            ReadIndexElement(index, path);
            return false;
        }

        if (ReadEmbeddedAlert(path) is { } document)
        {
            embedded.Add(document);
        }

        return true;
    }

    /// <summary>
    /// Reads the CAP alert element the reader is on and leaves the reader on its end tag. The alert's exact text is
    /// taken from the feed, with declarations added to its start tag for the namespace prefixes it uses but inherits
    /// from the feed; it is read and validated as a document of its own, and every diagnostic is re-rooted under
    /// <paramref name="parentPath"/> with its line and column moved into the feed.
    /// </summary>
    /// <returns>The document, or <see langword="null"/> when the alert could not be read (the reason is reported).</returns>
    private CapDocument? ReadEmbeddedAlert(string parentPath)
    {
        var (line, column) = ElementPosition();
        var qualifiedName = _reader.Name;
        var depth = _reader.Depth;
        var empty = _reader.IsEmptyElement;
        var inScope = ((IXmlNamespaceResolver)_reader).GetNamespacesInScope(XmlNamespaceScope.ExcludeXml);
        var declaredHere = new HashSet<string>(StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal) { _reader.Prefix };
        CollectPrefixes(declaredHere, used);
        var (endLine, endColumn) = (line, column);
        if (!empty)
        {
            while (Next())
            {
                if (_reader.NodeType == XmlNodeType.Element)
                {
                    used.Add(_reader.Prefix);
                    CollectPrefixes(null, used);
                }
                else if (_reader.NodeType == XmlNodeType.EndElement && _reader.Depth == depth)
                {
                    (endLine, endColumn) = ElementPosition();
                    break;
                }
            }
        }

        _lines ??= new LineMap(_text);
        var start = _lines.OffsetOf(line, column);
        if (start >= _text.Length || _text[start] != '<')
        {
            // Not where the reader said (it should not happen): find the tag on that line instead.
            var lineStart = _lines.OffsetOf(line, 1);
            var found = _text.IndexOf("<" + qualifiedName, lineStart, StringComparison.Ordinal);
            start = found >= 0 ? found : lineStart;
        }

        var end = TagEnd(empty ? start : _lines.OffsetOf(endLine, endColumn));
        var injected = new StringBuilder();
        foreach (var prefix in used.Order(StringComparer.Ordinal))
        {
            if (prefix is "xml" or "xmlns" || declaredHere.Contains(prefix) || !inScope.TryGetValue(prefix, out var uri) || uri.Length == 0)
            {
                continue;
            }

            injected.Append(prefix.Length == 0 ? " xmlns=\"" : " xmlns:").Append(prefix);
            if (prefix.Length > 0)
            {
                injected.Append("=\"");
            }

            foreach (var c in uri)
            {
                _ = c switch
                {
                    '&' => injected.Append("&amp;"),
                    '<' => injected.Append("&lt;"),
                    '"' => injected.Append("&quot;"),
                    _ => injected.Append(c),
                };
            }

            injected.Append('"');
        }

        var headLength = 1 + qualifiedName.Length;
        var source = _text.AsSpan(start, end - start);
        var alertText = injected.Length == 0
            ? source.ToString()
            : string.Concat(source[..headLength], injected.ToString(), source[headLength..]);
        var map = new EmbeddedPosition(line, column, headLength, injected.Length);

        if (!_options.Parser.TryParse(alertText, out var document, out var error))
        {
            Add(error.ToDiagnostic(), parentPath, map);
            return null;
        }

        foreach (var diagnostic in _options.Validator.Validate(document).Diagnostics)
        {
            Add(diagnostic, parentPath, map);
        }

        return document;
    }

    private void Add(CapDiagnostic diagnostic, string parentPath, EmbeddedPosition map)
    {
        var (line, column) = map.ToFeed(diagnostic.Line, diagnostic.Column);
        var path = diagnostic.Path is "/" or "" ? parentPath + "/alert" : parentPath + diagnostic.Path;
        if (_diagnostics.Count >= MaxDiagnostics)
        {
            throw new CapParseException(CapDiagnosticCodes.FeedTooManyElements, $"More than {MaxDiagnostics} problems; reading stopped.", path, line, column);
        }

        _diagnostics.Add(diagnostic with { Path = path, Line = line, Column = column });
    }

    /// <summary>Notes the prefixes the current element's attributes use, and (optionally) the prefixes it declares.</summary>
    private void CollectPrefixes(HashSet<string>? declared, HashSet<string> used)
    {
        if (!_reader.MoveToFirstAttribute())
        {
            return;
        }

        do
        {
            if (_reader.NamespaceURI == XmlnsNamespace)
            {
                declared?.Add(_reader.Prefix.Length == 0 ? string.Empty : _reader.LocalName);
            }
            else if (_reader.Prefix.Length > 0)
            {
                used.Add(_reader.Prefix);
            }
        }
        while (_reader.MoveToNextAttribute());
        _reader.MoveToElement();
    }

    /// <summary>The offset just after the tag that starts at <paramref name="offset"/> ('&gt;' outside quoted values).</summary>
    private int TagEnd(int offset)
    {
        var quote = '\0';
        for (var i = offset; i < _text.Length; i++)
        {
            var c = _text[i];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '>')
            {
                return i + 1;
            }
        }

        return _text.Length;
    }

    /// <summary>
    /// Maps a position in the cut-out alert text to the feed: line 1 of the alert is the feed's line of the alert's
    /// start tag, shifted by the tag's column, less the namespace declarations added after the tag's name; later
    /// lines are the feed's lines unchanged. Exact, because the alert's text is the feed's text.
    /// </summary>
    private readonly record struct EmbeddedPosition(int Line, int Column, int HeadLength, int InjectedLength)
    {
        internal (int Line, int Column) ToFeed(int line, int column)
        {
            if (line <= 0)
            {
                return (Line, Column);
            }

            if (line > 1)
            {
                return (Line + line - 1, column);
            }

            if (column > HeadLength + InjectedLength)
            {
                column -= InjectedLength;
            }
            else if (column > HeadLength)
            {
                column = HeadLength + 1;
            }

            return (Line, Column + column - 1);
        }
    }
}
