using BeAlert.Gateway.Campaigns;
using BeAlert.Gateway.Tests.Citizens;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace BeAlert.Gateway.Tests.Web.Citizen;

/// <summary>
/// The gateway on a real Kestrel socket (127.0.0.1) for the browser, with <see cref="Sent"/> recording what reaches
/// the simulation transports, so a test can read the one-time code a citizen would get by SMS or e-mail.
/// </summary>
public sealed class CitizenWebFactory : GatewayFactory
{
    public CitizenWebFactory()
    {
        UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
    }

    public SentMessages Sent { get; } = new();

    /// <summary>Starts the server (once) and returns its base address.</summary>
    public string BaseUrl
    {
        get
        {
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
            return addresses.First().TrimEnd('/');
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IDeliveryTransportWrapper>(Sent));
    }
}
