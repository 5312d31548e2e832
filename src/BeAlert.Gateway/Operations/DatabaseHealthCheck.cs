using BeAlert.Gateway.Storage;
using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BeAlert.Gateway.Operations;

/// <summary>Ready only when the gateway database answers a trivial query (within the health check's timeout).</summary>
internal sealed class DatabaseHealthCheck(GatewayDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT 1", cancellationToken: cancellationToken)).ConfigureAwait(false);
            return HealthCheckResult.Healthy(database.Dialect.Provider.ToString());
        }
#pragma warning disable CA1031 // a health check reports every failure as unhealthy
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            // The exception's type only: driver messages can name hosts and users.
            return HealthCheckResult.Unhealthy($"{database.Dialect.Provider} unreachable ({e.GetType().Name}).");
        }
    }
}
