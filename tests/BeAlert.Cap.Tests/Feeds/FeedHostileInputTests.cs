using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace BeAlert.Cap.Tests.Feeds;

/// <summary>Hostile feeds end in a feed with diagnostics or a CapParseException, in bounded time and memory.</summary>
public sealed class FeedHostileInputTests
{
    private static readonly byte[] Seed = CapFeedWriter.WriteAtomToBytes(FeedSamples.Alerts(3), FeedSamples.Options(embed: true));

    [Theory]
    [InlineData("<!DOCTYPE feed [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>&x;</title></feed>")]
    [InlineData("<!DOCTYPE lolz [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]><rss version=\"2.0\"><channel><title>&b;</title></channel></rss>")]
    public void Read_Dtd_RefusedAsDtdProhibited(string xml)
    {
        var error = Assert.Throws<CapParseException>(() => CapFeedReader.Default.Read(Encoding.UTF8.GetBytes(xml)));

        Assert.Equal(CapDiagnosticCodes.DtdProhibited, error.Code);
    }

    [Fact]
    public void Read_EmbeddedAlertWithDtdInside_IsNotPossibleWithoutTheFeedDeclaringOne()
    {
        // A DTD can only sit at the top of the feed, which is refused; an entity reference inside an entry is then
        // an undeclared entity, so the feed is not well-formed.
        var xml = CapFeedReaderTests.Atom("<content type=\"application/cap+xml\"><alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>&x;</identifier></alert></content>");

        var error = Assert.Throws<CapParseException>(() => CapFeedReader.Default.Read(xml));

        Assert.Equal(CapDiagnosticCodes.NotWellFormed, error.Code);
    }

    [Fact]
    public void Read_StreamOverTheSizeLimit_StopsAtTheLimit()
    {
        var reader = new CapFeedReader(new CapFeedReaderOptions { MaxDocumentBytes = 1024 * 1024 });
        using var endless = new RepeatingStream(Encoding.UTF8.GetBytes("<feed xmlns=\"http://www.w3.org/2005/Atom\">"), Encoding.UTF8.GetBytes("<entry><id>x</id></entry>"), 100L * 1024 * 1024);

        var error = Assert.Throws<CapParseException>(() => reader.Read(endless));

        Assert.Equal(CapDiagnosticCodes.DocumentTooLarge, error.Code);
        Assert.True(endless.Position < 3 * 1024 * 1024, $"read {endless.Position} bytes");
    }

    [Fact]
    public void Read_DeepNesting_StopsAtTheDepthLimit()
    {
        var deep = string.Concat(Enumerable.Repeat("<x>", 100_000));
        var xml = $"<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry>{deep}";

        var error = Assert.Throws<CapParseException>(() => CapFeedReader.Default.Read(xml));

        Assert.Equal(CapDiagnosticCodes.NestingTooDeep, error.Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not xml at all")]
    [InlineData("<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry>")]
    public void Read_NotAFeedDocument_NotWellFormed(string xml)
    {
        var error = Assert.Throws<CapParseException>(() => CapFeedReader.Default.Read(xml));

        Assert.Equal(CapDiagnosticCodes.NotWellFormed, error.Code);
    }

    [Fact]
    public void Read_BytesNotInTheDeclaredEncoding_EncodingError()
    {
        var bytes = Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>x</title></channel></rss>");
        bytes[^20] = 0xFF;

        var error = Assert.Throws<CapParseException>(() => CapFeedReader.Default.Read(bytes));

        Assert.Equal(CapDiagnosticCodes.EncodingError, error.Code);
        Assert.Equal(1, error.Line);
    }

    [Fact]
    public void Read_UnsupportedDeclaredEncoding_EncodingError()
    {
        var bytes = Encoding.ASCII.GetBytes("<?xml version=\"1.0\" encoding=\"x-no-such-charset\"?><rss version=\"2.0\"/>");

        var error = Assert.Throws<CapParseException>(() => CapFeedReader.Default.Read(bytes));

        Assert.Equal(CapDiagnosticCodes.EncodingError, error.Code);
    }

    [Fact]
    public void Read_Utf16WithByteOrderMark_ReadsLikeUtf8()
    {
        var text = Encoding.UTF8.GetString(Seed).Replace("utf-8", "utf-16", StringComparison.Ordinal);
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(text)).ToArray();

        var feed = CapFeedReader.Default.Read(bytes);

        Assert.Empty(feed.Diagnostics);
        Assert.Equal(3, feed.Entries.Count);
    }

    [Property(MaxTest = 300)]
    public Property ArbitraryBytes_ReadOrFailCleanly() =>
        Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), ReadsOrFailsCleanly);

    [Property(MaxTest = 300)]
    public Property MutatedFeeds_ReadOrFailCleanly() =>
        Prop.ForAll(Arb.From(Gen.Choose(0, Seed.Length - 1).ArrayOf().Zip(Gen.Elements((byte)'<', (byte)'>', (byte)'/', (byte)'&', (byte)'"', (byte)0, (byte)0xC3, (byte)' '))), edit =>
        {
            var bytes = (byte[])Seed.Clone();
            foreach (var at in edit.Item1.Take(6))
            {
                bytes[at] = edit.Item2;
            }

            return ReadsOrFailsCleanly(bytes);
        });

    private static bool ReadsOrFailsCleanly(byte[] bytes)
    {
        try
        {
            var feed = CapFeedReader.Default.Read(bytes);
            return feed.Diagnostics.All(d => d.Path.StartsWith('/') && d.Line >= 0);
        }
        catch (CapParseException e)
        {
            return e.Code.StartsWith("CAP0", StringComparison.Ordinal) || e.Code.StartsWith("CAP12", StringComparison.Ordinal);
        }
    }

    /// <summary>A head followed by a body repeated up to a length, produced on demand.</summary>
    private sealed class RepeatingStream(byte[] head, byte[] body, long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            for (var i = 0; i < n; i++, _position++)
            {
                buffer[offset + i] = _position < head.Length ? head[_position] : body[(_position - head.Length) % body.Length];
            }

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
