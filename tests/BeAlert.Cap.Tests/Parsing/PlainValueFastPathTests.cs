using System.Text;
using CorpusFiles = BeAlert.Cap.Tests.Corpus.Corpus;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace BeAlert.Cap.Tests.Parsing;

/// <summary>
/// A value element holding plain text is read by the UTF-8 reader in one step (text and end tag); everything else
/// node by node. Both ways must give the same model and the same diagnostics (code, path, line, column, message) as
/// the XmlReader path (the same text as UTF-16), which never takes the shortcut.
/// </summary>
public sealed class PlainValueFastPathTests
{
    private static readonly byte[][] Seeds = [.. CorpusFiles.Files(CorpusFiles.Samples).Concat(CorpusFiles.Files(CorpusFiles.TestData)).Select(File.ReadAllBytes)];

    public static TheoryData<string> Samples => CorpusFiles.Relative(CorpusFiles.Samples);

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_Utf8AndXmlReader_SameDocument(string file)
    {
        var bytes = File.ReadAllBytes(Path.Combine(CorpusFiles.Samples, file));
        foreach (var parser in new[] { CapParser.Default, CapParser.Lenient })
        {
            var (agree, report) = Compare(parser, bytes);
            Assert.True(agree, report);
        }
    }

    [Theory]
    [InlineData("<urgency>Immediate</urgency>", "<urgency>Soon</urgency>")]
    [InlineData("<urgency>Immediate</urgency>", "<urgency>Soon</urgency >")]
    [InlineData("<urgency>Immediate</urgency>", "<urgency>So&#x6F;n</urgency>")]
    [InlineData("<urgency>Immediate</urgency>", "<urgency>Soon]</urgency>")]
    [InlineData("<urgency>Immediate</urgency>", "<urgency>Soon\r\n</urgency>")]
    [InlineData("<urgency>Immediate</urgency>", "<urgency>So<!-- x -->on</urgency>")]
    [InlineData("<urgency>Immediate</urgency>", "<urgency></urgency>")]
    [InlineData("<expires>2026-11-25T20:30:00+01:00</expires>", "<expires>2026-11-25T20:30:00Z</expires>")]
    [InlineData("<expires>2026-11-25T20:30:00+01:00</expires>", "<expires>2026-11-25T20:30:00</expires >")]
    public void BadValueDeepInTheDocument_ReportedAtItsStartTag(string original, string replacement)
    {
        // Deep in the document: the last info block of the typical alert, after non-ASCII text on earlier lines.
        var xml = File.ReadAllText(Path.Combine(CorpusFiles.Samples, "be-typical-4lang.xml"));
        var at = xml.LastIndexOf(original, StringComparison.Ordinal);
        Assert.True(at > 0);
        xml = string.Concat(xml.AsSpan(0, at), replacement, xml.AsSpan(at + original.Length));
        var line = xml[..at].Count(c => c == '\n') + 1;
        var column = at - (xml.LastIndexOf('\n', at - 1) + 1) + 1;
        var element = original[1..original.IndexOf('>', StringComparison.Ordinal)];

        var diagnostics = CapValidator.Default.Validate(CapParser.Default.Parse(Encoding.UTF8.GetBytes(xml))).Diagnostics;

        var diagnostic = Assert.Single(diagnostics, d => d.Path.EndsWith("/" + element, StringComparison.Ordinal));
        Assert.StartsWith("/alert/info[4]/", diagnostic.Path, StringComparison.Ordinal);
        Assert.Equal((line, column), (diagnostic.Line, diagnostic.Column));

        var (agree, report) = Compare(CapParser.Default, Encoding.UTF8.GetBytes(xml));
        Assert.True(agree, report);
    }

