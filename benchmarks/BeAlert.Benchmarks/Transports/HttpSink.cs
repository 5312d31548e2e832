using BeAlert.TestUtils.Peers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace BeAlert.Benchmarks.Transports;

/// <summary>
/// The benchmarks' peer: the tests' <see cref="LocalHttpPeer"/> (in-process Kestrel on 127.0.0.1) with endpoints that
/// read each request body and answer at once: 204 for a signage hook, 200 for the ECBE message resource. The same peer
/// serves the raw HttpClient baseline and the transports.
/// </summary>
public static class HttpSink
{
    public static LocalHttpPeer Start() => LocalHttpPeer.StartAsync(app =>
    {
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
    }).GetAwaiter().GetResult();
}
