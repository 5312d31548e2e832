using System.Globalization;

namespace BeAlert.Dispatch.CrashChild;

/// <summary>
/// Passes every call to the real store; after each plan batch is durable it prints <c>DONE n</c> (n = batches so far)
/// and, when asked, pauses (so a test can kill the process while the plan is being written).
/// </summary>
internal sealed class ReportingStore(IDeliveryStore inner, ProgressWriter progress, TimeSpan pauseAfterPlanBatch) : IDeliveryStore
{
    private int _planBatches;

    public ValueTask CreateCampaignAsync(CampaignRecord campaign, CancellationToken cancellationToken = default) =>
        inner.CreateCampaignAsync(campaign, cancellationToken);

    public async ValueTask AppendPlanAsync(Guid campaignId, ReadOnlyMemory<PlannedDelivery> deliveries, CancellationToken cancellationToken = default)
    {
        await inner.AppendPlanAsync(campaignId, deliveries, cancellationToken);
        progress.Line(string.Create(CultureInfo.InvariantCulture, $"DONE {Interlocked.Increment(ref _planBatches)}"));
        if (pauseAfterPlanBatch > TimeSpan.Zero)
        {
            await Task.Delay(pauseAfterPlanBatch, cancellationToken);
        }
    }

    public ValueTask SealPlanAsync(Guid campaignId, long plannedCount, CancellationToken cancellationToken = default) =>
        inner.SealPlanAsync(campaignId, plannedCount, cancellationToken);

    public ValueTask RecordAsync(Guid campaignId, ReadOnlyMemory<DeliveryUpdate> updates, CancellationToken cancellationToken = default) =>
        inner.RecordAsync(campaignId, updates, cancellationToken);

    public ValueTask SetCampaignStatusAsync(Guid campaignId, CampaignStatus status, CancellationToken cancellationToken = default) =>
        inner.SetCampaignStatusAsync(campaignId, status, cancellationToken);

    public ValueTask<CampaignRecord?> GetCampaignAsync(Guid campaignId, CancellationToken cancellationToken = default) =>
        inner.GetCampaignAsync(campaignId, cancellationToken);

    public ValueTask<IReadOnlyList<CampaignRecord>> GetCampaignsAsync(CampaignStatus? status = null, CancellationToken cancellationToken = default) =>
        inner.GetCampaignsAsync(status, cancellationToken);

    public IAsyncEnumerable<StoredDelivery> ReadDeliveriesAsync(Guid campaignId, bool onlyUnfinished, CancellationToken cancellationToken = default) =>
        inner.ReadDeliveriesAsync(campaignId, onlyUnfinished, cancellationToken);

    public ValueTask<DeliveryKey?> FindByProviderMessageIdAsync(DeliveryChannel channel, string providerMessageId, CancellationToken cancellationToken = default) =>
        inner.FindByProviderMessageIdAsync(channel, providerMessageId, cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask; // the inner store is disposed by its owner
}
