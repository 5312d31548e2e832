using BeAlert.Gateway.Campaigns;

namespace BeAlert.Gateway.Storage;

/// <summary>
/// With the PostgreSQL delivery store (several gateway instances, one database): keeps this instance's campaigns
/// claimed (renews their leases every third of the lease) and takes over the campaigns whose instance died (lease
/// expired), resuming them on this instance's engine. Runs once at start, right after the engine started, then
/// periodically; on a graceful stop, releases the leases (see <see cref="StopAsync"/>). Does nothing with the
/// embedded SQLite store (the engine resumes everything at start).
/// </summary>
public sealed partial class CampaignLeaseService(DispatchHost host, CampaignService campaigns, TimeProvider time, ILogger<CampaignLeaseService> logger) : BackgroundService
{
    /// <summary>Set once the first claim round finished (tests wait on it).</summary>
    public Task FirstRound => _firstRound.Task;

    private readonly TaskCompletionSource _firstRound = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>One round: renew this instance's leases, claim the expired ones, resume what was claimed.</summary>
    /// <param name="cancellationToken">Stops the round.</param>
    /// <returns>The campaigns taken over in this round.</returns>
    public async Task<IReadOnlyList<Guid>> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        if (host.Store is not PostgresDeliveryStore store)
        {
            return [];
        }

        await store.RenewLeasesAsync(cancellationToken).ConfigureAwait(false);
        var claimed = await store.ClaimExpiredAsync(cancellationToken).ConfigureAwait(false);
        foreach (var id in claimed)
        {
            var handle = await host.Engine.ResumeCampaignAsync(id, cancellationToken).ConfigureAwait(false);
            LogClaimed(logger, id, store.InstanceId, handle is not null);
            if (handle is not null)
            {
                // The gateway's campaign record, progress events and report follow the campaign here.
                await campaigns.AdoptAsync(handle, cancellationToken).ConfigureAwait(false);
            }
        }

        return claimed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (host.Store is not PostgresDeliveryStore store)
        {
            _firstRound.TrySetResult();
            return;
        }

        var interval = store.LeaseDuration / 3;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // a database hiccup must not stop the loop: the next round tries again before the leases expire
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogRoundFailed(logger, ex);
            }

            _firstRound.TrySetResult();
            try
            {
                await Task.Delay(interval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        _firstRound.TrySetResult();
    }

    /// <summary>
    /// Graceful stop: stops the renewals, stops this instance's engine (nothing more is sent from here), then hands its
    /// campaigns' leases back so that a peer adopts them at its next round instead of after the lease expires. A kill
    /// -9 skips this: the leases then expire as before.
    /// </summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (host.Store is not PostgresDeliveryStore store)
        {
            return;
        }

        try
        {
            await host.Engine.DisposeAsync().ConfigureAwait(false); // idempotent; DispatchHost disposes it again later
            var released = await store.ReleaseLeasesAsync(cancellationToken).ConfigureAwait(false);
            LogReleased(logger, released, store.InstanceId);
        }
#pragma warning disable CA1031 // stopping must go on: the leases then expire as after a crash
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogReleaseFailed(logger, ex);
        }
    }

    [LoggerMessage(EventId = 6103, Level = LogLevel.Information, Message = "Released {Count} campaign lease(s) of instance {InstanceId} at shutdown; a peer adopts them at its next round")]
    private static partial void LogReleased(ILogger logger, int count, string instanceId);

    [LoggerMessage(EventId = 6104, Level = LogLevel.Warning, Message = "Could not release the campaign leases at shutdown; they expire instead")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 6101, Level = LogLevel.Information, Message = "Campaign {CampaignId} taken over by instance {InstanceId} (its lease had expired); resumed here: {Resumed}")]
    private static partial void LogClaimed(ILogger logger, Guid campaignId, string instanceId, bool resumed);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Warning, Message = "Campaign lease round failed; retrying at the next round")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
