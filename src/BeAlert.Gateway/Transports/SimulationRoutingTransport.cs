using BeAlert.Dispatch;

namespace BeAlert.Gateway.Transports;

/// <summary>
/// One channel's endpoint as the engine sees it when a real network is configured: a delivery whose content is
/// simulation (<see cref="MessageContent.IsSimulation"/>, set for simulation accounts and simulation campaigns) goes to
/// the simulation transport, every other one to the real transport. So an authority in simulation never reaches a real
/// network, and the engine's per-channel rate limits, retries, breaker and receipts keep working over both.
/// <para>
/// The real transport is started in the background and started again (a new instance, with backoff from 1 to 30
/// seconds) while it fails, so an SMSC or relay that is down when the gateway starts does not keep the gateway (or its
/// simulation accounts) down. A live send made while it is not connected waits up to <see cref="ReadyWait"/>, then
/// fails as a transient <see cref="DeliveryError.ConnectionFailed"/> (the engine retries it).
/// </para>
/// </summary>
internal sealed partial class SimulationRoutingTransport : IDeliveryTransport
{
    /// <summary>How long a live send waits for the real transport to connect before failing transiently.</summary>
    public static readonly TimeSpan ReadyWait = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(30);

    private readonly IDeliveryTransport _simulation;
    private readonly Func<IDeliveryTransport> _createReal;
    private readonly string _description;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TaskCompletionSource<IDeliveryTransport> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopping = new();
    private IDeliveryTransport _real;
    private Task? _starting;
    private int _disposed;

    /// <param name="simulation">Where simulation deliveries go.</param>
    /// <param name="createReal">Makes the real transport (called once now, and again after each failed start).</param>
    /// <param name="description">What the logs call the real endpoint (kind and host:port; never a secret).</param>
    /// <param name="time">The clock for the ready wait and the restart backoff.</param>
    /// <param name="logger">Where connection failures are logged.</param>
    public SimulationRoutingTransport(IDeliveryTransport simulation, Func<IDeliveryTransport> createReal, string description, TimeProvider time, ILogger logger)
    {
        _simulation = simulation;
        _createReal = createReal;
        _description = description;
        _time = time;
        _logger = logger;
        _real = createReal();
        if (_real.Channel != simulation.Channel)
        {
            throw new ArgumentException($"The real transport serves {_real.Channel}, the simulation {simulation.Channel}.", nameof(createReal));
        }

        Name = _real.Name;
        MaxConcurrency = Math.Max(_real.MaxConcurrency, simulation.MaxConcurrency);
    }

    public DeliveryChannel Channel => _simulation.Channel;

    public string Name { get; }

    public int MaxConcurrency { get; }

    /// <summary>The real transport once it is started, else <see langword="null"/> (the voice callback endpoint uses it).</summary>
    public IDeliveryTransport? Real => _ready.Task.IsCompletedSuccessfully ? _ready.Task.Result : null;

    /// <summary>Completes when the real transport is connected (for tests and health).</summary>
    public Task Ready => _ready.Task;

    public async ValueTask StartAsync(IDeliveryReceiptSink receipts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(receipts);
        await _simulation.StartAsync(receipts, cancellationToken).ConfigureAwait(false);
        _starting = Task.Run(() => StartRealAsync(receipts, _stopping.Token), CancellationToken.None);
    }

    public ValueTask<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        if (message.Content.IsSimulation)
        {
            return _simulation.SendAsync(message, cancellationToken);
        }

        return _ready.Task.IsCompletedSuccessfully
            ? _ready.Task.Result.SendAsync(message, cancellationToken)
            : SendWhenReadyAsync(message, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_starting is not null)
        {
            await _starting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        await _real.DisposeAsync().ConfigureAwait(false);
        await _simulation.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async ValueTask<SendResult> SendWhenReadyAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        IDeliveryTransport real;
        try
        {
            real = await _ready.Task.WaitAsync(ReadyWait, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return SendResult.Failure(DeliveryError.ConnectionFailed, $"The {Channel} endpoint '{Name}' is not connected yet.");
        }

        return await real.SendAsync(message, cancellationToken).ConfigureAwait(false);
    }

    private async Task StartRealAsync(IDeliveryReceiptSink receipts, CancellationToken stopping)
    {
        var delay = FirstRetry;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await _real.StartAsync(receipts, stopping).ConfigureAwait(false);
                LogConnected(_logger, Channel, _description);
                _ready.TrySetResult(_real);
                return;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // any failure to connect is retried; the gateway keeps running on its other endpoints
            catch (Exception e)
#pragma warning restore CA1031
            {
                // The dispatch transports never put a password or key in an exception message (tested in LogSecretsTests).
                LogStartFailed(_logger, Channel, _description, e.GetType().Name + ": " + e.Message, delay);
            }

            try
            {
                await Task.Delay(delay, _time, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = delay * 2 > LastRetry ? LastRetry : delay * 2;
            var failed = _real;
            try
            {
                await failed.DisposeAsync().ConfigureAwait(false);
            }
#pragma warning disable CA1031 // a transport that failed to start may also fail to close; it is replaced anyway
            catch (Exception)
#pragma warning restore CA1031
            {
            }

            _real = _createReal();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Channel} transport connected: {Endpoint}.")]
    private static partial void LogConnected(ILogger logger, DeliveryChannel channel, string endpoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Channel} transport {Endpoint} could not start ({Error}); trying again in {Delay}. Live deliveries wait, simulation ones are unaffected.")]
    private static partial void LogStartFailed(ILogger logger, DeliveryChannel channel, string endpoint, string error, TimeSpan delay);
}
