namespace BeAlert.Cap;

/// <summary>
/// The small pull-reader contract the CAP parser needs from an XML tokenizer: nodes in document order with
/// namespace-resolved names, text with entities and character references expanded and line ends normalised,
/// attributes for checking, positions, and the outer XML of one element (for enveloped signatures).
/// Implementations refuse DTDs, never resolve anything external, and report every error as a
/// <see cref="CapXmlException"/>.
/// </summary>
internal abstract class CapXmlReader : IDisposable
{
    /// <summary>Moves to the next node; returns <see langword="false"/> once the document has ended (and was complete).</summary>
    public abstract bool Read();

    /// <summary>
    /// A hint from a caller that ignores whitespace between elements (a container's children): while set, a reader may
    /// step over whitespace-only text that runs up to the next markup instead of reporting it as a
    /// <see cref="CapXmlNodeType.Whitespace"/> node. Text that is not only whitespace is always reported.
    /// </summary>
    public bool SkipWhitespaceText { get; set; }

    /// <summary>The current node's type.</summary>
    public abstract CapXmlNodeType NodeType { get; }

    /// <summary>The local name of the current element or end tag.</summary>
    public abstract string LocalName { get; }

    /// <summary>The namespace URI of the current element or end tag (empty for none).</summary>
    public abstract string NamespaceUri { get; }

    /// <summary>Whether the current element is an empty-element tag (<c>&lt;x/&gt;</c>): no EndElement follows.</summary>
    public abstract bool IsEmptyElement { get; }

    /// <summary>The nesting depth of the current node: 0 for the root element, 1 for its children and their text.</summary>
    public abstract int Depth { get; }

    /// <summary>The text of a Text or Whitespace node.</summary>
    public abstract string Value { get; }

    /// <summary>The number of attributes of the current element, namespace declarations included.</summary>
    /// <summary>Appends the current text node's value to <paramref name="buffer"/>, without creating a string where the reader can.</summary>
    public virtual void AppendValue(CapCharBuffer buffer) => buffer.Append(Value);

    public abstract int AttributeCount { get; }

    /// <summary>An attribute of the current element: its qualified name as written and its namespace URI
    /// (<c>http://www.w3.org/2000/xmlns/</c> for namespace declarations).</summary>
    public abstract (string QualifiedName, string NamespaceUri) GetAttribute(int index);

    /// <summary>The 1-based line of the current node.</summary>
    public abstract int LineNumber { get; }

    /// <summary>The 1-based column of the current node: the '&lt;' of a tag, the first character of text.</summary>
    public abstract int LinePosition { get; }

    /// <summary>
    /// Positioned on an element: returns its outer XML as standalone, well-formed XML (namespace declarations it
    /// relies on included) and consumes it, so that the next <see cref="Read"/> returns the node after it.
    /// </summary>
    public abstract string ReadOuterXml();

    public virtual void Dispose() => GC.SuppressFinalize(this);
}
