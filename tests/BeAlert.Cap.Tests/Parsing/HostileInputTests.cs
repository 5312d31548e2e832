using System.Diagnostics;
using System.Text;

namespace BeAlert.Cap.Tests.Parsing;

/// <summary>Each kind of hostile input ends in a <see cref="CapParseException"/> with a code, a reason and a place.</summary>
public sealed class HostileInputTests
{
    private const string Head = """<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">""";

    private static CapParseException Fails(string xml, CapParser? parser = null) =>
        Assert.Throws<CapParseException>(() => (parser ?? CapParser.Default).Parse(xml));

    private static CapParseException Fails(byte[] bytes, CapParser? parser = null) =>
        Assert.Throws<CapParseException>(() => (parser ?? CapParser.Default).Parse(bytes));

    [Fact]
    public void Parse_ExternalEntity_IsRefusedAsDtd()
    {
        var error = Fails("""
            <?xml version="1.0"?>
            <!DOCTYPE alert [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>&xxe;</identifier></alert>
            """);
        Assert.Equal(CapDiagnosticCodes.DtdProhibited, error.Code);
        Assert.Contains("DTD", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BillionLaughs_IsRefusedQuickly()
    {
        var dtd = new StringBuilder("<!DOCTYPE alert [<!ENTITY lol \"lol\">");
        for (var i = 1; i < 10; i++)
        {
            dtd.Append($"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{(i == 1 ? string.Empty : i - 1)};", 10))}\">");
        }

