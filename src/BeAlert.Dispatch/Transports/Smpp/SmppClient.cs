using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace BeAlert.Dispatch.Smpp;

/// <summary>
/// One SMPP 3.4 session (one bind) over TCP, read and written with System.IO.Pipelines. Many requests are in flight at
/// once, up to <see cref="SmppOptions.WindowSize"/> submit_sm, matched to their responses by sequence number; a single
/// writer loop drains a queue of PDUs and flushes once per batch, so a busy session costs few system calls. The
/// session answers enquire_link, unbind and deliver_sm itself, sends its own enquire_link every
/// <see cref="SmppOptions.EnquireLinkInterval"/>, and times out requests after <see cref="SmppOptions.ResponseTimeout"/>.
/// When the session ends, for any reason, every request not yet answered completes with
/// <see cref="SmppOutcome.ConnectionLost"/> and <see cref="Completion"/> says why; nothing is lost silently.
/// </summary>
internal sealed class SmppClient : IAsyncDisposable
{
    private readonly SmppOptions _options;
    private readonly TimeProvider _time;
    private readonly Action<SmppDeliverSm>? _onDeliver;
    private readonly Action<object, string>? _onAccepted;
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly PipeReader _reader;
    private readonly PipeWriter _writer;
    private readonly Channel<Outgoing> _outgoing = Channel.CreateUnbounded<Outgoing>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<uint, Outgoing> _pending = [];
    private readonly Lock _pendingLock = new();
    private readonly SemaphoreSlim _window;
    private readonly CancellationTokenSource _closing = new();
    private readonly TaskCompletionSource<Exception?> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly byte[] _sourceAddress;
    private readonly byte _sourceTon;
    private readonly byte _sourceNpi;
    private readonly long _responseTimeoutTicks;
    private ITimer? _sweepTimer;
    private ITimer? _enquireTimer;
    private Task _readLoop = Task.CompletedTask;
    private Task _writeLoop = Task.CompletedTask;
    private int _sequence;
    private bool _closed;
    private int _keepAlivePending;

