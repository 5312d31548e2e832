using BeAlert.Gateway.Alerts;
using BeAlert.Gateway.Billing;
using BeAlert.Gateway.Campaigns;
using BeAlert.Gateway.Citizens;
using BeAlert.Gateway.Demo;
using BeAlert.Gateway.Operations;
using BeAlert.Gateway.Population;
using BeAlert.Gateway.Scheduling;
using BeAlert.Gateway.Security;
using BeAlert.Gateway.Storage;
using BeAlert.Gateway.Web;
using Microsoft.Extensions.Options;

namespace BeAlert.Gateway.Hosting;

/// <summary>Builds the gateway: configuration (validated, every error listed), storage, security, then each module.</summary>
public static class GatewayApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);

        var options = builder.Configuration.GetSection(GatewayOptions.Section).Get<GatewayOptions>() ?? new GatewayOptions();
        var errors = GatewayOptionsValidator.Validate(options);
        if (errors.Count > 0)
        {
            throw new GatewayConfigurationException(errors);
        }

        builder.Services.Configure<GatewayOptions>(builder.Configuration.GetSection(GatewayOptions.Section));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));

        // Runs first among the hosted services: tables exist and demo data is in before anything else starts.
        builder.Services.AddHostedService<GatewayStartup>();
        builder.Services.AddSingleton<GatewayDatabase>();
        builder.Services.AddSingleton<DemoSeeder>();
        builder.Services.AddSingleton<PopulationService>();
        builder.Services.AddStreets();
        builder.Services.AddSingleton<StartupReport>();
        builder.Services.AddGatewaySecurity();

        // The dispatch engine starts after the tables and demo data exist; it resumes what a crash left running.
        builder.Services.AddSingleton<DispatchHost>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DispatchHost>());
        builder.Services.AddSingleton<CampaignLeaseService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<CampaignLeaseService>());

        builder.Services.AddOperations(builder.Configuration);
        builder.Services.AddAlerts();
        builder.Services.AddCampaigns();
        builder.Services.AddCitizens();
        builder.Services.AddBilling();
        builder.Services.AddScheduling();
        builder.Services.AddWeb();
        builder.Services.AddForwardedProxies(builder.Configuration);

        var app = builder.Build();
        app.UseForwardedHeaders();
        app.UseOperations();
        app.UseAuthentication();
        app.UseWeb();
        app.UseKeyRateLimits();
        app.UseAuthorization();
        app.MapOperations();
        app.MapIdentity();
        app.MapKeysAdmin();
        app.MapAlerts();
        app.MapCampaigns();
        app.MapCitizens();
        app.MapBilling();
        app.MapScheduling();
        app.MapWeb();
        app.MapStreets();
        Transports.TransportEndpoints.MapTransports(app);
        return app;
    }
}

/// <summary>What the start-up did, for the banner and for tests.</summary>
public sealed class StartupReport
{
    public IReadOnlyList<DemoKey> DemoKeys { get; internal set; } = [];

    public IReadOnlyList<DemoAccount> DemoAccounts { get; internal set; } = [];

    public TimeSpan Elapsed { get; internal set; }
}

/// <summary>Creates the tables, seeds the demo data, builds the population; then prints the banner once listening.</summary>
internal sealed class GatewayStartup(
    GatewayDatabase database,
    DemoSeeder seeder,
    PopulationService population,
    StartupReport report,
    IHostApplicationLifetime lifetime,
    Microsoft.AspNetCore.Hosting.Server.IServer server,
    IOptions<GatewayOptions> options,
    TimeProvider time) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        report.DemoKeys = await seeder.SeedAsync(cancellationToken).ConfigureAwait(false);
        if (report.DemoKeys.Count > 0)
        {
            report.DemoAccounts = await seeder.SeedAccountsAsync(cancellationToken).ConfigureAwait(false);
        }
        _ = population.Directory.Count;
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        report.Elapsed = time.GetUtcNow() - process.StartTime.ToUniversalTime();
        lifetime.ApplicationStarted.Register(PrintBanner);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void PrintBanner()
    {
        var addresses = server.Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses ?? [];
        var url = addresses.FirstOrDefault() ?? "http://localhost:5000";
        var o = Console.Out;
        o.WriteLine();
        o.WriteLine($"BeAlert gateway ready {report.Elapsed.TotalSeconds:0.0} s after process start, on {string.Join(", ", addresses)}");
        o.WriteLine($"  storage:     {database.Description}");
        o.WriteLine($"  population:  {population.Directory.Count:N0} subscribers ({population.SyntheticCount:N0} synthetic)");
        o.WriteLine($"  transports:  {Transports.TransportSettingsValidator.Describe(options.Value.Transports)}");
        if (report.DemoKeys.Count > 0)
        {
            o.WriteLine("  demo access keys (shown once; only their hashes are stored):");
            foreach (var key in report.DemoKeys)
            {
                o.WriteLine($"    {key.Name,-12} {key.Key}  {key.Description}");
            }

            if (report.DemoAccounts.Count > 0)
            {
                o.WriteLine($"  demo console accounts ({url}/console; shown once):");
                foreach (var account in report.DemoAccounts)
                {
                    o.WriteLine($"    {account.UserName,-12} {account.Password}  {account.Description}");
                }
            }

            var commune = report.DemoKeys.FirstOrDefault(k => k.Name == DemoKeyNames.Commune);
            if (commune is not null)
            {
                o.WriteLine("  post a sample alert:");
                o.WriteLine($"    curl -i -H 'Authorization: Bearer {commune.Key}' -H 'Content-Type: application/cap+xml' --data-binary @samples/cap/be-fire-gent-nl-fr.xml {url}/api/alerts");
            }
        }
        else if (options.Value.Demo.Enabled)
        {
            o.WriteLine("  demo keys were printed on the first start (the database already had authorities).");
        }

        o.WriteLine($"  API reference: {url}/scalar   health: {url}/health");
        o.WriteLine();
    }
}