    /// <summary>
    /// A container's value child in its plainest form is read whole by NextChild (TryReadValueChild); every other
    /// child goes node by node. Around the last urgency of the typical alert: duplicates, order, attributes, prefixes,
    /// namespaces, unknown names, text, comments and markup before or inside a child, and a container written as an
    /// element pair, each giving the same document, diagnostics (with positions) or error as the XmlReader path.
    /// </summary>
    [Theory]
    [InlineData("<urgency>Immediate</urgency><urgency>Expected</urgency>")]
    [InlineData("<severity>Severe</severity><urgency>Immediate</urgency>")]
    [InlineData("<urgency a=\"1\">Immediate</urgency>")]
    [InlineData("<c:urgency xmlns:c=\"urn:oasis:names:tc:emergency:cap:1.2\">Immediate</c:urgency>")]
    [InlineData("<urgency xmlns=\"urn:x\">Immediate</urgency>")]
    [InlineData("<urgency xmlns=\"\">Immediate</urgency>")]
    [InlineData("<Urgency>Immediate</Urgency>")]
    [InlineData("<urgency2>Immediate</urgency2><urgency>Immediate</urgency>")]
    [InlineData("<foo>x</foo><urgency>Immediate</urgency>")]
    [InlineData("x<urgency>Immediate</urgency>")]
    [InlineData("<!-- c --><urgency>Immediate</urgency>")]
    [InlineData("<?pi x?><urgency>Immediate</urgency>")]
    [InlineData("<urgency><b/>Immediate</urgency>")]
    [InlineData("<urgency>Immediate</urgency ><resource></resource>")]
    [InlineData("<urgency>Immediate</urgency>\r\n\t <resource>\r\n</resource>")]
    [InlineData("<urgency>Immediate</urgency><area></area>")]
    [InlineData("<urgency>Immediate</urgency><urgency/>")]
    [InlineData("<urgency>Immediate</urgency></info><info><language>x</language></info><info>")]
    [InlineData("\n                                        <urgency>Immediate</urgency>")]
    [InlineData(" \t \r\n \t \r\n \t \r\n \t \r\n \t \r\n \t \r\n \t \r\n \t \r\n \t \r\n \t \r\n \t \r\n \t \r\n <urgency>Immediate</urgency>")]
    [InlineData("\u00a0<urgency>Immediate</urgency>")]
    [InlineData("<urgencyurgencyurgencyurgencyurgency7>x</urgencyurgencyurgencyurgencyurgency7><urgency>Immediate</urgency>")]
    [InlineData("<urgencyurgencyurgencyurgencyurgencyurgencyurgencyurgencyurgency>x</urgencyurgencyurgencyurgencyurgencyurgencyurgencyurgencyurgency>")]
    [InlineData("<urgenc\u00e9>x</urgenc\u00e9><urgency>Immediate</urgency>")]
    [InlineData("<urgency_x>x</urgency_x><urgency>Immediate</urgency>")]
    public void ValueChildReadWhole_OrNodeByNode_SameAsXmlReader(string replacement)
    {
        var xml = File.ReadAllText(Path.Combine(CorpusFiles.Samples, "be-typical-4lang.xml"));
        var at = xml.LastIndexOf("<urgency>Immediate</urgency>", StringComparison.Ordinal);
        xml = string.Concat(xml.AsSpan(0, at), replacement, xml.AsSpan(at + "<urgency>Immediate</urgency>".Length));
        foreach (var parser in new[] { CapParser.Default, CapParser.Lenient })
        {
            AssertSameOutcome(parser, xml);
        }
    }

    /// <summary>
    /// Container start and end tags in their plainest form are read in one step too; other forms node by node: blanks
    /// and attributes in tags, empty-element containers, comments or text after an end tag, a container where a value
    /// is expected, text that is not plain. Each as on the XmlReader path.
    /// </summary>
    [Theory]
    [InlineData("</area>", "</area >")]
    [InlineData("<area>", "<area >")]
    [InlineData("<area>", "<area a=\"1\">")]
    [InlineData("<geocode>", "<geocode/><geocode>")]
    [InlineData("</geocode>", "</geocode><!-- c -->")]
    [InlineData("</alert>", "</alert>x")]
    [InlineData("<area>", "<area><info/>")]
    [InlineData("<areaDesc>", "<areaDesc><![CDATA[x]]>")]
    [InlineData("<valueName>NIS</valueName>", "<valueName>NIS &amp; x</valueName>")]
    public void ContainerTagsInOneStep_OrNodeByNode_SameAsXmlReader(string original, string replacement)
    {
        var xml = File.ReadAllText(Path.Combine(CorpusFiles.Samples, "be-typical-4lang.xml"));
        var at = xml.LastIndexOf(original, StringComparison.Ordinal);
        xml = string.Concat(xml.AsSpan(0, at), replacement, xml.AsSpan(at + original.Length));
        foreach (var parser in new[] { CapParser.Default, CapParser.Lenient })
        {
            AssertSameOutcome(parser, xml);
        }
    }

