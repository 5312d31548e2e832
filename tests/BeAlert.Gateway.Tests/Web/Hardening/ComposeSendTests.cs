using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BeAlert.Gateway.Security;
using BeAlert.Gateway.Tests.Web.Compose;

namespace BeAlert.Gateway.Tests.Web.Hardening;

/// <summary><c>POST /api/compose/send</c>: the alert and its campaign in one step; a refused campaign publishes nothing.</summary>
public sealed class ComposeSendTests : IDisposable
{
    /// <summary>A square of about 35 by 55 metres in Gent, where none of the synthetic population lives.</summary>
    private const string EmptySquare = "51.04000,3.72000 51.04050,3.72000 51.04050,3.72050 51.04000,3.72050 51.04000,3.72000";

    private readonly GatewayFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private static async Task<JsonElement> JsonOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    [Fact]
    public async Task Send_ValidForm_PublishesTheAlertAndStartsItsCampaign()
    {
        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        var form = ComposeEndpointTests.Form();
        form["name"] = "Brand haven (compose)";
        using var response = await client.PostAsJsonAsync("/api/compose/send", form);
        var json = await JsonOf(response);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, json.ToString());
        var campaignId = json.GetProperty("campaign").GetProperty("id").GetString();
        var identifier = json.GetProperty("alert").GetProperty("identifier").GetString()!;
        Assert.Equal($"/api/campaigns/{campaignId}", response.Headers.Location?.OriginalString);
        Assert.Equal("Brand haven (compose)", json.GetProperty("campaign").GetProperty("name").GetString());

        var alerts = await client.GetStringAsync(new Uri("/api/alerts", UriKind.Relative));
        Assert.Contains(identifier, alerts, StringComparison.Ordinal);
        using var campaign = await client.GetAsync(new Uri($"/api/campaigns/{campaignId}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, campaign.StatusCode);
        Assert.Equal(identifier, (await JsonOf(campaign)).GetProperty("alertIdentifier").GetString());
    }

    [Fact]
    public async Task Send_CampaignWithEmptyAudience_Is422AndPublishesNoAlert()
    {
        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        using (var audience = await client.PostAsJsonAsync("/api/compose/audience", new { target = new { polygon = EmptySquare }, channels = new[] { "sms", "email" } }))
        {
            var counted = await JsonOf(audience);
            Assert.True(audience.StatusCode == HttpStatusCode.OK && counted.GetProperty("people").GetInt64() == 0, $"precondition: nobody lives in the square ({counted})");
        }

        var before = await AlertCountAsync(client);
        using var response = await client.PostAsJsonAsync("/api/compose/send", ComposeEndpointTests.Form(polygon: EmptySquare));
        var json = await JsonOf(response);
        Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, json.ToString());
        Assert.True(json.GetProperty("errors").TryGetProperty("audience", out _), json.ToString());
        Assert.Equal(before, await AlertCountAsync(client));
        var geojson = await client.GetStringAsync(new Uri("/api/public/alerts.geojson", UriKind.Relative));
        Assert.DoesNotContain("Brand in de haven", geojson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_TargetOutsideTheAuthority_IsRefusedAndPublishesNoAlert()
    {
        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        var before = await AlertCountAsync(client);
        var form = ComposeEndpointTests.Form(polygon: null);
        form["target"] = new JsonObject { ["municipalities"] = new JsonArray(21004) }; // Brussels
        using var response = await client.PostAsJsonAsync("/api/compose/send", form);
        Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.UnprocessableEntity, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal(before, await AlertCountAsync(client));
    }

    [Fact]
    public async Task Send_InvalidForm_Is422WithTheFieldErrors()
    {
        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        var form = ComposeEndpointTests.Form();
        form["severity"] = "Apocalyptic";
        using var response = await client.PostAsJsonAsync("/api/compose/send", form);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.True((await JsonOf(response)).GetProperty("errors").TryGetProperty("severity", out _));
    }

    [Theory]
    [InlineData("text/plain", "{}", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("application/json", "{ not json", HttpStatusCode.BadRequest)]
    [InlineData("application/json", "{\"unknown\": 1}", HttpStatusCode.UnprocessableEntity)]
    public async Task Send_BadBody_Is4xx(string contentType, string body, HttpStatusCode expected)
    {
        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        using var content = new StringContent(body, Encoding.UTF8, contentType);
        using var response = await client.PostAsync(new Uri("/api/compose/send", UriKind.Relative), content);
        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Send_OversizedBody_Is413()
    {
        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        var form = ComposeEndpointTests.Form();
        form["texts"]!["nl"]!["description"] = new string('x', 3_000_000);
        using var response = await client.PostAsJsonAsync("/api/compose/send", form);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Send_WithoutKey_Is401()
    {
        using var client = _factory.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/compose/send", ComposeEndpointTests.Form());
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static async Task<int> AlertCountAsync(HttpClient client)
    {
        using var json = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/alerts?limit=1000", UriKind.Relative)));
        return json.RootElement.GetArrayLength();
    }
}
