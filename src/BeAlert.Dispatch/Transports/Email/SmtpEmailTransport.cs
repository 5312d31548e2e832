using MimeKit;

namespace BeAlert.Dispatch;

/// <summary>
/// The e-mail channel over SMTP (MailKit): a pool of <see cref="SmtpTransportOptions.Connections"/> connections to one
/// relay, many messages per connection, per-recipient results, and optional batching of recipients who share a content
/// into one message. Replies map to <see cref="DeliveryError"/> values: 4xx transient, 5xx permanent with the relay's
/// reason, connection failures <see cref="DeliveryError.ConnectionFailed"/>.
/// </summary>
/// <remarks>
/// <para>
/// Every content is rendered once (<see cref="MessageContent"/> instances are shared by the engine): subject cleaned to
/// one line, plain and HTML bodies as UTF-8 quoted-printable in multipart/alternative. Each message carries
/// Auto-Submitted: auto-generated, X-Auto-Response-Suppress: All, Content-Language and a Message-ID derived from the
/// delivery key, so a retried delivery has the same Message-ID.
/// </para>
/// <para>
/// With <see cref="SmtpTransportOptions.BatchSize"/> above 1, concurrent sends of the same content wait up to
/// <see cref="SmtpTransportOptions.BatchLinger"/> for each other and leave as one transaction with many RCPT TO; a refused
/// recipient fails alone. <see cref="MaxConcurrency"/> is then connections × batch size, so the engine keeps enough
/// sends in flight to fill the batches.
/// </para>
/// <para>SMTP gives no delivery receipts on the connection (bounces come back later as mail), so accepted messages stay Sent.</para>
/// </remarks>
public sealed class SmtpEmailTransport : IDeliveryTransport
{
    private readonly SmtpConnectionPool _pool;
    private readonly EmailRenderer _renderer;
    private readonly EmailMessageBuilder _builder;
    private readonly MailboxAddress _sender;
    private readonly SmtpBatcher? _batcher;
    private readonly CancellationTokenSource _stopping = new();
    private int _disposed;

    /// <summary>Creates the transport; nothing is opened until <see cref="StartAsync"/> or the first send.</summary>
    /// <param name="options">The settings; validated here and copied.</param>
    /// <exception cref="ArgumentException">The options are invalid (every problem is listed).</exception>
    public SmtpEmailTransport(SmtpTransportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Name = options.Name;
        _pool = new SmtpConnectionPool(SmtpConnectionSettings.From(options), options.Connections);
        _renderer = new EmailRenderer(options.MaxBodyBytes, options.MaxSubjectLength, options.FromName.Length > 0 ? options.FromName : "BE-Alert");
        _builder = new EmailMessageBuilder(options);
        _sender = _builder.Sender;
        MaxConcurrency = options.Connections * options.BatchSize;
        if (options.BatchSize > 1)
        {
            _batcher = new SmtpBatcher(options.BatchSize, options.BatchLinger, options.TimeProvider, SendBatchAsync);
        }
    }

    /// <inheritdoc/>
    public DeliveryChannel Channel => DeliveryChannel.Email;

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>Connections × batch size: enough sends in flight to keep every connection busy with full batches.</summary>
    public int MaxConcurrency { get; }

    /// <summary>How many pooled connections are open now.</summary>
    public int OpenConnections => _pool.OpenConnections;

    /// <summary>Opens the pool's connections (best effort: a relay that is down shows up as failed sends, which the engine retries).</summary>
    /// <param name="receipts">Not used: SMTP reports no receipts on the connection.</param>
    /// <param name="cancellationToken">Stops the start.</param>
    /// <returns>A task that completes when every connection has been tried.</returns>
    public async ValueTask StartAsync(IDeliveryReceiptSink receipts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(receipts);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        await _pool.WarmUpAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public ValueTask<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message.Content);
        if (message.Content.Channel != DeliveryChannel.Email)
        {
            throw new ArgumentException($"The content is for {message.Content.Channel}, not e-mail.", nameof(message));
        }

        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (!EmailAddressRules.TryParse(message.Destination, out var mailbox, out var problem))
        {
            return ValueTask.FromResult(SendResult.Failure(DeliveryError.InvalidDestination, problem));
        }

        var email = _renderer.Get(message.Content);
        if (email.Problem is { } refused)
        {
            return ValueTask.FromResult(SendResult.Failure(DeliveryError.ContentRejected, refused));
        }

        return _batcher is null
            ? SendOneAsync(email, message.Key, mailbox!, cancellationToken)
            : new ValueTask<SendResult>(_batcher.Add(email, message, mailbox!, cancellationToken));
    }

    /// <summary>Fails sends still waiting in a batch, closes every connection with QUIT.</summary>
    /// <returns>A task that completes when the connections are closed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _batcher?.Stop();
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _pool.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async ValueTask<SendResult> SendOneAsync(RenderedEmail email, DeliveryKey key, MailboxAddress mailbox, CancellationToken cancellationToken)
    {
        var results = new SendResult[1];
        await TransactAsync(email, [key], [mailbox], results, cancellationToken).ConfigureAwait(false);
        return results[0];
    }

    private async Task SendBatchAsync(SmtpBatcher.Batch batch)
    {
        var items = batch.Items;
        var keys = new DeliveryKey[items.Count];
        var mailboxes = new MailboxAddress[items.Count];
        var results = new SendResult[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            keys[i] = items[i].Key;
            mailboxes[i] = items[i].Mailbox;
        }

        try
        {
            await TransactAsync(batch.Email, keys, mailboxes, results, _stopping.Token).ConfigureAwait(false);
            batch.Complete(results);
        }
        catch (OperationCanceledException)
        {
            batch.Fail(SendResult.Failure(DeliveryError.EndpointUnavailable, "the e-mail transport stopped before the message was sent"));
        }
#pragma warning disable CA1031 // A batch runs on its own task: whatever happens, every caller gets a value.
        catch (Exception e)
#pragma warning restore CA1031
        {
            batch.Fail(SendResult.Failure(DeliveryError.ConnectionFailed, "sending the batch failed: " + e.GetType().Name));
        }
    }

    private async Task TransactAsync(RenderedEmail email, DeliveryKey[] keys, MailboxAddress[] mailboxes, SendResult[] results, CancellationToken cancellationToken)
    {
        var connection = await _pool.RentAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Disposed at once: MimeKit entities have finalizers, and leaving thousands a second to the finalizer thread
            // cost about a third of the transport's CPU in a profile of the load scenario.
            using var message = _builder.Build(email, keys, mailboxes.Length == 1 ? mailboxes[0] : null);
            await connection.SendAsync(message, _sender, mailboxes, results, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _pool.Return(connection);
        }
    }
}
