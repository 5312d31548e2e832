namespace BeAlert.Dispatch;

/// <summary>
/// The durable record of every campaign, its planned deliveries and their states. A task that completes means the
/// data is durable (for SQLite: committed in WAL mode). Writes are batched by the caller; stores must take batches of
/// thousands of deliveries without a round trip per delivery. Implementations: in memory (tests), SQLite (the embedded
/// default); the shape allows a PostgreSQL store (several engines sharing one database, work claimed per campaign).
/// </summary>
/// <remarks>
/// The engine's protocol: create the campaign; append the plan in batches; seal it; then, before handing deliveries
/// to a transport, record them <see cref="DeliveryState.InFlight"/>; after the transport answers, record the
/// outcome. On start, <see cref="GetCampaignsAsync"/> with <see cref="CampaignStatus.Running"/> lists what to resume
/// and <see cref="ReadDeliveriesAsync"/> with <c>onlyUnfinished</c> gives what still has to go (InFlight ones are sent
/// again and flagged as possible duplicates).
/// </remarks>
public interface IDeliveryStore : IAsyncDisposable
{
    /// <summary>Creates a campaign (status <see cref="CampaignStatus.Planning"/>). Creating an existing id is a no-op.</summary>
    /// <param name="campaign">The campaign.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the campaign is durable.</returns>
    ValueTask CreateCampaignAsync(CampaignRecord campaign, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends planned deliveries, all <see cref="DeliveryState.Pending"/>. Sequences must continue the plan without
    /// gaps; appending sequences already stored is a no-op for those (the planner may replay a batch after a crash).
    /// </summary>
    /// <param name="campaignId">The campaign, in status Planning.</param>
    /// <param name="deliveries">The batch, in ascending sequence order.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the batch is durable.</returns>
    ValueTask AppendPlanAsync(Guid campaignId, ReadOnlyMemory<PlannedDelivery> deliveries, CancellationToken cancellationToken = default);

    /// <summary>Marks the plan complete with <paramref name="plannedCount"/> deliveries; the campaign becomes Running.</summary>
    /// <param name="campaignId">The campaign.</param>
    /// <param name="plannedCount">The number of deliveries appended.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the seal is durable.</returns>
    ValueTask SealPlanAsync(Guid campaignId, long plannedCount, CancellationToken cancellationToken = default);

    /// <summary>Records state changes. Later updates of one delivery win; a final state is never left again.</summary>
    /// <param name="campaignId">The campaign.</param>
    /// <param name="updates">The batch.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the batch is durable.</returns>
    ValueTask RecordAsync(Guid campaignId, ReadOnlyMemory<DeliveryUpdate> updates, CancellationToken cancellationToken = default);

    /// <summary>Sets a campaign's status (Completed, Cancelled).</summary>
    /// <param name="campaignId">The campaign.</param>
    /// <param name="status">The new status.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the status is durable.</returns>
    ValueTask SetCampaignStatusAsync(Guid campaignId, CampaignStatus status, CancellationToken cancellationToken = default);

    /// <summary>Reads one campaign.</summary>
    /// <param name="campaignId">The campaign.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The campaign, or <see langword="null"/> when unknown.</returns>
    ValueTask<CampaignRecord?> GetCampaignAsync(Guid campaignId, CancellationToken cancellationToken = default);

    /// <summary>Lists campaigns, optionally only those in one status.</summary>
    /// <param name="status">The status to filter on, or <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The campaigns, oldest first.</returns>
    ValueTask<IReadOnlyList<CampaignRecord>> GetCampaignsAsync(CampaignStatus? status = null, CancellationToken cancellationToken = default);

    /// <summary>Streams a campaign's deliveries with their latest state, in sequence order.</summary>
    /// <param name="campaignId">The campaign.</param>
    /// <param name="onlyUnfinished">When <see langword="true"/>, only Pending, InFlight and Sent deliveries.</param>
    /// <param name="cancellationToken">Stops the stream.</param>
    /// <returns>The deliveries.</returns>
    IAsyncEnumerable<StoredDelivery> ReadDeliveriesAsync(Guid campaignId, bool onlyUnfinished, CancellationToken cancellationToken = default);

    /// <summary>
    /// Streams one channel's share of a campaign's deliveries with their latest state, in sequence order: the same as
    /// <see cref="ReadDeliveriesAsync"/> filtered on <paramref name="channel"/>. The engine reads each channel with it, so
    /// a store that can skip the other channels' deliveries cheaply (as the SQLite store does) should override it.
    /// </summary>
    /// <param name="campaignId">The campaign.</param>
    /// <param name="channel">The channel to read.</param>
    /// <param name="onlyUnfinished">When <see langword="true"/>, only Pending, InFlight and Sent deliveries.</param>
    /// <param name="cancellationToken">Stops the stream.</param>
    /// <returns>The channel's deliveries.</returns>
    async IAsyncEnumerable<StoredDelivery> ReadChannelDeliveriesAsync(
        Guid campaignId,
        DeliveryChannel channel,
        bool onlyUnfinished,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var delivery in ReadDeliveriesAsync(campaignId, onlyUnfinished, cancellationToken).ConfigureAwait(false))
        {
            if (delivery.Planned.Channel == channel)
            {
                yield return delivery;
            }
        }
    }

