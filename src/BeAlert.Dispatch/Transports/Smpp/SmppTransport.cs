using System.Runtime.CompilerServices;
using BeAlert.Dispatch.Smpp;

namespace BeAlert.Dispatch;

/// <summary>
/// SMS over SMPP 3.4 to one SMSC endpoint: <see cref="SmppOptions.BindsPerEndpoint"/> binds, each keeping up to
/// <see cref="SmppOptions.WindowSize"/> submit_sm in flight. Texts are encoded once per content (GSM 7-bit or UCS-2,
/// concatenated by UDH, SAR or message_payload) and sent to E.164 numbers from the configured sender.
/// <para>
/// Throttling (ESME_RTHROTTLED, ESME_RMSGQFUL) pauses the bind, doubling the pause each time, and sends the part again;
/// only after <see cref="SmppOptions.MaxThrottleRetries"/> does the send return <see cref="DeliveryError.Throttled"/>.
/// A dropped bind reconnects with backoff; parts that were written but not acknowledged are submitted again on a
/// live bind (acknowledged ones never are). Delivery receipts are matched to their deliveries and reported to the sink.
/// </para>
/// </summary>
public sealed class SmppTransport : IDeliveryTransport
{
    private readonly SmppOptions _options;
    private readonly TimeProvider _time;
    private readonly Bind[] _binds;
    private readonly SmppReceiptTracker _tracker;
    private readonly ConditionalWeakTable<MessageContent, EncodedContent> _encoded = [];
    private readonly CancellationTokenSource _stopping = new();
    private IDeliveryReceiptSink? _sink;
    private int _nextBind;
    private int _reference;
    private long _throttled;
    private long _resubmitted;
    private long _receiptsMatched;
    private long _receiptsUnmatched;
    private long _receiptsUnreadable;

    /// <summary>Creates the transport; nothing connects before <see cref="StartAsync"/>.</summary>
    /// <param name="name">The endpoint's name (e.g. <c>smsc-a</c>).</param>
    /// <param name="options">The SMSC's settings; validated here.</param>
    /// <param name="timeProvider">The clock (default <see cref="TimeProvider.System"/>).</param>
    /// <exception cref="ArgumentException">The options are invalid (every problem listed).</exception>
    public SmppTransport(string name, SmppOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Name = name;
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _tracker = new SmppReceiptTracker(options.MaxTrackedReceipts);
        _binds = new Bind[options.BindsPerEndpoint];
        for (var i = 0; i < _binds.Length; i++)
        {
            _binds[i] = new Bind(this);
        }
    }

    /// <inheritdoc/>
    public DeliveryChannel Channel => DeliveryChannel.Sms;

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>Binds × window: every bind keeps its window full.</summary>
    public int MaxConcurrency => _options.BindsPerEndpoint * _options.WindowSize;

    /// <summary>How many parts were answered with a throttling status (each was sent again).</summary>
    internal long ThrottledCount => Interlocked.Read(ref _throttled);

    /// <summary>How many parts were submitted again after their bind dropped before answering.</summary>
    internal long ResubmittedCount => Interlocked.Read(ref _resubmitted);

    /// <summary>Receipts matched to a tracked delivery.</summary>
    internal long ReceiptsMatched => Interlocked.Read(ref _receiptsMatched);

    /// <summary>Receipts whose id matched nothing tracked (reported with the id only).</summary>
    internal long ReceiptsUnmatched => Interlocked.Read(ref _receiptsUnmatched);

    /// <summary>deliver_sm that were not readable receipts.</summary>
    internal long ReceiptsUnreadable => Interlocked.Read(ref _receiptsUnreadable);

    /// <summary>How often the open binds' readers woke on the coalescing delay rather than on a full batch (load driver).</summary>
    internal long CoalescingTimeouts => _binds.Sum(b => b.Client?.CoalescingTimeouts ?? 0);

    /// <summary>How many open binds turned receive coalescing off because their SMSC holds responses back (load driver).</summary>
    internal int CoalescingTurnedOff => _binds.Count(b => b.Client is { CoalescingTurnedOff: true });

    /// <summary>How many binds are open now.</summary>
    internal int OpenBinds => _binds.Count(b => b.Client is { IsOpen: true });

