using System.Text;
using System.Xml;

namespace BeAlert.Cap;

/// <summary>
/// <see cref="CapXmlReader"/> over a hardened <see cref="XmlReader"/> (no DTD, no resolver): the path for every
/// encoding and input the UTF-8 reader does not take.
/// </summary>
internal sealed class CapXmlReaderAdapter : CapXmlReader
{
    private readonly XmlReader _reader;
    private readonly IXmlLineInfo? _lineInfo;
    private bool _advanced;

    internal CapXmlReaderAdapter(XmlReader reader)
    {
        _reader = reader;
        _lineInfo = reader as IXmlLineInfo;
    }

    public override CapXmlNodeType NodeType => _reader.NodeType switch
    {
        XmlNodeType.Element => CapXmlNodeType.Element,
        XmlNodeType.EndElement => CapXmlNodeType.EndElement,
        XmlNodeType.Text or XmlNodeType.CDATA => IsXmlWhitespace(_reader.Value) ? CapXmlNodeType.Whitespace : CapXmlNodeType.Text,
        XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace => CapXmlNodeType.Whitespace,
        _ => CapXmlNodeType.None,
    };

    public override string LocalName => _reader.LocalName;

    public override string NamespaceUri => _reader.NamespaceURI;

    public override bool IsEmptyElement => _reader.IsEmptyElement;

    public override int Depth => _reader.Depth;

    public override string Value => _reader.Value;

    public override int AttributeCount => _reader.NodeType == XmlNodeType.Element ? _reader.AttributeCount : 0;

    public override int LineNumber => _lineInfo is { } info && info.HasLineInfo() ? info.LineNumber : 0;

    public override int LinePosition
    {
        get
        {
            if (_lineInfo is not { } info || !info.HasLineInfo())
            {
                return 0;
            }

            // XmlReader counts a tag from its name; we count from the '<'.
            var shift = _reader.NodeType switch
            {
                XmlNodeType.Element => 1,
                XmlNodeType.EndElement => 2,
                _ => 0,
            };
            return Math.Max(1, info.LinePosition - shift);
        }
    }

    public override (string QualifiedName, string NamespaceUri) GetAttribute(int index)
    {
        _reader.MoveToAttribute(index);
        var attribute = (_reader.Name, _reader.NamespaceURI);
        _reader.MoveToElement();
        return attribute;
    }

    public override bool Read()
    {
        try
        {
            while (true)
            {
                if (_advanced)
                {
                    _advanced = false;
                    if (_reader.EOF)
                    {
                        return false;
                    }
                }
                else if (!_reader.Read())
                {
                    return false;
                }

                if (NodeType != CapXmlNodeType.None)
                {
                    return true;
                }
            }
        }
        catch (XmlException e)
        {
            throw Translate(e, LineNumber, LinePosition);
        }
    }

    public override string ReadOuterXml()
    {
        try
        {
            var xml = _reader.ReadOuterXml();
            _advanced = true;
            return xml;
        }
        catch (XmlException e)
        {
            throw Translate(e, LineNumber, LinePosition);
        }
    }

    public override void Dispose()
    {
        _reader.Dispose();
        base.Dispose();
    }

    /// <summary>Classifies an <see cref="XmlException"/> (by its message: XmlReader has no error codes).</summary>
    internal static CapXmlException Translate(XmlException e, int currentLine, int currentColumn)
    {
        var message = e.Message;
        var index = message.LastIndexOf(" Line ", StringComparison.Ordinal);
        var reason = index > 0 ? message[..index] : message;
        var (line, column) = e.LineNumber > 0 ? (e.LineNumber, e.LinePosition) : (currentLine, currentColumn);
        if (message.Contains("DTD", StringComparison.Ordinal))
        {
            return new CapXmlException(CapDiagnosticCodes.DtdProhibited, "The document declares a DTD.", line, column, e);
        }

        if (message.Contains("encoding", StringComparison.OrdinalIgnoreCase) || message.Contains("byte order mark", StringComparison.OrdinalIgnoreCase)
            || e.InnerException is DecoderFallbackException or ArgumentException)
        {
            return new CapXmlException(CapDiagnosticCodes.EncodingError, reason, line, column, e);
        }

        if (message.Contains("MaxCharactersInDocument", StringComparison.Ordinal))
        {
            return new CapXmlException(CapDiagnosticCodes.DocumentTooLarge, reason, line, column, e);
        }

        return new CapXmlException(CapDiagnosticCodes.NotWellFormed, reason, line, column, e);
    }

    private static bool IsXmlWhitespace(string value)
    {
        foreach (var c in value)
        {
            if (c is not (' ' or '\t' or '\r' or '\n'))
            {
                return false;
            }
        }

        return true;
    }
}
