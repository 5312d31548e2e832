using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;

namespace BeAlert.Dispatch;

/// <summary>One transport endpoint with its circuit breaker (a Polly pipeline) and, when the channel fails over between several endpoints, its concurrency cap.</summary>
internal sealed class EndpointState
{
    private static readonly SendResult Unavailable = SendResult.Failure(DeliveryError.EndpointUnavailable, "circuit breaker open");

    private readonly ResiliencePipeline<SendResult> _breaker;
    private readonly CircuitBreakerStateProvider _state = new();
    private readonly SemaphoreSlim? _slots;
    private readonly ILogger _logger;

    // Set when the breaker opens, cleared when it half-opens or closes: while clear, the breaker cannot be open, so the
    // hot path skips reading Polly's state (which takes the breaker's lock on every send).
    private volatile bool _mayBeOpen;

    public EndpointState(IDeliveryTransport transport, ChannelOptions options, bool capConcurrency, TimeProvider time, ILogger logger)
    {
        Transport = transport;
        _logger = logger;
        _slots = capConcurrency ? new SemaphoreSlim(Math.Max(1, transport.MaxConcurrency)) : null;
        _breaker = new ResiliencePipelineBuilder<SendResult> { TimeProvider = time }
            .AddCircuitBreaker(new Polly.CircuitBreaker.CircuitBreakerStrategyOptions<SendResult>
            {
                ShouldHandle = static args => ValueTask.FromResult(
                    args.Outcome.Result is { Status: SendStatus.Failed } result && result.Error.IsTransient()),
                FailureRatio = options.BreakerFailureRatio,
                MinimumThroughput = options.BreakerMinimumThroughput,
                SamplingDuration = options.BreakerSamplingDuration,
                BreakDuration = options.BreakerBreakDuration,
                StateProvider = _state,
                OnOpened = args =>
                {
                    _mayBeOpen = true;
                    EngineLog.BreakerOpened(_logger, Transport.Channel, Transport.Name, args.BreakDuration);
                    DispatchMetrics.BreakerOpened(Transport.Channel);
                    return ValueTask.CompletedTask;
                },
                OnHalfOpened = _ =>
                {
                    _mayBeOpen = false;
                    return ValueTask.CompletedTask;
                },
                OnClosed = _ =>
                {
                    _mayBeOpen = false;
                    EngineLog.BreakerClosed(_logger, Transport.Channel, Transport.Name);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    public IDeliveryTransport Transport { get; }

    public bool IsOpen => _mayBeOpen && (_state.CircuitState is CircuitState.Open or CircuitState.Isolated);

    public async ValueTask<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        if (IsOpen)
        {
            return Unavailable;
        }

        if (_slots is not null && !_slots.Wait(0, CancellationToken.None))
        {
            await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return await _breaker.ExecuteAsync(
                static (state, token) => state.Transport.SendAsync(state.Message, token),
                (Transport, Message: message),
                cancellationToken).ConfigureAwait(false);
        }
        catch (BrokenCircuitException)
        {
            return Unavailable;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // a transport that throws must not take the engine down: its delivery fails transiently
        catch (Exception ex)
#pragma warning restore CA1031
        {
            EngineLog.TransportThrew(_logger, Transport.Channel, Transport.Name, ex.GetType().Name, ex);
            return SendResult.Failure(DeliveryError.TemporaryFailure, "transport error: " + ex.GetType().Name);
        }
        finally
        {
            _slots?.Release();
        }
    }
}
