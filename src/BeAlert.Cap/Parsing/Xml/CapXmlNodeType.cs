namespace BeAlert.Cap;

/// <summary>The nodes a <see cref="CapXmlReader"/> reports; comments, processing instructions and the XML declaration are skipped.</summary>
internal enum CapXmlNodeType
{
    /// <summary>Before the first node.</summary>
    None,
    /// <summary>A start tag (or an empty-element tag, see <see cref="CapXmlReader.IsEmptyElement"/>).</summary>
    Element,
    /// <summary>An end tag.</summary>
    EndElement,
    /// <summary>Character data with at least one non-whitespace character (text or CDATA).</summary>
    Text,
    /// <summary>Character data made only of XML whitespace (space, tab, CR, LF).</summary>
    Whitespace,
}
