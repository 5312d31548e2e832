namespace BeAlert.Gateway.Citizens;

/// <summary>The Citizens module: registered by <see cref="Hosting.GatewayApp"/>.</summary>
public static class CitizensModule
{
    public static IServiceCollection AddCitizens(this IServiceCollection services) => services;

    public static WebApplication MapCitizens(this WebApplication app) => app;
}