        dtd.Append("]>");
        var error = Fails(dtd + Head + "<identifier>&lol9;</identifier></alert>");
        Assert.Equal(CapDiagnosticCodes.DtdProhibited, error.Code);
    }

    [Fact]
    public void Parse_TenThousandDeepNesting_StopsAtDepthLimit()
    {
        var xml = Head + string.Concat(Enumerable.Repeat("<x>", 10_000)) + string.Concat(Enumerable.Repeat("</x>", 10_000)) + "</alert>";
        var error = Fails(xml);
        Assert.Equal(CapDiagnosticCodes.NestingTooDeep, error.Code);
        Assert.StartsWith("/alert", error.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_HundredMegabyteStream_StopsAtSizeLimitWithoutReadingItAll()
    {
        using var stream = new EndlessStream(100L * 1024 * 1024);
        var error = Assert.Throws<CapParseException>(() => CapParser.Default.Parse(stream));
        Assert.Equal(CapDiagnosticCodes.DocumentTooLarge, error.Code);
        Assert.True(stream.BytesRead <= new CapParserOptions().MaxDocumentBytes + (64 * 1024), $"read {stream.BytesRead} bytes");
    }

    [Fact]
    public void Parse_HundredMegabyteSeekableStream_FailsBeforeReading()
    {
        using var stream = new EndlessStream(100L * 1024 * 1024, seekable: true);
        Assert.Equal(CapDiagnosticCodes.DocumentTooLarge, Assert.Throws<CapParseException>(() => CapParser.Default.Parse(stream)).Code);
        Assert.Equal(0, stream.BytesRead);
    }

    /// <summary>A byte array is read in place (no copy): over the size limit it fails as the same bytes in a stream
    /// do, and at the limit it is read.</summary>
    [Fact]
    public void Parse_ByteArray_SameSizeLimitAsAStream()
    {
        var bytes = Encoding.UTF8.GetBytes(CapParserTests.Minimal);
        var atLimit = new CapParser(new CapParserOptions { MaxDocumentBytes = bytes.Length });
        var belowLimit = new CapParser(new CapParserOptions { MaxDocumentBytes = bytes.Length - 1 });

        Assert.Equal(atLimit.Parse(new MemoryStream(bytes)).Alert, atLimit.Parse(bytes).Alert);
        var fromArray = Assert.Throws<CapParseException>(() => belowLimit.Parse(bytes));
        var fromStream = Assert.Throws<CapParseException>(() => belowLimit.Parse(new MemoryStream(bytes)));
        Assert.Equal(CapDiagnosticCodes.DocumentTooLarge, fromArray.Code);
        Assert.Equal((fromStream.Message, fromStream.Path, fromStream.Line, fromStream.Column), (fromArray.Message, fromArray.Path, fromArray.Line, fromArray.Column));
    }

    [Fact]
    public void Parse_Truncated_ReportsNotWellFormedWithPosition()
    {
        var error = Fails(CapParserTests.Minimal[..(CapParserTests.Minimal.Length / 2)]);
        Assert.Equal(CapDiagnosticCodes.NotWellFormed, error.Code);
        Assert.True(error.Line > 1);
        Assert.StartsWith("/alert/info[1]", error.Path, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("hello, world")]
    [InlineData("{\"identifier\": 1}")]
    [InlineData("<alert")]
    [InlineData("<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><b></alert>")]
    public void Parse_NotXml_ReportsNotWellFormed(string text) => Assert.Equal(CapDiagnosticCodes.NotWellFormed, Fails(text).Code);

    [Fact]
    public void Parse_RandomBinary_ReportsParseError()
    {
        var bytes = new byte[4096];
        new Random(42).NextBytes(bytes);
        var error = Fails(bytes);
        Assert.True(error.Code is CapDiagnosticCodes.NotWellFormed or CapDiagnosticCodes.EncodingError, error.Code);
    }

    [Fact]
    public void Parse_InvalidUtf8_ReportsEncodingError()
    {
        var bytes = Encoding.Latin1.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + Head + "<identifier>Liège é</identifier></alert>");
        Assert.Equal(CapDiagnosticCodes.EncodingError, Fails(bytes).Code);
    }

    /// <summary>
    /// A bad byte is found where it is, whether the text before it is ASCII (which the up-front check passes over in one
    /// step) or holds an earlier non-ASCII character: same code, same line and column.
    /// </summary>
    [Theory]
    [InlineData(new byte[] { 0x01 }, CapDiagnosticCodes.NotWellFormed)]
    [InlineData(new byte[] { 0x0B }, CapDiagnosticCodes.NotWellFormed)]
    [InlineData(new byte[] { 0xEF, 0xBF, 0xBE }, CapDiagnosticCodes.NotWellFormed)]
    [InlineData(new byte[] { 0xC3, 0x28 }, CapDiagnosticCodes.EncodingError)]
    [InlineData(new byte[] { 0xFF }, CapDiagnosticCodes.EncodingError)]
    public void Parse_BadByteAfterAsciiOrNot_IsFoundAtItsPlace(byte[] bad, string code)
    {
        foreach (var before in new[] { "Brand in Gent", "Brand in Liège" })
        {
            var head = Encoding.UTF8.GetBytes(Head + "\n<identifier>BE-1</identifier>\n<sender>" + before + " ");
            var bytes = head.Concat(bad).Concat(Encoding.UTF8.GetBytes("</sender></alert>")).ToArray();

            var error = Fails(bytes);
            Assert.Equal(code, error.Code);
            Assert.Equal(3, error.Line);
            Assert.Equal("<sender>".Length + before.Length + 2, error.Column);
        }
    }

    [Fact]
    public void Parse_UnknownEncoding_ReportsEncodingError()
    {
        var bytes = Encoding.ASCII.GetBytes("<?xml version=\"1.0\" encoding=\"x-klingon\"?>" + Head + "</alert>");
        Assert.Equal(CapDiagnosticCodes.EncodingError, Fails(bytes).Code);
    }

    [Theory]
    [InlineData("<feed xmlns=\"http://www.w3.org/2005/Atom\"/>")]
    [InlineData("<alert/>")]
    [InlineData("<alert xmlns=\"urn:oasis:names:tc:emergency:cap:9.9\"/>")]
    public void Parse_NotACapAlert_ReportsNotCapAlert(string xml) => Assert.Equal(CapDiagnosticCodes.NotCapAlert, Fails(xml).Code);

    [Fact]
    public void Parse_TooManyInfoBlocks_StopsAtLimit()
    {
        var parser = new CapParser(new CapParserOptions { MaxInfoBlocks = 3 });
        var xml = Head + string.Concat(Enumerable.Repeat("<info/>", 4)) + "</alert>";
        var error = Fails(xml, parser);
        Assert.Equal(CapDiagnosticCodes.TooManyElements, error.Code);
        Assert.Contains("MaxInfoBlocks", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The limit holds for a polygon read in place and for one read as decoded text (a reference in it).</summary>
    [Theory]
    [InlineData(" ")]
    [InlineData("&#32;")]
    public void Parse_TooManyPolygonPoints_StopsAtLimit(string separator)
    {
        var parser = new CapParser(new CapParserOptions { MaxPolygonPoints = 100 });
        var points = string.Join(separator, Enumerable.Range(0, 101).Select(i => $"50.{i},4.{i}"));
        var error = Fails(Head + $"<info><area><areaDesc>x</areaDesc><polygon>{points}</polygon></area></info></alert>", parser);
        Assert.Equal(CapDiagnosticCodes.TooManyElements, error.Code);
        Assert.Equal("/alert/info[1]/area[1]/polygon[1]", error.Path);
    }

    [Fact]
    public void Parse_PolygonLongerThanTheValueLimit_StopsAtLimit()
    {
        var parser = new CapParser(new CapParserOptions { MaxValueLength = 1000 });
        var points = string.Join(' ', Enumerable.Range(0, 200).Select(i => $"50.{i},4.{i}"));
        var error = Fails(Head + $"<info><area><areaDesc>x</areaDesc><polygon>{points}</polygon></area></info></alert>", parser);
        Assert.Equal(CapDiagnosticCodes.ValueTooLong, error.Code);
    }

    [Fact]
    public void Parse_CdataEndInPolygon_IsNotWellFormed() =>
        Assert.Equal(CapDiagnosticCodes.NotWellFormed, Fails(Head + "<info><area><areaDesc>x</areaDesc><polygon>50,4 ]]> 51,4</polygon></area></info></alert>").Code);

    [Fact]
    public void Parse_TooManyRepeatedElements_StopsAtLimit()
    {
        var parser = new CapParser(new CapParserOptions { MaxRepeatedElements = 50 });
        var error = Fails(Head + string.Concat(Enumerable.Repeat("<code>x</code>", 51)) + "</alert>", parser);
        Assert.Equal(CapDiagnosticCodes.TooManyElements, error.Code);
    }

    [Fact]
    public void Parse_ValueTooLong_StopsAtLimit()
    {
        var parser = new CapParser(new CapParserOptions { MaxValueLength = 1000 });
        Assert.Equal(CapDiagnosticCodes.ValueTooLong, Fails(Head + "<note>" + new string('a', 1001) + "</note></alert>", parser).Code);
    }

    [Fact]
    public void Parse_ManyUnknownElements_StaysBounded()
    {
        var stopwatch = Stopwatch.StartNew();
        var error = Fails(Head + string.Concat(Enumerable.Repeat("<x/>", 200_000)) + "</alert>");
        Assert.Equal(CapDiagnosticCodes.TooManyElements, error.Code);
        Assert.NotNull(stopwatch); // no timing assertion: the limit, not the clock, bounds this
    }

    [Fact]
    public void TryParse_BadInput_ReturnsErrorWithoutThrowing()
    {
        Assert.False(CapParser.Default.TryParse("<nope", out var document, out var error));
        Assert.Null(document);
        Assert.Equal(CapDiagnosticCodes.NotWellFormed, error.Code);
        Assert.Equal(CapDiagnosticCodes.NotWellFormed, error.ToDiagnostic().Code);
    }

    [Fact]
    public void Options_Invalid_ListsEveryProblem()
    {
        var error = Assert.Throws<ArgumentException>(() => new CapParser(new CapParserOptions { MaxDepth = 0, MaxInfoBlocks = -1 }));
        Assert.Contains("MaxDepth", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxInfoBlocks", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A stream of '&lt;alert&gt;' followed by endless spaces, counting what was read.</summary>
    private sealed class EndlessStream(long length, bool seekable = false) : Stream
    {
        private static readonly byte[] Prefix = Encoding.UTF8.GetBytes(Head);
        private long _position;

        public long BytesRead => _position;

        public override bool CanRead => true;

        public override bool CanSeek => seekable;

        public override bool CanWrite => false;

        public override long Length => seekable ? length : throw new NotSupportedException();

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            for (var i = 0; i < n; i++)
            {
                var at = _position + i;
                buffer[offset + i] = at < Prefix.Length ? Prefix[at] : (byte)' ';
            }

            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
