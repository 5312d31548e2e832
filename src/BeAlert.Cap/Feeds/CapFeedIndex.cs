using System.Diagnostics.CodeAnalysis;

namespace BeAlert.Cap;

/// <summary>
/// The CAP index fields of a feed entry: elements in a CAP namespace that repeat the key facts of the alert the entry
/// points to (<c>cap:event</c>, <c>cap:urgency</c>, <c>cap:effective</c>, <c>cap:areaDesc</c>, <c>cap:geocode</c>...),
/// so that a reader can filter without fetching every alert. A field the entry does not carry, or whose value is not
/// valid CAP, is <see langword="null"/> (the reader reports the invalid ones).
/// </summary>
public sealed record CapFeedIndex
{
    /// <summary><c>cap:identifier</c>.</summary>
    public string? Identifier { get; init; }

    /// <summary><c>cap:sender</c>.</summary>
    public string? Sender { get; init; }

    /// <summary><c>cap:sent</c>.</summary>
    public CapDateTime? Sent { get; init; }

    /// <summary><c>cap:status</c>.</summary>
    public CapStatus? Status { get; init; }

    /// <summary><c>cap:msgType</c>.</summary>
    public CapMessageType? MsgType { get; init; }

    /// <summary><c>cap:scope</c>.</summary>
    public CapScope? Scope { get; init; }

    /// <summary><c>cap:category</c> (any number).</summary>
    [AllowNull]
    public IReadOnlyList<CapCategory> Categories { get; init => field = EquatableList<CapCategory>.From(value); } = EquatableList<CapCategory>.Empty;

    /// <summary><c>cap:event</c>.</summary>
    public string? Event { get; init; }

    /// <summary><c>cap:urgency</c>.</summary>
    public CapUrgency? Urgency { get; init; }

    /// <summary><c>cap:severity</c>.</summary>
    public CapSeverity? Severity { get; init; }

    /// <summary><c>cap:certainty</c>.</summary>
    public CapCertainty? Certainty { get; init; }

    /// <summary><c>cap:effective</c>.</summary>
    public CapDateTime? Effective { get; init; }

    /// <summary><c>cap:onset</c>.</summary>
    public CapDateTime? Onset { get; init; }

    /// <summary><c>cap:expires</c>.</summary>
    public CapDateTime? Expires { get; init; }

    /// <summary><c>cap:areaDesc</c> (several are joined with "; ").</summary>
    public string? AreaDesc { get; init; }

    /// <summary><c>cap:polygon</c> (any number).</summary>
    [AllowNull]
    public IReadOnlyList<CapPolygon> Polygons { get; init => field = EquatableList<CapPolygon>.From(value); } = EquatableList<CapPolygon>.Empty;

    /// <summary><c>cap:circle</c> (any number).</summary>
    [AllowNull]
    public IReadOnlyList<CapCircle> Circles { get; init => field = EquatableList<CapCircle>.From(value); } = EquatableList<CapCircle>.Empty;

    /// <summary><c>cap:geocode</c> with its <c>valueName</c> and <c>value</c> (any number).</summary>
    [AllowNull]
    public IReadOnlyList<CapNamedValue> Geocodes { get; init => field = EquatableList<CapNamedValue>.From(value); } = EquatableList<CapNamedValue>.Empty;
}
