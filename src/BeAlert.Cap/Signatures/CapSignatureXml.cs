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

    /// <summary>Loads a document that <see cref="CapParser"/> has already read.</summary>
    /// <exception cref="XmlException">The bytes are not well-formed (not expected after a successful parse).</exception>
    internal static XmlDocument Load(byte[] bytes, long maxDocumentBytes)
    {
        var settings = CapReaderSession.CreateSettings(new CapParserOptions { MaxDocumentBytes = maxDocumentBytes });
        settings.IgnoreComments = false;
        settings.IgnoreProcessingInstructions = false;
        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        using var stream = new MemoryStream(bytes, writable: false);
        using var reader = XmlReader.Create(stream, settings);
        document.Load(reader);
        return document;
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
