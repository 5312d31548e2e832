using CorpusFiles = BeAlert.Cap.Tests.Corpus.Corpus;
using System.Text;

namespace BeAlert.Cap.Tests.Parsing.Xml;

/// <summary>The UTF-8 reader's well-formedness rules, positions, text decoding, namespaces and ReadOuterXml.</summary>
public sealed class CapUtf8XmlReaderTests
{
    private static CapUtf8XmlReader Open(string xml) => new(Encoding.UTF8.GetBytes(xml));

    private static CapUtf8XmlReader Open(byte[] bytes) => new(bytes);

    private static CapXmlException Fails(byte[] bytes)
    {
        using var reader = Open(bytes);
        return Assert.Throws<CapXmlException>(() =>
        {
            while (reader.Read())
            {
                _ = reader.NodeType is CapXmlNodeType.Text or CapXmlNodeType.Whitespace ? reader.Value : null;
            }
        });
    }

    private static CapXmlException Fails(string xml) => Fails(Encoding.UTF8.GetBytes(xml));

    private static void Accepts(string xml)
    {
        using var reader = Open(xml);
        while (reader.Read())
        {
        }
    }

    /// <summary>The text of the first text node inside the root.</summary>
    private static string TextOf(string xml)
    {
        using var reader = Open(xml);
        var text = new StringBuilder();
        while (reader.Read())
        {
            if (reader.NodeType is CapXmlNodeType.Text or CapXmlNodeType.Whitespace && reader.Depth > 0)
            {
                text.Append(reader.Value);
            }
        }

        return text.ToString();
    }

    /// <summary>The nodes as "Type:value-or-name", reading with <see cref="CapXmlReader.SkipWhitespaceText"/> set as given.</summary>
    private static List<string> Nodes(string xml, bool skipWhitespaceText)
    {
        using var reader = Open(xml);
        reader.SkipWhitespaceText = skipWhitespaceText;
        var nodes = new List<string>();
        while (reader.Read())
        {
            nodes.Add(reader.NodeType + ":" + (reader.NodeType is CapXmlNodeType.Text or CapXmlNodeType.Whitespace ? reader.Value : reader.LocalName));
        }

        return nodes;
    }

    [Fact]
    public void SkipWhitespaceText_StepsOverIndentationOnly()
    {
        const string Xml = "<a>\n  <b> x </b>\n  <c>  </c> t \n<![CDATA[ ]]>\n</a>";

        Assert.Equal(
            new[] { "Element:a", "Whitespace:\n  ", "Element:b", "Text: x ", "EndElement:b", "Whitespace:\n  ", "Element:c", "Whitespace:  ", "EndElement:c", "Text: t \n", "Whitespace: ", "Whitespace:\n", "EndElement:a" },
            Nodes(Xml, skipWhitespaceText: false));

        // Whitespace up to the next '<' goes; text with anything else in it, and CDATA, are still reported.
        Assert.Equal(
            new[] { "Element:a", "Element:b", "Text: x ", "EndElement:b", "Element:c", "EndElement:c", "Text: t \n", "Whitespace: ", "EndElement:a" },
            Nodes(Xml, skipWhitespaceText: true));
    }

    [Theory]
    [InlineData("<?xml version=\"1.0\"?><a/>")]
    [InlineData("<?xml version='1.0' encoding='utf-8' standalone='yes'?><a/>")]
    [InlineData("<?xml version=\"1.0\" encoding=\"US-ASCII\" ?>\n<a/>")]
    [InlineData("<a/>")]
    [InlineData("\n <a/> \n")]
    [InlineData("<!-- c --><?pi data?><a><!----><?x?></a><!-- after -->")]
    [InlineData("<a b='1' c=\"2\" d = '&lt;&#x41;&#65;'/>")]
    [InlineData("<a><![CDATA[<not markup> & ]]]></a>")]
    [InlineData("<\u00e9l\u00e8ve \u00e0='1'>\u65e5\u672c</\u00e9l\u00e8ve>")]
    [InlineData("<a:b xmlns:a='urn:a' a:c='1' xml:lang='nl'/>")]
    [InlineData("<a xmlns='urn:x'><b xmlns=''/></a>")]
    [InlineData("<a>]]</a>")]
    [InlineData("<?xml-stylesheet href='x'?><a/>")]
    public void WellFormed_Accepted(string xml) => Accepts(xml);

