using System.Text;

namespace BeAlert.Cap.Tests.Feeds;

public sealed class CapFeedReaderTests
{
    [Fact]
    public void Read_EmbeddedAlertWithError_PathRootedInFeedAndPositionOfTheElementInTheFeed()
    {
        var text = File.ReadAllText(Path.Combine(FeedSamples.TestData, "embedded", "atom-alert-polygon-not-closed.xml"));

        var feed = CapFeedReader.Default.Read(text);

        var diagnostic = Assert.Single(feed.Diagnostics);
        Assert.Equal(CapDiagnosticCodes.PolygonNotClosed, diagnostic.Code);
        Assert.Equal("/feed/entry[1]/content/alert/info[1]/area[1]/polygon[1]", diagnostic.Path);
        Assert.Equal(PositionOf(text, "<polygon>"), (diagnostic.Line, diagnostic.Column));
        Assert.False(feed.IsValid);
    }

    [Fact]
    public void Read_EdxlEmbeddedAlertWithError_PathThroughContentObject()
    {
        var text = File.ReadAllText(Path.Combine(FeedSamples.TestData, "embedded", "edxl-alert-bad-identifier.xml"));

        var feed = CapFeedReader.Default.Read(text);

        var diagnostic = Assert.Single(feed.Diagnostics);
        Assert.Equal(CapDiagnosticCodes.InvalidIdentifier, diagnostic.Code);
        Assert.Equal("/EDXLDistribution/contentObject[1]/xmlContent/embeddedXMLContent[1]/alert/identifier", diagnostic.Path);
        Assert.Equal(PositionOf(text, "<identifier>"), (diagnostic.Line, diagnostic.Column));
        Assert.Equal(CapFeedFormat.EdxlDistribution, feed.Format);
        Assert.Equal("BE-CC-DE-2026-0001", feed.Distribution!.DistributionId);
        Assert.Equal("crisiscentrum@ibz.be", feed.Distribution.SenderId);
        Assert.Equal("Report", feed.Distribution.DistributionType);
        Assert.Equal("BE LUM 0007", Assert.Single(Assert.Single(feed.Entries).EmbeddedAlerts).Alert.Identifier);
    }

    [Fact]
    public void Read_EmbeddedAlertNotWellFormed_OneErrorAtTheBrokenTagInTheFeed()
    {
        var text = File.ReadAllText(Path.Combine(FeedSamples.TestData, "embedded", "rss-alert-not-well-formed.xml"));

        var error = Assert.Throws<CapParseException>(() => CapFeedReader.Default.Read(text));

        // The feed itself is not well-formed either (the mismatched tag is in the feed's text).
        Assert.Equal(CapDiagnosticCodes.NotWellFormed, error.Code);
        Assert.Equal(LineOf(text, "</headlin>"), error.Line);
    }

    [Fact]
    public void Read_AlertOnOneLineWithPrefixFromTheFeed_ColumnsCountOnlyTheFeedsCharacters()
    {
        // The alert uses the feed's cap: prefix; the reader adds the declaration to the cut-out alert, which must not
        // shift the columns reported for the rest of that line.
        var alert = "<cap:alert><cap:identifier>BE LUM 9</cap:identifier><cap:sender>alert@lummen.be</cap:sender><cap:sent>2026-12-03T11:55:00+01:00</cap:sent><cap:status>Test</cap:status><cap:msgType>Alert</cap:msgType><cap:scope>Public</cap:scope></cap:alert>";
        var text = Atom($"<content type=\"application/cap+xml\">{alert}</content>");

        var feed = CapFeedReader.Default.Read(text);

        var diagnostic = Assert.Single(feed.Diagnostics, d => d.IsError);
        Assert.Equal(CapDiagnosticCodes.InvalidIdentifier, diagnostic.Code);
        Assert.Equal("/feed/entry[1]/content/alert/identifier", diagnostic.Path);
        Assert.Equal(PositionOf(text, "<cap:identifier>"), (diagnostic.Line, diagnostic.Column));
    }

