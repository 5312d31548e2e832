using System.Globalization;

namespace BeAlert.Dispatch;

/// <summary>
/// The identity of one planned delivery: its campaign and its sequence number in that campaign's plan (dense, from 0).
/// One recipient gets at most one delivery per channel per campaign, so the plan maps (recipient, channel) to one
/// sequence; <see cref="ToString"/> is the idempotency key given to peers that accept one.
/// </summary>
/// <param name="CampaignId">The campaign.</param>
/// <param name="Sequence">The delivery's position in the campaign's plan.</param>
public readonly record struct DeliveryKey(Guid CampaignId, long Sequence)
{
    /// <summary>The idempotency key: <c>campaign-guid/sequence</c>.</summary>
    /// <returns>The key as text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{CampaignId:N}/{Sequence}");
}
