using System.Collections.Concurrent;
using System.Threading.Channels;
using BeAlert.Dispatch;
using BeAlert.Gateway.Campaigns;
using BeAlert.Gateway.Population;

namespace BeAlert.Gateway.Tests.Scheduling;

/// <summary>
/// Stands in for the campaigns module's <see cref="ICampaignLauncher"/> (written in parallel): records every command,
/// then resolves its audience against the gateway's real population and starts a real campaign on the gateway's
/// dispatch engine (simulation transports), so callers get a real <see cref="CampaignHandle"/> and report.
/// </summary>
internal sealed class RecordingCampaignLauncher(DispatchHost dispatch, PopulationService population, TimeProvider time) : ICampaignLauncher
{
    private readonly Channel<(CampaignCommand Command, DateTimeOffset At, CampaignHandle Handle)> _launched = Channel.CreateUnbounded<(CampaignCommand, DateTimeOffset, CampaignHandle)>();

    public ConcurrentQueue<(CampaignCommand Command, DateTimeOffset At)> Commands { get; } = new();

    public async Task<CampaignHandle> LaunchAsync(CampaignCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var at = time.GetUtcNow();
        Commands.Enqueue((command, at));
        var members = population.Read(d => new AudienceResolver(d).Resolve(command.Audience, command.Alert, command.Channels).ToList());
        var handle = await dispatch.Engine.StartCampaignAsync(
            new CampaignRequest(command.Alert, command.Channels, members) { Name = command.Name, IsSimulation = command.Simulation, Account = command.AuthorityId },
            cancellationToken);
        await _launched.Writer.WriteAsync((command, at, handle), cancellationToken);
        return handle;
    }

    /// <summary>Waits (at most 60 s) for the next launch.</summary>
    public async Task<(CampaignCommand Command, DateTimeOffset At, CampaignHandle Handle)> NextLaunchAsync() =>
        await _launched.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(60));
}
