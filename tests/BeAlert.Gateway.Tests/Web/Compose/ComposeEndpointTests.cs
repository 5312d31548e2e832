using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BeAlert.Cap;
using BeAlert.Gateway.Security;

namespace BeAlert.Gateway.Tests.Web.Compose;

/// <summary>The compose page's endpoints over HTTP: CAP built server-side, previews, counts, rights, bad input.</summary>
public sealed class ComposeEndpointTests : IDisposable
{
    /// <summary>A square around the centre of Gent (about 6 by 7 km).</summary>
    internal const string GentPolygon = "51.02,3.68 51.08,3.68 51.08,3.78 51.02,3.78 51.02,3.68";

    private readonly GatewayFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    internal static JsonObject Form(string? polygon = GentPolygon, string headlineNl = "Brand in de haven: houd ramen en deuren gesloten", bool withFrench = true, string instruction = "Blijf binnen en sluit ramen en deuren.")
    {
        var texts = new JsonObject
        {
            ["nl"] = new JsonObject { ["headline"] = headlineNl, ["description"] = "Grote brand in een loods aan de Kennedylaan.", ["instruction"] = instruction },
        };
        if (withFrench)
        {
            texts["fr"] = new JsonObject { ["headline"] = "Incendie dans le port : gardez portes et fenêtres fermées", ["description"] = "Important incendie dans un entrepôt.", ["instruction"] = "Restez à l'intérieur et fermez portes et fenêtres." };
        }

        return new JsonObject
        {
            ["texts"] = texts,
            ["event"] = "Industriebrand",
            ["category"] = "Fire",
            ["severity"] = "Severe",
            ["urgency"] = "Immediate",
            ["certainty"] = "Observed",
            ["responseType"] = "Shelter",
            ["status"] = "Actual",
            ["expiresHours"] = 6,
            ["channels"] = new JsonArray("sms", "email"),
            ["target"] = polygon is null ? new JsonObject() : new JsonObject { ["polygon"] = polygon },
        };
    }

    private static async Task<JsonElement> JsonOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    [Fact]
    public async Task Preview_CompleteForm_BuildsValidCapWithBothLanguagesAndPreviews()
    {
        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        using var response = await client.PostAsJsonAsync("/api/compose/preview", Form());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await JsonOf(response);
        Assert.True(json.GetProperty("valid").GetBoolean(), json.ToString());

        var xml = json.GetProperty("capXml").GetString()!;
        Assert.True(CapParser.Default.TryParse(xml, out var document, out _));
        Assert.True(new CapValidator(CapProfile.BeAlert).Validate(document!).IsValid);
        var alert = document!.Alert;
        Assert.Equal(json.GetProperty("identifier").GetString(), alert.Identifier);
        Assert.Equal(CapScope.Public, alert.Scope);
        Assert.Equal(["nl-BE", "fr-BE"], alert.Infos.Select(i => i.Language));
        Assert.All(alert.Infos, i => Assert.Single(i.Areas[0].Polygons));
        Assert.All(alert.Infos, i => Assert.Equal(CapSeverity.Severe, i.Severity));

        var previews = json.GetProperty("previews").EnumerateArray().ToList();
        Assert.Equal(["nl", "fr"], previews.Select(p => p.GetProperty("language").GetString()));
        var sms = previews[0].GetProperty("sms");
        Assert.Contains("Brand in de haven", sms.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.True(sms.GetProperty("segmentCount").GetInt32() >= 1);
        Assert.Equal("GSM-7", sms.GetProperty("encoding").GetString());
        Assert.NotEmpty(previews[0].GetProperty("cellBroadcast").GetProperty("pages").EnumerateArray());
        Assert.True(previews[0].GetProperty("voice").GetProperty("seconds").GetInt32() > 0);
        Assert.Contains("Brand", previews[0].GetProperty("email").GetProperty("subject").GetString(), StringComparison.Ordinal);
        Assert.NotEmpty(previews[0].GetProperty("signage").GetProperty("lines").EnumerateArray());
    }

    [Fact]
    public async Task Preview_HeadlineOutsideGsmAlphabet_IsUcs2()
    {
        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        using var response = await client.PostAsJsonAsync("/api/compose/preview", Form(headlineNl: "Brand ⚠ houd ramen en deuren gesloten", withFrench: false));
        var json = await JsonOf(response);
        Assert.Equal("UCS-2", json.GetProperty("previews")[0].GetProperty("sms").GetProperty("encoding").GetString());
    }

    [Fact]
    public async Task Preview_EmptyForm_ListsEveryMissingFieldWithout500()
    {
        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        using (var nothing = await client.PostAsJsonAsync("/api/compose/preview", new JsonObject { ["unknown"] = 1 }))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, nothing.StatusCode);
        }

