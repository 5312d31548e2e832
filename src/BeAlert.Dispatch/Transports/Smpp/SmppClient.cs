using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace BeAlert.Dispatch.Smpp;

/// <summary>
/// One SMPP 3.4 session (one bind) over TCP. Many requests are in flight at once, up to
/// <see cref="SmppOptions.WindowSize"/> submit_sm, matched to their responses by sequence number. The session answers
/// enquire_link, unbind and deliver_sm itself, sends its own enquire_link every
/// <see cref="SmppOptions.EnquireLinkInterval"/>, and times out requests after <see cref="SmppOptions.ResponseTimeout"/>.
/// When the session ends, for any reason, every request not yet answered completes with
/// <see cref="SmppOutcome.ConnectionLost"/> and <see cref="Completion"/> says why; nothing is lost silently.
/// <para>
/// Cost per message (see docs/architecture.md, "SMPP client: one thread per bind, no hop per response"): a dedicated
/// reader thread per session waits in poll(2) and reads with recv(2) into a System.IO.Pipelines <see cref="Pipe"/>
/// (used synchronously on that thread), parses every complete PDU of a read, and completes
/// their senders inline, on that thread: a sender's continuation (which usually queues its next submit_sm) runs before
/// the thread reads again, so a response costs no thread-pool hop. Senders write their PDU into a shared buffer under a
/// lock; the first one to find no send in progress sends the buffer (others just append), and while the reader thread
/// completes a batch it defers the send to the end of the batch, so a batch of responses gives one send(2) of the next
/// batch of requests. Requests are pooled <see cref="SmppRequest"/> value-task sources: a submit allocates no task.
/// A sender's continuation must therefore not block: it delays this session's reading until it returns.
/// At high rates the reader's poll waits for a batch of responses rather than the first byte
/// (<see cref="SmppReceiveCoalescing"/>).
/// </para>
/// </summary>
internal sealed class SmppClient : IAsyncDisposable
{
    private const int PoolLimit = 1024;
    private const int PollMicroseconds = 200_000;

    /// <summary>How much room the reader asks of the pipe for one receive.</summary>
    private const int ReadSize = 16 * 1024;

    /// <summary>The read pipe's options: used by the reader thread only, synchronously (see <see cref="ReadLoop"/>).</summary>
    private static readonly PipeOptions ReadPipeOptions = new(
        readerScheduler: PipeScheduler.Inline,
        writerScheduler: PipeScheduler.Inline,
        pauseWriterThreshold: 0,
        resumeWriterThreshold: 0,
        minimumSegmentSize: ReadSize,
        useSynchronizationContext: false);

    private readonly SmppOptions _options;
    private readonly TimeProvider _time;
    private readonly Action<SmppDeliverSm>? _onDeliver;
    private readonly Action<object, string>? _onAccepted;
    private readonly Socket _socket;
    private readonly Dictionary<uint, SmppRequest> _pending = [];
    private readonly Stack<SmppRequest> _pool = new();
    private readonly Lock _pendingLock = new();
    private readonly Lock _writeLock = new();
    private readonly SemaphoreSlim _window;
    private readonly TaskCompletionSource<Exception?> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _readLoopDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly byte[] _sourceAddress;
    private readonly byte _sourceTon;
    private readonly byte _sourceNpi;
    private readonly long _responseTimeoutTicks;
    private readonly SmppReceiveCoalescing _coalescing;
    private ArrayBufferWriter<byte> _unsent = new(16 * 1024);
    private ArrayBufferWriter<byte> _sending = new(16 * 1024);
    private bool _sendInProgress;
    private bool _closeAfterSend;
    private Thread? _readThread;
    private volatile bool _inReadBatch;
    private ITimer? _sweepTimer;
    private ITimer? _enquireTimer;
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
        _window = new SemaphoreSlim(options.WindowSize, options.WindowSize);
        (_sourceAddress, _sourceTon, _sourceNpi) = SmppAddress.Source(options);
        _responseTimeoutTicks = (long)(options.ResponseTimeout.TotalSeconds * time.TimestampFrequency);
        _coalescing = new SmppReceiveCoalescing(socket, options.ReceiveCoalescingDelay);
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

