using System.ServiceModel.Syndication;
using System.Xml;

namespace BeAlert.Cap;

/// <summary>
/// Writes CAP index feeds in the shape public-alert aggregators read (OASIS "Example Practices: CAP Feeds"): one
/// entry per alert, newest first, with an id, a title, a summary, the alert's time, a link to its CAP XML
/// (<c>rel="alternate" type="application/cap+xml"</c>) and the CAP index fields as elements in the CAP 1.2 namespace
/// (<c>cap:event</c>, <c>cap:urgency</c>, <c>cap:effective</c>, <c>cap:areaDesc</c>, <c>cap:geocode</c>...), optionally
/// with the whole alert embedded. Built on <see cref="SyndicationFeed"/>; output is UTF-8 without a byte order mark.
/// </summary>
/// <remarks>
/// Times inside CAP elements are written in CAP form (explicit offset, UTC as <c>-00:00</c>, never <c>Z</c>); Atom's
/// own <c>updated</c> and <c>published</c> are RFC 3339 and RSS dates RFC 822, as those formats require. The order is
/// deterministic: <c>sent</c> descending, then sender and identifier (ordinal). The index fields come from the first
/// info block (the one an aggregator shows when it shows one language).
/// </remarks>
public static class CapFeedWriter
{
    /// <summary>The media type of a CAP message, used on entry links and embedded content.</summary>
    public const string CapMediaType = "application/cap+xml";

    /// <summary>Builds the feed as a <see cref="SyndicationFeed"/>, to adjust before saving it as Atom or RSS.</summary>
    /// <param name="alerts">The alerts, for example <see cref="CapAlertState.GetActive"/> for the alerts in force.</param>
    /// <param name="options">The options.</param>
    /// <returns>The feed; its items write the CAP index elements (and the alert, when embedded) themselves.</returns>
    /// <exception cref="ArgumentException">The options are invalid, or an alert link is not absolute.</exception>
    public static SyndicationFeed CreateFeed(IEnumerable<CapAlert> alerts, CapFeedWriterOptions options) =>
        CreateFeed(alerts, options, CapFeedFormat.Atom);

    /// <summary>Writes an Atom 1.0 feed of the alerts to a stream (left open), in UTF-8.</summary>
    /// <param name="alerts">The alerts.</param>
    /// <param name="stream">The destination.</param>
    /// <param name="options">The options.</param>
    /// <exception cref="ArgumentException">The options are invalid, an alert link is not absolute, or an alert holds
    /// something XML cannot carry.</exception>
    public static void WriteAtom(IEnumerable<CapAlert> alerts, Stream stream, CapFeedWriterOptions options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var feed = CreateFeed(alerts, options, CapFeedFormat.Atom);
        Save(stream, options, writer => feed.SaveAsAtom10(writer));
    }

    /// <summary>Writes an RSS 2.0 feed of the alerts to a stream (left open), in UTF-8.</summary>
    /// <param name="alerts">The alerts.</param>
    /// <param name="stream">The destination.</param>
    /// <param name="options">The options.</param>
    /// <exception cref="ArgumentException">The options are invalid, an alert link is not absolute, or an alert holds
    /// something XML cannot carry.</exception>
    public static void WriteRss(IEnumerable<CapAlert> alerts, Stream stream, CapFeedWriterOptions options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var feed = CreateFeed(alerts, options, CapFeedFormat.Rss);
        Save(stream, options, writer => feed.SaveAsRss20(writer));
    }

    /// <summary>Writes an Atom 1.0 feed of the alerts to a byte array (UTF-8).</summary>
    /// <param name="alerts">The alerts.</param>
    /// <param name="options">The options.</param>
    /// <returns>The feed document.</returns>
    public static byte[] WriteAtomToBytes(IEnumerable<CapAlert> alerts, CapFeedWriterOptions options)
    {
        using var stream = new MemoryStream();
        WriteAtom(alerts, stream, options);
        return stream.ToArray();
    }

    /// <summary>Writes an RSS 2.0 feed of the alerts to a byte array (UTF-8).</summary>
    /// <param name="alerts">The alerts.</param>
    /// <param name="options">The options.</param>
    /// <returns>The feed document.</returns>
    public static byte[] WriteRssToBytes(IEnumerable<CapAlert> alerts, CapFeedWriterOptions options)
    {
        using var stream = new MemoryStream();
        WriteRss(alerts, stream, options);
        return stream.ToArray();
    }

