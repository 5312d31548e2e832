using BeAlert.Dispatch;
using BeAlert.Gateway.Hosting;

namespace BeAlert.Gateway.Storage;

/// <summary>
/// Opens the dispatch engine's delivery store from the gateway's storage settings: SQLite <c>dispatch.db</c> in the
/// data directory (embedded default, one instance), or PostgreSQL on the same database as the gateway's tables
/// (several instances; campaigns claimed by lease, see <see cref="PostgresDeliveryStore"/>).
/// </summary>
public static class DeliveryStoreFactory
{
    /// <summary>Opens the store the options name. The PostgreSQL store creates its tables on first use.</summary>
    /// <param name="options">The gateway's options.</param>
    /// <param name="time">The clock for campaign leases.</param>
    /// <returns>The store; its owner disposes it.</returns>
    public static IDeliveryStore Open(GatewayOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Storage.Provider == StorageProvider.PostgreSql)
        {
            var postgres = new PostgresDeliveryStoreOptions
            {
                ConnectionString = options.Storage.ConnectionString ?? string.Empty,
                LeaseDuration = TimeSpan.FromSeconds(options.Storage.LeaseSeconds),
            };
            if (!string.IsNullOrWhiteSpace(options.Storage.InstanceId))
            {
                postgres.InstanceId = options.Storage.InstanceId;
            }

            return new PostgresDeliveryStore(postgres, time);
        }

        Directory.CreateDirectory(options.DataDirectory);
        return SqliteDeliveryStore.Open(new SqliteDeliveryStoreOptions { Path = Path.Combine(options.DataDirectory, "dispatch.db") });
    }

    /// <summary>
    /// The engine's options for a store: with a shared (PostgreSQL) store the engine resumes nothing by itself at start;
    /// <see cref="CampaignLeaseService"/> claims campaigns and resumes them one by one.
    /// </summary>
    /// <param name="store">The store the engine uses.</param>
    /// <returns>The options.</returns>
    public static DispatchOptions EngineOptions(IDeliveryStore store) => new() { ResumeOnStart = store is not PostgresDeliveryStore };
}
