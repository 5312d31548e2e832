using System.Collections.Concurrent;
using BeAlert.Dispatch;
using BeAlert.Gateway.Campaigns;

namespace BeAlert.Gateway.Citizens;

/// <summary>
/// Erases a person who has just erased their registration (GDPR art. 17) from the dispatch store
/// (<see cref="IDeliveryStore.EraseRecipientAsync"/>: their phone numbers and addresses leave every campaign's plan,
/// past and running, and what had not gone out is Cancelled, so a restart does not resume it), and puts the cancelled
/// deliveries' keys into a set that a wrapper around every transport checks just before sending (so the copies
/// already queued in memory fail as Rejected instead of leaving).
/// </summary>
internal sealed class DeliverySuppression : IDeliveryTransportWrapper
{
    private readonly ConcurrentDictionary<DeliveryKey, byte> _suppressed = new();

    public int Order => 0;

    public long SuppressedCount => _suppressed.Count;

    public IDeliveryTransport Wrap(IDeliveryTransport transport) => new SuppressingTransport(transport, this);

    public bool IsSuppressed(in DeliveryKey key) => _suppressed.ContainsKey(key);

    /// <summary>
    /// Erases a person from the dispatch store (their contacts in every plan become tombstones; what had not gone out
    /// is Cancelled) and suppresses the cancelled deliveries' copies an engine already holds in memory.
    /// </summary>
    public async Task<RecipientErasureResult> EraseRecipientAsync(IDeliveryStore store, RecipientErasure erasure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var result = await store.EraseRecipientAsync(erasure, cancellationToken).ConfigureAwait(false);
        foreach (var key in result.Cancelled)
        {
            _suppressed[key] = 0;
        }

        return result;
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
