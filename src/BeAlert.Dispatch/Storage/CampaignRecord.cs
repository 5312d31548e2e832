namespace BeAlert.Dispatch;

/// <summary>
/// A campaign as its store keeps it: enough to resume it after a restart without anything held in memory.
/// </summary>
/// <param name="Id">The campaign.</param>
/// <param name="Name">A name for people (the alert's headline, a template name).</param>
/// <param name="AlertXml">The CAP alert it sends, as UTF-8 XML; texts are rendered from it again on resume.</param>
/// <param name="Channels">The channels it uses.</param>
/// <param name="Priority">Higher goes first: real alerts overtake tests, exercises and general-interest messages.</param>
/// <param name="IsSimulation">Whether nothing leaves (simulation environment).</param>
/// <param name="CreatedAt">When it was created.</param>
public sealed record CampaignRecord(
    Guid Id,
    string Name,
    ReadOnlyMemory<byte> AlertXml,
    DeliveryChannels Channels,
    int Priority,
    bool IsSimulation,
    DateTimeOffset CreatedAt)
{
    /// <summary>Where the campaign stands.</summary>
    public CampaignStatus Status { get; init; }

    /// <summary>The number of planned deliveries, known once the plan is sealed; -1 before.</summary>
    public long PlannedCount { get; init; } = -1;

    /// <summary>Engine settings the store keeps opaque (JSON): rates, retries, operator, account for cost splitting.</summary>
    public string? SettingsJson { get; init; }
}
