using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BeAlert.TestUtils.Peers;

/// <summary>
/// A Kestrel server on 127.0.0.1 with a port chosen by the system, started in-process by a test and stopped when
/// disposed. The peers (test CBC, voice provider, signage receiver) map their endpoints on it.
/// </summary>
public sealed class LocalHttpPeer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LocalHttpPeer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>The peer's base address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Address { get; }

    /// <summary>Starts a server with the endpoints <paramref name="map"/> adds.</summary>
    public static async Task<LocalHttpPeer> StartAsync(Action<WebApplication> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 16 * 1024 * 1024);
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return new LocalHttpPeer(app, new Uri(addresses.First().TrimEnd('/') + "/"));
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }
}
