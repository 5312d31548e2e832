using System.Net;
using System.Text;
using BeAlert.Dispatch;
using BeAlert.Gateway.Campaigns;
using BeAlert.Gateway.Transports;

namespace BeAlert.Gateway.Tests.Transports;

/// <summary>POST /api/transports/voice/callback: signed callbacks only, size-limited, 404 when no provider is configured.</summary>
public sealed class VoiceCallbackTests
{
    private const string Secret = "voice-callback-secret-0123456789";

    [Fact]
    public async Task Callback_NoVoiceProviderConfigured_Is404()
    {
        using var factory = new GatewayFactory();
        using var client = factory.CreateClient();
        using var response = await client.PostAsync(new Uri("/api/transports/voice/callback", UriKind.Relative), new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Callback_WithProviderConfigured_ChecksSignatureBodyAndSize()
    {
        using var factory = new GatewayFactory();
        factory.Settings["BeAlert:Transports:Voice:Endpoint"] = "http://127.0.0.1:9/";
        factory.Settings["BeAlert:Transports:Voice:CallbackUrl"] = "http://127.0.0.1:9/api/transports/voice/callback";
        factory.Settings["BeAlert:Transports:Voice:CallbackSecret"] = Secret;
        factory.Settings["BeAlert:Transports:Voice:MaxCallbackBytes"] = "1024";
        using var client = factory.CreateClient();
        var routing = factory.Service<DispatchHost>().Transports.OfType<SimulationRoutingTransport>().Single();
        Assert.Equal(DeliveryChannel.Voice, routing.Channel);
        await routing.Ready.WaitAsync(TimeSpan.FromSeconds(30));
        var now = factory.Service<TimeProvider>().GetUtcNow();

        var body = """{"call_id":"never-made","status":"answered","duration_s":3}"""u8.ToArray();
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(client, body, null));
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(client, body, SignageSignature.Compute("another-secret-0123456789", now, body)));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(client, body, SignageSignature.Compute(Secret, now, body))); // unknown call: acknowledged
        var malformed = "{\"call_id\":"u8.ToArray();
        Assert.Equal(HttpStatusCode.BadRequest, await PostAsync(client, malformed, SignageSignature.Compute(Secret, now, malformed)));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, await PostAsync(client, new byte[4096], null));
    }

    private static async Task<HttpStatusCode> PostAsync(HttpClient client, byte[] body, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/transports/voice/callback") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation(TransportEndpoints.SignatureHeader, signature);
        }

        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
