using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BeAlert.Gateway.Operations;

/// <summary>
/// Ready once every hosted service has started — among them the dispatch engine, which has then resumed whatever a
/// crash left running — and until the gateway begins to stop.
/// </summary>
internal sealed class DispatchHealthCheck(IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(
            lifetime.ApplicationStopping.IsCancellationRequested ? HealthCheckResult.Unhealthy("stopping")
            : lifetime.ApplicationStarted.IsCancellationRequested ? HealthCheckResult.Healthy("dispatch engine started")
            : HealthCheckResult.Unhealthy("starting"));
}
