namespace BeAlert.Cap;

/// <summary>Atom 1.0 (RFC 4287) feeds.</summary>
internal sealed partial class CapFeedReaderSession
{
    private CapFeed ReadAtomFeed()
    {
        const string feedPath = "/feed";
        _path = feedPath;
        var feedPosition = ElementPosition();
        var depth = _reader.Depth;
        string? id = null;
        string? title = null;
        DateTimeOffset? updated = null;
        var hasUpdated = false;
        var hasAuthor = false;
        var entries = new List<CapFeedEntry>();
        var withoutAuthor = new List<CapFeedEntry>();
        if (!_reader.IsEmptyElement)
        {
            while (NextChild(depth))
            {
                if (_reader.NamespaceURI != AtomNamespace)
                {
                    continue;
                }

                switch (_reader.LocalName)
                {
                    case "id":
                        id = NullIfEmpty(ReadText());
                        break;
                    case "title":
                        title = NullIfEmpty(ReadText());
                        break;
                    case "updated":
                        hasUpdated = true;
                        updated = ReadAtomDate(feedPath + "/updated");
                        break;
                    case "author":
                        hasAuthor = true;
                        break;
                    case "entry":
                        CountEntry($"/feed/entry[{entries.Count + 1}]");
                        var entry = ReadAtomEntry(entries.Count + 1, out var entryHasAuthor);
                        entries.Add(entry);
                        if (!entryHasAuthor)
                        {
                            withoutAuthor.Add(entry);
                        }

                        _path = feedPath;
                        break;
                }
            }
        }

        Require(CapDiagnosticCodes.AtomFeedMetadataMissing, "The Atom feed", id, "id", feedPath, feedPosition);
        Require(CapDiagnosticCodes.AtomFeedMetadataMissing, "The Atom feed", title, "title", feedPath, feedPosition);
        if (!hasUpdated)
        {
            Require(CapDiagnosticCodes.AtomFeedMetadataMissing, "The Atom feed", null, "updated", feedPath, feedPosition);
        }

        if (!hasAuthor)
        {
            foreach (var entry in withoutAuthor)
            {
                Report(CapDiagnosticCodes.AtomAuthorMissing, "Neither the feed nor this entry has an <author>; Atom requires one on the feed or on every entry.", entry.Path, (entry.Line, entry.Column));
            }
        }

        return new CapFeed(CapFeedFormat.Atom, entries.ToArray(), SortedDiagnostics()) { Id = id, Title = title, Updated = updated };
    }

    private CapFeedEntry ReadAtomEntry(int number, out bool hasAuthor)
    {
        var path = $"/feed/entry[{number}]";
        _path = path;
        var position = ElementPosition();
        var depth = _reader.Depth;
        hasAuthor = false;
        string? id = null;
        string? title = null;
        string? summary = null;
        DateTimeOffset? updated = null;
        var hasUpdated = false;
        var links = new List<EntryLink>();
        var embedded = new List<CapDocument>();
        var index = new IndexBuilder();
        var children = 0;
        var carriesAlert = false;
        if (!_reader.IsEmptyElement)
        {
            while (NextChild(depth))
            {
                CountChild(ref children);
                var ns = _reader.NamespaceURI;
                if (ns == AtomNamespace)
                {
                    switch (_reader.LocalName)
                    {
                        case "id":
                            id = NullIfEmpty(ReadText());
                            break;
                        case "title":
                            title = NullIfEmpty(ReadText());
                            break;
                        case "summary":
                            summary = NullIfEmpty(ReadText());
                            break;
                        case "updated":
                            hasUpdated = true;
                            updated = ReadAtomDate(path + "/updated");
                            break;
                        case "published":
                            ReadAtomDate(path + "/published");
                            break;
                        case "author":
                            hasAuthor = true;
                            break;
                        case "link":
                            links.Add(ReadAtomLink($"{path}/link[{links.Count(l => !l.FromContent) + 1}]"));
                            break;
                        case "content":
                            carriesAlert |= ReadAtomContent(path + "/content", links, embedded);
                            break;
                    }
                }
                else if (IsCapNamespace(ns))
                {
                    carriesAlert |= ReadCapChild(index, path, embedded);
                }
            }
        }

        Require(CapDiagnosticCodes.AtomEntryMetadataMissing, "This entry", id, "id", path, position);
        Require(CapDiagnosticCodes.AtomEntryMetadataMissing, "This entry", title, "title", path, position);
        if (!hasUpdated)
        {
            Require(CapDiagnosticCodes.AtomEntryMetadataMissing, "This entry", null, "updated", path, position);
        }

        var capLink = links.FirstOrDefault(l => l.Href is not null && IsCapMediaType(l.Type));
        var alternate = links.FirstOrDefault(l => l.Href is not null && l.Rel == "alternate");
        if (capLink is null && !carriesAlert)
        {
            if (alternate is not null)
            {
                Report(
                    CapDiagnosticCodes.FeedLinkNotMarkedCap,
                    $"The entry's link has type '{alternate.Type ?? "(none)"}'; mark the link to the CAP message with type=\"{CapFeedWriter.CapMediaType}\".",
                    alternate.Path,
                    alternate.Position);
            }
            else
            {
                Report(CapDiagnosticCodes.FeedEntryWithoutCap, $"The entry neither links to a CAP message (<link rel=\"alternate\" type=\"{CapFeedWriter.CapMediaType}\" href=\"...\"/>) nor embeds a CAP alert.", path, position);
            }
        }

        var built = index.Build();
        CheckIndexAgainst(index, built, embedded);
        return new CapFeedEntry
        {
            Path = path,
            Line = position.Line,
            Column = position.Column,
            Id = id,
            Title = title,
            Summary = summary,
            Link = (capLink ?? alternate)?.Href,
            Updated = updated,
            Index = built,
            EmbeddedAlerts = embedded.ToArray(),
        };
    }