    [Theory]
    [InlineData("", "Root element is missing")]
    [InlineData("  ", "Root element is missing")]
    [InlineData(" <?xml version='1.0'?><a/>", "reserved")]
    [InlineData("<a/><?xml version='1.0'?>", "reserved")]
    [InlineData("<?XML version='1.0'?><a/>", "reserved")]
    [InlineData("<?xml encoding='utf-8'?><a/>", "version")]
    [InlineData("<?xml version='2.0'?><a/>", "version")]
    [InlineData("<?xml version='1.0' standalone='maybe'?><a/>", "standalone")]
    [InlineData("<?xml version='1.0' encoding='8bit'?><a/>", "encoding")]
    [InlineData("<a><!-- a -- b --></a>", "--")]
    [InlineData("<a><!-- a ---></a>", "--")]
    [InlineData("<a></b>", "does not match")]
    [InlineData("<a><b></a>", "does not match")]
    [InlineData("<a>", "end of file")]
    [InlineData("<a/><b/>", "multiple root")]
    [InlineData("<a/>text", "root level")]
    [InlineData("text<a/>", "root level")]
    [InlineData("<a b='1' b='2'/>", "repeated")]
    [InlineData("<a xmlns:p='urn:x' xmlns:q='urn:x' p:b='1' q:b='2'/>", "repeated")]
    [InlineData("<a b='1'c='2'/>", "Whitespace")]
    [InlineData("<a b=1/>", "quoted")]
    [InlineData("<a b/>", "'='")]
    [InlineData("<a b='<'/>", "'<'")]
    [InlineData("<a b='&foo;'/>", "undeclared entity")]
    [InlineData("<a>&foo;</a>", "undeclared entity")]
    [InlineData("<a>&amp</a>", "';'")]
    [InlineData("<a>&#0;</a>", "not allowed in XML")]
    [InlineData("<a>&#xFFFE;</a>", "not allowed in XML")]
    [InlineData("<a>&#xD800;</a>", "not allowed in XML")]
    [InlineData("<a>&#x110000;</a>", "not allowed in XML")]
    [InlineData("<a>&#xG;</a>", "character reference")]
    [InlineData("<a>&#;</a>", "character reference")]
    [InlineData("<a>x ]]> y</a>", "]]>")]
    [InlineData("<1a/>", "cannot begin")]
    [InlineData("<-a/>", "cannot begin")]
    [InlineData("<a\u00d7/>", "Whitespace")]
    [InlineData("<p:a/>", "undeclared prefix")]
    [InlineData("<a p:b='1'/>", "undeclared prefix")]
    [InlineData("<a:b:c xmlns:a='urn:a'/>", "qualified name")]
    [InlineData("<:a/>", "qualified name")]
    [InlineData("<a: xmlns:a='urn:a'/>", "qualified name")]
    [InlineData("<xmlns:a/>", "reserved")]
    [InlineData("<a xmlns:p=''/>", "empty namespace")]
    [InlineData("<a xmlns:xml='urn:x'/>", "'xml'")]
    [InlineData("<a xmlns:p='http://www.w3.org/XML/1998/namespace'/>", "'xml'")]
    [InlineData("<a xmlns:xmlns='urn:x'/>", "xmlns")]
    [InlineData("<a xmlns='http://www.w3.org/2000/xmlns/'/>", "xmlns")]
    [InlineData("<![CDATA[x]]><a/>", "CDATA")]
    [InlineData("<a><![CDATA[x</a>", "end of file")]
    [InlineData("<a><?pi</a>", "processing instruction")]
    [InlineData("<a><?p:i x?></a>", "':'")]
    [InlineData("<a><!ELEMENT></a>", "markup")]
    public void NotWellFormed_CAP0001(string xml, string reason)
    {
        var e = Fails(xml);
        if (e.Code == CapDiagnosticCodes.DtdProhibited)
        {
            Assert.Equal("DTD", reason);
            return;
        }

        Assert.Equal(CapDiagnosticCodes.NotWellFormed, e.Code);
        Assert.Contains(reason, e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("<!DOCTYPE a><a/>")]
    [InlineData("<?xml version='1.0'?>\n<!DOCTYPE a [<!ENTITY x 'y'>]><a>&x;</a>")]
    [InlineData("<a><!DOCTYPE a></a>")]
    [InlineData("<a/><!DOCTYPE a>")]
    public void Doctype_Anywhere_CAP0002(string xml) => Assert.Equal(CapDiagnosticCodes.DtdProhibited, Fails(xml).Code);

    [Theory]
    [InlineData(new byte[] { 0xC0, 0xBC })] // overlong '<'
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })] // an encoded surrogate
    [InlineData(new byte[] { 0xE2, 0x82 })] // truncated
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0x80 })]
    [InlineData(new byte[] { 0xF4, 0x90, 0x80, 0x80 })] // above U+10FFFF
    public void InvalidUtf8_InText_CAP0007(byte[] bad)
    {
        byte[] bytes = [.. "<a>x"u8, .. bad, .. "</a>"u8];
        var e = Fails(bytes);
        Assert.Equal(CapDiagnosticCodes.EncodingError, e.Code);
        Assert.Equal((1, 5), (e.Line, e.Column));
    }

    [Theory]
    [InlineData(new byte[] { 0x00 })]
    [InlineData(new byte[] { 0x01 })]
    [InlineData(new byte[] { 0x1F })]
    [InlineData(new byte[] { 0x0B })]
    [InlineData(new byte[] { 0xEF, 0xBF, 0xBE })] // U+FFFE
    [InlineData(new byte[] { 0xEF, 0xBF, 0xBF })] // U+FFFF
    public void IllegalCharacters_CAP0001(byte[] bad)
    {
        foreach (var (head, tail) in new[] { ("<a>", "</a>"), ("<a b='", "'/>"), ("<a><!--", "--></a>"), ("<a><![CDATA[", "]]></a>"), ("<a><?pi ", "?></a>") })
        {
            byte[] bytes = [.. Encoding.UTF8.GetBytes(head), .. bad, .. Encoding.UTF8.GetBytes(tail)];
            Assert.Equal(CapDiagnosticCodes.NotWellFormed, Fails(bytes).Code);
        }
    }

    [Fact]
    public void IllegalCharacter_AfterEarlierError_EarlierErrorReported()
    {
        var e = Fails([.. "<a></b>"u8, 0xFF]);
        Assert.Equal(CapDiagnosticCodes.NotWellFormed, e.Code);
        Assert.Contains("does not match", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tab_Lf_Cr_C1_AndAstral_Allowed() => Assert.Equal("\t\n\n\u0085\U0001F600", TextOf("<a>\t\n\r\u0085\U0001F600</a>"));

    [Theory]
    [InlineData("<a>x\r\ny</a>", "x\ny")]
    [InlineData("<a>x\ry\r</a>", "x\ny\n")]
    [InlineData("<a>x\r\n\r\ny</a>", "x\n\ny")]
    [InlineData("<a>&#13;&#10;</a>", "\r\n")]
    [InlineData("<a><![CDATA[a\r\nb&amp;]]></a>", "a\nb&amp;")]
    [InlineData("<a>&lt;&gt;&amp;&apos;&quot;</a>", "<>&'\"")]
    [InlineData("<a>&#65;&#x42;&#x1F600;</a>", "AB\U0001F600")]
    [InlineData("<a>caf\u00e9 &amp; cr\u00e8me</a>", "caf\u00e9 & cr\u00e8me")]
    [InlineData("<a>x<!-- c -->y<![CDATA[z]]></a>", "xyz")]
    public void Text_Decoded(string xml, string expected) => Assert.Equal(expected, TextOf(xml));

    [Fact]
    public void WhitespaceOnly_IsWhitespace_EvenFromReferences()
    {
        using var reader = Open("<a> \n<b>&#32;</b><c>x</c></a>");
        var kinds = new List<CapXmlNodeType>();
        while (reader.Read())
        {
            if (reader.NodeType is CapXmlNodeType.Text or CapXmlNodeType.Whitespace)
            {
                kinds.Add(reader.NodeType);
            }
        }

        Assert.Equal([CapXmlNodeType.Whitespace, CapXmlNodeType.Whitespace, CapXmlNodeType.Text], kinds);
    }

    [Fact]
    public void Value_IsCached()
    {
        using var reader = Open("<a>caf&#233;</a>");
        reader.Read();
        reader.Read();
        Assert.Same(reader.Value, reader.Value);
    }

    /// <summary>
    /// The shared table's hash looks at a name's length and first and last bytes only: names that differ elsewhere
    /// share a bucket and are told apart by their bytes; names not in the table are not found, and a reader interns
    /// them in its own table (one instance per name).
    /// </summary>
    [Theory]
    [InlineData("urn:oasis:names:tc:emergency:cap:1.2", "urn:oasis:names:tc:emergencY:cap:1.2")]
    [InlineData("http://www.w3.org/2001/XMLSchema-instance", "http://www.w3.org/2001/XMLSchemX-instance")]
    [InlineData("instruction", "instrXction")]
    [InlineData("valueName", "valuename")]
    [InlineData("info", "infp")]
    [InlineData("web", "wex")]
    public void SharedNames_FoundByTheirBytes_OthersNot(string known, string unknown)
    {
        Assert.Equal(known, CapXmlNameTable.Shared.Find(Encoding.UTF8.GetBytes(known)));
        Assert.Null(CapXmlNameTable.Shared.Find(Encoding.UTF8.GetBytes(unknown)));

        using var reader = Open($"<{Prefixless(unknown)}><{Prefixless(unknown)}/></{Prefixless(unknown)}>");
        reader.Read();
        var first = reader.LocalName;
        reader.Read();
        Assert.Equal(Prefixless(unknown), first);
        Assert.Same(first, reader.LocalName);

        static string Prefixless(string name) => new([.. name.Where(char.IsAsciiLetterOrDigit)]);
    }

    [Fact]
    public void KnownNames_SameInstance_NoAllocation()
    {
        using var reader = Open("<alert xmlns='urn:oasis:names:tc:emergency:cap:1.2'><identifier/></alert>");
        reader.Read();
        Assert.Same(CapXmlNameTable.Shared.Find("alert"u8), reader.LocalName);
        Assert.Same(CapXmlNameTable.Shared.Find("urn:oasis:names:tc:emergency:cap:1.2"u8), reader.NamespaceUri);
        reader.Read();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var name = reader.LocalName;
        var ns = reader.NamespaceUri;
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(("identifier", CapAlert.Namespace12), (name, ns));
    }

    [Fact]
    public void Positions_DepthAndEmpty_LikeXmlReader()
    {
        using var reader = Open("<?xml version='1.0'?>\r\n<a>\r\n  <b x='1'/>t\u00e9xt<c>\rv</c>\n</a>");
        var nodes = new List<string>();
        while (reader.Read())
        {
            nodes.Add($"{reader.NodeType} {reader.LocalName} d{reader.Depth} {reader.LineNumber}:{reader.LinePosition} {reader.IsEmptyElement}");
        }

        Assert.Equal(
            [
                "Whitespace  d0 1:22 False",
                "Element a d0 2:1 False",
                "Whitespace  d1 2:4 False",
                "Element b d1 3:3 True",
                "Text  d1 3:13 False",
                "Element c d1 3:17 False",
                "Text  d2 3:20 False",
                "EndElement c d1 4:2 False",
                "Whitespace  d1 4:6 False",
                "EndElement a d0 5:1 False",
            ],
            nodes);
    }

    [Fact]
    public void Error_Position_IsLineAndColumn()
    {
        var e = Fails("<a>\n  <b>caf\u00e9 &bad;</b></a>");
        Assert.Equal((2, 11), (e.Line, e.Column));
    }

    [Fact]
    public void Namespaces_ResolvedAndScoped()
    {
        using var reader = Open("<r xmlns='urn:d' xmlns:p='urn:p'><p:a p:x='1' y='2' xml:lang='fr'><b xmlns='' xmlns:p='urn:q'><p:c/></b><d/></p:a></r>");
        var nodes = new List<string>();
        while (reader.Read())
        {
            var attributes = Enumerable.Range(0, reader.AttributeCount).Select(i => reader.GetAttribute(i)).Select(a => $"{a.QualifiedName}={{{a.NamespaceUri}}}");
            nodes.Add($"{reader.NodeType} {{{reader.NamespaceUri}}}{reader.LocalName} {string.Join(' ', attributes)}".TrimEnd());
        }

        Assert.Equal(
            [
                "Element {urn:d}r xmlns={http://www.w3.org/2000/xmlns/} xmlns:p={http://www.w3.org/2000/xmlns/}",
                "Element {urn:p}a p:x={urn:p} y={} xml:lang={http://www.w3.org/XML/1998/namespace}",
                "Element {}b xmlns={http://www.w3.org/2000/xmlns/} xmlns:p={http://www.w3.org/2000/xmlns/}",
                "Element {urn:q}c",
                "EndElement {}b",
                "Element {urn:d}d",
                "EndElement {urn:p}a",
                "EndElement {urn:d}r",
            ],
            nodes);
    }

    [Fact]
    public void ReadOuterXml_AddsInheritedDeclarations_AndMovesPast()
    {
        const string Xml = "<alert xmlns='urn:oasis:names:tc:emergency:cap:1.2' xmlns:ds='http://www.w3.org/2000/09/xmldsig#' xmlns:x='urn:x' xmlns:unused='urn:u'>"
            + "<info/><ds:Signature Id='s'>\r\n <ds:SignedInfo x:a='1'><note>caf\u00e9</note></ds:SignedInfo></ds:Signature><after/></alert>";
        using var reader = Open(Xml);
        while (reader.Read() && reader.LocalName != "Signature")
        {
        }

        var outer = reader.ReadOuterXml();
        Assert.Equal(
            "<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\" xmlns:x=\"urn:x\" xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\" Id='s'>\r\n <ds:SignedInfo x:a='1'><note>caf\u00e9</note></ds:SignedInfo></ds:Signature>",
            outer);
        Assert.True(reader.Read());
        Assert.Equal((CapXmlNodeType.Element, "after"), (reader.NodeType, reader.LocalName));

        // The result stands alone: XmlReader reads it with the same names.
        var document = System.Xml.Linq.XDocument.Parse(outer);
        Assert.Equal("{urn:oasis:names:tc:emergency:cap:1.2}note", document.Descendants().Last().Name.ToString());
    }

    [Fact]
    public void ReadOuterXml_OwnDeclarations_NotRepeated_EmptyElement()
    {
        using var reader = Open("<r xmlns:ds='urn:outer'><ds:S xmlns:ds='urn:own'/><n/></r>");
        reader.Read();
        reader.Read();
        Assert.Equal("<ds:S xmlns:ds='urn:own'/>", reader.ReadOuterXml());
        Assert.True(reader.Read());
        Assert.Equal("n", reader.LocalName);
    }

    [Fact]
    public void DeepNesting_NoRecursion_Linear()
    {
        const int Depth = 100_000;
        var xml = new StringBuilder();
        for (var i = 0; i < Depth; i++)
        {
            xml.Append("<e>");
        }

        for (var i = 0; i < Depth; i++)
        {
            xml.Append("</e>");
        }

        using var reader = Open(xml.ToString());
        var max = 0;
        var count = 0;
        while (reader.Read())
        {
            max = Math.Max(max, reader.Depth);
            count++;
        }

        Assert.Equal((Depth - 1, 2 * Depth), (max, count));
    }

    [Fact]
    public void ManyPrefixes_ManyAttributes_Accepted()
    {
        var xml = new StringBuilder("<r");
        for (var i = 0; i < 5000; i++)
        {
            xml.Append($" xmlns:p{i}='urn:{i}' p{i}:a='{i}'");
        }

        xml.Append('>');
        for (var i = 0; i < 5000; i++)
        {
            xml.Append($"<p{i}:e/>");
        }

        xml.Append("</r>");
        Accepts(xml.ToString());
        Assert.Contains("repeated", Fails(xml.ToString().Replace("p4999:a=", "p0:a=", StringComparison.Ordinal)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF, (byte)'<' }, true)]
    [InlineData(new byte[] { (byte)'<', (byte)'a' }, true)]
    [InlineData(new byte[] { (byte)'<', 0 }, false)]
    [InlineData(new byte[] { 0, (byte)'<' }, false)]
    [InlineData(new byte[] { 0xFF, 0xFE, (byte)'<', 0 }, false)]
    [InlineData(new byte[] { 0xFE, 0xFF, 0, (byte)'<' }, false)]
    public void CanRead_ByteOrderMarksAndPatterns(byte[] start, bool expected) => Assert.Equal(expected, CapUtf8XmlReader.CanRead([.. start, .. "/>"u8]));

    [Theory]
    [InlineData("<?xml version='1.0'?><a/>", true)]
    [InlineData("<?xml version='1.0' encoding='UTF-8'?><a/>", true)]
    [InlineData("<?xml version='1.0' encoding=\"us-ascii\"?><a/>", true)]
    [InlineData("<?xml version='1.0' encoding='ISO-8859-1'?><a/>", false)]
    [InlineData("<?xml version='1.0' encoding='utf-16'?><a/>", false)]
    public void CanRead_DeclaredEncoding(string xml, bool expected) => Assert.Equal(expected, CapUtf8XmlReader.CanRead(Encoding.UTF8.GetBytes(xml)));

    [Fact]
    public void Parser_NonUtf8Documents_StillParseThroughXmlReader()
    {
        var xml = File.ReadAllText(Path.Combine(CorpusFiles.Samples, "be-typical-4lang.xml"));
        var expected = CapParser.Default.Parse(Encoding.UTF8.GetBytes(xml)).Alert;
        var latin1 = Encoding.Latin1.GetBytes(xml.Replace("encoding=\"UTF-8\"", "encoding=\"ISO-8859-1\"", StringComparison.Ordinal));
        byte[] utf16 = [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(xml.Replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"", StringComparison.Ordinal))];
        Assert.False(CapUtf8XmlReader.CanRead(latin1));
        Assert.False(CapUtf8XmlReader.CanRead(utf16));
        Assert.Equal(CapWriter.WriteToString(expected), CapWriter.WriteToString(CapParser.Default.Parse(latin1).Alert));
        Assert.Equal(CapWriter.WriteToString(expected), CapWriter.WriteToString(CapParser.Default.Parse(utf16).Alert));
        Assert.Equal(CapWriter.WriteToString(expected), CapWriter.WriteToString(CapParser.Default.Parse(xml).Alert));
    }

    [Fact]
    public void Parser_StringWithLoneSurrogate_FailsCleanly()
    {
        var e = Assert.Throws<CapParseException>(() => CapParser.Default.Parse("<alert xmlns='urn:oasis:names:tc:emergency:cap:1.2'>\ud800</alert>"));
        Assert.Equal(CapDiagnosticCodes.NotWellFormed, e.Code);
    }
}