    /// <summary>A prefixed container, its end tag written with the prefix: read in one step, the same as by XmlReader.</summary>
    [Fact]
    public void PrefixedContainer_SameAsXmlReader()
    {
        var xml = File.ReadAllText(Path.Combine(CorpusFiles.Samples, "be-typical-4lang.xml"));
        var at = xml.LastIndexOf("<area>", StringComparison.Ordinal);
        var end = xml.LastIndexOf("</area>", StringComparison.Ordinal);
        xml = xml[..at] + "<c:area xmlns:c=\"urn:oasis:names:tc:emergency:cap:1.2\">" + xml[(at + 6)..end] + "</c:area>" + xml[(end + 7)..];
        var document = CapParser.Default.Parse(Encoding.UTF8.GetBytes(xml));
        Assert.Empty(document.Diagnostics);
        Assert.NotEmpty(Assert.Single(document.Alert.Infos[3].Areas).AreaDesc);
        AssertSameOutcome(CapParser.Default, xml);
    }

    /// <summary>CAP 1.0 geocodes hold "name=value" text: read as text (not as containers) on both paths.</summary>
    [Fact]
    public void Cap10GeocodeText_SameAsXmlReader()
    {
        var xml = File.ReadAllText(Path.Combine(CorpusFiles.TestData, "versions", "cap10", "geocode-text-pairs-cap10.xml"));
        Assert.NotEmpty(CapParser.Default.Parse(Encoding.UTF8.GetBytes(xml)).Alert.Infos[0].Areas[0].Geocodes);
        AssertSameOutcome(CapParser.Default, xml);
        AssertSameOutcome(CapParser.Lenient, xml);
    }

    public static TheoryData<string, string> CodedValues
    {
        get
        {
            var data = new TheoryData<string, string>();
            void Add<TEnum>(string element)
                where TEnum : struct, Enum
            {
                foreach (var value in Enum.GetValues<TEnum>())
                {
                    var text = CapEnumText.ToText(value);
                    data.Add(element, text);
                    data.Add(element, text[..^1] + (char)(text[^1] + 1));
                }
            }

            Add<CapStatus>("status");
            Add<CapMessageType>("msgType");
            Add<CapScope>("scope");
            Add<CapCategory>("category");
            Add<CapUrgency>("urgency");
            Add<CapSeverity>("severity");
            Add<CapCertainty>("certainty");
            return data;
        }
    }

    /// <summary>
    /// A coded value read whole is matched on its bytes: every CAP value of every coded element reads as the XmlReader
    /// path reads it, and the same text with its last letter changed (same length, same start) is refused the same way.
    /// </summary>
    [Theory]
    [MemberData(nameof(CodedValues))]
    public void CodedValueMatchedOnItsBytes_SameAsXmlReader(string element, string text)
    {
        var start = CapParserTests.Minimal.IndexOf($"<{element}>", StringComparison.Ordinal);
        var end = CapParserTests.Minimal.IndexOf($"</{element}>", start, StringComparison.Ordinal);
        var xml = CapParserTests.Minimal[..(start + element.Length + 2)] + text + CapParserTests.Minimal[end..];
        foreach (var parser in new[] { CapParser.Default, CapParser.Lenient })
        {
            AssertSameOutcome(parser, xml);
        }
    }

