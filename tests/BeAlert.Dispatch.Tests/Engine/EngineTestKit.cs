using System.Collections.Concurrent;
using BeAlert.Cap;

namespace BeAlert.Dispatch.Tests.Engine;

/// <summary>Alerts, audiences and engine settings shared by the engine tests.</summary>
internal static class EngineTestKit
{
    public static CapAlert LoadAlert(string name) =>
        CapParser.Default.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Samples", name))).Alert;

    /// <summary>The Ghent fire alert (nl-BE and fr-BE info blocks, Actual, Severe).</summary>
    public static CapAlert FireAlert => LoadAlert("be-fire-gent-nl-fr.xml");

    public static CapAlert WithStatus(CapAlert alert, CapStatus status, string identifier) =>
        alert with { Status = status, Identifier = identifier };

    public static IEnumerable<AudienceMember> Members(int count, string language = "nl", DeliveryChannels channels = DeliveryChannels.Sms, int nis = 44021, long firstId = 1)
    {
        for (var i = 0; i < count; i++)
        {
            var id = firstId + i;
            yield return new AudienceMember(id, channels, language, "+3247" + id.ToString("D7", System.Globalization.CultureInfo.InvariantCulture), $"p{id}@example.org", nis);
        }
    }

    /// <summary>Options for fast deterministic tests: no rate limits, no retry delays, small slices.</summary>
    public static DispatchOptions FastOptions(int sliceSize = 8, int maxWorkers = 2, int maxAttempts = 3)
    {
        var options = new DispatchOptions { RateLimitsEnabled = false, SliceSize = sliceSize, QueueBatchSize = 32, QueueCapacityBatches = 2, ReceiptWait = TimeSpan.FromSeconds(5) };
        foreach (var channel in Enum.GetValues<DeliveryChannel>())
        {
            options.Channels[channel] = new ChannelOptions
            {
                RetryBaseDelay = TimeSpan.Zero,
                RetryMaxDelay = TimeSpan.Zero,
                MaxAttempts = maxAttempts,
                MaxWorkers = maxWorkers,
                BreakerMinimumThroughput = 1_000,
            };
        }

        return options;
    }

    public static async Task<List<StoredDelivery>> ReadAllAsync(IDeliveryStore store, Guid campaignId)
    {
        var list = new List<StoredDelivery>();
        await foreach (var d in store.ReadDeliveriesAsync(campaignId, onlyUnfinished: false))
        {
            list.Add(d);
        }

        return list;
    }

    public static Task<T> Within<T>(this Task<T> task, int seconds = 30) => task.WaitAsync(TimeSpan.FromSeconds(seconds));

    public static Task Within(this Task task, int seconds = 30) => task.WaitAsync(TimeSpan.FromSeconds(seconds));
}

/// <summary>One send a <see cref="ScriptedTransport"/> saw.</summary>
internal sealed record SentMessage(DeliveryKey Key, string Destination, string Language, string Text, int Attempt, bool IsPossibleDuplicate, DateTimeOffset At, bool Left);

/// <summary>
/// A test transport that records every send and answers from a script. It can block sends (to hold a campaign in a
/// known place), and "hang" from the N-th send on (a crash: the send never returns until the engine is dropped).
/// </summary>
internal sealed class ScriptedTransport(DeliveryChannel channel, string name = "scripted", int maxConcurrency = 4, TimeProvider? time = null) : IDeliveryTransport
{
    private readonly ConcurrentQueue<SentMessage> _log = new();
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private TaskCompletionSource _gate = CompletedGate();
    private int _sends;

    public DeliveryChannel Channel { get; } = channel;

    public string Name { get; } = name;

    public int MaxConcurrency { get; } = maxConcurrency;

    /// <summary>Decides each attempt; default: delivered.</summary>
    public Func<OutboundMessage, SendResult> Script { get; set; } = _ => new SendResult(SendStatus.Delivered);

    /// <summary>From this send on (1-based), sends hang until cancelled; whether the hung message "left" is decided by <see cref="HungMessageLeft"/>.</summary>
    public int HangFromSend { get; set; } = int.MaxValue;

    public Func<OutboundMessage, bool> HungMessageLeft { get; set; } = _ => false;

    public TaskCompletionSource HangReached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the first send arrives (before it is answered).</summary>
    public TaskCompletionSource FirstSend { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IDeliveryReceiptSink? Receipts { get; private set; }

    public IReadOnlyList<SentMessage> Log => [.. _log];

    public int Sends => Volatile.Read(ref _sends);

    /// <summary>Makes sends wait until <see cref="Release"/>.</summary>
    public void Block() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _gate.TrySetResult();

    public ValueTask StartAsync(IDeliveryReceiptSink receipts, CancellationToken cancellationToken)
    {
        Receipts = receipts;
        return ValueTask.CompletedTask;
    }

    public async ValueTask<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        var n = Interlocked.Increment(ref _sends);
        FirstSend.TrySetResult();
        if (n >= HangFromSend)
        {
            if (HungMessageLeft(message))
            {
                _log.Enqueue(Record(message, left: true));
            }

            HangReached.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        await _gate.Task.WaitAsync(cancellationToken);
        var result = Script(message);
        _log.Enqueue(Record(message, left: result.Status != SendStatus.Failed));
        return result;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private SentMessage Record(in OutboundMessage message, bool left) =>
        new(message.Key, message.Destination, message.Content.Language, message.Content.Text, message.Attempt, message.IsPossibleDuplicate, _time.GetUtcNow(), left);

    private static TaskCompletionSource CompletedGate()
    {
        var tcs = new TaskCompletionSource();
        tcs.SetResult();
        return tcs;
    }
}
