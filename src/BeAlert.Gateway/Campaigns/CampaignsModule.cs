namespace BeAlert.Gateway.Campaigns;

/// <summary>The Campaigns module: registered by <see cref="Hosting.GatewayApp"/>.</summary>
public static class CampaignsModule
{
    public static IServiceCollection AddCampaigns(this IServiceCollection services) => services;

    public static WebApplication MapCampaigns(this WebApplication app) => app;
}