    /// <summary>
    /// Erases a person from every campaign's plan (GDPR art. 17): each matching delivery keeps its sequence, channel,
    /// language, municipality, state, error and attempts (so reports, counts and cost splitting still add up) but its
    /// recipient becomes <see cref="RecipientErasure.ErasedRecipientId"/> and its destination
    /// <see cref="RecipientErasure.ErasedDestination"/>; those that had not gone out (Pending, InFlight) become
    /// <see cref="DeliveryState.Cancelled"/>. Durable stores also make sure the old bytes are not left in their files
    /// where they can. Idempotent. The default implementation throws <see cref="NotSupportedException"/>.
    /// </summary>
    /// <param name="erasure">Who to erase.</param>
    /// <param name="cancellationToken">Cancels the erasure before it starts writing.</param>
    /// <returns>What changed.</returns>
    /// <exception cref="ArgumentException">The erasure is not valid (see <see cref="RecipientErasure.Validate"/>).</exception>
    ValueTask<RecipientErasureResult> EraseRecipientAsync(RecipientErasure erasure, CancellationToken cancellationToken = default) =>
        ValueTask.FromException<RecipientErasureResult>(new NotSupportedException($"{GetType().Name} cannot erase recipients."));

    /// <summary>
    /// Replaces the alert a finished campaign (Completed or Cancelled) keeps with <paramref name="alertXml"/>, so the
    /// store no longer holds the text it sent (a one-time code, say). Live campaigns keep theirs: they render their texts
    /// from it when resumed. The default implementation throws <see cref="NotSupportedException"/>.
    /// </summary>
    /// <param name="campaignId">The campaign.</param>
    /// <param name="alertXml">The redacted alert, as UTF-8 XML.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the new alert is durable.</returns>
    /// <exception cref="KeyNotFoundException">The campaign is unknown.</exception>
    /// <exception cref="InvalidOperationException">The campaign is still Planning or Running.</exception>
    ValueTask RedactCampaignAlertAsync(Guid campaignId, ReadOnlyMemory<byte> alertXml, CancellationToken cancellationToken = default) =>
        ValueTask.FromException(new NotSupportedException($"{GetType().Name} cannot redact campaigns."));

    /// <summary>Finds a delivery by the peer's message id (receipts that arrive after a restart).</summary>
    /// <param name="channel">The channel the id belongs to.</param>
    /// <param name="providerMessageId">The peer's message id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The delivery's key, or <see langword="null"/> when unknown.</returns>
    ValueTask<DeliveryKey?> FindByProviderMessageIdAsync(DeliveryChannel channel, string providerMessageId, CancellationToken cancellationToken = default);
}
