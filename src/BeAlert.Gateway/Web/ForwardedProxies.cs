using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace BeAlert.Gateway.Web;

/// <summary>
/// Behind a TLS-terminating reverse proxy: <c>BeAlert:Hosting:ForwardedHeaders:KnownProxies</c> (IP addresses) and/or
/// <c>…:KnownNetworks</c> (CIDR, e.g. <c>10.0.0.0/8</c>) name the proxies whose <c>X-Forwarded-For</c> and
/// <c>X-Forwarded-Proto</c> headers are believed. From them, the request's scheme is the client's (https), so the
/// console cookie, its CSRF cookie and the language cookie are sent with <c>Secure</c>; and the client address is the
/// real client's, so the per-address limits (sign-in throttle, anonymous rate limit, public stream cap) count clients,
/// not the proxy. Nothing configured: the headers are ignored (the default, also for loopback), because a client could
/// otherwise claim any address or scheme.
/// </summary>
public static class ForwardedProxies
{
    public const string Section = "BeAlert:Hosting:ForwardedHeaders";

    /// <summary>
    /// Checks the settings now (a bad address stops the start-up) and applies them to the forwarded-headers middleware
    /// (<c>UseForwardedHeaders</c>, which does nothing while no proxy is configured).
    /// </summary>
    public static IServiceCollection AddForwardedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var (_, _, errors) = Read(configuration);
        if (errors.Count > 0)
        {
            throw new Hosting.GatewayConfigurationException(errors);
        }

        services.AddOptions<ForwardedHeadersOptions>().Configure<IConfiguration>(Apply);
        return services;
    }

    private static void Apply(ForwardedHeadersOptions o, IConfiguration configuration)
    {
        var (addresses, ranges, _) = Read(configuration);
        o.KnownProxies.Clear();
        o.KnownIPNetworks.Clear();
        o.ForwardLimit = 1;
        if (addresses.Count == 0 && ranges.Count == 0)
        {
            // With no known proxy the middleware would believe every client: believe none.
            o.ForwardedHeaders = ForwardedHeaders.None;
            return;
        }

        o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        foreach (var address in addresses)
        {
            o.KnownProxies.Add(address);
        }

        foreach (var range in ranges)
        {
            o.KnownIPNetworks.Add(range);
        }
    }

    private static (List<IPAddress> Addresses, List<System.Net.IPNetwork> Networks, List<string> Errors) Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        var addresses = new List<IPAddress>();
        var ranges = new List<System.Net.IPNetwork>();
        var errors = new List<string>();
        foreach (var text in section.GetSection("KnownProxies").Get<string[]>() ?? [])
        {
            if (IPAddress.TryParse(text, out var address))
            {
                addresses.Add(address);
            }
            else
            {
                errors.Add($"{Section}:KnownProxies: '{text}' is not an IP address.");
            }
        }

        foreach (var text in section.GetSection("KnownNetworks").Get<string[]>() ?? [])
        {
            if (System.Net.IPNetwork.TryParse(text, out var network))
            {
                ranges.Add(network);
            }
            else
            {
                errors.Add($"{Section}:KnownNetworks: '{text}' is not a network in CIDR notation (e.g. 10.0.0.0/8).");
            }
        }

        return (addresses, ranges, errors);
    }
}
