namespace BeAlert.Dispatch;

/// <summary>A snapshot of a running campaign, per channel.</summary>
/// <param name="CampaignId">The campaign.</param>
/// <param name="At">When the snapshot was taken.</param>
/// <param name="Channels">One entry per channel of the campaign.</param>
/// <param name="IsFinal">Whether this is the last snapshot (every delivery handled).</param>
public sealed record CampaignProgress(Guid CampaignId, DateTimeOffset At, IReadOnlyList<ChannelProgress> Channels, bool IsFinal);