        using var response = await client.PostAsJsonAsync("/api/compose/preview", new JsonObject { ["texts"] = new JsonObject(), ["target"] = new JsonObject() });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await JsonOf(response);
        Assert.False(json.GetProperty("valid").GetBoolean());
        var errors = json.GetProperty("errors");
        foreach (var field in new[] { "texts", "event", "severity", "urgency", "certainty", "channels", "target" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");
        }

        Assert.Equal(JsonValueKind.Null, json.GetProperty("capXml").ValueKind);
    }

    [Fact]
    public async Task Preview_NoInstruction_PutsBea010NextToTheInstructionField()
    {
        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        using var response = await client.PostAsJsonAsync("/api/compose/preview", Form(withFrench: false, instruction: ""));
        var json = await JsonOf(response);
        Assert.False(json.GetProperty("valid").GetBoolean());
        Assert.Contains(json.GetProperty("diagnostics").EnumerateArray(), d =>
            d.GetProperty("code").GetString() == "BEA010" && d.GetProperty("field").GetString() == "texts.nl.instruction");
        Assert.True(json.GetProperty("errors").TryGetProperty("texts.nl.instruction", out _));
    }

    [Fact]
    public async Task Preview_OnlyFrenchForGent_WarnsThatDutchIsMissing()
    {
        var form = Form(withFrench: true);
        form["texts"]!.AsObject().Remove("nl");
        form["target"] = new JsonObject { ["municipalities"] = new JsonArray(44021) };
        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        using var response = await client.PostAsJsonAsync("/api/compose/preview", form);
        var json = await JsonOf(response);
        Assert.Contains(json.GetProperty("diagnostics").EnumerateArray(), d =>
            d.GetProperty("code").GetString() == "BEA003" && d.GetProperty("severity").GetString() == "Warning");
    }

