using BeAlert.Gateway.Citizens;
using BeAlert.Gateway.Hosting;
using BeAlert.Gateway.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace BeAlert.Gateway.Campaigns;

/// <summary>The Campaigns module: registered by <see cref="Hosting.GatewayApp"/>.</summary>
public static class CampaignsModule
{
    public static IServiceCollection AddCampaigns(this IServiceCollection services)
    {
        services.AddSingleton<ISchemaPart, CampaignSchema>();
        services.AddSingleton(sp => new SimulationSink(sp.GetRequiredService<IOptions<GatewayOptions>>().Value.Simulation.SinkFile, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<CampaignStore>();
        services.AddSingleton<TemplateStore>();
        services.AddSingleton<CampaignService>();
        services.AddSingleton<ICampaignLauncher>(sp => sp.GetRequiredService<CampaignService>());
        services.AddSingleton<CampaignCommandBuilder>();
        services.AddOptions<CampaignCommandOptions>()
            .BindConfiguration(CampaignCommandOptions.Section)
            .Validate(o => o.Validate().Count == 0, "BeAlert:CampaignCommands is invalid")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<CampaignCommandOptions>, CommandOptionsValidation>();
        services.AddSingleton<ISchemaPart, CampaignCommandSchema>();
        services.AddSingleton<CampaignCommandStore>();
        services.AddSingleton<CampaignCommandProcessor>();
        services.AddSingleton<Alerts.IAlertCommitHook, CampaignAlertCommands>();
        services.TryAddSingleton<IAudienceSources, NoAudienceSources>();
        services.TryAddSingleton<ICampaignAlertSource, AlertsTableSource>();

        // Registered after the dispatch host: runs once the engine has resumed what a crash left running.
        services.AddHostedService<CampaignRecovery>();
        services.AddHostedService(sp => sp.GetRequiredService<CampaignCommandProcessor>());
        return services;
    }

    public static WebApplication MapCampaigns(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        CampaignEndpoints.Map(app);
        TemplateEndpoints.Map(app);
        return app;
    }

    /// <summary>Lists every problem of the section at once.</summary>
    private sealed class CommandOptionsValidation : IValidateOptions<CampaignCommandOptions>
    {
        public ValidateOptionsResult Validate(string? name, CampaignCommandOptions options)
        {
            var errors = options.Validate();
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}
