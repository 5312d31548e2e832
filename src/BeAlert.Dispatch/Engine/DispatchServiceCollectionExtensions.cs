using BeAlert.Dispatch;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the dispatch engine.</summary>
public static class DispatchServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="DispatchEngine"/> as a singleton, built from the registered <see cref="IDeliveryStore"/> (an
    /// <see cref="InMemoryDeliveryStore"/> unless one is registered), every registered <see cref="IDeliveryTransport"/>,
    /// <see cref="TimeProvider"/> (the system clock unless one is registered) and the logger factory. Uses TryAdd:
    /// registrations made before win. Call <see cref="DispatchEngine.StartAsync"/> once at start-up.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Changes the default options.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddBeAlertDispatch(this IServiceCollection services, Action<DispatchOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new DispatchOptions();
        configure?.Invoke(options);
        options.Validate();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IDeliveryStore, InMemoryDeliveryStore>();
        services.TryAddSingleton(sp => new DispatchEngine(
            sp.GetRequiredService<IDeliveryStore>(),
            sp.GetServices<IDeliveryTransport>(),
            options,
            sp.GetService<TimeProvider>(),
            sp.GetService<ILoggerFactory>()));
        return services;
    }

    /// <summary>Adds a <see cref="SimulationTransport"/> endpoint (one per call; give each its own name per channel).</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the channel, name, latency, failure rates and seed.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddBeAlertSimulationTransport(this IServiceCollection services, Action<SimulationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new SimulationOptions();
        configure?.Invoke(options);
        options.Validate();
        services.AddSingleton<IDeliveryTransport>(sp => new SimulationTransport(options, sp.GetService<TimeProvider>()));
        return services;
    }
}
