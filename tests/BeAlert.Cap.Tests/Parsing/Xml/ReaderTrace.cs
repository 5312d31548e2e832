using System.Text;
using System.Xml;

namespace BeAlert.Cap.Tests.Parsing.Xml;

/// <summary>
/// Runs a <see cref="CapXmlReader"/> to the end and writes down every node, so that two readers can be compared.
/// Adjacent character data is merged into one node (a reader may split text around CDATA or comments), and is
/// whitespace when every character of the merged text is.
/// </summary>
internal static class ReaderTrace
{
    internal static CapXmlReader Fast(byte[] bytes) => new CapUtf8XmlReader(bytes);

    internal static CapXmlReader Reference(byte[] bytes) =>
        new CapXmlReaderAdapter(XmlReader.Create(new MemoryStream(bytes, writable: false), CapReaderSession.CreateSettings(CapParserOptions.Default)));

    internal sealed record Result(IReadOnlyList<string> Nodes, string? ErrorCode, string? ErrorMessage)
    {
        public override string ToString() =>
            string.Join("\n", Nodes) + (ErrorCode is null ? "\n(end)" : $"\n!! {ErrorCode}: {ErrorMessage}");
    }

    internal static Result Run(Func<CapXmlReader> create, bool positions = true)
    {
        var nodes = new List<string>();
        var text = new StringBuilder();
        var textHead = string.Empty;
        void Flush()
        {
            if (text.Length > 0)
            {
                var value = text.ToString();
                var type = value.AsSpan().IndexOfAnyExcept(" \t\r\n") < 0 ? "Whitespace" : "Text";
                nodes.Add($"{type} {textHead} '{Escape(value)}'");
                text.Clear();
            }
        }

        try
        {
            using var reader = create();
            while (reader.Read())
            {
                var at = positions ? $" @{reader.LineNumber}:{reader.LinePosition}" : string.Empty;
                switch (reader.NodeType)
                {
                    case CapXmlNodeType.Text or CapXmlNodeType.Whitespace:
                        if (text.Length == 0)
                        {
                            textHead = $"d{reader.Depth}{at}";
                        }

                        text.Append(reader.Value);
                        if (reader.NodeType == CapXmlNodeType.Whitespace && reader.Value.AsSpan().IndexOfAnyExcept(" \t\r\n") >= 0)
                        {
                            throw new InvalidOperationException("A Whitespace node with other characters.");
                        }

                        break;
                    case CapXmlNodeType.Element:
                        Flush();
                        var attributes = new List<string>();
                        for (var i = 0; i < reader.AttributeCount; i++)
                        {
                            var (name, ns) = reader.GetAttribute(i);
                            attributes.Add($"{name}{{{ns}}}");
                        }

                        nodes.Add($"Element d{reader.Depth}{at} {{{reader.NamespaceUri}}}{reader.LocalName} empty={reader.IsEmptyElement} [{string.Join(' ', attributes)}]");
                        break;
                    case CapXmlNodeType.EndElement:
                        Flush();
                        nodes.Add($"EndElement d{reader.Depth}{at} {{{reader.NamespaceUri}}}{reader.LocalName}");
                        break;
                    default:
                        throw new InvalidOperationException($"Read returned true on {reader.NodeType}.");
                }
            }

            Flush();
            return new Result(nodes, null, null);
        }
        catch (CapXmlException e)
        {
            Flush();
            return new Result(nodes, e.Code, e.Message);
        }
        catch (XmlException e)
        {
            Flush();
            var translated = CapXmlReaderAdapter.Translate(e, 0, 0);
            return new Result(nodes, translated.Code, translated.Message);
        }
        catch (DecoderFallbackException e)
        {
            Flush();
            return new Result(nodes, CapDiagnosticCodes.EncodingError, e.Message);
        }
    }

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal);
}
