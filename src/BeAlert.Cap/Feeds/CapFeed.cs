namespace BeAlert.Cap;

/// <summary>
/// A feed or envelope read by <see cref="CapFeedReader"/>: its own metadata, one <see cref="CapFeedEntry"/> per entry
/// (Atom), item (RSS) or CAP-carrying content object (EDXL-DE), and every diagnostic: those of the feed's structure and
/// those of each embedded alert, with paths rooted in the feed (<c>/feed/entry[3]/content/alert/info[1]/area[1]</c>)
/// and lines and columns in the feed's text, in document order.
/// </summary>
public sealed class CapFeed
{
    internal CapFeed(CapFeedFormat format, IReadOnlyList<CapFeedEntry> entries, IReadOnlyList<CapDiagnostic> diagnostics)
    {
        Format = format;
        Entries = entries;
        Diagnostics = diagnostics;
    }

    /// <summary>What kind of document this is.</summary>
    public CapFeedFormat Format { get; }

    /// <summary>The feed's identifier: Atom <c>id</c>, the RSS channel's <c>link</c>, or EDXL-DE <c>distributionID</c>.</summary>
    public string? Id { get; init; }

    /// <summary>The feed's title: Atom <c>title</c> or the RSS channel's <c>title</c> (<see langword="null"/> for EDXL-DE).</summary>
    public string? Title { get; init; }

    /// <summary>When the feed last changed: Atom <c>updated</c>, RSS <c>lastBuildDate</c> (or <c>pubDate</c>), EDXL-DE <c>dateTimeSent</c>.</summary>
    public DateTimeOffset? Updated { get; init; }

    /// <summary>The envelope's own fields, for <see cref="CapFeedFormat.EdxlDistribution"/>; otherwise <see langword="null"/>.</summary>
    public CapEdxlDistribution? Distribution { get; init; }

    /// <summary>The entries, in document order.</summary>
    public IReadOnlyList<CapFeedEntry> Entries { get; }

    /// <summary>Every diagnostic of the feed and of the alerts it embeds, in document order.</summary>
    public IReadOnlyList<CapDiagnostic> Diagnostics { get; }

    /// <summary>Whether the feed's structure and every alert it embeds are valid: no diagnostic of severity error.</summary>
    public bool IsValid => !Diagnostics.Any(d => d.IsError);
}
