namespace BeAlert.Gateway.Operations;

/// <summary>The Operations module: registered by <see cref="Hosting.GatewayApp"/>.</summary>
public static class OperationsModule
{
    public static IServiceCollection AddOperations(this IServiceCollection services) => services;

    /// <summary>Middleware that must run before authentication (exception handling, request logging).</summary>
    public static WebApplication UseOperations(this WebApplication app) => app;

    public static WebApplication MapOperations(this WebApplication app) => app;
}
