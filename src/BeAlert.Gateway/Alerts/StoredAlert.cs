using BeAlert.Cap;
using BeAlert.Cap.Geo;
using NetTopologySuite.Geometries;

namespace BeAlert.Gateway.Alerts;

/// <summary>Where a stored alert stands.</summary>
public enum AlertState
{
    /// <summary>In force: in the active set, the feeds and the map (when its audience allows).</summary>
    Active,

    /// <summary>Replaced by an Update that references it.</summary>
    Updated,

    /// <summary>Withdrawn by a Cancel that references it.</summary>
    Cancelled,

    /// <summary>Every info block has expired.</summary>
    Expired,

    /// <summary>A Cancel, Ack or Error message: stored and pushed to subscribers, never itself in force.</summary>
    Closed,
}

/// <summary>
/// One CAP message as the gateway keeps it: the original bytes (signatures intact), the parsed alert, who posted it,
/// the municipalities it reaches (NIS codes) and its state.
/// </summary>
internal sealed class StoredAlert
{
    private Geometry? _geometry;

    public required long Sequence { get; init; }

    public required CapAlert Alert { get; init; }

    public required ReadOnlyMemory<byte> Raw { get; init; }

    public required string AuthorityId { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }

    public required DateTimeOffset Expires { get; init; }

    /// <summary>NIS codes of the municipalities the alert's areas reach, sorted.</summary>
    public required IReadOnlyList<int> Municipalities { get; init; }

    /// <summary>No area at all: the alert concerns the whole country.</summary>
    public required bool Nationwide { get; init; }

    public required bool Simulation { get; init; }

    public required AlertState State { get; init; }

    public string Identifier => Alert.Identifier;

    public string Sender => Alert.Sender;

    /// <summary>The alert's area on the map (union of every area), computed when first needed.</summary>
    public Geometry Geometry => _geometry ??= CapAreaLocator.Default.Locate(Alert).GetGeometry();

    /// <summary>What a signage vendor or the public may see: real scope-Public messages from a non-simulation account.</summary>
    public bool IsForPublicChannels => !Simulation && Alert.Scope == CapScope.Public && Alert.Status != CapStatus.Draft;

    public StoredAlert WithState(AlertState state) => new()
    {
        Sequence = Sequence,
        Alert = Alert,
        Raw = Raw,
        AuthorityId = AuthorityId,
        ReceivedAt = ReceivedAt,
        Expires = Expires,
        Municipalities = Municipalities,
        Nationwide = Nationwide,
        Simulation = Simulation,
        State = state,
        _geometry = _geometry,
    };
}
