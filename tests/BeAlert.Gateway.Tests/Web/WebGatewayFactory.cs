using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace BeAlert.Gateway.Tests.Web;

/// <summary>The gateway on a real Kestrel socket (127.0.0.1, a free port) so a real browser can load its pages.</summary>
public sealed class WebGatewayFactory : GatewayFactory
{
    public WebGatewayFactory()
    {
        UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
    }

    /// <summary>Starts the server (once) and returns its base address, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl
    {
        get
        {
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
            return addresses.First().TrimEnd('/');
        }
    }
}
