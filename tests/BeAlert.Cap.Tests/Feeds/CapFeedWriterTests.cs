using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Microsoft.Extensions.Time.Testing;

namespace BeAlert.Cap.Tests.Feeds;

public sealed class CapFeedWriterTests
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Cap = CapAlert.Namespace12;

    [Fact]
    public void WriteAtom_SampleAlerts_SyndicationFeedReadsOneEntryPerAlertLinkingToItsCap()
    {
        var alerts = FeedSamples.Alerts();

        var feed = Load(CapFeedWriter.WriteAtomToBytes(alerts, FeedSamples.Options()), atom: true);

        Assert.Equal(alerts.Count, feed.Items.Count());
        foreach (var alert in alerts)
        {
            var link = FeedSamples.LinkOf(alert);
            var item = Assert.Single(feed.Items, i => i.Id == link.AbsoluteUri);
            var capLink = Assert.Single(item.Links, l => l.MediaType == "application/cap+xml");
            Assert.Equal("alternate", capLink.RelationshipType);
            Assert.Equal(link, capLink.Uri);
            Assert.Equal(alert.Sent.Value, item.LastUpdatedTime);
            Assert.False(string.IsNullOrWhiteSpace(item.Title.Text));
        }

        Assert.Equal("urn:uuid:6f7f2a0e-2b5d-4d8e-9a47-0d4c6f0b8f11", feed.Id);
        Assert.Equal(FeedSamples.Now, feed.LastUpdatedTime);
    }

    [Fact]
    public void WriteAtom_IndexFields_InTheCap12NamespaceWithCapTimes()
    {
        var alert = FeedSamples.Alert("be-flood-vesdre.xml");
        var info = alert.Infos[0];

        var entry = Entries(CapFeedWriter.WriteAtomToBytes([alert], FeedSamples.Options())).Single();

        Assert.Equal(info.Event, (string?)entry.Element(Cap + "event"));
        Assert.Equal(info.Urgency.ToString(), (string?)entry.Element(Cap + "urgency"));
        Assert.Equal(info.Severity.ToString(), (string?)entry.Element(Cap + "severity"));
        Assert.Equal(info.Certainty.ToString(), (string?)entry.Element(Cap + "certainty"));
        Assert.Equal(alert.Status.ToString(), (string?)entry.Element(Cap + "status"));
        Assert.Equal(alert.MsgType.ToString(), (string?)entry.Element(Cap + "msgType"));
        Assert.Equal((info.Effective ?? alert.Sent).ToString(), (string?)entry.Element(Cap + "effective"));
        Assert.Equal(info.Expires.ToString(), (string?)entry.Element(Cap + "expires"));
        Assert.Equal(string.Join("; ", info.Areas.Select(a => a.AreaDesc)), (string?)entry.Element(Cap + "areaDesc"));
        Assert.Equal(
            info.Areas.SelectMany(a => a.Geocodes).Select(g => (g.ValueName, g.Value)),
            entry.Elements(Cap + "geocode").Select(g => ((string)g.Element(Cap + "valueName")!, (string)g.Element(Cap + "value")!)));
        Assert.Equal(info.Areas.Sum(a => a.Polygons.Count), entry.Elements(Cap + "polygon").Count());
    }

    [Fact]
    public void WriteAtom_TimesInCapElementsNeverZ_AtomTimesRfc3339()
    {
        var utcAlert = FeedSamples.Alert("be-utc-times-kmi.xml");

        var bytes = CapFeedWriter.WriteAtomToBytes([utcAlert], FeedSamples.Options(embed: true));
        var document = XDocument.Parse(Encoding.UTF8.GetString(bytes));

        var capTimes = document.Descendants().Where(e => e.Name.Namespace == Cap && e.Name.LocalName is "sent" or "effective" or "onset" or "expires").ToList();
        Assert.NotEmpty(capTimes);
        Assert.All(capTimes, e => Assert.EndsWith("-00:00", e.Value, StringComparison.Ordinal));
        Assert.Equal("2026-12-03T12:00:00Z", (string?)document.Root!.Element(Atom + "updated"));
        Assert.All(document.Root.Elements(Atom + "entry").Elements(Atom + "updated"), e => Assert.True(FeedDates.TryParseRfc3339(e.Value, out _), e.Value));
    }

    [Fact]
    public void WriteAtom_Utf8WithoutByteOrderMark_DeclaresUtf8()
    {
        var bytes = CapFeedWriter.WriteAtomToBytes(FeedSamples.Alerts(5), FeedSamples.Options());

        Assert.False(bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]));
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", Encoding.UTF8.GetString(bytes), StringComparison.OrdinalIgnoreCase);
        _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
    }

    [Fact]
    public void WriteAtom_AnyInputOrder_SameBytesNewestFirst()
    {
        var alerts = FeedSamples.Alerts();

        var forward = CapFeedWriter.WriteAtomToBytes(alerts, FeedSamples.Options());
        var backward = CapFeedWriter.WriteAtomToBytes(alerts.Reverse(), FeedSamples.Options());

        Assert.Equal(forward, backward);
        var updated = Entries(forward).Select(e => DateTimeOffset.Parse((string)e.Element(Atom + "updated")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(updated.OrderByDescending(u => u), updated);
    }

    [Fact]
    public void WriteAtom_Embedded_OurReaderGetsEveryAlertBackUnchangedAndValid()
    {
        var alerts = FeedSamples.Alerts();

        var feed = CapFeedReader.Default.Read(CapFeedWriter.WriteAtomToBytes(alerts, FeedSamples.Options(embed: true)));

        Assert.Empty(feed.Diagnostics);
        Assert.Equal(alerts.Count, feed.Entries.Count);
        foreach (var alert in alerts)
        {
            var entry = Assert.Single(feed.Entries, e => e.Id == FeedSamples.LinkOf(alert).AbsoluteUri);
            Assert.Equal(alert, Assert.Single(entry.EmbeddedAlerts).Alert);
            Assert.Equal(FeedSamples.LinkOf(alert).AbsoluteUri, entry.Link);
        }
    }

    [Fact]
    public void WriteAtom_Embedded_ContentIsCapTypedXmlForSyndicationFeed()
    {
        var alert = FeedSamples.Alert("be-small.xml");

        var item = Load(CapFeedWriter.WriteAtomToBytes([alert], FeedSamples.Options(embed: true)), atom: true).Items.Single();

        var content = Assert.IsType<XmlSyndicationContent>(item.Content);
        Assert.Equal("application/cap+xml", content.Type);
        using var reader = content.GetReaderAtContent();
        reader.MoveToContent();
        reader.Read();
        reader.MoveToContent();
        Assert.Equal(("alert", CapAlert.Namespace12), (reader.LocalName, reader.NamespaceURI));
    }

    [Fact]
    public void WriteRss_SampleAlerts_SyndicationFeedReadsItemsWithGuidLinkAndDate()
    {
        var alerts = FeedSamples.Alerts();

        var feed = Load(CapFeedWriter.WriteRssToBytes(alerts, FeedSamples.Options()), atom: false);

        Assert.Equal(alerts.Count, feed.Items.Count());
        foreach (var alert in alerts)
        {
            var item = Assert.Single(feed.Items, i => i.Id == FeedSamples.LinkOf(alert).AbsoluteUri);
            Assert.Contains(item.Links, l => l.Uri == FeedSamples.LinkOf(alert));
            Assert.Equal(alert.Sent.UtcValue, item.PublishDate.ToUniversalTime());
        }
    }

    [Fact]
    public void WriteRss_Embedded_OurReaderGetsEveryAlertBackWithoutDiagnostics()
    {
        var alerts = FeedSamples.Alerts();

        var feed = CapFeedReader.Default.Read(CapFeedWriter.WriteRssToBytes(alerts, FeedSamples.Options(embed: true)));

        Assert.Equal(CapFeedFormat.Rss, feed.Format);
        Assert.Empty(feed.Diagnostics);
        Assert.Equal(alerts.OrderBy(a => a.Identifier, StringComparer.Ordinal), feed.Entries.Select(e => Assert.Single(e.EmbeddedAlerts).Alert).OrderBy(a => a.Identifier, StringComparer.Ordinal));
    }

    [Fact]
    public void WriteAtom_IndexOnly_OurReaderGetsTheSameIndex()
    {
        var alerts = FeedSamples.Alerts();

        var feed = CapFeedReader.Default.Read(CapFeedWriter.WriteAtomToBytes(alerts, FeedSamples.Options()));

        Assert.Empty(feed.Diagnostics);
        foreach (var alert in alerts)
        {
            var index = Assert.Single(feed.Entries, e => e.Id == FeedSamples.LinkOf(alert).AbsoluteUri).Index!;
            Assert.Equal((alert.Identifier, alert.Sender, alert.Sent, alert.Status, alert.MsgType), (index.Identifier, index.Sender, index.Sent!.Value, index.Status!.Value, index.MsgType!.Value));
            if (alert.Infos.Count > 0)
            {
                var info = alert.Infos[0];
                Assert.Equal((info.Event, info.Urgency, info.Severity, info.Certainty, info.Expires), (index.Event, index.Urgency!.Value, index.Severity!.Value, index.Certainty!.Value, index.Expires));
                Assert.Equal(info.Areas.SelectMany(a => a.Polygons), index.Polygons);
                Assert.Equal(info.Areas.SelectMany(a => a.Geocodes), index.Geocodes);
            }
        }
    }

    [Fact]
    public void WriteAtom_AlertsInForceFromAlertState_ListsOnlyActiveAlerts()
    {
        var now = new DateTimeOffset(2026, 11, 25, 14, 0, 0, TimeSpan.FromHours(1));
        var time = new FakeTimeProvider(now);
        var state = new CapAlertState(timeProvider: time);
        var flood = Alert("FLOOD-1", now, expires: now.AddHours(6));
        var storm = Alert("STORM-1", now.AddMinutes(5), expires: now.AddHours(1));
        var fire = Alert("FIRE-1", now.AddMinutes(10), expires: now.AddHours(3));
        state.Apply(flood);
        state.Apply(storm);
        state.Apply(fire);
        state.Apply(CapAlertBuilder.Create("FIRE-1-cancel", fire.Sender, now.AddMinutes(20)).MsgType(CapMessageType.Cancel).AddReference(CapReference.To(fire)).Build());
        time.Advance(TimeSpan.FromHours(2));

        var feed = CapFeedReader.Default.Read(CapFeedWriter.WriteAtomToBytes(state.GetActive(), FeedSamples.Options()));

        Assert.Equal(["FLOOD-1"], feed.Entries.Select(e => e.Index!.Identifier));
    }

    [Fact]
    public void Options_Invalid_ReportsEveryProblemAtOnce()
    {
        var options = new CapFeedWriterOptions { FeedId = "not a uri", SelfLink = new Uri("relative", UriKind.Relative) };

        var error = Assert.Throws<ArgumentException>(() => CapFeedWriter.WriteAtomToBytes([], options));

        foreach (var name in new[] { "FeedId", "Title", "AlertLink", "SelfLink" })
        {
            Assert.Contains(name, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void WriteAtom_RelativeAlertLink_Throws()
    {
        var options = FeedSamples.Options();
        options.AlertLink = a => new Uri(a.Identifier + ".xml", UriKind.Relative);

        Assert.Throws<ArgumentException>(() => CapFeedWriter.WriteAtomToBytes(FeedSamples.Alerts(1), options));
    }

    [Fact]
    public void WriteAtom_NoFeedAuthor_EveryEntryNamesItsSender()
    {
        var feed = CapFeedReader.Default.Read(CapFeedWriter.WriteAtomToBytes(FeedSamples.Alerts(), FeedSamples.Options()));

        Assert.DoesNotContain(feed.Diagnostics, d => d.Code == CapDiagnosticCodes.AtomAuthorMissing);
    }

    private static CapAlert Alert(string id, DateTimeOffset sent, DateTimeOffset expires) =>
        CapAlertBuilder.Create(id, "crisis@gent.be", sent)
            .AddInfo("nl-BE", CapCategory.Met, id, CapUrgency.Immediate, CapSeverity.Severe, CapCertainty.Observed, i => i
                .Expires(expires)
                .AddArea("Gent", a => a.AddGeocode("NIS", "44021")))
            .Build();

    private static SyndicationFeed Load(byte[] bytes, bool atom)
    {
        using var reader = XmlReader.Create(new MemoryStream(bytes), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        SyndicationFeedFormatter formatter = atom ? new Atom10FeedFormatter() : new Rss20FeedFormatter();
        Assert.True(formatter.CanRead(reader));
        formatter.ReadFrom(reader);
        return formatter.Feed;
    }

    private static IEnumerable<XElement> Entries(byte[] bytes) =>
        XDocument.Parse(Encoding.UTF8.GetString(bytes)).Root!.Elements(Atom + "entry");
}