    [Fact]
    public void Read_Latin1FeedWithAccentsBeforeTheAlert_PositionsStillExact()
    {
        var alert = File.ReadAllText(Path.Combine(FeedSamples.Samples, "be-small.xml"))
            .Replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", string.Empty, StringComparison.Ordinal)
            .Replace("<headline>", "<expires>2026-12-03T11:00:00+01:00</expires><headline>", StringComparison.Ordinal);
        var text = Atom($"<title>Été à Liège — «test»</title><content type=\"application/cap+xml\">{alert}</content>", title: false)
            .Replace("encoding=\"UTF-8\"", "encoding=\"ISO-8859-1\"", StringComparison.Ordinal)
            .Replace("—", "-", StringComparison.Ordinal);
        var bytes = Encoding.Latin1.GetBytes(text);

        var feed = CapFeedReader.Default.Read(bytes);

        var diagnostic = Assert.Single(feed.Diagnostics);
        Assert.Equal(CapDiagnosticCodes.ExpiresNotAfterEffective, diagnostic.Code);
        Assert.Equal(PositionOf(text, "<expires>"), (diagnostic.Line, diagnostic.Column));
        Assert.Equal("Été à Liège - «test»", feed.Entries[0].Title);
    }

    [Fact]
    public void Read_AtomIndex_ReadsEveryIndexField()
    {
        var feed = CapFeedReader.Default.Read(File.ReadAllBytes(Path.Combine(FeedSamples.TestData, "valid", "atom-index-links.xml")));

        Assert.Equal(CapFeedFormat.Atom, feed.Format);
        Assert.Equal("urn:uuid:0b6e8f55-3c1d-4a7e-9d52-3f1f0f7c2a10", feed.Id);
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 11, 56, 0, TimeSpan.FromHours(1)), feed.Updated);
        var entry = feed.Entries[0];
        Assert.Equal("https://alerts.lummen.be/cap/BE-LUM-2026-0007.xml", entry.Link);
        var index = entry.Index!;
        Assert.Equal("BE-LUM-2026-0007", index.Identifier);
        Assert.Equal("Maandelijkse test", index.Event);
        Assert.Equal(CapStatus.Test, index.Status);
        Assert.Equal(CapUrgency.Unknown, index.Urgency);
        Assert.Equal(CapSeverity.Minor, index.Severity);
        Assert.Equal("2026-12-03T13:55:00+01:00", index.Expires.ToString());
        Assert.Equal("Lummen", index.AreaDesc);
        Assert.Equal(new CapNamedValue("NIS", "71037"), Assert.Single(index.Geocodes));
        Assert.Equal(4, Assert.Single(index.Polygons).Points.Count);
    }

    [Fact]
    public void Read_Cap11IndexElements_AreReadToo()
    {
        var feed = CapFeedReader.Default.Read(File.ReadAllBytes(Path.Combine(FeedSamples.TestData, "valid", "atom-cap11-index.xml")));

        Assert.Equal("Maandelijkse test", feed.Entries[0].Index!.Event);
    }

    [Fact]
    public void Read_RssLinksOnly_EntriesCarryGuidLinkAndDate()
    {
        var feed = CapFeedReader.Default.Read(File.ReadAllBytes(Path.Combine(FeedSamples.TestData, "valid", "rss-alert-hub-links.xml")));

        Assert.Equal(CapFeedFormat.Rss, feed.Format);
        Assert.Equal(2, feed.Entries.Count);
        Assert.Equal("urn:oid:2.49.0.1.56.0.lummen.BE-LUM-2026-0007", feed.Entries[0].Id);
        Assert.Equal("https://alerts.lummen.be/cap/BE-LUM-2026-0006.xml", feed.Entries[1].Link);
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 11, 55, 0, TimeSpan.FromHours(1)), feed.Entries[0].Updated);
        Assert.Equal("/rss/channel/item[2]", feed.Entries[1].Path);
    }

    [Fact]
    public void Read_IndexDisagreesWithEmbeddedAlert_WarnsAtTheIndexElement()
    {
        var text = File.ReadAllText(Path.Combine(FeedSamples.TestData, "invalid", "CAP1214", "index-event-differs-from-alert.xml"));

        var feed = CapFeedReader.Default.Read(text);

        var warning = Assert.Single(feed.Diagnostics);
        Assert.Equal(CapDiagnosticCodes.FeedIndexMismatch, warning.Code);
        Assert.Equal("/feed/entry[1]/event", warning.Path);
        Assert.Equal(PositionOf(text, "<cap:event>"), (warning.Line, warning.Column));
        Assert.True(feed.IsValid);
    }

    [Fact]
    public void Read_Diagnostics_AreInDocumentOrder()
    {
        var text = Atom("<cap:urgency>Soon</cap:urgency>", title: false);

        var feed = CapFeedReader.Default.Read(text);

        Assert.Equal([CapDiagnosticCodes.AtomEntryMetadataMissing, CapDiagnosticCodes.FeedEntryWithoutCap, CapDiagnosticCodes.FeedIndexValueInvalid], feed.Diagnostics.Select(d => d.Code));
        var positions = feed.Diagnostics.Select(d => (d.Line, d.Column)).ToList();
        Assert.Equal(positions.Order(), positions);
    }

    [Theory]
    [InlineData("<html><body/></html>", "/html")]
    [InlineData("<feed xmlns=\"http://purl.org/atom/ns#\"/>", "/feed")]
    [InlineData("<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"/>", "/alert")]
    public void Read_UnknownRoot_ThrowsFeedNotRecognized(string xml, string path)
    {
        var error = Assert.Throws<CapParseException>(() => CapFeedReader.Default.Read(xml));

        Assert.Equal(CapDiagnosticCodes.FeedNotRecognized, error.Code);
        Assert.Equal(path, error.Path);
        Assert.Equal((1, 1), (error.Line, error.Column));
    }

    [Fact]
    public void Read_EntryLimit_ThrowsTooManyElements()
    {
        var entries = string.Concat(Enumerable.Repeat("<entry><id>urn:x</id></entry>", 11));
        var reader = new CapFeedReader(new CapFeedReaderOptions { MaxEntries = 10 });

        var error = Assert.Throws<CapParseException>(() => reader.Read($"<feed xmlns=\"http://www.w3.org/2005/Atom\">{entries}</feed>"));

        Assert.Equal(CapDiagnosticCodes.FeedTooManyElements, error.Code);
        Assert.Equal("/feed/entry[11]", error.Path);
    }

    [Fact]
    public void Read_ChildLimitPerEntry_ThrowsTooManyElements()
    {
        var links = string.Concat(Enumerable.Repeat("<link href=\"https://a.example/x.xml\" type=\"application/cap+xml\"/>", 6));
        var reader = new CapFeedReader(new CapFeedReaderOptions { MaxElementsPerEntry = 5 });

        var error = Assert.Throws<CapParseException>(() => reader.Read($"<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry>{links}</entry></feed>"));

        Assert.Equal(CapDiagnosticCodes.FeedTooManyElements, error.Code);
    }

    [Fact]
    public void Options_Invalid_ReportsEveryProblemAtOnce()
    {
        var options = new CapFeedReaderOptions { MaxDocumentBytes = 0, MaxDepth = 3, MaxEntries = -1, MaxElementsPerEntry = 0, Parser = null!, Validator = null! };

        var error = Assert.Throws<ArgumentException>(() => new CapFeedReader(options));

        foreach (var name in new[] { "MaxDocumentBytes", "MaxDepth", "MaxEntries", "MaxElementsPerEntry", "Parser", "Validator" })
        {
            Assert.Contains(name, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Read_LenientParserOption_AppliesToEmbeddedAlerts()
    {
        var text = File.ReadAllText(Path.Combine(FeedSamples.TestData, "valid", "atom-embedded-content.xml"))
            .Replace("<status>Test</status>", "<status> Test </status>", StringComparison.Ordinal);

        var strict = CapFeedReader.Default.Read(text);
        var lenient = new CapFeedReader(new CapFeedReaderOptions { Parser = CapParser.Lenient }).Read(text);

        Assert.Contains(strict.Diagnostics, d => d.Code == CapDiagnosticCodes.InvalidEnumValue);
        Assert.Equal(CapDiagnosticCodes.RepairedWhitespace, Assert.Single(lenient.Diagnostics).Code);
    }

    internal static (int Line, int Column) PositionOf(string text, string needle)
    {
        var offset = text.IndexOf(needle, StringComparison.Ordinal);
        Assert.True(offset >= 0, needle);
        var before = text[..offset];
        var line = before.Count(c => c == '\n') + 1;
        var column = offset - (before.LastIndexOf('\n') + 1) + 1;
        return (line, column);
    }

    private static int LineOf(string text, string needle) => PositionOf(text, needle).Line;

    /// <summary>A one-entry Atom feed with the given entry children (plus id, updated, and a title unless told not to).</summary>
    internal static string Atom(string entryContent, bool title = true) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xmlns:cap="urn:oasis:names:tc:emergency:cap:1.2">
          <id>urn:uuid:0b6e8f55-3c1d-4a7e-9d52-3f1f0f7c2a10</id>
          <title>Feed</title>
          <updated>2026-12-03T11:56:00+01:00</updated>
          <author><name>Lummen</name></author>
          <entry>
            <id>https://alerts.lummen.be/cap/1.xml</id>
            {(title ? "<title>Entry</title>" : string.Empty)}
            <updated>2026-12-03T11:55:00+01:00</updated>
            {entryContent}
          </entry>
        </feed>
        """;
}
