using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BeAlert.Benchmarks.Transports;

/// <summary>
/// An in-process Kestrel peer on 127.0.0.1 that reads each request body and answers at once: 204 for a signage hook,
/// 200 for the ECBE message resource. The same peer serves the raw HttpClient baseline and the transports.
/// </summary>
public sealed class HttpSink : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HttpSink(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static HttpSink Start()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/hook", async (HttpContext c) =>
        {
            await c.Request.Body.CopyToAsync(Stream.Null);
            c.Response.StatusCode = 204;
        });
        app.MapPost("/api/ecbe/v1/message", async (HttpContext c) =>
        {
            await c.Request.Body.CopyToAsync(Stream.Null);
            await c.Response.WriteAsync("message created");
        });
        app.MapDelete("/api/ecbe/v1/message/{id}", () => "message deleted");
        app.StartAsync().GetAwaiter().GetResult();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new HttpSink(app, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
