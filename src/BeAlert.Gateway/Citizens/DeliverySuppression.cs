using System.Collections.Concurrent;
using BeAlert.Dispatch;
using BeAlert.Gateway.Campaigns;

namespace BeAlert.Gateway.Citizens;

/// <summary>
/// Stops deliveries already planned for a person who has just erased their registration (GDPR art. 17): their
/// unfinished deliveries in running campaigns are marked Cancelled in the dispatch store (so a restart does not resume
/// them) and their keys go into a set that a wrapper around every transport checks just before sending (so the copies
/// already queued in memory fail as Rejected instead of leaving).
/// </summary>
internal sealed class DeliverySuppression : IDeliveryTransportWrapper
{
    private readonly ConcurrentDictionary<DeliveryKey, byte> _suppressed = new();

    public int Order => 0;

    public long SuppressedCount => _suppressed.Count;

    public IDeliveryTransport Wrap(IDeliveryTransport transport) => new SuppressingTransport(transport, this);

    public bool IsSuppressed(in DeliveryKey key) => _suppressed.ContainsKey(key);

    /// <summary>Suppresses every unfinished delivery to a recipient; returns how many there were.</summary>
    public async Task<int> SuppressRecipientAsync(IDeliveryStore store, long recipientId, CancellationToken cancellationToken)
    {
        var count = 0;
        foreach (var status in new[] { CampaignStatus.Planning, CampaignStatus.Running })
        {
            foreach (var campaign in await store.GetCampaignsAsync(status, cancellationToken).ConfigureAwait(false))
            {
                var updates = new List<DeliveryUpdate>();
                await foreach (var delivery in store.ReadDeliveriesAsync(campaign.Id, onlyUnfinished: true, cancellationToken).ConfigureAwait(false))
                {
                    if (delivery.Planned.RecipientId == recipientId)
                    {
                        _suppressed[new DeliveryKey(campaign.Id, delivery.Planned.Sequence)] = 0;
                        updates.Add(new DeliveryUpdate(delivery.Planned.Sequence, DeliveryState.Cancelled, DeliveryError.None, delivery.Attempts));
                    }
                }

                if (updates.Count > 0)
                {
                    await store.RecordAsync(campaign.Id, updates.ToArray(), cancellationToken).ConfigureAwait(false);
                    count += updates.Count;
                }
            }
        }

        return count;
    }

    private sealed class SuppressingTransport(IDeliveryTransport inner, DeliverySuppression suppression) : IDeliveryTransport
    {
        public DeliveryChannel Channel => inner.Channel;

        public string Name => inner.Name;

        public int MaxConcurrency => inner.MaxConcurrency;

        public ValueTask StartAsync(IDeliveryReceiptSink receipts, CancellationToken cancellationToken) => inner.StartAsync(receipts, cancellationToken);

        public ValueTask DisposeAsync() => inner.DisposeAsync();

        public ValueTask<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken) =>
            suppression.IsSuppressed(message.Key)
                ? new ValueTask<SendResult>(SendResult.Failure(DeliveryError.Rejected, "the recipient erased their registration"))
                : inner.SendAsync(message, cancellationToken);
    }
}
