using BeAlert.Cap;

namespace BeAlert.Dispatch;

/// <summary>What an operator asks the engine to send: one alert, over some channels, to an audience.</summary>
public sealed class CampaignRequest
{
    /// <summary>Creates a request.</summary>
    /// <param name="alert">The CAP alert to send.</param>
    /// <param name="channels">The channels to use; each member is reached on those of these they accept.</param>
    /// <param name="audience">The resolved, deduplicated audience (enumerated once).</param>
    public CampaignRequest(CapAlert alert, DeliveryChannels channels, IEnumerable<AudienceMember> audience)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(audience);
        Alert = alert;
        Channels = channels;
        Audience = audience;
    }

    /// <summary>The alert.</summary>
    public CapAlert Alert { get; }

    /// <summary>The channels.</summary>
    public DeliveryChannels Channels { get; }

    /// <summary>The audience.</summary>
    public IEnumerable<AudienceMember> Audience { get; }

    /// <summary>
    /// Zones for location-based alerting: with <see cref="DeliveryChannel.CellBroadcast"/> in <see cref="Channels"/>,
    /// one cell-broadcast delivery per zone and language (RecipientId 0, Destination the zone name).
    /// </summary>
    public IReadOnlyList<string> CellBroadcastZones { get; init; } = [];

    /// <summary>The languages of the cell-broadcast deliveries; empty for the languages of the alert's info blocks.</summary>
    public IReadOnlyList<string> CellBroadcastLanguages { get; init; } = [];

    /// <summary>Whether nothing leaves: texts carry the SIMULATION mark. Use simulation transports with it.</summary>
    public bool IsSimulation { get; init; }

    /// <summary>The account billed (for structural cooperation accounts the report splits costs per municipality).</summary>
    public string? Account { get; init; }

    /// <summary>A name for people; the first headline of the alert when <see langword="null"/>.</summary>
    public string? Name { get; init; }

    /// <summary>Overrides the priority derived from the alert (see <see cref="CampaignPriorities"/>); higher goes first.</summary>
    public int? Priority { get; init; }

    /// <summary>The campaign id; a new one when <see langword="null"/>.</summary>
    public Guid? CampaignId { get; init; }
}
