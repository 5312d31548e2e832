using System.Threading.Channels;

namespace BeAlert.Gateway.Alerts;

/// <summary>
/// Fans each newly stored message out to the live SSE subscribers and the webhook queue. Each subscriber has a
/// bounded buffer: when a slow reader lets it fill, the subscription ends (the client reconnects with Last-Event-ID
/// and catches up from the database) instead of growing memory. Publishing never waits.
/// </summary>
internal sealed partial class AlertEventHub(ILogger<AlertEventHub> logger)
{
    private readonly Lock _lock = new();
    private readonly List<AlertSubscription> _subscribers = [];
    private Channel<StoredAlert>? _webhooks;

    public int SubscriberCount
    {
        get
        {
            lock (_lock)
            {
                return _subscribers.Count;
            }
        }
    }

    /// <summary>Starts a subscription that buffers the messages <paramref name="filter"/> accepts.</summary>
    public AlertSubscription Subscribe(int capacity, Func<StoredAlert, bool> filter)
    {
        var subscription = new AlertSubscription(this, capacity, filter);
        lock (_lock)
        {
            _subscribers.Add(subscription);
        }

        return subscription;
    }

    /// <summary>Connects the webhook dispatcher's queue.</summary>
    public void AttachWebhookQueue(Channel<StoredAlert> queue) => _webhooks = queue;

    public void Publish(StoredAlert alert)
    {
        AlertSubscription[] subscribers;
        lock (_lock)
        {
            subscribers = [.. _subscribers];
        }

        foreach (var subscriber in subscribers)
        {
            if (!subscriber.Offer(alert))
            {
                LogSubscriberOverflow(logger, alert.Sequence);
                Remove(subscriber);
            }
        }

        if (alert.IsForPublicChannels && _webhooks is { } queue && !queue.Writer.TryWrite(alert))
        {
            LogWebhookQueueFull(logger, alert.Sequence);
        }
    }

    internal void Remove(AlertSubscription subscription)
    {
        lock (_lock)
        {
            _subscribers.Remove(subscription);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "An SSE subscriber fell behind at alert {Sequence} and was disconnected; it can resume with Last-Event-ID.")]
    private static partial void LogSubscriberOverflow(ILogger logger, long sequence);

    [LoggerMessage(Level = LogLevel.Error, Message = "The webhook queue is full: alert {Sequence} is not pushed to webhooks (vendors still get it from feeds and SSE).")]
    private static partial void LogWebhookQueueFull(ILogger logger, long sequence);
}

/// <summary>One live SSE subscriber's bounded buffer.</summary>
internal sealed class AlertSubscription : IDisposable
{
    private readonly AlertEventHub _hub;
    private readonly Channel<StoredAlert> _channel;
    private readonly Func<StoredAlert, bool> _filter;

    internal AlertSubscription(AlertEventHub hub, int capacity, Func<StoredAlert, bool> filter)
    {
        _hub = hub;
        _filter = filter;
        _channel = Channel.CreateBounded<StoredAlert>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public ChannelReader<StoredAlert> Reader => _channel.Reader;

    /// <summary>True once the buffer overflowed: the reader must stop after draining what is buffered.</summary>
    public bool Overflowed { get; private set; }

    public void Dispose()
    {
        _channel.Writer.TryComplete();
        _hub.Remove(this);
    }

    internal bool Offer(StoredAlert alert)
    {
        if (!_filter(alert) || _channel.Writer.TryWrite(alert))
        {
            return true;
        }

        Overflowed = true;
        _channel.Writer.TryComplete();
        return false;
    }
}
