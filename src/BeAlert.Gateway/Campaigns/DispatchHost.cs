using BeAlert.Dispatch;
using BeAlert.Gateway.Hosting;
using BeAlert.Gateway.Storage;
using BeAlert.Gateway.Transports;
using Microsoft.Extensions.Options;

namespace BeAlert.Gateway.Campaigns;

/// <summary>
/// The gateway's one <see cref="DispatchEngine"/>: its durable delivery store (SQLite <c>dispatch.db</c> in the data
/// directory by default) and its transports: simulation for every channel by default; where <c>BeAlert:Transports</c>
/// configures a real network, a <see cref="SimulationRoutingTransport"/> sends live deliveries there and simulation ones
/// to the simulation transport. Started after the gateway's
/// start-up (tables, demo data), which resumes every campaign a crash left running. Other modules (citizens' one-time
/// codes, campaigns) send through <see cref="Engine"/>.
/// </summary>
public sealed class DispatchHost : IHostedService, IAsyncDisposable
{
    private readonly IDeliveryStore _store;
    private readonly List<IDeliveryTransport> _transports = [];
    private int _disposed;

    public DispatchHost(IOptions<GatewayOptions> options, GatewayDatabase database, TimeProvider time, ILoggerFactory loggers, SimulationSink sink, IEnumerable<IDeliveryTransportWrapper>? wrappers = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(database);
        var o = options.Value;
        _store = DeliveryStoreFactory.Open(o, time);
        foreach (var channel in new[] { DeliveryChannel.Sms, DeliveryChannel.CellBroadcast, DeliveryChannel.Voice, DeliveryChannel.Email, DeliveryChannel.Signage })
        {
            var simulation = new SimulationTransport(
                new SimulationOptions
                {
                    Channel = channel,
                    Name = $"simulation-{channel}".ToLowerInvariant(),
                    Latency = o.Simulation.Latency,
                    TransientFailureRate = o.Simulation.FailureRate,
                },
                time);
            var sinking = new SinkingSimulationTransport(simulation, sink);
            _transports.Add(RealTransports.For(channel, o.Transports, time) is { } real
                ? new SimulationRoutingTransport(sinking, real.Create, real.Description, time, loggers.CreateLogger<SimulationRoutingTransport>())
                : sinking);
        }

        // Progress at most ~4 per second (the campaigns' SSE stream forwards every snapshot).
        var engineOptions = DeliveryStoreFactory.EngineOptions(_store);
        engineOptions.ProgressInterval = TimeSpan.FromMilliseconds(250);
        var wrapped = _transports.Select(t => (wrappers ?? []).OrderBy(w => w.Order).Aggregate(t, (inner, w) => w.Wrap(inner))).ToList();
        Engine = new DispatchEngine(_store, wrapped, engineOptions, time, loggers);
    }

    public DispatchEngine Engine { get; }

    public IDeliveryStore Store => _store;

    public IReadOnlyList<IDeliveryTransport> Transports => _transports;

    /// <summary>The campaigns resumed at start (a crash left them running).</summary>
    public IReadOnlyList<CampaignHandle> Resumed { get; private set; } = [];

    public async Task StartAsync(CancellationToken cancellationToken) =>
        Resumed = await Engine.StartAsync(cancellationToken).ConfigureAwait(false);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        // Registered as a singleton and as a hosted service (same instance): the container disposes it twice.
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await Engine.DisposeAsync().ConfigureAwait(false);
        foreach (var transport in _transports)
        {
            await transport.DisposeAsync().ConfigureAwait(false);
        }

        if (_store is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync().ConfigureAwait(false);
        }
    }
}
