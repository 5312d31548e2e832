namespace BeAlert.Dispatch;

/// <summary>
/// Live counts of one channel of one campaign: updated with one interlocked add per slice (hundreds of deliveries),
/// never per delivery, and read by progress snapshots.
/// </summary>
internal sealed class ChannelCounters(DeliveryChannel channel)
{
    private long _targeted;
    private long _sent;
    private long _delivered;
    private long _failed;
    private long _skipped;
    private long _cancelled;
    private long _firstSend = -1;
    private long _lastSend = -1;

    public DeliveryChannel Channel { get; } = channel;

    public long Targeted => Volatile.Read(ref _targeted);

    public long Sent => Volatile.Read(ref _sent);

    public long Delivered => Volatile.Read(ref _delivered);

    public long Failed => Volatile.Read(ref _failed);

    public long Skipped => Volatile.Read(ref _skipped);

    public long Cancelled => Volatile.Read(ref _cancelled);

    /// <summary>Deliveries that left the queue (sent, delivered, failed, skipped or cancelled).</summary>
    public long Handled => Sent + Delivered + Failed + Skipped + Cancelled;

    public long FirstSendTimestamp => Volatile.Read(ref _firstSend);

    public long LastSendTimestamp => Volatile.Read(ref _lastSend);

    public void AddTargeted(long n) => Interlocked.Add(ref _targeted, n);

    public void Add(long sent, long delivered, long failed, long skipped, long cancelled)
    {
        if (sent != 0)
        {
            Interlocked.Add(ref _sent, sent);
        }

        if (delivered != 0)
        {
            Interlocked.Add(ref _delivered, delivered);
        }

        if (failed != 0)
        {
            Interlocked.Add(ref _failed, failed);
        }

        if (skipped != 0)
        {
            Interlocked.Add(ref _skipped, skipped);
        }

        if (cancelled != 0)
        {
            Interlocked.Add(ref _cancelled, cancelled);
        }
    }

    public void MarkSend(long startTimestamp, long endTimestamp)
    {
        Interlocked.CompareExchange(ref _firstSend, startTimestamp, -1);
        long last;
        do
        {
            last = Volatile.Read(ref _lastSend);
            if (last >= endTimestamp)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _lastSend, endTimestamp, last) != last);
    }
}
