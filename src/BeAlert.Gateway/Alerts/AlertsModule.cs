using BeAlert.Gateway.Storage;
using Microsoft.Extensions.Options;

namespace BeAlert.Gateway.Alerts;

/// <summary>
/// The Alerts module ("CAP in, CAP out"): operators post CAP, everyone reads it back in the form they need — the
/// original XML, JSON, GeoJSON, vendor Atom/RSS feeds, server-sent events and signed webhooks, and the public map
/// feeds. Registered by <see cref="Hosting.GatewayApp"/>.
/// </summary>
public static class AlertsModule
{
    public static IServiceCollection AddAlerts(this IServiceCollection services)
    {
        services.AddOptions<AlertsOptions>()
            .BindConfiguration(AlertsOptions.Section)
            .Validate(o => o.Validate().Count == 0, "BeAlert:Alerts is invalid")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AlertsOptions>, AlertsOptionsValidation>();
        services.AddSingleton<ISchemaPart, AlertsSchema>();
        services.AddSingleton<AlertStore>();
        services.AddSingleton<ActiveAlertSet>();
        services.AddSingleton<AlertEventHub>();
        services.AddSingleton<AlertIngest>();
        services.AddSingleton<WebhookStore>();
        services.AddSingleton<AlertFollower>();
        services.AddHostedService(sp => sp.GetRequiredService<AlertFollower>()); // before the sweeper loads the active set
        services.AddHostedService<AlertExpirySweeper>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
        services.AddOptions<WebhookTargetOptions>().BindConfiguration(WebhookTargetOptions.Section);
        services.AddHttpClient(WebhookDispatcher.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                ConnectCallback = WebhookTargets.ConnectAsync(() => sp.GetRequiredService<IOptionsMonitor<WebhookTargetOptions>>().CurrentValue.AllowPrivateTargets),
            })
            .ConfigureHttpClient(c => c.Timeout = Timeout.InfiniteTimeSpan);
        return services;
    }

    public static WebApplication MapAlerts(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        AlertEndpoints.Map(app);
        FeedEndpoints.Map(app);
        PublicAlertEndpoints.Map(app);
        return app;
    }

    /// <summary>Lists every problem of the section at once.</summary>
    private sealed class AlertsOptionsValidation : IValidateOptions<AlertsOptions>
    {
        public ValidateOptionsResult Validate(string? name, AlertsOptions options)
        {
            var errors = options.Validate();
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}