    /// <summary>A category or response type that is not a CAP value is reported and left out of the model.</summary>
    [Fact]
    public void UnreadableCategoryAndResponseType_LeftOut()
    {
        var xml = CapParserTests.Minimal.Replace("<category>Fire</category>", "<category>Fyre</category><category>Geo</category><responseType>Shelterr</responseType>", StringComparison.Ordinal);

        var document = CapParser.Default.Parse(Encoding.UTF8.GetBytes(xml));

        Assert.Equal([CapCategory.Geo], document.Alert.Infos[0].Categories);
        Assert.Empty(document.Alert.Infos[0].ResponseTypes);
        Assert.Equal(2, document.Diagnostics.Count(d => d.Code == CapDiagnosticCodes.InvalidEnumValue));
    }

    /// <summary>A prefixed root whose children have no namespace: none of them is a CAP element, read whole or not.</summary>
    [Fact]
    public void ValueChildInNoNamespace_UnderAPrefixedRoot_IsForeign()
    {
        var xml = File.ReadAllText(Path.Combine(CorpusFiles.Samples, "be-typical-4lang.xml"))
            .Replace("<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">", "<c:alert xmlns:c=\"urn:oasis:names:tc:emergency:cap:1.2\">", StringComparison.Ordinal)
            .Replace("</alert>", "</c:alert>", StringComparison.Ordinal);
        var document = CapParser.Default.Parse(Encoding.UTF8.GetBytes(xml));
        Assert.Contains(document.Diagnostics, d => d.Code == CapDiagnosticCodes.ForeignElement && d.Path == "/alert/identifier");
        AssertSameOutcome(CapParser.Default, xml);
        AssertSameOutcome(CapParser.Lenient, xml);
    }

    /// <summary>The repetition limit holds for value children read whole (the second category), at the same place.</summary>
    [Fact]
    public void ValueChildReadWhole_RepetitionLimitAsOnTheXmlReaderPath()
    {
        var xml = File.ReadAllText(Path.Combine(CorpusFiles.Samples, "be-typical-4lang.xml"));
        var parser = new CapParser(new CapParserOptions { MaxRepeatedElements = 1 });
        var error = Assert.Throws<CapParseException>(() => parser.Parse(Encoding.UTF8.GetBytes(xml)));
        Assert.Equal((CapDiagnosticCodes.TooManyElements, "/alert/info[1]/category[2]"), (error.Code, error.Path));
        AssertSameOutcome(parser, xml);
    }

    private static void AssertSameOutcome(CapParser parser, string xml)
    {
        var fast = Describe(() => parser.Parse(Encoding.UTF8.GetBytes(xml)));
        var reference = Describe(() => parser.Parse(AsUtf16(xml)));
        Assert.Equal(reference.Error, fast.Error);
        Assert.Equal(reference.Text, fast.Text);
        Assert.Equal(reference.Alert, fast.Alert);
    }

    /// <summary>An end tag that does not match its start tag is reported where XmlReader reports it: at its name.</summary>
    [Theory]
    [InlineData("<sent>2026-11-25T14:30:00+01:00</sent>", "<sent>2026-11-25T14:30:00+01:00</snet>")]
    [InlineData("<sent>2026-11-25T14:30:00+01:00</sent>", "<sent>2026-11-25T14:30:00+01:00</ sent>")]
    [InlineData("<event>Brand</event>", "<event>Brand</event></info>")]
    [InlineData("<event>Brand</event>", "<event>Brand</eventt>")]
    public void MismatchedEndTag_IsPlacedAsOnTheXmlReaderPath(string good, string bad)
    {
        var xml = CapParserTests.Minimal.Replace(good, bad, StringComparison.Ordinal);
        Assert.NotEqual(CapParserTests.Minimal, xml);
        foreach (var parser in new[] { CapParser.Default, CapParser.Lenient })
        {
            AssertSameOutcome(parser, xml);
            Assert.Equal(CapDiagnosticCodes.NotWellFormed, Assert.Throws<CapParseException>(() => parser.Parse(Encoding.UTF8.GetBytes(xml))).Code);
        }
    }

