using BeAlert.Dispatch;
using BeAlert.Gateway.Hosting;
using BeAlert.Gateway.Storage;
using Microsoft.Extensions.Options;

namespace BeAlert.Gateway.Campaigns;

/// <summary>
/// The gateway's one <see cref="DispatchEngine"/>: its durable delivery store (SQLite <c>dispatch.db</c> in the data
/// directory by default) and its transports (simulation for every channel by default). Started after the gateway's
/// start-up (tables, demo data), which resumes every campaign a crash left running. Other modules (citizens' one-time
/// codes, campaigns) send through <see cref="Engine"/>.
/// </summary>
public sealed class DispatchHost : IHostedService, IAsyncDisposable
{
    private readonly IDeliveryStore _store;
    private readonly List<IDeliveryTransport> _transports = [];

    public DispatchHost(IOptions<GatewayOptions> options, GatewayDatabase database, TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(database);
        var o = options.Value;
        _store = DeliveryStoreFactory.Open(o, time);
        foreach (var channel in new[] { DeliveryChannel.Sms, DeliveryChannel.CellBroadcast, DeliveryChannel.Voice, DeliveryChannel.Email, DeliveryChannel.Signage })
        {
            var simulation = new SimulationTransport(new SimulationOptions { Channel = channel, Name = $"simulation-{channel}".ToLowerInvariant() }, time);
            _transports.Add(simulation);
        }

        Engine = new DispatchEngine(_store, _transports, DeliveryStoreFactory.EngineOptions(_store), time, loggers);
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
        await Engine.DisposeAsync().ConfigureAwait(false);
        if (_store is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync().ConfigureAwait(false);
        }
    }
}
