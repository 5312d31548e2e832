using System.Diagnostics.CodeAnalysis;

namespace BeAlert.Cap;

/// <summary>
/// A CAP <c>info</c> block: the event, its urgency, severity and certainty, and the texts for one language.
/// An alert carries one info block per language (nl, fr, de, en for BE-Alert).
/// </summary>
public sealed record CapInfo
{
    /// <summary>The language used when an info block has no <c>language</c> element.</summary>
    public const string DefaultLanguage = "en-US";

    /// <summary>Creates an info block with its required fields.</summary>
    /// <param name="event">The text denoting the type of the subject event.</param>
    /// <param name="urgency">The urgency.</param>
    /// <param name="severity">The severity.</param>
    /// <param name="certainty">The certainty.</param>
    /// <param name="categories">One or more categories.</param>
    public CapInfo(string @event, CapUrgency urgency, CapSeverity severity, CapCertainty certainty, IEnumerable<CapCategory> categories)
    {
        Event = @event;
        Urgency = urgency;
        Severity = severity;
        Certainty = certainty;
        Categories = EquatableList<CapCategory>.From(categories);
    }

    /// <summary>The RFC 3066 language code (<c>language</c>); <see langword="null"/> when absent, meaning <see cref="DefaultLanguage"/>.</summary>
    public string? Language { get; init; }

    /// <summary>The language that applies: <see cref="Language"/>, or <see cref="DefaultLanguage"/> when absent.</summary>
    public string EffectiveLanguage => Language ?? DefaultLanguage;

    /// <summary>The categories of the subject event (<c>category</c>, at least one).</summary>
    [AllowNull]
    public IReadOnlyList<CapCategory> Categories { get; init => field = EquatableList<CapCategory>.From(value); }

    /// <summary>The type of the subject event (<c>event</c>, required).</summary>
    public string Event { get; init => field = value ?? throw new ArgumentNullException(nameof(value)); }

    /// <summary>The recommended actions (<c>responseType</c>).</summary>
    [AllowNull]
    public IReadOnlyList<CapResponseType> ResponseTypes { get; init => field = EquatableList<CapResponseType>.From(value); } = EquatableList<CapResponseType>.Empty;

    /// <summary>The urgency (<c>urgency</c>, required).</summary>
    public CapUrgency Urgency { get; init; }

    /// <summary>The severity (<c>severity</c>, required).</summary>
    public CapSeverity Severity { get; init; }

    /// <summary>The certainty (<c>certainty</c>, required).</summary>
    public CapCertainty Certainty { get; init; }

    /// <summary>The intended audience (<c>audience</c>).</summary>
    public string? Audience { get; init; }

    /// <summary>System-specific codes identifying the event type (<c>eventCode</c>).</summary>
    [AllowNull]
    public IReadOnlyList<CapNamedValue> EventCodes { get; init => field = EquatableList<CapNamedValue>.From(value); } = EquatableList<CapNamedValue>.Empty;

    /// <summary>When the information becomes effective (<c>effective</c>; the alert's sent time when absent).</summary>
    public CapDateTime? Effective { get; init; }

    /// <summary>The expected time of the beginning of the subject event (<c>onset</c>).</summary>
    public CapDateTime? Onset { get; init; }

    /// <summary>The expiry time of the information (<c>expires</c>).</summary>
    public CapDateTime? Expires { get; init; }

    /// <summary>The human-readable name of the issuing agency (<c>senderName</c>).</summary>
    public string? SenderName { get; init; }

    /// <summary>A brief headline, ideally under 160 characters (<c>headline</c>).</summary>
    public string? Headline { get; init; }

    /// <summary>An extended description of the hazard or event (<c>description</c>).</summary>
    public string? Description { get; init; }

    /// <summary>The recommended action (<c>instruction</c>).</summary>
    public string? Instruction { get; init; }

    /// <summary>A full, absolute URI for additional information (<c>web</c>).</summary>
    public string? Web { get; init; }

    /// <summary>Follow-up and confirmation contact (<c>contact</c>).</summary>
    public string? Contact { get; init; }

    /// <summary>System-specific additional parameters (<c>parameter</c>).</summary>
    [AllowNull]
    public IReadOnlyList<CapNamedValue> Parameters { get; init => field = EquatableList<CapNamedValue>.From(value); } = EquatableList<CapNamedValue>.Empty;

    /// <summary>Supplementary digital assets (<c>resource</c>).</summary>
    [AllowNull]
    public IReadOnlyList<CapResource> Resources { get; init => field = EquatableList<CapResource>.From(value); } = EquatableList<CapResource>.Empty;

    /// <summary>The affected areas (<c>area</c>).</summary>
    [AllowNull]
    public IReadOnlyList<CapArea> Areas { get; init => field = EquatableList<CapArea>.From(value); } = EquatableList<CapArea>.Empty;
}
