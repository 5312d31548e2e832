using System.Text;
using System.Xml;

namespace BeAlert.Cap;

/// <summary>
/// Loading and saving the DOM that XML signatures need. Loading uses the parser's hardened settings (no DTD, no
/// resolver, the size limit) but keeps comments and processing instructions, which canonicalization sees. Callers run
/// <see cref="CapParser"/> over the same bytes first, so the depth limit and the CAP shape are already checked.
/// </summary>
internal static class CapSignatureXml
{
    private static readonly byte[] Declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"u8.ToArray();

    /// <summary>
    /// Loads a document that <see cref="CapParser"/> has already read, and checks its depth: the parser passes over the
    /// content of ds:Signature without descending into it, while canonicalization recurses through every level.
    /// </summary>
    /// <exception cref="XmlException">The bytes are not well-formed (not expected after a successful parse).</exception>
    /// <exception cref="CapParseException">Elements are nested deeper than <paramref name="maxDepth"/> (CAP0005).</exception>
    internal static XmlDocument Load(byte[] bytes, long maxDocumentBytes, int maxDepth)
    {
        var settings = CapReaderSession.CreateSettings(new CapParserOptions { MaxDocumentBytes = maxDocumentBytes });
        settings.IgnoreComments = false;
        settings.IgnoreProcessingInstructions = false;
        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        using var stream = new MemoryStream(bytes, writable: false);
        using var reader = XmlReader.Create(stream, settings);
        document.Load(reader);
        CheckDepth(document, maxDepth);
        return document;
    }

    /// <summary>Walks the tree without recursion and fails at the first element as deep as the limit (the root is depth 0).</summary>
    private static void CheckDepth(XmlDocument document, int maxDepth)
    {
        if (document.DocumentElement is not { } root)
        {
            return;
        }

        XmlNode node = root;
        var depth = 0;
        while (true)
        {
            if (node.FirstChild is { } child)
            {
                node = child;
                depth++;
                if (depth >= maxDepth && node is XmlElement)
                {
                    throw new CapParseException(
                        CapDiagnosticCodes.NestingTooDeep,
                        $"Elements are nested deeper than the limit of {maxDepth} (CapParserOptions.MaxDepth).",
                        PathOf(node.ParentNode!),
                        0,
                        0);
                }

                continue;
            }

            while (true)
            {
                if (ReferenceEquals(node, root))
                {
                    return;
                }

                if (node.NextSibling is { } next)
                {
                    node = next;
                    break;
                }

                node = node.ParentNode!;
                depth--;
            }
        }
    }

    /// <summary>
    /// Saves the document as UTF-8 with an XML declaration saying so. Carriage returns and attribute line breaks
    /// are written as character references, so a reader gets back exactly the text the signature covers.
    /// </summary>
    internal static byte[] Save(XmlDocument document)
    {
        using var output = new MemoryStream();
        output.Write(Declaration);
        var settings = new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            OmitXmlDeclaration = true,
            Indent = false,
            NewLineHandling = NewLineHandling.Entitize,
            CloseOutput = false,
        };
        using (var writer = XmlWriter.Create(output, settings))
        {
            var first = true;
            foreach (XmlNode node in document.ChildNodes)
            {
                if (node is XmlDeclaration)
                {
                    continue;
                }

                if (first && node is not XmlWhitespace)
                {
                    writer.WriteWhitespace("\n");
                }

                first = false;
                node.WriteTo(writer);
            }
        }

        return output.ToArray();
    }

    /// <summary>An element path in the style of <see cref="CapPath"/>: <c>/alert/info[1]/ds:Signature</c>.</summary>
    internal static string PathOf(XmlNode node)
    {
        var parts = new List<string>();
        for (var current = node; current is XmlElement element; current = current.ParentNode)
        {
            var name = element.NamespaceURI == CapSignatureAlgorithms.DsigNamespace ? "ds:" + element.LocalName : element.LocalName;
            var (index, count) = SiblingIndex(element);
            parts.Add(count > 1 || IsRepeatable(element) ? $"{name}[{index}]" : name);
        }

        parts.Reverse();
        return "/" + string.Join('/', parts);
    }

    private static bool IsRepeatable(XmlElement element) =>
        element.ParentNode is XmlElement && element.NamespaceURI != CapSignatureAlgorithms.DsigNamespace
        && element.LocalName is "info" or "resource" or "area" or "polygon" or "circle" or "geocode" or "eventCode" or "parameter" or "code" or "category" or "responseType";

    private static (int Index, int Count) SiblingIndex(XmlElement element)
    {
        if (element.ParentNode is not XmlElement parent)
        {
            return (1, 1);
        }

        int index = 0, count = 0;
        foreach (XmlNode sibling in parent.ChildNodes)
        {
            if (sibling is XmlElement e && e.LocalName == element.LocalName && e.NamespaceURI == element.NamespaceURI)
            {
                count++;
                if (ReferenceEquals(e, element))
                {
                    index = count;
                }
            }
        }

        return (index, count);
    }
}
