using Microsoft.Extensions.Options;

namespace BeAlert.Gateway.Alerts;

/// <summary>
/// At start, loads the active alerts into <see cref="ActiveAlertSet"/> (marking those already expired); then, every
/// <see cref="AlertsOptions.SweepInterval"/>, removes expired alerts from the set and marks them in the database.
/// </summary>
internal sealed partial class AlertExpirySweeper(AlertStore store, ActiveAlertSet active, IOptions<AlertsOptions> options, TimeProvider time, ILogger<AlertExpirySweeper> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Runs after GatewayStartup (registered earlier) has created the tables.
        await store.ExpireAsync(time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        active.Load(await store.LoadActiveAsync(cancellationToken).ConfigureAwait(false));
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    active.RemoveExpired();
                    await store.ExpireAsync(time.GetUtcNow(), stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogSweepFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The alert expiry sweep failed; it runs again at the next interval.")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
