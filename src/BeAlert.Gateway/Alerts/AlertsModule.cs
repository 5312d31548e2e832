namespace BeAlert.Gateway.Alerts;

/// <summary>The Alerts module: registered by <see cref="Hosting.GatewayApp"/>.</summary>
public static class AlertsModule
{
    public static IServiceCollection AddAlerts(this IServiceCollection services) => services;

    public static WebApplication MapAlerts(this WebApplication app) => app;
}
