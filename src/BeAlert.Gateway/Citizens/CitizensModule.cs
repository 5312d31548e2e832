using BeAlert.Gateway.Campaigns;
using BeAlert.Gateway.Storage;

namespace BeAlert.Gateway.Citizens;

/// <summary>
/// The Citizens module: public registration with one-time codes, citizens' self-service (GDPR), operators' groups and
/// contact lists, and <see cref="IAudienceSources"/> for campaigns. Registered by <see cref="Hosting.GatewayApp"/>.
/// </summary>
public static class CitizensModule
{
    public static IServiceCollection AddCitizens(this IServiceCollection services)
    {
        services.AddSingleton<ISchemaPart, CitizensSchema>();
        services.AddSingleton<CitizenStore>();
        services.AddSingleton<GroupStore>();
        services.AddSingleton<VerificationSender>();
        services.AddSingleton<DeliverySuppression>();
        services.AddSingleton<CitizenErasure>();
        services.AddSingleton<IDeliveryTransportWrapper>(sp => sp.GetRequiredService<DeliverySuppression>());
        services.AddSingleton<CitizenPopulation>();
        services.AddHostedService(sp => sp.GetRequiredService<CitizenPopulation>());
        services.AddSingleton<IAudienceSources, AudienceSources>();
        return services;
    }

    public static WebApplication MapCitizens(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        CitizenEndpoints.Map(app);
        GroupEndpoints.Map(app);
        return app;
    }
}
