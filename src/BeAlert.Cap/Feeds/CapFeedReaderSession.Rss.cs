namespace BeAlert.Cap;

/// <summary>RSS 2.0 feeds: <c>rss/channel/item</c>.</summary>
internal sealed partial class CapFeedReaderSession
{
    private CapFeed ReadRss()
    {
        var rssPosition = ElementPosition();
        var depth = _reader.Depth;
        CapFeed? feed = null;
        if (!_reader.IsEmptyElement)
        {
            while (NextChild(depth))
            {
                if (feed is null && _reader.NamespaceURI.Length == 0 && _reader.LocalName == "channel")
                {
                    feed = ReadChannel();
                }
            }
        }

        if (feed is null)
        {
            Report(CapDiagnosticCodes.RssChannelMetadataMissing, "The RSS document has no <channel>.", "/rss", rssPosition);
            return new CapFeed(CapFeedFormat.Rss, [], SortedDiagnostics());
        }

        return new CapFeed(CapFeedFormat.Rss, feed.Entries, SortedDiagnostics()) { Id = feed.Id, Title = feed.Title, Updated = feed.Updated };
    }

    private CapFeed ReadChannel()
    {
        const string channelPath = "/rss/channel";
        _path = channelPath;
        var position = ElementPosition();
        var depth = _reader.Depth;
        string? title = null;
        string? link = null;
        string? description = null;
        DateTimeOffset? lastBuildDate = null;
        DateTimeOffset? pubDate = null;
        var entries = new List<CapFeedEntry>();
        if (!_reader.IsEmptyElement)
        {
            while (NextChild(depth))
            {
                if (_reader.NamespaceURI.Length != 0)
                {
                    continue;
                }

                switch (_reader.LocalName)
                {
                    case "title":
                        title = NullIfEmpty(ReadText());
                        break;
                    case "link":
                        link = NullIfEmpty(ReadText());
                        break;
                    case "description":
                        // An empty description is allowed (the element is required, its text is not).
                        description = ReadText();
                        break;
                    case "lastBuildDate":
                        lastBuildDate = ReadRssDate(channelPath + "/lastBuildDate");
                        break;
                    case "pubDate":
                        pubDate = ReadRssDate(channelPath + "/pubDate");
                        break;
                    case "item":
                        CountEntry($"/rss/channel/item[{entries.Count + 1}]");
                        entries.Add(ReadItem(entries.Count + 1));
                        _path = channelPath;
                        break;
                }
            }
        }

        Require(CapDiagnosticCodes.RssChannelMetadataMissing, "The RSS channel", title, "title", channelPath, position);
        Require(CapDiagnosticCodes.RssChannelMetadataMissing, "The RSS channel", link, "link", channelPath, position);
        if (description is null)
        {
            Report(CapDiagnosticCodes.RssChannelMetadataMissing, "The RSS channel has no <description>.", channelPath, position);
        }

        return new CapFeed(CapFeedFormat.Rss, entries.ToArray(), []) { Id = link, Title = title, Updated = lastBuildDate ?? pubDate };
    }

    private CapFeedEntry ReadItem(int number)
    {
        var path = $"/rss/channel/item[{number}]";
        _path = path;
        var position = ElementPosition();
        var depth = _reader.Depth;
        string? title = null;
        string? description = null;
        string? guid = null;
        string? link = null;
        (int Line, int Column) linkPosition = default;
        string? capLink = null;
        DateTimeOffset? updated = null;
        DateTimeOffset? published = null;
        var embedded = new List<CapDocument>();
        var index = new IndexBuilder();
        var children = 0;
        var carriesAlert = false;
        var atomLinks = 0;
        if (!_reader.IsEmptyElement)
        {
            while (NextChild(depth))
            {
                CountChild(ref children);
                var ns = _reader.NamespaceURI;
                if (ns.Length == 0)
                {
                    switch (_reader.LocalName)
                    {
                        case "title":
                            title = NullIfEmpty(ReadText());
                            break;
                        case "description":
                            description = NullIfEmpty(ReadText());
                            break;
                        case "guid":
                            guid = NullIfEmpty(ReadText());
                            break;
                        case "link":
                            linkPosition = ElementPosition();
                            link = NullIfEmpty(ReadText());
                            break;
                        case "pubDate":
                            published = ReadRssDate(path + "/pubDate");
                            break;
                        case "enclosure":
                            if (IsCapMediaType(_reader.GetAttribute("type")) && NullIfEmpty(_reader.GetAttribute("url") ?? string.Empty) is { } url)
                            {
                                capLink ??= url;
                            }

                            break;
                    }
                }
                else if (ns == AtomNamespace)
                {
                    if (_reader.LocalName == "link")
                    {
                        var atomLink = ReadAtomLink($"{path}/link[{++atomLinks}]");
                        if (atomLink.Href is not null && IsCapMediaType(atomLink.Type))
                        {
                            capLink ??= atomLink.Href;
                        }
                    }
                    else if (_reader.LocalName == "updated")
                    {
                        updated = ReadAtomDate(path + "/updated");
                    }
                }
                else if (IsCapNamespace(ns))
                {
                    carriesAlert |= ReadCapChild(index, path, embedded);
                }
            }
        }

        if (title is null && description is null)
        {
            Report(CapDiagnosticCodes.RssItemWithoutTitleOrDescription, "The item has neither a <title> nor a <description>; RSS requires at least one.", path, position);
        }

        if (guid is null)
        {
            Report(CapDiagnosticCodes.RssItemWithoutGuid, "The item has no <guid>; give each alert item a permanent identifier so readers can tell new items from seen ones.", path, position);
        }

        if (link is not null && !Uri.TryCreate(link, UriKind.Absolute, out _))
        {
            Report(CapDiagnosticCodes.FeedLinkInvalid, $"The item's <link> '{link}' is not an absolute URL.", path + "/link", linkPosition);
            link = null;
        }

        capLink ??= link;
        if (capLink is null && !carriesAlert)
        {
            Report(CapDiagnosticCodes.FeedEntryWithoutCap, "The item neither links to a CAP message (<link>, or an enclosure typed application/cap+xml) nor embeds a CAP alert.", path, position);
        }

        var built = index.Build();
        CheckIndexAgainst(index, built, embedded);
        return new CapFeedEntry
        {
            Path = path,
            Line = position.Line,
            Column = position.Column,
            Id = guid ?? capLink,
            Title = title,
            Summary = description,
            Link = capLink,
            Updated = updated ?? published,
            Index = built,
            EmbeddedAlerts = embedded.ToArray(),
        };
    }

    private DateTimeOffset? ReadRssDate(string path)
    {
        var position = ElementPosition();
        var text = ReadText().Trim();
        if (FeedDates.TryParseRfc822(text, out var value))
        {
            return value;
        }

        Report(CapDiagnosticCodes.FeedDateInvalid, $"'{text}' is not an RFC 822 date such as 'Wed, 25 Nov 2026 14:30:00 +0100'.", path, position);
        return null;
    }
}
