using BeAlert.Cap;
using BeAlert.Dispatch;

namespace BeAlert.Gateway.Campaigns;

/// <summary>
/// A campaign to start for an authority: the alert, the channels, the audience, and who asked. The campaigns module
/// turns it into a dispatch <see cref="CampaignRequest"/> (audience resolved against the population, groups and
/// lists; simulation when the authority's account is in simulation or <see cref="Simulation"/> says so).
/// </summary>
public sealed record CampaignCommand(string AuthorityId, CapAlert Alert, DeliveryChannels Channels, AudienceSpec Audience)
{
    /// <summary>The key that asked (null for the system itself: scheduled tests, recovery).</summary>
    public string? KeyId { get; init; }

    public string? Name { get; init; }

    public int? Priority { get; init; }

    /// <summary>Force simulation on (never off: an account in simulation stays in simulation).</summary>
    public bool Simulation { get; init; }

    /// <summary>The template it came from, if any (for the history and reports).</summary>
    public string? TemplateId { get; init; }
}

/// <summary>Starts campaigns (implemented by the campaigns module; used by scheduled tests and by the HTTP API).</summary>
public interface ICampaignLauncher
{
    /// <summary>
    /// Checks the authority's rights (<see cref="AuthorityRules"/>), resolves the audience, makes the plan durable and
    /// starts sending. Throws <see cref="CampaignRefusedException"/> with the reasons when the authority may not send it.
    /// </summary>
    Task<CampaignHandle> LaunchAsync(CampaignCommand command, CancellationToken cancellationToken = default);
}

/// <summary>A campaign the authority may not send; <see cref="Reasons"/> says why (for a 403/422 ProblemDetails).</summary>
public sealed class CampaignRefusedException(IReadOnlyList<string> reasons)
    : Exception("The campaign was refused: " + string.Join("; ", reasons))
{
    public IReadOnlyList<string> Reasons { get; } = reasons;
}

/// <summary>
/// Told once per finished campaign (completed or cancelled) with its final report: billing charges the authority
/// (implemented by the billing module; called by the campaigns module). Simulation campaigns are reported too
/// (<see cref="CampaignReport.IsSimulation"/>) and must not be charged.
/// </summary>
public interface ICampaignCostSink
{
    Task RecordAsync(string authorityId, CampaignReport report, CancellationToken cancellationToken = default);
}