    /// <summary>
    /// How many times the reader woke because <see cref="SmppOptions.ReceiveCoalescingDelay"/> passed before the batch
    /// of responses it waited for had arrived (tests and the load driver).
    /// </summary>
    internal long CoalescingTimeouts => _coalescing.Timeouts;

    /// <summary>Whether receive coalescing turned itself off because the SMSC holds its responses back (tests).</summary>
    internal bool CoalescingTurnedOff => _coalescing.TurnedOff;

    /// <summary>How many request objects wait in the pool for reuse (tests).</summary>
    internal int PooledRequests
    {
        get
        {
            lock (_pendingLock)
            {
                return _pool.Count;
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
        Socket socket;
        try
        {
            socket = await ConnectSocketAsync(options, linked.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            var why = ex is SocketException se ? se.Message : $"no connection within {options.ConnectTimeout}";
            throw new SmppException($"Could not connect to the SMSC at {options.Host}:{options.Port}: {why}.", true, ex);
        }

        var client = new SmppClient(options, time, socket, onDeliver, onAccepted);
        client.Start();
        var bindId = options.BindMode == SmppBindMode.Transmitter ? SmppCommandId.BindTransmitter : SmppCommandId.BindTransceiver;
        SmppResponse response;
        try
        {
            response = await client.SendRequestAsync(bindId, null, default, linked.Token).ConfigureAwait(false);
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
            return await SendRequestAsync(SmppCommandId.SubmitSm, acceptedState, submit, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _window.Release();
        }
    }

    /// <summary>Sends enquire_link and waits for its response.</summary>
    public ValueTask<SmppResponse> EnquireLinkAsync(CancellationToken cancellationToken) =>
        SendRequestAsync(SmppCommandId.EnquireLink, null, default, cancellationToken);

    /// <summary>Unbinds (SMPP 3.4 §4.2), waits for unbind_resp or the response timeout, and closes the session.</summary>
    public async ValueTask UnbindAsync(CancellationToken cancellationToken)
    {
        if (IsOpen)
        {
            await SendRequestAsync(SmppCommandId.Unbind, null, default, cancellationToken).ConfigureAwait(false);
        }

        Close(null);
        await WaitForLoopsAsync().ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        Close(null);
        await WaitForLoopsAsync().ConfigureAwait(false);

        // _window is not disposed: senders may still be leaving SubmitAsync (they see ConnectionLost), and a
        // SemaphoreSlim whose wait handle was never asked for holds nothing to free.
    }

    private static SmppException Lost(string why, Exception? inner = null) => new(why, true, inner);

    /// <summary>
    /// Connects a non-blocking socket without any asynchronous socket operation: a socket that ever used one is watched
    /// by .NET's epoll thread, which then wakes (and wakes a thread-pool thread) for every read although the reader
    /// thread reads it itself. The wait for the connection is a poll(2) on a thread-pool thread, in slices, so the
    /// cancellation is seen.
    /// </summary>
    private static async Task<Socket> ConnectSocketAsync(SmppOptions options, CancellationToken cancellationToken)
    {
        var addresses = await Dns.GetHostAddressesAsync(options.Host, cancellationToken).ConfigureAwait(false);
        SocketException? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, Blocking = false };
            try
            {
                try
                {
                    socket.Connect(address, options.Port);
                    return socket;
                }
                catch (SocketException ex) when (ex.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress)
                {
                }

                while (!socket.Poll(20_000, SelectMode.SelectWrite) && !socket.Poll(0, SelectMode.SelectError))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    await Task.Yield();
                }

                var error = (SocketError)(int)socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error)!;
                if (error != SocketError.Success)
                {
                    throw new SocketException((int)error);
                }

                return socket;
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last ?? new SocketException((int)SocketError.HostNotFound);
    }

    private void Start()
    {
        var period = TimeSpan.FromTicks(Math.Clamp(_options.ResponseTimeout.Ticks / 4, TimeSpan.TicksPerMillisecond * 10, TimeSpan.TicksPerSecond));
        _sweepTimer = _time.CreateTimer(static s => ((SmppClient)s!).Sweep(), this, period, period);
        _readThread = new Thread(static s => ((SmppClient)s!).ReadLoop())
        {
            IsBackground = true,
            Name = "SMPP reader",
        };
        _readThread.UnsafeStart(this);
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

        var item = Rent(SmppCommandId.EnquireLink, null);
        item.IsKeepAlive = true;
        if (!Register(item))
        {
            Return(item);
            return;
        }

        WriteRequest(item, default);
        Send();
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<SmppResponse> SendRequestAsync(SmppCommandId commandId, object? acceptedState, SmppSubmit submit, CancellationToken cancellationToken)
    {
        var item = Rent(commandId, acceptedState);
        item.HasWaiter = true;
        if (!Register(item))
        {
            Return(item);
            return SmppResponse.Lost;
        }

        var task = item.Task;
        WriteRequest(item, submit);
        Send();
        if (task.IsCompleted || !cancellationToken.CanBeCanceled)
        {
            try
            {
                return await task.ConfigureAwait(false);
            }
            finally
            {
                Return(item);
            }
        }

        var registration = cancellationToken.UnsafeRegister(
            static (state, token) =>
            {
                var (client, request, sequence) = ((SmppClient, SmppRequest, uint))state!;
                client.Cancel(request, sequence, token);
            },
            (this, item, item.Sequence));
        try
        {
            return await task.ConfigureAwait(false);
        }
        finally
        {
            // Dispose waits for a cancellation callback that is running, so the request is not reused under it.
            registration.Dispose();
            Return(item);
        }
    }

    /// <summary>The sender stopped waiting: the request leaves the table (a late answer is then ignored) and fails.</summary>
    private void Cancel(SmppRequest item, uint sequence, CancellationToken token)
    {
        lock (_pendingLock)
        {
            if (!_pending.TryGetValue(sequence, out var current) || !ReferenceEquals(current, item))
            {
                return; // Already answered, timed out or lost: its completion is on its way.
            }

            _pending.Remove(sequence);
        }

        item.Fail(new OperationCanceledException(token));
    }

    private SmppRequest Rent(SmppCommandId commandId, object? acceptedState)
    {
        SmppRequest? item;
        lock (_pendingLock)
        {
            _pool.TryPop(out item);
        }

        item ??= new SmppRequest();
        item.CommandId = commandId;
        item.AcceptedState = acceptedState;
        return item;
    }

    private void Return(SmppRequest item)
    {
        item.Reset();
        lock (_pendingLock)
        {
            if (_pool.Count < PoolLimit)
            {
                _pool.Push(item);
            }
        }
    }

    private bool Register(SmppRequest item)
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

    /// <summary>Writes a request into the unsent buffer (sent by <see cref="Send"/>).</summary>
    private void WriteRequest(SmppRequest item, in SmppSubmit submit)
    {
        lock (_writeLock)
        {
            switch (item.CommandId)
            {
                case SmppCommandId.SubmitSm:
                    SmppPduWriter.WriteSubmitSm(_unsent, item.Sequence, submit, _sourceAddress, _sourceTon, _sourceNpi);
                    break;
                case SmppCommandId.BindTransceiver or SmppCommandId.BindTransmitter:
                    SmppPduWriter.WriteBind(_unsent, item.CommandId, item.Sequence, _options.SystemId, _options.Password, _options.SystemType, 0, 0, string.Empty);
                    break;
                default:
                    SmppPduWriter.WriteHeaderOnly(_unsent, item.CommandId, 0, item.Sequence);
                    break;
            }
        }
    }

    /// <summary>Writes a response to the peer's request into the unsent buffer; the reader loop sends it at the end of its batch.</summary>
    private void Reply(SmppCommandId commandId, uint status, uint sequence, bool closeAfterWrite = false)
    {
        lock (_writeLock)
        {
            if (commandId is SmppCommandId.DeliverSmResp or SmppCommandId.DataSmResp)
            {
                SmppPduWriter.WriteEmptyMessageIdResponse(_unsent, commandId, status, sequence);
            }
            else
            {
                SmppPduWriter.WriteHeaderOnly(_unsent, commandId, status, sequence);
            }

            _closeAfterSend |= closeAfterWrite;
        }
    }

    /// <summary>
    /// Sends what is buffered, unless a send is already in progress (it sends this too when it is done) or the reader
    /// thread is completing a batch (it sends once at the end). A send that cannot complete at once (the socket buffer
    /// is full) continues asynchronously; nobody waits for it.
    /// </summary>
    private void Send()
    {
        if (_inReadBatch && Thread.CurrentThread == _readThread)
        {
            return;
        }

        ArrayBufferWriter<byte> batch;
        lock (_writeLock)
        {
            if (_sendInProgress || _unsent.WrittenCount == 0)
            {
                return;
            }

            _sendInProgress = true;
            batch = SwapBuffers();
        }

        try
        {
            while (true)
            {
                var sent = _socket.Send(batch.WrittenSpan, SocketFlags.None, out var error);
                if (error == SocketError.WouldBlock || (error == SocketError.Success && sent < batch.WrittenCount))
                {
                    // The socket buffer is full: the rest goes from the thread pool as the peer reads; nobody waits.
                    var rest = error == SocketError.Success ? sent : 0;
                    _ = Task.Run(() => SendSlowly(batch, rest));
                    return;
                }

                if (error != SocketError.Success)
                {
                    throw new SocketException((int)error);
                }

                if (!SentAll(batch, out batch))
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            SendFailed(ex);
        }
    }

    private void SendSlowly(ArrayBufferWriter<byte> batch, int offset)
    {
        try
        {
            while (true)
            {
                while (offset < batch.WrittenCount)
                {
                    if (!IsOpen)
                    {
                        return;
                    }

                    if (!_socket.Poll(PollMicroseconds, SelectMode.SelectWrite))
                    {
                        continue;
                    }

                    var sent = _socket.Send(batch.WrittenSpan[offset..], SocketFlags.None, out var error);
                    if (error is not SocketError.Success and not SocketError.WouldBlock)
                    {
                        throw new SocketException((int)error);
                    }

                    offset += error == SocketError.Success ? sent : 0;
                }

                if (!SentAll(batch, out batch))
                {
                    return;
                }

                offset = 0;
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            SendFailed(ex);
        }
    }

    /// <summary>After a send: whether there is a next batch to send (then this thread keeps the sending role).</summary>
    private bool SentAll(ArrayBufferWriter<byte> batch, out ArrayBufferWriter<byte> next)
    {
        bool closeNow;
        lock (_writeLock)
        {
            batch.ResetWrittenCount();
            if (_unsent.WrittenCount > 0)
            {
                next = SwapBuffers();
                return true;
            }

            next = batch;
            _sendInProgress = false;
            closeNow = _closeAfterSend;
        }

        if (closeNow)
        {
            Close(Lost("The SMSC unbound the session."));
        }

        return false;
    }

    private ArrayBufferWriter<byte> SwapBuffers()
    {
        var batch = _unsent;
        _unsent = _sending;
        _sending = batch;
        return batch;
    }

    private void SendFailed(Exception ex)
    {
        lock (_writeLock)
        {
            _sendInProgress = false;
        }

        Close(IsOpen ? Lost($"Writing to the SMSC failed: {ex.Message}", ex) : null);
    }

    private void Complete(in SmppPduHeader header, string? messageId)
    {
        SmppRequest? item;
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
            var commandId = item.CommandId;
            Finish(item, SmppResponse.Lost, inline: false);
            throw new SmppException(
                $"The peer answered sequence {header.Sequence} ({commandId}) with command_id 0x{(uint)header.CommandId:X8}, which is not its response. The session is closed.");
        }

        if (item.IsKeepAlive)
        {
            Volatile.Write(ref _keepAlivePending, 0);
        }

        if (messageId is not null && item.AcceptedState is { } state && header.Status == SmppCommandStatus.Ok)
        {
            _onAccepted?.Invoke(state, messageId);
        }

        Finish(item, new SmppResponse(SmppOutcome.Answered, header.Status, messageId), inline: true);
    }

    /// <summary>Completes a request removed from the table; one nobody waits for goes back to the pool.</summary>
    private void Finish(SmppRequest item, SmppResponse response, bool inline)
    {
        if (item.HasWaiter)
        {
            item.Complete(response, inline); // The waiter may reuse the request as soon as this returns: not touched after.
        }
        else
        {
            Return(item);
        }
    }

    private void Sweep()
    {
        if (!IsOpen)
        {
            return;
        }

        var now = _time.GetTimestamp();
        List<SmppRequest>? expired = null;
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

            Finish(item, SmppResponse.TimedOut, inline: false);
        }
    }

    /// <summary>
    /// The reader thread: waits for bytes, receives them into a <see cref="Pipe"/>, handles every complete PDU, then
    /// sends what the batch queued. The pipe keeps a partial PDU across reads in pooled segments; it is written and read
    /// on this thread only, synchronously (no pause threshold, so a flush completes at once; the unread rest is always
    /// shorter than the largest PDU allowed, since every complete PDU is consumed after each read).
    /// </summary>
    private void ReadLoop()
    {
        Exception? reason = null;
        var pipe = new Pipe(ReadPipeOptions);
        long pending = 0;
        try
        {
            while (IsOpen)
            {
                var lowWater = _coalescing.Before(PendingCount);
                if (!_socket.Poll(lowWater > 1 ? _coalescing.DelayMicroseconds : PollMicroseconds, SelectMode.SelectRead))
                {
                    _coalescing.TimedOut();
                    continue;
                }

                var memory = pipe.Writer.GetMemory(ReadSize);
                var read = _socket.Receive(memory.Span, SocketFlags.None, out var error);
                if (error == SocketError.WouldBlock)
                {
                    continue;
                }

                if (error != SocketError.Success)
                {
                    reason = IsOpen ? Lost($"Reading from the SMSC failed: {new SocketException((int)error).Message}") : null;
                    break;
                }

                if (read == 0)
                {
                    reason = Lost(pending == 0
                        ? "The SMSC closed the connection."
                        : $"The SMSC closed the connection in the middle of a PDU ({pending} octets received of it).");
                    break;
                }

                pipe.Writer.Advance(read);
                var flush = pipe.Writer.FlushAsync();
                Debug.Assert(flush.IsCompletedSuccessfully, "A pipe without a pause threshold and without an awaiting reader flushes synchronously.");
                flush.GetAwaiter().GetResult();
                if (!pipe.Reader.TryRead(out var result))
                {
                    continue;
                }

                var bytes = result.Buffer;
                _inReadBatch = true;
                try
                {
                    var pdus = 0;
                    while (SmppPduReader.TryReadPdu(ref bytes, _options.MaxPduLength, out var header, out var body))
                    {
                        Handle(header, body);
                        pdus++;
                    }

                    _coalescing.Received(pdus);
                }
                finally
                {
                    _inReadBatch = false;
                }

                pending = bytes.Length;
                pipe.Reader.AdvanceTo(bytes.Start, bytes.End);
                Send();
            }
        }
        catch (SmppException ex)
        {
            reason = ex;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            reason = IsOpen ? Lost($"Reading from the SMSC failed: {ex.Message}", ex) : null;
        }
#pragma warning disable CA1031 // The read loop must end the session cleanly whatever a receipt handler throws; the cause is kept.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            reason = new SmppException($"Handling a PDU from the SMSC failed: {ex.Message}", true, ex);
        }

        pipe.Reader.Complete();
        pipe.Writer.Complete();
        Close(reason);
        _readLoopDone.TrySetResult();
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

    private void Close(Exception? reason)
    {
        List<SmppRequest> orphans;
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
        try
        {
            _socket.Shutdown(SocketShutdown.Both); // Wakes the reader thread's poll at once.
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }

        _socket.Dispose();

        // Completion first: the transport then stops offering this session (its bind's "ready" is reset) before the
        // orphans, queued to the thread pool behind it, look for an open bind to resubmit on.
        _completion.TrySetResult(reason);
        foreach (var item in orphans)
        {
            Finish(item, SmppResponse.Lost, inline: false);
        }
    }

    private async Task<Exception?> CloseAndGetReasonAsync()
    {
        var reason = _completion.Task.IsCompleted ? await _completion.Task.ConfigureAwait(false) : null;
        await DisposeAsync().ConfigureAwait(false);
        return reason;
    }

    private Task WaitForLoopsAsync() => _readThread is null ? Task.CompletedTask : _readLoopDone.Task;
}
