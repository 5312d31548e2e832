using System.Collections.Concurrent;

namespace BeAlert.Dispatch.Tests.Transports;

/// <summary>A receipt sink that keeps every receipt and lets a test wait for a number of them (bounded).</summary>
internal sealed class CollectingReceiptSink : IDeliveryReceiptSink, IDisposable
{
    private readonly ConcurrentQueue<DeliveryReceipt> _receipts = new();
    private readonly SemaphoreSlim _arrived = new(0);

    public IReadOnlyList<DeliveryReceipt> Receipts => [.. _receipts];

    public void OnReceipt(in DeliveryReceipt receipt)
    {
        _receipts.Enqueue(receipt);
        _arrived.Release();
    }

    public void Dispose() => _arrived.Dispose();

    public async Task<IReadOnlyList<DeliveryReceipt>> WaitForAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (!await _arrived.WaitAsync(TimeSpan.FromSeconds(20)))
            {
                throw new TimeoutException($"Only {_receipts.Count} of {count} receipts arrived.");
            }
        }

        return Receipts;
    }
}