    /// <summary>A document that ends in the blanks or the name the reader skips a vector at a time fails as on the XmlReader path.</summary>
    [Theory]
    [InlineData("<urgency>Immediate</urgency>\n      ")]
    [InlineData("<urgency>Immediate</urgency>                                                                      ")]
    [InlineData("<urgency>Immediate</urgency>\n<urgen")]
    [InlineData("<urgency>Immediate</urgency>\n<urgencyurgencyurgencyurgencyurgencyurgencyurgency")]
    public void DocumentEndingInBlanksOrAName_FailsAsOnTheXmlReaderPath(string ending)
    {
        var xml = File.ReadAllText(Path.Combine(CorpusFiles.Samples, "be-typical-4lang.xml"));
        var at = xml.LastIndexOf("<urgency>Immediate</urgency>", StringComparison.Ordinal);
        xml = string.Concat(xml.AsSpan(0, at), ending);
        foreach (var parser in new[] { CapParser.Default, CapParser.Lenient })
        {
            AssertSameOutcome(parser, xml);
            Assert.Throws<CapParseException>(() => parser.Parse(Encoding.UTF8.GetBytes(xml)));
        }
    }

    [Fact]
    public void ValueLongerInBytesThanTheLimit_ButNotInCharacters_IsRead()
    {
        // "é" is two bytes and one character: 30 of them are 60 bytes, within a limit of 40 characters.
        var parser = new CapParser(new CapParserOptions { MaxValueLength = 40 });
        var xml = CapParserTests.Minimal.Replace("<event>Brand</event>", $"<event>{new string('é', 30)}</event>", StringComparison.Ordinal);

        var document = parser.Parse(Encoding.UTF8.GetBytes(xml));

        Assert.Equal(new string('é', 30), document.Alert.Infos[0].Event);
    }

    [Fact]
    public void ValueLongerInCharactersThanTheLimit_FailsAsOnTheXmlReaderPath()
    {
        var parser = new CapParser(new CapParserOptions { MaxValueLength = 40 });
        var xml = CapParserTests.Minimal.Replace("<event>Brand</event>", $"<event>{new string('é', 41)}</event>", StringComparison.Ordinal);

        var error = Assert.Throws<CapParseException>(() => parser.Parse(Encoding.UTF8.GetBytes(xml)));
        var fromXmlReader = Assert.Throws<CapParseException>(() => parser.Parse(AsUtf16(xml)));

        Assert.Equal(CapDiagnosticCodes.ValueTooLong, error.Code);
        Assert.Equal("/alert/info[1]/event", error.Path);
        Assert.Equal((fromXmlReader.Code, fromXmlReader.Line, fromXmlReader.Column, fromXmlReader.Path), (error.Code, error.Line, error.Column, error.Path));
    }

    /// <summary>
    /// The root element on the declaration's line: the positions on that line agree (the property below found this
    /// case at seed (9085288774650202452,7158558984446295247,65); the difference was in the test's UTF-16 copy).
    /// </summary>
    [Fact]
    public void RootOnTheDeclarationLine_PositionsAgreeWithTheXmlReaderPath()
    {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.1\">\n"
            + "  <identifier>X</identifier>\n  <sender>a@b</sender>\n  <sent>2009-10-06T10:00:00+02:0é0</sent>\n</alert>";
        foreach (var parser in new[] { CapParser.Default, CapParser.Lenient })
        {
            AssertSameOutcome(parser, xml);
            var older = Assert.Single(parser.Parse(Encoding.UTF8.GetBytes(xml)).Diagnostics, d => d.Code == CapDiagnosticCodes.OlderCapVersion);
            Assert.Equal((1, 39), (older.Line, older.Column));
        }
    }

    [Property(MaxTest = 1500)]
    public Property MutatedCorpus_Utf8ParseSucceeds_XmlReaderParseGivesTheSame() =>
        Prop.ForAll(Arb.From(MutatedDocuments), Arb.From(Gen.Elements(CapParser.Default, CapParser.Lenient)), (bytes, parser) =>
        {
            var (agree, report) = Compare(parser, bytes);
            return agree ? true : throw new InvalidOperationException(report);
        });

