namespace BeAlert.Cap;

/// <summary>
/// Settings of <see cref="CapFeedWriter"/>: what the feed is called, where it and each alert live, and whether the
/// alerts themselves travel inside the entries. <see cref="FeedId"/>, <see cref="Title"/> and <see cref="AlertLink"/>
/// are required; check them once with <see cref="Validate"/> (the writer does too).
/// </summary>
public sealed class CapFeedWriterOptions
{
    /// <summary>The feed's permanent identifier, an absolute IRI such as <c>urn:uuid:...</c> or the feed's URL (Atom <c>id</c>). Required.</summary>
    public string? FeedId { get; set; }

    /// <summary>The feed's human-readable title (Atom <c>title</c>, RSS channel <c>title</c>). Required.</summary>
    public string? Title { get; set; }

    /// <summary>Where the feed itself is published (Atom <c>link rel="self"</c>, RSS channel <c>link</c>). Optional for Atom, recommended.</summary>
    public Uri? SelfLink { get; set; }

    /// <summary>
    /// The absolute URL of one alert's CAP XML. Each entry links to it (<c>rel="alternate"</c>,
    /// <c>type="application/cap+xml"</c>) and uses it as its id. Required.
    /// </summary>
    public Func<CapAlert, Uri>? AlertLink { get; set; }

    /// <summary>
    /// The feed's author (a person or agency name). When <see langword="null"/> (default), each entry names its own
    /// author: the first info block's <c>senderName</c>, or else the alert's <c>sender</c>.
    /// </summary>
    public string? Author { get; set; }

    /// <summary>The clock that gives the feed's own <c>updated</c> time. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// Whether each entry carries the whole alert: Atom <c>content type="application/cap+xml"</c>, or in RSS an
    /// <c>alert</c> element inside the item. Default <see langword="false"/> (an index that links to the alerts).
    /// </summary>
    public bool EmbedAlerts { get; set; }

    /// <summary>Indent the XML with two spaces (default <see langword="true"/>).</summary>
    public bool Indent { get; set; } = true;

    /// <summary>Checks the options, listing every problem at once.</summary>
    /// <exception cref="ArgumentException">One or more settings are missing or invalid.</exception>
    public void Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(FeedId))
        {
            errors.Add($"{nameof(FeedId)} is required.");
        }
        else if (!Uri.TryCreate(FeedId, UriKind.Absolute, out _))
        {
            errors.Add($"{nameof(FeedId)} must be an absolute IRI such as 'urn:uuid:...' or 'https://...' (it is '{FeedId}').");
        }

        if (string.IsNullOrWhiteSpace(Title))
        {
            errors.Add($"{nameof(Title)} is required.");
        }

        if (AlertLink is null)
        {
            errors.Add($"{nameof(AlertLink)} is required: it gives each entry the URL of its CAP message.");
        }

        if (SelfLink is { IsAbsoluteUri: false })
        {
            errors.Add($"{nameof(SelfLink)} must be an absolute URI (it is '{SelfLink}').");
        }

        if (TimeProvider is null)
        {
            errors.Add($"{nameof(TimeProvider)} is required.");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid CapFeedWriterOptions: " + string.Join(" ", errors));
        }
    }
}
