using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace BeAlert.Dispatch;

/// <summary>
/// An <see cref="IDeliveryStore"/> in memory: for tests and for embedding without persistence. Nothing survives the
/// process; use the SQLite store where a crash must not lose a campaign. Thread-safe.
/// </summary>
public sealed class InMemoryDeliveryStore : IDeliveryStore
{
    private readonly ConcurrentDictionary<Guid, CampaignData> _campaigns = new();
    private readonly ConcurrentDictionary<(DeliveryChannel, string), DeliveryKey> _byProviderId = new();
    private long _order;

    /// <inheritdoc />
    public ValueTask CreateCampaignAsync(CampaignRecord campaign, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        cancellationToken.ThrowIfCancellationRequested();
        _campaigns.TryAdd(campaign.Id, new CampaignData(campaign with { Status = CampaignStatus.Planning, PlannedCount = -1 }, Interlocked.Increment(ref _order)));
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask AppendPlanAsync(Guid campaignId, ReadOnlyMemory<PlannedDelivery> deliveries, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var data = Get(campaignId);
        lock (data)
        {
            if (data.Record.Status != CampaignStatus.Planning)
            {
                throw new InvalidOperationException($"Campaign {campaignId} is {data.Record.Status}: its plan is sealed.");
            }

            foreach (var delivery in deliveries.Span)
            {
                if (delivery.Sequence < data.Deliveries.Count)
                {
                    continue; // replayed batch: already stored
                }

                if (delivery.Sequence != data.Deliveries.Count)
                {
                    throw new ArgumentException(
                        $"Campaign {campaignId}: sequence {delivery.Sequence} leaves a gap (next expected {data.Deliveries.Count}).",
                        nameof(deliveries));
                }

                data.Deliveries.Add(new StoredDelivery(delivery, DeliveryState.Pending, DeliveryError.None, 0, null, false));
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask SealPlanAsync(Guid campaignId, long plannedCount, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var data = Get(campaignId);
        lock (data)
        {
            if (plannedCount != data.Deliveries.Count)
            {
                throw new ArgumentException(
                    $"Campaign {campaignId}: sealing {plannedCount} deliveries but {data.Deliveries.Count} were appended.", nameof(plannedCount));
            }

            if (data.Record.Status == CampaignStatus.Planning)
            {
                data.Record = data.Record with { Status = CampaignStatus.Running, PlannedCount = plannedCount };
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask RecordAsync(Guid campaignId, ReadOnlyMemory<DeliveryUpdate> updates, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var data = Get(campaignId);
        lock (data)
        {
            foreach (var update in updates.Span)
            {
                if ((ulong)update.Sequence >= (ulong)data.Deliveries.Count)
                {
                    throw new ArgumentException($"Campaign {campaignId}: no delivery {update.Sequence}.", nameof(updates));
                }

                var current = data.Deliveries[(int)update.Sequence];
                if (current.State.IsFinal())
                {
                    continue; // a final state is never left
                }

                var providerId = update.ProviderMessageId ?? current.ProviderMessageId;
                data.Deliveries[(int)update.Sequence] = current with
                {
                    State = update.State,
                    Error = update.Error,
                    Attempts = Math.Max(current.Attempts, update.Attempts),
                    ProviderMessageId = providerId,
                    IsPossibleDuplicate = current.IsPossibleDuplicate || update.IsPossibleDuplicate,
                };
                if (update.ProviderMessageId is not null)
                {
                    _byProviderId[(current.Planned.Channel, update.ProviderMessageId)] = new DeliveryKey(campaignId, update.Sequence);
                }
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask SetCampaignStatusAsync(Guid campaignId, CampaignStatus status, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var data = Get(campaignId);
        lock (data)
        {
            data.Record = data.Record with { Status = status };
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<CampaignRecord?> GetCampaignAsync(Guid campaignId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!_campaigns.TryGetValue(campaignId, out var data))
        {
            return ValueTask.FromResult<CampaignRecord?>(null);
        }

        lock (data)
        {
            return ValueTask.FromResult<CampaignRecord?>(data.Record);
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<CampaignRecord>> GetCampaignsAsync(CampaignStatus? status = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var list = new List<(long Order, CampaignRecord Record)>();
        foreach (var data in _campaigns.Values)
        {
            lock (data)
            {
                if (status is null || data.Record.Status == status)
                {
                    list.Add((data.Order, data.Record));
                }
            }
        }

        list.Sort((a, b) => a.Order.CompareTo(b.Order));
        return ValueTask.FromResult<IReadOnlyList<CampaignRecord>>(list.ConvertAll(x => x.Record));
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<StoredDelivery> ReadDeliveriesAsync(
        Guid campaignId,
        bool onlyUnfinished,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var data = Get(campaignId);
        const int PageSize = 4096;
        var page = new List<StoredDelivery>(PageSize);
        // Continue from the last index read, not from start + PageSize: deliveries appended while the stream is read
        // must not be skipped.
        for (var start = 0; ;)
        {
            page.Clear();
            lock (data)
            {
                if (start >= data.Deliveries.Count)
                {
                    yield break;
                }

                var end = Math.Min(start + PageSize, data.Deliveries.Count);
                for (var i = start; i < end; i++)
                {
                    var delivery = data.Deliveries[i];
                    if (!onlyUnfinished || !delivery.State.IsFinal())
                    {
                        page.Add(delivery);
                    }
                }

                start = end;
            }

            foreach (var delivery in page)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return delivery;
            }

            await Task.Yield();
        }
    }

    /// <inheritdoc />
    public ValueTask<DeliveryKey?> FindByProviderMessageIdAsync(DeliveryChannel channel, string providerMessageId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(providerMessageId);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_byProviderId.TryGetValue((channel, providerMessageId), out var key) ? key : (DeliveryKey?)null);
    }

    /// <inheritdoc />
    public ValueTask<RecipientErasureResult> EraseRecipientAsync(RecipientErasure erasure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(erasure);
        erasure.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        var campaigns = new List<(long Order, Guid Id)>();
        var erased = 0L;
        var cancelled = new List<DeliveryKey>();
        foreach (var (campaignId, data) in _campaigns)
        {
            var hit = false;
            lock (data)
            {
                for (var i = 0; i < data.Deliveries.Count; i++)
                {
                    var delivery = data.Deliveries[i];
                    if (!erasure.Matches(delivery.Planned))
                    {
                        continue;
                    }

                    hit = true;
                    erased++;
                    var state = delivery.State;
                    if (state.NeedsSending())
                    {
                        state = DeliveryState.Cancelled;
                        cancelled.Add(new DeliveryKey(campaignId, delivery.Planned.Sequence));
                    }

                    data.Deliveries[i] = delivery with { Planned = RecipientErasure.Tombstone(delivery.Planned), State = state };
                }
            }

            if (hit)
            {
                campaigns.Add((data.Order, campaignId));
            }
        }

        campaigns.Sort((a, b) => a.Order.CompareTo(b.Order));
        return ValueTask.FromResult(new RecipientErasureResult(campaigns.ConvertAll(c => c.Id), erased, cancelled));
    }

    /// <inheritdoc />
    public ValueTask RedactCampaignAlertAsync(Guid campaignId, ReadOnlyMemory<byte> alertXml, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var data = Get(campaignId);
        lock (data)
        {
            if (data.Record.Status is CampaignStatus.Planning or CampaignStatus.Running)
            {
                throw new InvalidOperationException($"Campaign {campaignId} is {data.Record.Status}: it needs its alert to resume.");
            }

            data.Record = data.Record with { AlertXml = alertXml.ToArray() };
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private CampaignData Get(Guid campaignId) =>
        _campaigns.TryGetValue(campaignId, out var data) ? data : throw new KeyNotFoundException($"No campaign {campaignId} in this store.");

    private sealed class CampaignData(CampaignRecord record, long order)
    {
        public CampaignRecord Record { get; set; } = record;

        public long Order { get; } = order;

        public List<StoredDelivery> Deliveries { get; } = [];
    }
}