    private EntryLink ReadAtomLink(string path)
    {
        var position = ElementPosition();
        var href = _reader.GetAttribute("href");
        var rel = _reader.GetAttribute("rel");
        var type = _reader.GetAttribute("type");
        rel = string.IsNullOrWhiteSpace(rel) ? "alternate" : rel.Trim();
        if (string.IsNullOrWhiteSpace(href))
        {
            Report(CapDiagnosticCodes.FeedLinkInvalid, "This <link> has no href; Atom requires one.", path, position);
            href = null;
        }
        else if (!Uri.TryCreate(href.Trim(), UriKind.RelativeOrAbsolute, out _))
        {
            Report(CapDiagnosticCodes.FeedLinkInvalid, $"The href '{href}' is not a URI reference.", path, position);
            href = null;
        }

        return new EntryLink(path, position, rel, type, href?.Trim(), FromContent: false);
    }

    /// <summary>
    /// Reads an entry's <c>content</c>: <c>src</c> makes it a link; XML content (a <c>+xml</c> or <c>/xml</c> type)
    /// holding a CAP alert embeds it. Returns whether the content carries an alert (even an unreadable one).
    /// </summary>
    private bool ReadAtomContent(string path, List<EntryLink> links, List<CapDocument> embedded)
    {
        var position = ElementPosition();
        var type = _reader.GetAttribute("type");
        var src = _reader.GetAttribute("src");
        if (src is not null)
        {
            if (Uri.TryCreate(src.Trim(), UriKind.RelativeOrAbsolute, out _) && src.Trim().Length > 0)
            {
                links.Add(new EntryLink(path, position, "alternate", type, src.Trim(), FromContent: true));
            }
            else
            {
                Report(CapDiagnosticCodes.FeedLinkInvalid, $"The content's src '{src}' is not a URI reference.", path, position);
            }

            return false;
        }

        var mediaType = type is null ? "text" : MediaType(type);
        var isXml = mediaType.EndsWith("+xml", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("/xml", StringComparison.OrdinalIgnoreCase);
        var declaredCap = IsCapMediaType(type);
        if (!isXml || _reader.IsEmptyElement)
        {
            if (declaredCap)
            {
                Report(CapDiagnosticCodes.FeedContentNotCap, $"The content is declared {CapFeedWriter.CapMediaType} but holds no CAP alert element.", path, position);
            }

            return false;
        }

        var depth = _reader.Depth;
        var elements = 0;
        var alerts = 0;
        string? other = null;
        while (NextChild(depth))
        {
            elements++;
            if (AtCapAlert())
            {
                alerts++;
                if (ReadEmbeddedAlert(path) is { } document)
                {
                    embedded.Add(document);
                }
            }
            else
            {
                other ??= _reader.NamespaceURI.Length == 0 ? $"<{_reader.LocalName}>" : $"<{_reader.LocalName}> in namespace '{_reader.NamespaceURI}'";
            }
        }

        if (declaredCap && (alerts != 1 || elements != 1))
        {
            var found = elements == 0 ? "no element" : alerts == 0 ? other! : $"{elements} elements";
            Report(CapDiagnosticCodes.FeedContentNotCap, $"The content is declared {CapFeedWriter.CapMediaType} but holds {found}; it must hold exactly one CAP <alert>.", path, position);
        }

        return alerts > 0;
    }

    private DateTimeOffset? ReadAtomDate(string path)
    {
        var position = ElementPosition();
        var text = ReadText().Trim();
        if (FeedDates.TryParseRfc3339(text, out var value))
        {
            return value;
        }

        Report(CapDiagnosticCodes.FeedDateInvalid, $"'{text}' is not an RFC 3339 date-time such as 2026-11-25T14:30:00+01:00 or 2026-11-25T13:30:00Z.", path, position);
        return null;
    }

    private void Require(string code, string owner, string? value, string element, string path, (int Line, int Column) position)
    {
        if (value is null)
        {
            Report(code, $"{owner} has no <{element}>, or it is empty.", path, position);
        }
    }

    /// <summary>A link of an entry as written.</summary>
    private sealed record EntryLink(string Path, (int Line, int Column) Position, string Rel, string? Type, string? Href, bool FromContent);
}