    [Theory]
    [InlineData("severity", "Terrible")]
    [InlineData("urgency", "1")]
    [InlineData("status", "Draft")]
    [InlineData("category", "Weather")]
    public async Task Preview_BadEnumeration_IsAFieldError(string field, string value)
    {
        var form = Form();
        form[field] = value;
        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        using var response = await client.PostAsJsonAsync("/api/compose/preview", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await JsonOf(response);
        Assert.False(json.GetProperty("valid").GetBoolean());
        Assert.True(json.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Preview_OversizedHeadlineAndBadPolygon_AreFieldErrors()
    {
        var form = Form(polygon: "51.0,3.7 nonsense", headlineNl: new string('x', 161));
        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        using var response = await client.PostAsJsonAsync("/api/compose/preview", form);
        var errors = (await JsonOf(response)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("texts.nl.headline", out _));
        Assert.True(errors.TryGetProperty("target", out _));
    }

    [Fact]
    public async Task Preview_MalformedJson_Is400AndWrongTypeIs415AndHugeIs413()
    {
        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        using (var malformed = await client.PostAsync("/api/compose/preview", new StringContent("{\"texts\": [", Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        }

        using (var xml = await client.PostAsync("/api/compose/preview", new StringContent("<alert/>", Encoding.UTF8, "application/xml")))
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, xml.StatusCode);
        }

        var huge = "{\"event\":\"" + new string('a', 300_000) + "\"}";
        using var large = await client.PostAsync("/api/compose/preview", new StringContent(huge, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
    }

    [Fact]
    public async Task Preview_WithoutKey_Is401()
    {
        using var client = _factory.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/compose/preview", Form());
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Audience_PolygonOverGent_CountsPeopleAndAddresses()
    {
        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        using var response = await client.PostAsJsonAsync("/api/compose/audience", new { target = new { polygon = GentPolygon }, channels = new[] { "sms" } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await JsonOf(response);
        var people = json.GetProperty("people").GetInt64();
        Assert.True(people > 0, json.ToString());
        Assert.True(json.GetProperty("addresses").GetInt64() >= people);
        Assert.True(json.GetProperty("allowed").GetBoolean());

        using var municipality = await client.PostAsJsonAsync("/api/compose/audience", new { target = new { municipalities = new[] { 44021 } } });
        var whole = (await JsonOf(municipality)).GetProperty("people").GetInt64();
        Assert.True(whole >= people, $"the municipality ({whole}) holds at least the square ({people})");
    }

    [Fact]
    public async Task Audience_OutsideTerritory_Is403WithTheReasonsAndNoCounts()
    {
        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        using var response = await client.PostAsJsonAsync("/api/compose/audience", new { target = new { municipalities = new[] { 21004 } } }); // Brussels
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var json = await JsonOf(response);
        Assert.NotEmpty(json.GetProperty("reasons").EnumerateArray());
        Assert.False(json.TryGetProperty("people", out _), json.ToString());
        Assert.False(json.TryGetProperty("addresses", out _), json.ToString());
        Assert.False(json.TryGetProperty("recipients", out _), json.ToString());

        // The campaign API answers the same target the same way.
        var cap = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Samples", "be-fire-gent-nl-fr.xml"));
        using var estimate = await client.PostAsJsonAsync("/api/campaigns/estimate", new { capXml = cap, channels = new[] { "sms" }, audience = new { municipalities = new[] { 21004 } } });
        Assert.Equal(HttpStatusCode.Forbidden, estimate.StatusCode);
        Assert.Equal((await JsonOf(estimate)).GetProperty("title").GetString(), json.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Audience_ProvinceAskingForAnotherProvincesMunicipality_Is403WithoutCounts()
    {
        using var client = _factory.CreateClient(DemoKeyNames.Province);
        using var response = await client.PostAsJsonAsync("/api/compose/audience", new { target = new { municipalities = new[] { 44021 } }, channels = new[] { "sms" } }); // Gent, in East Flanders
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False((await JsonOf(response)).TryGetProperty("people", out _));
    }

    [Fact]
    public async Task Audience_NoTarget_Is422()
    {
        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        using var response = await client.PostAsJsonAsync("/api/compose/audience", new { target = new { } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }

    [Fact]
    public async Task SchoolBoard_PopulationTarget_IsRefusedByComposeAndByTheCampaignApi()
    {
        using var client = _factory.CreateClient(DemoKeyNames.SchoolBoard);
        using (var audience = await client.PostAsJsonAsync("/api/compose/audience", new { target = new { municipalities = new[] { 24062 } } }))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, audience.StatusCode);
        }

        var form = Form(polygon: "50.87,4.69 50.89,4.69 50.89,4.71 50.87,4.71");
        using (var preview = await client.PostAsJsonAsync("/api/compose/preview", form))
        {
            var json = await JsonOf(preview);
            Assert.False(json.GetProperty("valid").GetBoolean());
            Assert.Contains("type 2", json.GetProperty("errors").GetProperty("target")[0].GetString(), StringComparison.Ordinal);
        }

        // Forced: a public CAP alert to the population, straight to the APIs.
        var cap = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Samples", "be-fire-gent-nl-fr.xml"));
        using (var campaign = await client.PostAsJsonAsync("/api/campaigns", new { capXml = cap, channels = new[] { "sms" }, audience = new { municipalities = new[] { 24062 } } }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, campaign.StatusCode);
        }

        using var alert = await client.PostAsync("/api/alerts", new StringContent(cap, Encoding.UTF8, "application/cap+xml"));
        Assert.Equal(HttpStatusCode.Forbidden, alert.StatusCode);
    }

    [Fact]
    public async Task SchoolBoard_GroupTarget_BuildsARestrictedAlert()
    {
        using var client = _factory.CreateClient(DemoKeyNames.SchoolBoard);
        var form = Form(withFrench: false);
        form["target"] = new JsonObject { ["groups"] = new JsonArray(1) };
        using var response = await client.PostAsJsonAsync("/api/compose/preview", form);
        var json = await JsonOf(response);
        Assert.True(json.GetProperty("valid").GetBoolean(), json.ToString());
        Assert.True(CapParser.Default.TryParse(json.GetProperty("capXml").GetString()!, out var document, out _));
        Assert.Equal(CapScope.Restricted, document!.Alert.Scope);
        Assert.Contains("SIMULATIE", json.GetProperty("previews")[0].GetProperty("sms").GetProperty("text").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Compose_PreviewThenAlertThenCampaign_StartsTheCampaign()
    {
        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        using var previewResponse = await client.PostAsJsonAsync("/api/compose/preview", Form());
        var preview = await JsonOf(previewResponse);
        var xml = preview.GetProperty("capXml").GetString()!;
        var audience = preview.GetProperty("audience");

        using var estimate = await client.PostAsJsonAsync("/api/campaigns/estimate", new { capXml = xml, channels = new[] { "sms", "email" }, audience });
        Assert.Equal(HttpStatusCode.OK, estimate.StatusCode);
        Assert.True((await JsonOf(estimate)).GetProperty("estimate").GetProperty("totalCost").GetDecimal() > 0);

        using var posted = await client.PostAsync("/api/alerts", new StringContent(xml, Encoding.UTF8, "application/cap+xml"));
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);

        using var campaign = await client.PostAsJsonAsync("/api/campaigns", new { alertId = preview.GetProperty("identifier").GetString(), channels = new[] { "sms", "email" }, audience });
        Assert.Equal(HttpStatusCode.Accepted, campaign.StatusCode);
        Assert.False(string.IsNullOrEmpty((await JsonOf(campaign)).GetProperty("id").GetString()));
    }

    [Fact]
    public async Task FromTemplate_FillsTheForm_AndUnknownIs404()
    {
        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        var cap = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Samples", "be-fire-gent-nl-fr.xml"));
        using var created = await client.PostAsJsonAsync("/api/templates", new { name = "Brand haven", capXml = cap, channels = new[] { "sms", "voice" }, audience = new { municipalities = new[] { 44021 } } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await JsonOf(created)).GetProperty("id").GetString();

        using var response = await client.GetAsync(new Uri("/api/compose/templates/" + id, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var form = await JsonOf(response);
        Assert.Equal("Industriebrand", form.GetProperty("event").GetString());
        Assert.Equal("Severe", form.GetProperty("severity").GetString());
        Assert.StartsWith("Incendie", form.GetProperty("texts").GetProperty("fr").GetProperty("headline").GetString(), StringComparison.Ordinal);
        Assert.Equal(44021, form.GetProperty("target").GetProperty("municipalities")[0].GetInt32());
        Assert.Equal(["sms", "voice"], form.GetProperty("channels").EnumerateArray().Select(c => c.GetString()));

        using var other = _factory.CreateClient(DemoKeyNames.Province);
        using var foreign = await other.GetAsync(new Uri("/api/compose/templates/" + id, UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }

    [Fact]
    public async Task ComposePage_WithoutSignIn_RedirectsToSignIn()
    {
        using var client = _factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var response = await client.GetAsync(new Uri("/console/compose", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/console/sign-in", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }
}