    private static void Save(Stream stream, CapFeedWriterOptions options, Action<XmlWriter> save)
    {
        // A UTF-8 XmlWriter on the stream: SyndicationFeed into a StringBuilder would declare utf-16.
        var settings = CapWriter.CreateSettings(options.Indent);
        try
        {
            using var writer = XmlWriter.Create(stream, settings);
            save(writer);
        }
        catch (XmlException e)
        {
            throw new ArgumentException("The feed cannot be written as XML: " + e.Message, nameof(options), e);
        }
    }

    private static SyndicationFeed CreateFeed(IEnumerable<CapAlert> alerts, CapFeedWriterOptions options, CapFeedFormat format)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var ordered = alerts.ToArray();
        foreach (var alert in ordered)
        {
            ArgumentNullException.ThrowIfNull(alert, nameof(alerts));
        }

        Array.Sort(ordered, CompareNewestFirst);
        var items = new List<SyndicationItem>(ordered.Length);
        foreach (var alert in ordered)
        {
            items.Add(CreateItem(alert, options, format));
        }

        var feed = new SyndicationFeed(items)
        {
            Id = options.FeedId,
            Title = new TextSyndicationContent(options.Title),
            LastUpdatedTime = options.TimeProvider.GetUtcNow(),
            Generator = "BeAlert",
        };
        if (format == CapFeedFormat.Rss)
        {
            // RSS requires a channel description; the title is the best we have.
            feed.Description = new TextSyndicationContent(options.Title);
        }

        feed.AttributeExtensions.Add(new XmlQualifiedName("cap", "http://www.w3.org/2000/xmlns/"), CapAlert.Namespace12);
        if (options.SelfLink is { } self)
        {
            var mediaType = format == CapFeedFormat.Rss ? "application/rss+xml" : "application/atom+xml";
            feed.Links.Add(new SyndicationLink(self, "self", null, mediaType, 0));
            if (format == CapFeedFormat.Rss)
            {
                // RSS needs a channel link; the feed's own address is the best one we know.
                feed.Links.Add(SyndicationLink.CreateAlternateLink(self));
            }
        }

        if (options.Author is { } author)
        {
            feed.Authors.Add(new SyndicationPerson(null, author, null));
        }

        return feed;
    }

    private static CapFeedItem CreateItem(CapAlert alert, CapFeedWriterOptions options, CapFeedFormat format)
    {
        var link = options.AlertLink!(alert);
        if (link is null || !link.IsAbsoluteUri)
        {
            throw new ArgumentException($"{nameof(CapFeedWriterOptions.AlertLink)} gave '{link}' for alert '{alert.Identifier}'; each alert needs an absolute URL.", nameof(options));
        }

        var info = alert.Infos.Count > 0 ? alert.Infos[0] : null;
        var item = new CapFeedItem(alert, embedInline: options.EmbedAlerts && format == CapFeedFormat.Rss)
        {
            Id = link.AbsoluteUri,
            Title = new TextSyndicationContent(EntryTitle(alert, info)),
            LastUpdatedTime = alert.Sent.Value,
            PublishDate = alert.Sent.Value,
        };
        if (EntrySummary(info) is { } summary)
        {
            item.Summary = new TextSyndicationContent(summary);
        }

        item.Links.Add(new SyndicationLink(link, "alternate", null, CapMediaType, 0));
        if (info?.Web is { } web && Uri.TryCreate(web, UriKind.Absolute, out var webUri))
        {
            item.Links.Add(new SyndicationLink(webUri, "related", null, "text/html", 0));
        }

        if (options.Author is null)
        {
            item.Authors.Add(new SyndicationPerson(null, info?.SenderName ?? alert.Sender, null));
        }

        if (options.EmbedAlerts && format == CapFeedFormat.Atom)
        {
            item.Content = new CapAlertContent(alert);
        }

        return item;
    }

    /// <summary>The entry title: the headline, else the event, else what kind of message it is.</summary>
    internal static string EntryTitle(CapAlert alert, CapInfo? info) =>
        info?.Headline is { Length: > 0 } headline ? headline
        : info?.Event is { Length: > 0 } @event ? @event
        : $"{CapEnumText.ToText(alert.Status)} {CapEnumText.ToText(alert.MsgType)} from {alert.Sender}";

    private static string? EntrySummary(CapInfo? info) =>
        info?.Description is { Length: > 0 } description ? description
        : info is { Areas.Count: > 0 } ? string.Join("; ", info.Areas.Select(a => a.AreaDesc))
        : null;

    private static int CompareNewestFirst(CapAlert x, CapAlert y)
    {
        var bySent = y.Sent.UtcValue.CompareTo(x.Sent.UtcValue);
        if (bySent != 0)
        {
            return bySent;
        }

        var bySender = string.CompareOrdinal(x.Sender, y.Sender);
        return bySender != 0 ? bySender : string.CompareOrdinal(x.Identifier, y.Identifier);
    }
}