    /// <summary>
    /// Opens every bind. Completes when all have bound; fails when none could (the first error says why), and leaves
    /// the binds that failed reconnecting in the background when some succeeded.
    /// </summary>
    /// <param name="receipts">Where receipts go.</param>
    /// <param name="cancellationToken">Stops the start.</param>
    /// <returns>A task that completes when the endpoint is ready.</returns>
    /// <exception cref="SmppException">No bind could be opened.</exception>
    public async ValueTask StartAsync(IDeliveryReceiptSink receipts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(receipts);
        if (_sink is not null)
        {
            throw new InvalidOperationException($"The SMPP transport '{Name}' was already started.");
        }

        _sink = receipts;
        var first = await Task.WhenAll(_binds.Select(b => b.ConnectFirstAsync(cancellationToken))).ConfigureAwait(false);
        if (first.All(e => e is not null))
        {
            await DisposeAsync().ConfigureAwait(false);
            throw first[0]!;
        }

        foreach (var bind in _binds)
        {
            bind.StartReconnectLoop();
        }
    }

    /// <inheritdoc/>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message.Content);
        if (_sink is null)
        {
            throw new InvalidOperationException($"Start the SMPP transport '{Name}' before sending.");
        }

        if (!SmppAddress.TryParseE164(message.Destination, out var digits))
        {
            return SendResult.Failure(DeliveryError.InvalidDestination, "The destination is not an E.164 number (+ and 7 to 15 digits).");
        }

        var encoded = _encoded.GetValue(message.Content, Encode);
        if (encoded.Text is null)
        {
            return SendResult.Failure(DeliveryError.ContentRejected, encoded.Error);
        }

        var parts = encoded.Text.Parts;
        var registered = _options.RequestDeliveryReceipts ? (byte)1 : (byte)0;
        var tracked = _options.RequestDeliveryReceipts ? _tracker.Begin(message.Key, parts.Length) : null;
        string? firstId = null;
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            var submit = new SmppSubmit(digits, SmppAddress.TonInternational, SmppAddress.NpiIsdn, part.EsmClass, part.DataCoding, registered, part.ShortMessage, part.Tlvs);
            var result = await SubmitPartAsync(submit, tracked is null ? null : new TrackedPart(tracked, i), cancellationToken).ConfigureAwait(false);
            if (result.Status != SendStatus.Accepted)
            {
                if (tracked is not null)
                {
                    _tracker.Forget(tracked);
                }

                return result;
            }

