using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BeAlert.Gateway.Tests.Web.Hardening;

/// <summary>The public event stream's per-address cap, and its prompt end when the host stops.</summary>
public sealed class PublicStreamHardeningTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly GatewayFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Events_MoreStreamsFromOneAddressThanItsCap_Is429_AClosedOneFreesItsPlace()
    {
        _factory.Settings["BeAlert:Alerts:MaxPublicStreamsPerAddress"] = "2";
        using var cts = new CancellationTokenSource(Bound);
        var open = new List<(HttpClient Client, HttpResponseMessage Response, StreamReader Reader)>();
        try
        {
            for (var i = 0; i < 2; i++)
            {
                var (client, response, reader) = await OpenAsync(cts.Token);
                open.Add((client, response, reader));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.StartsWith("retry:", await reader.ReadLineAsync(cts.Token), StringComparison.Ordinal);
            }

            var (extraClient, extra, _) = await OpenAsync(cts.Token);
            using (extraClient)
            using (extra)
            {
                Assert.Equal(HttpStatusCode.TooManyRequests, extra.StatusCode);
                Assert.Equal("application/problem+json", extra.Content.Headers.ContentType?.MediaType);
                Assert.NotNull(extra.Headers.RetryAfter);
            }

            // The server notices a closed stream when it next writes (a heartbeat, or the next event): retry until then.
            open[0].Reader.Dispose();
            open[0].Response.Dispose();
            open[0].Client.Dispose();
            open.RemoveAt(0);
            while (true)
            {
                var (client, response, reader) = await OpenAsync(cts.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    open.Add((client, response, reader));
                    break;
                }

                Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
                response.Dispose();
                client.Dispose();
                await Task.Delay(200, cts.Token);
            }
        }
        finally
        {
            foreach (var (client, response, reader) in open)
            {
                reader.Dispose();
                response.Dispose();
                client.Dispose();
            }
        }
    }

    [Fact]
    public async Task Events_HostStopping_EndsOpenStreamsAtOnce()
    {
        using var cts = new CancellationTokenSource(Bound);
        var (client, response, reader) = await OpenAsync(cts.Token);
        using (client)
        using (response)
        using (reader)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.StartsWith("retry:", await reader.ReadLineAsync(cts.Token), StringComparison.Ordinal);

            _factory.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();

            // The body ends (end of stream) well before the bound; without the link to ApplicationStopping it ran on
            // with heartbeats until the bound cancelled the read.
            while (await reader.ReadLineAsync(cts.Token) is not null)
            {
            }

            Assert.False(cts.IsCancellationRequested);
        }
    }

    private async Task<(HttpClient Client, HttpResponseMessage Response, StreamReader Reader)> OpenAsync(CancellationToken cancellationToken)
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Accept.ParseAdd("text/event-stream");
        var response = await client.GetAsync(new Uri("/api/public/events", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        return (client, response, reader);
    }
}
