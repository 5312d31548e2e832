using BeAlert.Gateway.Storage;

namespace BeAlert.Gateway.Hosting;

/// <summary>Checks the configuration at start and lists every problem, not only the first.</summary>
public static class GatewayOptionsValidator
{
    public static IReadOnlyList<string> Validate(GatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            errors.Add("BeAlert:DataDirectory must name a folder.");
        }

        if (!Enum.IsDefined(options.Storage.Provider))
        {
            errors.Add($"BeAlert:Storage:Provider '{options.Storage.Provider}' is not known (Sqlite or PostgreSql).");
        }
        else if (options.Storage.Provider == StorageProvider.PostgreSql && string.IsNullOrWhiteSpace(options.Storage.ConnectionString))
        {
            errors.Add("BeAlert:Storage:ConnectionString is required when BeAlert:Storage:Provider is PostgreSql.");
        }

        if (options.Storage.LeaseSeconds is < 1 or > 3600)
        {
            errors.Add($"BeAlert:Storage:LeaseSeconds must be between 1 and 3,600 (was {options.Storage.LeaseSeconds}).");
        }

        if (options.Storage.InstanceId is { Length: > 200 })
        {
            errors.Add("BeAlert:Storage:InstanceId must be at most 200 characters.");
        }

        if (options.Demo.Subscribers is < 0 or > 20_000_000)
        {
            errors.Add($"BeAlert:Demo:Subscribers must be between 0 and 20,000,000 (was {options.Demo.Subscribers}).");
        }

        foreach (var (name, key) in options.Demo.Keys)
        {
            if (!Security.DemoKeyNames.All.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add($"BeAlert:Demo:Keys:{name} is not a demo key name ({string.Join(", ", Security.DemoKeyNames.All)}).");
            }
            else if (!Security.AccessKeyFormat.IsWellFormed(key))
            {
                errors.Add($"BeAlert:Demo:Keys:{name} is not a well-formed access key ({Security.AccessKeyFormat.Description}).");
            }
        }

        var accountNames = Demo.DemoSeeder.AccountNames;
        foreach (var (name, password) in options.Demo.Accounts)
        {
            if (!accountNames.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add($"BeAlert:Demo:Accounts:{name} is not a demo account ({string.Join(", ", accountNames)}).");
            }
            else if (Web.Console.ConsoleAccountStore.CheckPassword(password) is { } problem)
            {
                errors.Add($"BeAlert:Demo:Accounts:{name}: {problem}");
            }
        }

        if (options.Limits.MaxAlertBytes is < 1024 or > 64 << 20)
        {
            errors.Add($"BeAlert:Limits:MaxAlertBytes must be between 1 KiB and 64 MiB (was {options.Limits.MaxAlertBytes}).");
        }

        if (options.Limits.MaxJsonBytes is < 1024 or > 64 << 20)
        {
            errors.Add($"BeAlert:Limits:MaxJsonBytes must be between 1 KiB and 64 MiB (was {options.Limits.MaxJsonBytes}).");
        }

        if (options.Limits.MaxCsvBytes is < 1024 or > 1 << 30)
        {
            errors.Add($"BeAlert:Limits:MaxCsvBytes must be between 1 KiB and 1 GiB (was {options.Limits.MaxCsvBytes}).");
        }

        if (options.Limits.RequestsPerSecondPerKey is < 1 or > 1_000_000)
        {
            errors.Add($"BeAlert:Limits:RequestsPerSecondPerKey must be between 1 and 1,000,000 (was {options.Limits.RequestsPerSecondPerKey}).");
        }

        if (options.Limits.AnonymousRequestsPerSecond is < 1 or > 1_000_000)
        {
            errors.Add($"BeAlert:Limits:AnonymousRequestsPerSecond must be between 1 and 1,000,000 (was {options.Limits.AnonymousRequestsPerSecond}).");
        }

        errors.AddRange(Campaigns.SimulationSettings.Validate(options.Simulation));
        errors.AddRange(Transports.TransportSettingsValidator.Validate(options.Transports));
        return errors;
    }
}

/// <summary>Thrown at start when the configuration is invalid; the message lists every error.</summary>
public sealed class GatewayConfigurationException(IReadOnlyList<string> errors)
    : Exception("The gateway's configuration is invalid:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  - " + e)))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