            firstId ??= result.ProviderMessageId;
        }

        return SendResult.Accepted(firstId);
    }

    /// <summary>Unbinds every session and stops reconnecting.</summary>
    /// <returns>A task that completes when every session is closed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_binds.Select(b => b.StopAsync())).ConfigureAwait(false);
        _stopping.Dispose();
    }

    private EncodedContent Encode(MessageContent content)
    {
        var reference = (ushort)Interlocked.Increment(ref _reference);
        var text = SmppEncodedText.TryEncode(content.Text, _options.DataCoding, _options.Concatenation, reference, out var error);
        return new EncodedContent(text, error);
    }

    /// <summary>Sends one part until it is answered for good: throttling and dropped binds are handled here.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<SendResult> SubmitPartAsync(SmppSubmit submit, TrackedPart? part, CancellationToken cancellationToken)
    {
        var throttles = 0;
        var resubmits = 0;
        while (true)
        {
            var bind = await AcquireBindAsync(cancellationToken).ConfigureAwait(false);
            if (bind is null)
            {
                return SendResult.Failure(DeliveryError.ConnectionFailed, $"No bind to the SMSC '{Name}' is open.", _options.ReconnectDelay);
            }

            await bind.WaitWhileThrottledAsync(cancellationToken).ConfigureAwait(false);
            var response = await bind.Client!.SubmitAsync(submit, cancellationToken, part).ConfigureAwait(false);
            switch (response.Outcome)
            {
                case SmppOutcome.TimedOut:
                    return SendResult.Failure(DeliveryError.Timeout, $"No submit_sm_resp within {_options.ResponseTimeout}.");
                case SmppOutcome.ConnectionLost:
                    if (resubmits++ >= _options.MaxResubmits)
                    {
                        return SendResult.Failure(DeliveryError.ConnectionFailed, "The bind dropped before the SMSC answered, too many times.", _options.ReconnectDelay);
                    }

                    Interlocked.Increment(ref _resubmitted);
                    continue;
            }

            var status = response.Status;
            if (status == SmppCommandStatus.Ok)
            {
                bind.ThrottleEased();
                return SendResult.Accepted(response.MessageId);
            }

            var reason = SmppCommandStatus.Describe(status);
            if (SmppCommandStatus.IsThrottling(status))
            {
                Interlocked.Increment(ref _throttled);
                var pause = bind.Throttled();
                if (throttles++ >= _options.MaxThrottleRetries)
                {
                    return SendResult.Failure(DeliveryError.Throttled, reason, pause);
                }

                continue;
            }

            if (SmppCommandStatus.IsTransient(status))
            {
                return SendResult.Failure(DeliveryError.TemporaryFailure, reason);
            }

            return SendResult.Failure(SmppCommandStatus.IsInvalidDestination(status) ? DeliveryError.InvalidDestination : DeliveryError.Rejected, reason);
        }
    }

    /// <summary>
    /// Picks an open bind round robin; when none is open, waits for one to (re)connect, up to the connect timeout plus
    /// the reconnect delay.
    /// </summary>
    private async ValueTask<Bind?> AcquireBindAsync(CancellationToken cancellationToken)
    {
        var deadline = _time.GetTimestamp() + (long)((_options.ConnectTimeout + _options.ReconnectDelay).TotalSeconds * _time.TimestampFrequency);
        while (true)
        {
            var start = (int)((uint)Interlocked.Increment(ref _nextBind) % (uint)_binds.Length);
            for (var i = 0; i < _binds.Length; i++)
            {
                var bind = _binds[(start + i) % _binds.Length];
                if (bind.Client is { IsOpen: true })
                {
                    return bind;
                }
            }

            var left = _time.GetElapsedTime(_time.GetTimestamp(), deadline);
            if (left <= TimeSpan.Zero || _stopping.IsCancellationRequested)
            {
                return null;
            }

            var ready = _binds.Select(b => b.Ready).Append(Task.Delay(left, _time, cancellationToken));
            var any = Task.WhenAny(ready);
            if (any.IsCompleted)
            {
                // A bind still reads as ready while its closed session is being replaced: give the thread back rather
                // than spin on it, so the reconnect (on the thread pool too) can run.
                await Task.Yield();
            }

            await any.ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private void OnDeliver(SmppDeliverSm deliver)
    {
        if (!DeliveryReceiptParser.TryParse(deliver, out var receipt))
        {
            if (deliver.IsDeliveryReceipt)
            {
                Interlocked.Increment(ref _receiptsUnreadable);
            }

            return;
        }

        if (receipt.State == SmppReceiptState.Intermediate)
        {
            return;
        }

        var delivered = receipt.State == SmppReceiptState.Delivered;
        var error = delivered ? DeliveryError.None : receipt.State == SmppReceiptState.Rejected ? DeliveryError.Rejected : DeliveryError.Undeliverable;
        var reason = receipt.Error is null ? receipt.Stat : $"{receipt.Stat} err:{receipt.Error}";
        var at = receipt.DoneAt ?? _time.GetUtcNow();
        if (_tracker.TryMatch(receipt.MessageId, out var tracked))
        {
            Interlocked.Increment(ref _receiptsMatched);
            var final = delivered ? tracked.PartDelivered() : tracked.Fail();
            if (final)
            {
                _tracker.Forget(tracked);
                _sink?.OnReceipt(new DeliveryReceipt(tracked.Key, tracked.MessageIds[0] ?? receipt.MessageId, delivered, error, reason, at));
            }

            return;
        }

        Interlocked.Increment(ref _receiptsUnmatched);
        _sink?.OnReceipt(new DeliveryReceipt(null, receipt.MessageId, delivered, error, reason, at));
    }

    /// <summary>Called on a bind's read loop as soon as a part's submit_sm_resp is read.</summary>
    private void OnAccepted(object state, string messageId)
    {
        var part = (TrackedPart)state;
        _tracker.Add(part.Delivery, part.Index, messageId);
    }

    private sealed record EncodedContent(SmppEncodedText? Text, string? Error);

    private sealed record TrackedPart(SmppReceiptTracker.TrackedDelivery Delivery, int Index);

    /// <summary>One bind: its current session, its reconnect loop and its throttling pause.</summary>
    private sealed class Bind(SmppTransport owner)
    {
        private TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private Task _loop = Task.CompletedTask;
        private long _pausedUntil;
        private long _pauseTicks;

        public SmppClient? Client { get; private set; }

        /// <summary>Completes when a session is open.</summary>
        public Task Ready => Volatile.Read(ref _ready).Task;

        public async Task<SmppException?> ConnectFirstAsync(CancellationToken cancellationToken)
        {
            try
            {
                SetClient(await SmppClient.ConnectAsync(owner._options, owner._time, owner.OnDeliver, cancellationToken, owner.OnAccepted).ConfigureAwait(false));
                return null;
            }
            catch (SmppException ex)
            {
                return ex;
            }
        }

        public void StartReconnectLoop() => _loop = Task.Run(ReconnectLoopAsync);

        public async ValueTask WaitWhileThrottledAsync(CancellationToken cancellationToken)
        {
            var until = Interlocked.Read(ref _pausedUntil);
            if (until == 0)
            {
                return;
            }

            var wait = owner._time.GetElapsedTime(owner._time.GetTimestamp(), until);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, owner._time, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>Pauses the bind after a throttling answer: the pause doubles from ThrottleDelay up to MaxThrottleDelay.</summary>
        public TimeSpan Throttled()
        {
            var options = owner._options;
            var current = Interlocked.Read(ref _pauseTicks);
            var next = current == 0 ? options.ThrottleDelay.Ticks : Math.Min(current * 2, options.MaxThrottleDelay.Ticks);
            Interlocked.Exchange(ref _pauseTicks, next);
            var pause = TimeSpan.FromTicks(next);
            var until = owner._time.GetTimestamp() + (long)(pause.TotalSeconds * owner._time.TimestampFrequency);
            Interlocked.Exchange(ref _pausedUntil, until);
            return pause;
        }

        /// <summary>A success after throttling: the next pause starts small again.</summary>
        public void ThrottleEased()
        {
            if (Interlocked.Read(ref _pauseTicks) != 0)
            {
                Interlocked.Exchange(ref _pauseTicks, 0);
                Interlocked.Exchange(ref _pausedUntil, 0);
            }
        }

        public async Task StopAsync()
        {
            await _loop.ConfigureAwait(false);
            if (Client is { } client)
            {
                using var timeout = new CancellationTokenSource(owner._options.ResponseTimeout, owner._time);
                try
                {
                    await client.UnbindAsync(timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }

                await client.DisposeAsync().ConfigureAwait(false);
            }
        }

        private void SetClient(SmppClient client)
        {
            Client = client;
            Volatile.Read(ref _ready).TrySetResult();
            _ = client.Completion.ContinueWith(static (_, state) => ((Bind)state!).OnClosed(), this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        /// <summary>The session ended: senders wait for the next one instead of seeing a stale "ready".</summary>
        private void OnClosed()
        {
            var current = Volatile.Read(ref _ready);
            if (current.Task.IsCompleted)
            {
                Interlocked.CompareExchange(ref _ready, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), current);
            }
        }

        private async Task ReconnectLoopAsync()
        {
            var options = owner._options;
            var stopping = owner._stopping.Token;
            var delay = options.ReconnectDelay;
            try
            {
                while (!stopping.IsCancellationRequested)
                {
                    if (Client is { } client)
                    {
                        await client.Completion.WaitAsync(stopping).ConfigureAwait(false);
                        await client.DisposeAsync().ConfigureAwait(false);
                        Client = null;
                    }

                    await Task.Delay(delay, owner._time, stopping).ConfigureAwait(false);
                    try
                    {
                        SetClient(await SmppClient.ConnectAsync(options, owner._time, owner.OnDeliver, stopping, owner.OnAccepted).ConfigureAwait(false));
                        delay = options.ReconnectDelay;
                    }
                    catch (SmppException)
                    {
                        delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.MaxReconnectDelay.Ticks));
                    }
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
            }
        }
    }
}
