using BeAlert.Cap;

namespace BeAlert.Dispatch;

/// <summary>The in-memory state of one campaign while this engine runs it (fresh or resumed: the same path).</summary>
internal sealed class CampaignRun
{
    private readonly ChannelCounters?[] _counters = new ChannelCounters?[5];
    private readonly TaskCompletionSource _receiptsSettled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ContentTable _content;
    private int _readersRunning;
    private long _pendingItems;
    private int _sendingDone;
    private int _cancelled;

    public CampaignRun(CampaignRecord record, CapAlert alert, ContentTable content, string? account, CancellationToken engineToken)
    {
        Record = record;
        Alert = alert;
        _content = content;
        Account = account;
        ReaderCancellation = CancellationTokenSource.CreateLinkedTokenSource(engineToken);
        foreach (var channel in Enum.GetValues<DeliveryChannel>())
        {
            if (record.Channels.Includes(channel))
            {
                _counters[(int)channel] = new ChannelCounters(channel);
            }
        }
    }

    public CampaignRecord Record { get; }

    public Guid Id => Record.Id;

    public CapAlert Alert { get; }

    public string? Account { get; }

    public int Priority => Record.Priority;

    public ContentTable Content => Volatile.Read(ref _content);

    public CancellationTokenSource ReaderCancellation { get; }

    public TaskCompletionSource<CampaignReport> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource SendingDone { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task ReceiptsSettled => _receiptsSettled.Task;

    public DateTimeOffset StartedAt { get; set; }

    public bool IsCancelled => Volatile.Read(ref _cancelled) != 0;

    /// <summary>Set when the store failed under this campaign: nothing more is sent or written for it.</summary>
    public Exception? Fault { get; private set; }

    public IEnumerable<ChannelCounters> Counters => _counters.OfType<ChannelCounters>();

    public ChannelCounters CountersFor(DeliveryChannel channel) =>
        _counters[(int)channel] ?? throw new InvalidOperationException($"Campaign {Id} has no {channel} channel.");

    public void ReplaceContent(ContentTable content) => Volatile.Write(ref _content, content);

    public bool MarkCancelled() => Interlocked.Exchange(ref _cancelled, 1) == 0;

    public void MarkFaulted(Exception exception)
    {
        Fault ??= exception;
        MarkCancelled();
        ReaderCancellation.Cancel();
    }

    public void ReaderStarted() => Interlocked.Increment(ref _readersRunning);

    public void AddPending(long count) => Interlocked.Add(ref _pendingItems, count);

    public void ReaderDone()
    {
        Interlocked.Decrement(ref _readersRunning);
        CheckSendingDone();
    }

    public void ItemsDone(long count)
    {
        if (Interlocked.Add(ref _pendingItems, -count) == 0)
        {
            CheckSendingDone();
        }
    }

    /// <summary>Called after receipts change the counts: settles once nothing waits for a receipt any more.</summary>
    public void CheckReceipts()
    {
        if (Volatile.Read(ref _sendingDone) != 0 && Counters.All(c => c.Sent <= 0))
        {
            _receiptsSettled.TrySetResult();
        }
    }

    private void CheckSendingDone()
    {
        if (Volatile.Read(ref _readersRunning) == 0 && Interlocked.Read(ref _pendingItems) == 0 && Interlocked.Exchange(ref _sendingDone, 1) == 0)
        {
            SendingDone.TrySetResult();
            CheckReceipts();
        }
    }
}