    private SmppClient(SmppOptions options, TimeProvider time, Socket socket, Action<SmppDeliverSm>? onDeliver, Action<object, string>? onAccepted)
    {
        _onAccepted = onAccepted;
        _options = options;
        _time = time;
        _socket = socket;
        _onDeliver = onDeliver;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _reader = PipeReader.Create(_stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 16 * 1024));
        _writer = PipeWriter.Create(_stream, new StreamPipeWriterOptions(minimumBufferSize: 16 * 1024));
        _window = new SemaphoreSlim(options.WindowSize, options.WindowSize);
        (_sourceAddress, _sourceTon, _sourceNpi) = SmppAddress.Source(options);
        _responseTimeoutTicks = (long)(options.ResponseTimeout.TotalSeconds * time.TimestampFrequency);
    }

    /// <summary>Completes when the session has ended: <see langword="null"/> after our own unbind or dispose, otherwise the reason.</summary>
    public Task<Exception?> Completion => _completion.Task;

    /// <summary>Whether the session is still open.</summary>
    public bool IsOpen => !Volatile.Read(ref _closed);

    /// <summary>The number of requests sent and not yet answered.</summary>
    public int PendingCount
    {
        get
        {
            lock (_pendingLock)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>Connects, binds, and starts the session.</summary>
    /// <param name="options">Validated options.</param>
    /// <param name="time">The clock for timeouts and keep-alives.</param>
    /// <param name="onDeliver">Called (on the read loop; must not block) for every deliver_sm, after it is acknowledged.</param>
    /// <param name="cancellationToken">Stops the connection attempt.</param>
    /// <param name="onAccepted">
    /// Called on the read loop with a submit's accepted state and its message_id as soon as its submit_sm_resp is read,
    /// so that a receipt that follows on the same session always finds the id known.
    /// </param>
    /// <returns>The bound session.</returns>
    /// <exception cref="SmppException">The connection failed or the SMSC refused the bind.</exception>
    public static async Task<SmppClient> ConnectAsync(
        SmppOptions options,
        TimeProvider time,
        Action<SmppDeliverSm>? onDeliver,
        CancellationToken cancellationToken,
        Action<object, string>? onAccepted = null)
    {
        using var timeout = new CancellationTokenSource(options.ConnectTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(options.Host, options.Port, linked.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            var why = ex is SocketException se ? se.Message : $"no connection within {options.ConnectTimeout}";
            throw new SmppException($"Could not connect to the SMSC at {options.Host}:{options.Port}: {why}.", true, ex);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var client = new SmppClient(options, time, socket, onDeliver, onAccepted);
        client.Start();
        var bindId = options.BindMode == SmppBindMode.Transmitter ? SmppCommandId.BindTransmitter : SmppCommandId.BindTransceiver;
        SmppResponse response;
        try
        {
            response = await client.SendRequestAsync(new Outgoing(bindId), linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            response = SmppResponse.TimedOut;
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        if (response.IsOk)
        {
            client.StartEnquireLink();
            return client;
        }

        var reason = await client.CloseAndGetReasonAsync().ConfigureAwait(false);
        throw response.Outcome switch
        {
            SmppOutcome.Answered => new SmppException(
                $"The SMSC at {options.Host}:{options.Port} refused the bind of system_id \"{options.SystemId}\": {SmppCommandStatus.Describe(response.Status)}.",
                response.Status,
                SmppCommandStatus.IsTransient(response.Status)),
            SmppOutcome.TimedOut => new SmppException($"The SMSC at {options.Host}:{options.Port} did not answer the bind within {options.ConnectTimeout}.", true, null),
            _ => new SmppException($"The SMSC at {options.Host}:{options.Port} closed the session during the bind: {reason?.Message ?? "no reason"}", true, reason),
        };
    }

    /// <summary>
    /// Sends one submit_sm, waiting first for room in the window. Never throws for delivery problems: the outcome
    /// says whether the SMSC answered (and with what), timed out, or the session ended first.
    /// </summary>
    /// <param name="submit">The message.</param>
    /// <param name="cancellationToken">Stops waiting (the request may still have been sent).</param>
    /// <param name="acceptedState">Passed to the session's accepted callback with the message_id on success.</param>
    /// <returns>The outcome.</returns>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<SmppResponse> SubmitAsync(SmppSubmit submit, CancellationToken cancellationToken, object? acceptedState = null)
    {
        await _window.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var item = new Outgoing(SmppCommandId.SubmitSm) { Submit = submit, AcceptedState = acceptedState };
            return await SendRequestAsync(item, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _window.Release();
        }
    }

    /// <summary>Sends enquire_link and waits for its response.</summary>
    public ValueTask<SmppResponse> EnquireLinkAsync(CancellationToken cancellationToken) =>
        SendRequestAsync(new Outgoing(SmppCommandId.EnquireLink), cancellationToken);

    /// <summary>Unbinds (SMPP 3.4 §4.2), waits for unbind_resp or the response timeout, and closes the session.</summary>
    public async ValueTask UnbindAsync(CancellationToken cancellationToken)
    {
        if (IsOpen)
        {
            await SendRequestAsync(new Outgoing(SmppCommandId.Unbind), cancellationToken).ConfigureAwait(false);
        }

        Close(null);
        await WaitForLoopsAsync().ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        Close(null);
        await WaitForLoopsAsync().ConfigureAwait(false);
        _closing.Dispose();

        // _window is not disposed: senders may still be leaving SubmitAsync (they see ConnectionLost), and a
        // SemaphoreSlim whose wait handle was never asked for holds nothing to free.
    }

    private static SmppException Lost(string why, Exception? inner = null) => new(why, true, inner);

    private void Start()
    {
        var period = TimeSpan.FromTicks(Math.Clamp(_options.ResponseTimeout.Ticks / 4, TimeSpan.TicksPerMillisecond * 10, TimeSpan.TicksPerSecond));
        _sweepTimer = _time.CreateTimer(static s => ((SmppClient)s!).Sweep(), this, period, period);
        _readLoop = Task.Run(ReadLoopAsync);
        _writeLoop = Task.Run(WriteLoopAsync);
    }

    private void StartEnquireLink()
    {
        var interval = _options.EnquireLinkInterval;
        _enquireTimer = _time.CreateTimer(static s => ((SmppClient)s!).SendKeepAlive(), this, interval, interval);
    }

    private void SendKeepAlive()
    {
        if (!IsOpen || Interlocked.Exchange(ref _keepAlivePending, 1) == 1)
        {
            return;
        }

        var item = new Outgoing(SmppCommandId.EnquireLink) { IsKeepAlive = true };
        if (!Register(item))
        {
            return;
        }

        _outgoing.Writer.TryWrite(item);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<SmppResponse> SendRequestAsync(Outgoing item, CancellationToken cancellationToken)
    {
        item.Completion = new TaskCompletionSource<SmppResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!Register(item))
        {
            return SmppResponse.Lost;
        }

        _outgoing.Writer.TryWrite(item);
        return await item.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private bool Register(Outgoing item)
    {
        lock (_pendingLock)
        {
            if (_closed)
            {
                return false;
            }

            var sequence = (uint)Interlocked.Increment(ref _sequence) & 0x7FFFFFFF;
            if (sequence == 0)
            {
                sequence = (uint)Interlocked.Increment(ref _sequence) & 0x7FFFFFFF; // SMPP 3.4 §3.2: 0x00000001..0x7FFFFFFF
            }

            item.Sequence = sequence;
            item.StartedAt = _time.GetTimestamp();
            _pending[sequence] = item;
            return true;
        }
    }

    private void Reply(SmppCommandId commandId, uint status, uint sequence, bool closeAfterWrite = false) =>
        _outgoing.Writer.TryWrite(new Outgoing(commandId) { Sequence = sequence, Status = status, CloseAfterWrite = closeAfterWrite });

    private void Complete(in SmppPduHeader header, string? messageId)
    {
        Outgoing? item;
        lock (_pendingLock)
        {
            if (!_pending.Remove(header.Sequence, out item))
            {
                return; // A late answer to a request that timed out, or one we never sent: nothing waits for it.
            }
        }

        var expected = (SmppCommandId)((uint)item.CommandId | 0x80000000u);
        if (header.CommandId != expected && header.CommandId != SmppCommandId.GenericNack)
        {
            item.Completion?.TrySetResult(SmppResponse.Lost);
            throw new SmppException(
                $"The peer answered sequence {header.Sequence} ({item.CommandId}) with command_id 0x{(uint)header.CommandId:X8}, which is not its response. The session is closed.");
        }

        if (item.IsKeepAlive)
        {
            Volatile.Write(ref _keepAlivePending, 0);
        }

        if (messageId is not null && item.AcceptedState is { } state && header.Status == SmppCommandStatus.Ok)
        {
            _onAccepted?.Invoke(state, messageId);
        }

        item.Completion?.TrySetResult(new SmppResponse(SmppOutcome.Answered, header.Status, messageId));
    }

    private void Sweep()
    {
        if (!IsOpen)
        {
            return;
        }

        var now = _time.GetTimestamp();
        List<Outgoing>? expired = null;
        lock (_pendingLock)
        {
            foreach (var item in _pending.Values)
            {
                if (now - item.StartedAt >= _responseTimeoutTicks)
                {
                    (expired ??= []).Add(item);
                }
            }

            if (expired is not null)
            {
                foreach (var item in expired)
                {
                    _pending.Remove(item.Sequence);
                }
            }
        }

        if (expired is null)
        {
            return;
        }

        foreach (var item in expired)
        {
            if (item.IsKeepAlive)
            {
                Close(Lost($"The SMSC did not answer enquire_link within {_options.ResponseTimeout}; the link is taken as dead."));
            }

            item.Completion?.TrySetResult(SmppResponse.TimedOut);
        }
    }

    private async Task ReadLoopAsync()
    {
        Exception? reason = null;
        try
        {
            while (true)
            {
                var result = await _reader.ReadAsync(_closing.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                try
                {
                    while (SmppPduReader.TryReadPdu(ref buffer, _options.MaxPduLength, out var header, out var body))
                    {
                        Handle(header, body);
                    }
                }
                finally
                {
                    _reader.AdvanceTo(buffer.Start, buffer.End);
                }

                if (result.IsCompleted)
                {
                    reason = Lost(buffer.IsEmpty
                        ? "The SMSC closed the connection."
                        : $"The SMSC closed the connection in the middle of a PDU ({buffer.Length} octets received of it).");
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (_closing.IsCancellationRequested)
        {
        }
        catch (SmppException ex)
        {
            reason = ex;
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            reason = Lost($"Reading from the SMSC failed: {ex.Message}", ex);
        }
#pragma warning disable CA1031 // The read loop must end the session cleanly whatever a receipt handler throws; the cause is kept.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            reason = new SmppException($"Handling a PDU from the SMSC failed: {ex.Message}", true, ex);
        }

        Close(reason);
    }

    private void Handle(in SmppPduHeader header, in ReadOnlySequence<byte> body)
    {
        switch (header.CommandId)
        {
            case SmppCommandId.SubmitSmResp:
                Complete(header, header.Status == SmppCommandStatus.Ok ? SmppPduReader.ReadMessageId(body, "submit_sm_resp") : null);
                break;
            case SmppCommandId.BindTransceiverResp or SmppCommandId.BindTransmitterResp or SmppCommandId.BindReceiverResp
                or SmppCommandId.EnquireLinkResp or SmppCommandId.UnbindResp or SmppCommandId.GenericNack:
                Complete(header, null);
                break;
            case SmppCommandId.EnquireLink:
                Reply(SmppCommandId.EnquireLinkResp, SmppCommandStatus.Ok, header.Sequence);
                break;
            case SmppCommandId.Unbind:
                Reply(SmppCommandId.UnbindResp, SmppCommandStatus.Ok, header.Sequence, closeAfterWrite: true);
                break;
            case SmppCommandId.DeliverSm:
                var deliver = SmppPduReader.ReadDeliverSm(body);
                Reply(SmppCommandId.DeliverSmResp, SmppCommandStatus.Ok, header.Sequence);
                _onDeliver?.Invoke(deliver);
                break;
            default:
                if (!header.IsResponse)
                {
                    // SMPP 3.4 §4.3: a request we do not support gets generic_nack with ESME_RINVCMDID.
                    Reply(SmppCommandId.GenericNack, SmppCommandStatus.InvalidCommandId, header.Sequence);
                }

                break;
        }
    }

    private async Task WriteLoopAsync()
    {
        Exception? reason = null;
        var reader = _outgoing.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_closing.Token).ConfigureAwait(false))
            {
                while (reader.TryRead(out var item))
                {
                    Write(item);
                    if (item.CloseAfterWrite)
                    {
                        await _writer.FlushAsync(_closing.Token).ConfigureAwait(false);
                        Close(Lost("The SMSC unbound the session."));
                        return;
                    }

                    if (_writer.UnflushedBytes > 32 * 1024)
                    {
                        await _writer.FlushAsync(_closing.Token).ConfigureAwait(false);
                    }
                }

                var flush = await _writer.FlushAsync(_closing.Token).ConfigureAwait(false);
                if (flush.IsCompleted || flush.IsCanceled)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (_closing.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            reason = Lost($"Writing to the SMSC failed: {ex.Message}", ex);
        }

        Close(reason);
    }

    private void Write(Outgoing item)
    {
        switch (item.CommandId)
        {
            case SmppCommandId.SubmitSm:
                SmppPduWriter.WriteSubmitSm(_writer, item.Sequence, item.Submit, _sourceAddress, _sourceTon, _sourceNpi);
                break;
            case SmppCommandId.BindTransceiver or SmppCommandId.BindTransmitter:
                SmppPduWriter.WriteBind(_writer, item.CommandId, item.Sequence, _options.SystemId, _options.Password, _options.SystemType, 0, 0, string.Empty);
                break;
            case SmppCommandId.DeliverSmResp or SmppCommandId.DataSmResp:
                SmppPduWriter.WriteEmptyMessageIdResponse(_writer, item.CommandId, item.Status, item.Sequence);
                break;
            default:
                SmppPduWriter.WriteHeaderOnly(_writer, item.CommandId, item.Status, item.Sequence);
                break;
        }
    }

    private void Close(Exception? reason)
    {
        List<Outgoing> orphans;
        lock (_pendingLock)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
            orphans = [.. _pending.Values];
            _pending.Clear();
        }

        _sweepTimer?.Dispose();
        _enquireTimer?.Dispose();
        _outgoing.Writer.TryComplete();
        _closing.Cancel();
        _socket.Dispose();
        foreach (var item in orphans)
        {
            item.Completion?.TrySetResult(SmppResponse.Lost);
        }

        _completion.TrySetResult(reason);
    }

    private async Task<Exception?> CloseAndGetReasonAsync()
    {
        var reason = _completion.Task.IsCompleted ? await _completion.Task.ConfigureAwait(false) : null;
        await DisposeAsync().ConfigureAwait(false);
        return reason;
    }

    private async Task WaitForLoopsAsync()
    {
        await _readLoop.ConfigureAwait(false);
        await _writeLoop.ConfigureAwait(false);
        await _reader.CompleteAsync().ConfigureAwait(false);
        try
        {
            // Completing the writer flushes what it still holds: a PDU the write loop wrote just as the session closed
            // (e.g. a keep-alive), whose flush the close cancelled. The socket is gone, so it cannot be sent; any request
            // in it has already completed as ConnectionLost.
            await _writer.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ObjectDisposedException or IOException or SocketException)
        {
        }

        await _stream.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>One PDU waiting to be written: a request (with <see cref="Completion"/>) or a response to the peer.</summary>
    private sealed class Outgoing(SmppCommandId commandId)
    {
        public SmppCommandId CommandId { get; } = commandId;

        public uint Sequence { get; set; }

        public uint Status { get; set; }

        public SmppSubmit Submit { get; set; }

        public long StartedAt { get; set; }

        public bool IsKeepAlive { get; set; }

        public bool CloseAfterWrite { get; set; }

        public TaskCompletionSource<SmppResponse>? Completion { get; set; }

        public object? AcceptedState { get; set; }
    }
}
