using System.Diagnostics.CodeAnalysis;

namespace BeAlert.Cap;

/// <summary>
/// One entry of a feed: an Atom <c>entry</c>, an RSS <c>item</c> or an EDXL-DE <c>contentObject</c> that carries CAP.
/// It points to its alert (<see cref="Link"/>), repeats the alert's index fields (<see cref="Index"/>), embeds the
/// alert (<see cref="EmbeddedAlerts"/>), or several of these.
/// </summary>
public sealed record CapFeedEntry
{
    /// <summary>The entry's element path in the feed, such as <c>/feed/entry[3]</c>.</summary>
    public required string Path { get; init; }

    /// <summary>The 1-based line of the entry's start tag.</summary>
    public int Line { get; init; }

    /// <summary>The 1-based column of the entry's start tag.</summary>
    public int Column { get; init; }

    /// <summary>The entry's identifier: Atom <c>id</c>, RSS <c>guid</c> (else its <c>link</c>), or for EDXL-DE the embedded alert's identifier.</summary>
    public string? Id { get; init; }

    /// <summary>The entry's title: Atom or RSS <c>title</c>, EDXL-DE <c>contentDescription</c>.</summary>
    public string? Title { get; init; }

    /// <summary>The entry's summary: Atom <c>summary</c> or RSS <c>description</c>.</summary>
    public string? Summary { get; init; }

    /// <summary>
    /// The link to the CAP message as written (it may be relative): the link typed <c>application/cap+xml</c>, else
    /// the alternate link (Atom), the item's <c>link</c> (RSS) or the <c>nonXMLContent</c> URI (EDXL-DE).
    /// </summary>
    public string? Link { get; init; }

    /// <summary>When the entry last changed: Atom <c>updated</c>, RSS <c>pubDate</c>, EDXL-DE <c>dateTimeSent</c>.</summary>
    public DateTimeOffset? Updated { get; init; }

    /// <summary>The CAP index fields the entry carries (elements in a CAP namespace), or <see langword="null"/> when it has none.</summary>
    public CapFeedIndex? Index { get; init; }

    /// <summary>
    /// The alerts embedded in the entry, each read by the reader's <see cref="CapParser"/> (usually none or one). Their
    /// own diagnostics and source positions are relative to the alert; <see cref="CapFeed.Diagnostics"/> has them
    /// mapped into the feed. An embedded alert that could not be read at all is not listed (its error is).
    /// </summary>
    [AllowNull]
    public IReadOnlyList<CapDocument> EmbeddedAlerts { get; init => field = value ?? []; } = [];
}
