using System.Globalization;

namespace BeAlert.Gateway.Storage;

/// <summary>Settings of <see cref="PostgresDeliveryStore"/>.</summary>
public sealed class PostgresDeliveryStoreOptions
{
    /// <summary>The Npgsql connection string (never logged). Required.</summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>
    /// This gateway instance's name in campaign leases; unique among the instances sharing the database. Default: host
    /// name, process id and a random suffix (so a restarted process takes its old campaigns back only after their
    /// leases expired, like any other instance).
    /// </summary>
    public string InstanceId { get; set; } = DefaultInstanceId();

    /// <summary>
    /// How long a campaign stays claimed by its instance without a renewal. Another instance takes a campaign over once
    /// its lease has expired, so this is also the longest pause before a dead instance's campaigns resume elsewhere.
    /// Default 30 s. Renew at least three times per lease (<see cref="PostgresDeliveryStore.RenewLeasesAsync"/>).
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Deliveries read per query when streaming a campaign back. Default 8,192.</summary>
    public int ReadPageSize { get; set; } = 8_192;

    /// <summary>Checks the options, listing every problem at once.</summary>
    /// <exception cref="ArgumentException">One or more settings are out of range.</exception>
    public void Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            errors.Add($"{nameof(ConnectionString)} is required.");
        }

        if (string.IsNullOrWhiteSpace(InstanceId) || InstanceId.Length > 200)
        {
            errors.Add($"{nameof(InstanceId)} must have 1 to 200 characters.");
        }

        if (LeaseDuration < TimeSpan.FromMilliseconds(100) || LeaseDuration > TimeSpan.FromHours(1))
        {
            errors.Add($"{nameof(LeaseDuration)} must be between 100 ms and 1 hour (it is {LeaseDuration}).");
        }

        if (ReadPageSize is < 16 or > 1_000_000)
        {
            errors.Add($"{nameof(ReadPageSize)} must be between 16 and 1,000,000 (it is {ReadPageSize}).");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid PostgresDeliveryStoreOptions: " + string.Join(" ", errors));
        }
    }

    private static string DefaultInstanceId() =>
        string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}-{Environment.ProcessId}-{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4))}");
}
