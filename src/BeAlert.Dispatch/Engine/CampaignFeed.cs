using System.Threading.Channels;

namespace BeAlert.Dispatch;

/// <summary>
/// One campaign's queue on one channel: a bounded <see cref="Channel{T}"/> of batches read back from the store
/// (the reader waits when it is full; nothing is dropped), and the batch workers are currently slicing.
/// Guarded by the owning <see cref="ChannelDispatcher"/>'s lock except for the channel itself.
/// </summary>
internal sealed class CampaignFeed(CampaignRun run, int capacityBatches)
{
    public CampaignRun Run { get; } = run;

    public Channel<DeliveryBatch> Queue { get; } = Channel.CreateBounded<DeliveryBatch>(new BoundedChannelOptions(capacityBatches)
    {
        SingleWriter = true,
        SingleReader = false,
        FullMode = BoundedChannelFullMode.Wait,
    });

    public DeliveryBatch? Current { get; set; }

    public int Offset { get; set; }

    public bool HasRemaining => (Current is { } current && Offset < current.Count) || Queue.Reader.Count > 0;
}

/// <summary>A batch of deliveries read back from the store for one channel.</summary>
internal sealed class DeliveryBatch(StoredDelivery[] items, int count)
{
    public StoredDelivery[] Items { get; } = items;

    public int Count { get; } = count;
}

/// <summary>A worker's share of a batch: deliveries <c>[Start, Start + Count)</c>.</summary>
internal readonly record struct DeliverySlice(CampaignFeed Feed, DeliveryBatch Batch, int Start, int Count);