    /// <summary>
    /// When the UTF-8 path reads the document, the XmlReader path must read it too, to the same model and diagnostics.
    /// (The other way round is not required: the UTF-8 reader is stricter about the XML declaration, on purpose.)
    /// </summary>
    private static (bool Agree, string Report) Compare(CapParser parser, byte[] bytes)
    {
        if (!CapUtf8XmlReader.CanRead(bytes) || bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) || !System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return (true, string.Empty);
        }

        var text = Encoding.UTF8.GetString(bytes);
        var fast = Describe(() => parser.Parse(bytes));
        if (fast.Error is not null)
        {
            return (true, string.Empty);
        }

        var reference = Describe(() => parser.Parse(AsUtf16(text)));
        var agree = reference.Error is null && reference.Text == fast.Text && Equals(reference.Alert, fast.Alert);
        return (agree, agree ? string.Empty : $"UTF-8 path:\n{fast.Text}\nXmlReader path:\n{reference.Text}{reference.Error}\nInput:\n{text}");
    }

    /// <summary>
    /// The document as UTF-16 with a BOM (declared so): the parser reads that with XmlReader, never the UTF-8 reader.
    /// The declaration may have blanks around its '=' (the mutations insert some): a plain text replacement missed
    /// those, and XmlReader then read UTF-16 as the UTF-8 still declared, a failure of this test's own making.
    /// The new name is "UCS-2" (XmlReader's name for UTF-16 read from a BOM), five characters as "UTF-8": "UTF-16" made
    /// the declaration one character longer, and when a mutation joined the root element to the declaration's line,
    /// every column on that line moved by one on the XmlReader side only (CI failure of session 10, seed in the fact below).
    /// </summary>
    private static byte[] AsUtf16(string xml)
    {
        var text = System.Text.RegularExpressions.Regex.Replace(
            xml,
            "encoding([ \t\r\n]*)=([ \t\r\n]*)([\"'])UTF-8\\3",
            "encoding$1=$2$3UCS-2$3",
            System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant,
            TimeSpan.FromSeconds(1));
        return [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)];
    }

    private static (string Text, CapAlert? Alert, string? Error) Describe(Func<CapDocument> parse)
    {
        try
        {
            var document = parse();
            var diagnostics = CapValidator.Default.Validate(document).Diagnostics;
            return (string.Join("\n", diagnostics.Select(d => $"{d.Code} {d.Path} {d.Line}:{d.Column} {d.Message}")), document.Alert, null);
        }
        catch (CapParseException e)
        {
            return (string.Empty, null, $"{e.Code} {e.Path} {e.Line}:{e.Column}");
        }
    }

    private static Gen<byte[]> MutatedDocuments { get; } =
        from seed in Gen.Elements(Seeds)
        from steps in Gen.Choose(1, 4)
        from edits in Edit.ArrayOf(steps)
        select edits.Aggregate(seed, (bytes, edit) => edit(bytes));

    /// <summary>Insertions, deletions and flips of bytes that change how a value reads: markup, references, CR, ']', blanks, é.</summary>
    private static Gen<Func<byte[], byte[]>> Edit { get; } =
        from kind in Gen.Choose(0, 2)
        from position in Gen.Choose(0, int.MaxValue)
        from value in Gen.Elements<byte[]>("<"u8.ToArray(), ">"u8.ToArray(), "&amp;"u8.ToArray(), "]"u8.ToArray(), "\r"u8.ToArray(), " "u8.ToArray(), "é"u8.ToArray(), "/"u8.ToArray(), "<!--c-->"u8.ToArray(), "<![CDATA[x]]>"u8.ToArray())
        select (Func<byte[], byte[]>)(bytes =>
        {
            if (bytes.Length == 0)
            {
                return value;
            }

            var at = position % bytes.Length;
            return kind switch
            {
                0 => [.. bytes[..at], .. value, .. bytes[at..]],
                1 => [.. bytes[..at], .. bytes[(at + 1)..]],
                _ => [.. bytes[..at], .. value, .. bytes[(at + 1)..]],
            };
        });
}
