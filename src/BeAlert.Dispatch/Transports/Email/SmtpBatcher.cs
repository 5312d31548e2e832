using MimeKit;

namespace BeAlert.Dispatch;

/// <summary>
/// Groups concurrent sends of the same content into one SMTP transaction: the first send of a content opens a batch
/// and starts a linger timer; the batch leaves when it holds <c>BatchSize</c> recipients or when the timer fires,
/// whichever comes first. Each caller awaits its own task, completed with its own recipient's result.
/// </summary>
internal sealed class SmtpBatcher
{
    private readonly Lock _gate = new();
    private readonly Dictionary<RenderedEmail, Batch> _open = new(ReferenceEqualityComparer.Instance);
    private readonly int _size;
    private readonly TimeSpan _linger;
    private readonly TimeProvider _time;
    private readonly Func<Batch, Task> _send;
    private bool _stopped;

    public SmtpBatcher(int size, TimeSpan linger, TimeProvider time, Func<Batch, Task> send)
    {
        _size = size;
        _linger = linger;
        _time = time;
        _send = send;
    }

    public Task<SendResult> Add(RenderedEmail email, in OutboundMessage message, MailboxAddress mailbox, CancellationToken cancellationToken)
    {
        var item = new Item(this, message.Key, mailbox);
        Batch? full = null;
        lock (_gate)
        {
            if (_stopped)
            {
                return Task.FromResult(SendResult.Failure(DeliveryError.EndpointUnavailable, "the e-mail transport is stopping"));
            }

            if (!_open.TryGetValue(email, out var batch))
            {
                batch = new Batch(this, email, _size);
                _open.Add(email, batch);
                if (_size > 1)
                {
                    batch.Timer = _time.CreateTimer(static state => ((Batch)state!).Owner.OnLinger((Batch)state!), batch, _linger, Timeout.InfiniteTimeSpan);
                }
            }

            batch.Items.Add(item);
            if (batch.Items.Count >= _size)
            {
                _open.Remove(email);
                full = batch;
            }
        }

        if (full is not null)
        {
            Dispatch(full);
        }
        else if (cancellationToken.CanBeCanceled)
        {
            item.Cancellation = cancellationToken.Register(static state => ((Item)state!).Owner.Withdraw((Item)state!), item);
        }

        return item.Completion.Task;
    }

    /// <summary>Sends every open batch now (used when the transport stops) and refuses new sends.</summary>
    public void Stop()
    {
        List<Batch> open;
        lock (_gate)
        {
            _stopped = true;
            open = [.. _open.Values];
            _open.Clear();
        }

        foreach (var batch in open)
        {
            batch.Fail(SendResult.Failure(DeliveryError.EndpointUnavailable, "the e-mail transport stopped before the message was sent"));
        }
    }

    private void OnLinger(Batch batch)
    {
        lock (_gate)
        {
            if (!_open.TryGetValue(batch.Email, out var current) || !ReferenceEquals(current, batch))
            {
                return;
            }

            _open.Remove(batch.Email);
        }

        Dispatch(batch);
    }

    /// <summary>A caller gave up: take its recipient out of a batch that has not left yet.</summary>
    private void Withdraw(Item item)
    {
        lock (_gate)
        {
            foreach (var batch in _open.Values)
            {
                if (batch.Items.Remove(item))
                {
                    item.Completion.TrySetCanceled();
                    return;
                }
            }
        }
    }

    private void Dispatch(Batch batch)
    {
        batch.Timer?.Dispose();
        if (batch.Items.Count == 0)
        {
            return;
        }

        _ = Task.Run(() => _send(batch));
    }

    internal sealed class Batch
    {
        public Batch(SmtpBatcher owner, RenderedEmail email, int capacity)
        {
            Owner = owner;
            Email = email;
            Items = new List<Item>(capacity);
        }

        public RenderedEmail Email { get; }

        public List<Item> Items { get; }

        public ITimer? Timer { get; set; }

        public SmtpBatcher Owner { get; }

        public void Complete(ReadOnlySpan<SendResult> results)
        {
            for (var i = 0; i < Items.Count; i++)
            {
                Items[i].Cancellation.Dispose();
                Items[i].Completion.TrySetResult(results[i]);
            }
        }

        public void Fail(SendResult result)
        {
            Timer?.Dispose();
            foreach (var item in Items)
            {
                item.Cancellation.Dispose();
                item.Completion.TrySetResult(result);
            }
        }
    }

    internal sealed class Item
    {
        public Item(SmtpBatcher owner, DeliveryKey key, MailboxAddress mailbox)
        {
            Owner = owner;
            Key = key;
            Mailbox = mailbox;
        }

        public DeliveryKey Key { get; }

        public MailboxAddress Mailbox { get; }

        public TaskCompletionSource<SendResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationTokenRegistration Cancellation { get; set; }

        public SmtpBatcher Owner { get; }
    }
}
