using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using BeAlert.Dispatch;
using BeAlert.Gateway.Audit;
using BeAlert.Gateway.Population;
using BeAlert.Gateway.Security;
using BeAlert.Gateway.Tests.Web.Compose;
using BeAlert.Gateway.Web.Geo;

namespace BeAlert.Gateway.Tests.Web.Streets;

/// <summary>
/// GET /api/streets and the street part of campaign audiences over HTTP: search (prefix, substring, case and accents),
/// counts, bad input, authority, and streets in /api/campaigns, /api/compose/audience and /api/compose/send.
/// </summary>
public sealed class StreetApiTests : IDisposable
{
    private readonly GatewayFactory _factory = new();

    public StreetApiTests() => AddResidents(_factory);

    public void Dispose() => _factory.Dispose();

    /// <summary>
    /// Registered residents with real street names (the synthetic population has made-up ones): two people on
    /// Sint-Pietersnieuwstraat in Gent (numbers 5 and 41), one on Sint-Amandsstraat, one on Rue de l'Église in Liège.
    /// Added before the street index is first used, so its first build has them.
    /// </summary>
    internal static void AddResidents(GatewayFactory factory)
    {
        var population = factory.Service<PopulationService>();
        var id = PopulationService.CitizenIdBase + 900_000;
        Subscriber Resident(string street, string number, int nis, double lat, double lon) =>
            new(++id, [], [$"resident{id - PopulationService.CitizenIdBase}@example.org"], [new SubscriberAddress(street, number, nis, lat, lon)], ["nl"], DeliveryChannels.Email);
        population.Mutate(d =>
        {
            d.Add(Resident("Sint-Pietersnieuwstraat", "5", 44021, 51.0445, 3.7265));
            d.Add(Resident("Sint-Pietersnieuwstraat", "41", 44021, 51.0430, 3.7270));
            d.Add(Resident("Sint-Amandsstraat", "12B", 44021, 51.0432, 3.7290));
            d.Add(Resident("Rue de l'Église", "3", 62063, 50.6330, 5.5670));
        });
    }

    private static async Task<JsonElement> JsonOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private static string Cap() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", "be-fire-gent-nl-fr.xml"));

    [Fact]
    public async Task Search_SintInGent_FindsBothSaintStreetsWithCountsAndNumbers()
    {
        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        using var response = await client.GetAsync(new Uri("/api/streets?nis=44021&q=sint&limit=20", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await JsonOf(response);
        Assert.Equal("44021", json.GetProperty("nis").GetString());
        var streets = json.GetProperty("streets").EnumerateArray().ToList();
        Assert.Equal(["Sint-Amandsstraat", "Sint-Pietersnieuwstraat"], streets.Select(s => s.GetProperty("name").GetString()));
        var pieters = streets[1];
        Assert.Equal(2, pieters.GetProperty("people").GetInt32());
        Assert.Equal(2, pieters.GetProperty("addresses").GetInt32());
        Assert.Equal(5, pieters.GetProperty("from").GetInt32());
        Assert.Equal(41, pieters.GetProperty("to").GetInt32());
    }

    [Theory]
    [InlineData("SINT-piet", "Sint-Pietersnieuwstraat")] // case
    [InlineData("nieuwstr", "Sint-Pietersnieuwstraat")]  // substring
    [InlineData("amands", "Sint-Amandsstraat")]
    public async Task Search_CaseAndSubstring_Matches(string query, string expected)
    {
        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        var json = await JsonOf(await client.GetAsync(new Uri("/api/streets?nis=44021&q=" + Uri.EscapeDataString(query), UriKind.Relative)));
        Assert.Contains(expected, json.GetProperty("streets").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Search_WithoutAccents_FindsAccentedStreet()
    {
        using var client = _factory.CreateClient(DemoKeyNames.Federal);
        var json = await JsonOf(await client.GetAsync(new Uri("/api/streets?nis=62063&q=rue%20de%20l'eglise", UriKind.Relative)));
        Assert.Contains("Rue de l'Église", json.GetProperty("streets").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Search_LimitOne_ReturnsOneAndSaysTruncated()
    {
        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        var json = await JsonOf(await client.GetAsync(new Uri("/api/streets?nis=44021&q=sint&limit=1", UriKind.Relative)));
        Assert.Single(json.GetProperty("streets").EnumerateArray());
        Assert.True(json.GetProperty("truncated").GetBoolean());
    }

    [Theory]
    [InlineData("/api/streets?q=sint")]
    [InlineData("/api/streets?nis=gent&q=sint")]
    [InlineData("/api/streets?nis=4402&q=sint")]
    [InlineData("/api/streets?nis=44021")]
    [InlineData("/api/streets?nis=44021&q=s")]
    [InlineData("/api/streets?nis=44021&q=%20%20s%20")]
    [InlineData("/api/streets?nis=44021&q=sint&limit=0")]
    [InlineData("/api/streets?nis=44021&q=sint&limit=51")]
    [InlineData("/api/streets?nis=44021&q=sint&limit=many")]
    [InlineData("/api/streets?nis=44021&q=sint%0Astraat")]
    public async Task Search_BadInput_Is400Problem(string url)
    {
        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Search_QueryOver100Characters_Is400()
    {
        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        using var response = await client.GetAsync(new Uri("/api/streets?nis=44021&q=" + new string('a', 101), UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Search_UnknownMunicipality_Is404()
    {
        using var client = _factory.CreateClient(DemoKeyNames.Federal);
        using var response = await client.GetAsync(new Uri("/api/streets?nis=99999&q=sint", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData(DemoKeyNames.Province, "44021")]   // Gent is not in the province of Antwerp
    [InlineData(DemoKeyNames.Commune, "11002")]    // Antwerpen is not Gent's
    [InlineData(DemoKeyNames.SchoolBoard, "24062")] // type 2: groups only, even in its own municipality
    public async Task Search_NotTheCallersTerritory_Is403WithoutData(string key, string nis)
    {
        using var client = _factory.CreateClient(key);
        using var response = await client.GetAsync(new Uri($"/api/streets?nis={nis}&q=sint", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("streets\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Sint-", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_WithoutKey_Is401()
    {
        using var client = _factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/api/streets?nis=44021&q=sint", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Search_MunicipalityNameFollowsThePageLanguage()
    {
        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        foreach (var (lang, name) in new[] { ("en", "Ghent"), ("de", "Gent"), ("fr", "Gand"), ("nl", "Gent") })
        {
            var json = await JsonOf(await client.GetAsync(new Uri($"/api/streets?nis=44021&q=sint&lang={lang}", UriKind.Relative)));
            Assert.Equal(name, json.GetProperty("municipality").GetString());
        }
    }

    [Fact]
    public async Task CampaignEstimate_Street_CountsItsResidentsAndTheRangeNarrowsIt()
    {
        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        var whole = await JsonOf(await client.PostAsJsonAsync("/api/campaigns/estimate", new { capXml = Cap(), channels = new[] { "email" }, audience = new { streets = new[] { new { nis = 44021, name = "sint-pietersnieuwstraat" } } } }));
        Assert.Equal(2, whole.GetProperty("audience").GetProperty("people").GetInt64());

        var part = await JsonOf(await client.PostAsJsonAsync("/api/campaigns/estimate", new { capXml = Cap(), channels = new[] { "email" }, audience = new { streets = new[] { new { nis = 44021, name = "Sint-Pietersnieuwstraat", from = 10, to = 50 } } } }));
        Assert.Equal(1, part.GetProperty("audience").GetProperty("people").GetInt64());
    }

    [Fact]
    public async Task Campaign_Street_StartsInSimulationKeepsTheStreetInAudienceAndAudit()
    {
        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        using var response = await client.PostAsJsonAsync("/api/campaigns", new { capXml = Cap(), channels = new[] { "email" }, simulation = true, audience = new { streets = new[] { new { nis = 44021, name = "Sint-Pietersnieuwstraat", from = 1, to = 99 } } } });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var id = (await JsonOf(response)).GetProperty("id").GetString();

        var campaign = await JsonOf(await client.GetAsync(new Uri("/api/campaigns/" + id, UriKind.Relative)));
        var street = campaign.GetProperty("audience").GetProperty("streets")[0];
        Assert.Equal("Sint-Pietersnieuwstraat", street.GetProperty("name").GetString());
        Assert.Equal(99, street.GetProperty("to").GetInt32());

        var audit = await _factory.Service<AuditLog>().ListAsync("gent");
        Assert.Contains(audit, e => e.Action == "campaign.start" && e.Target == id && e.Detail!.Contains("streets Sint-Pietersnieuwstraat (44021) 1–99", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Campaign_UnknownStreet_Is422NamingIt()
    {
        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        using var response = await client.PostAsJsonAsync("/api/campaigns/estimate", new { capXml = Cap(), channels = new[] { "email" }, audience = new { streets = new[] { new { nis = 44021, name = "Nergensstraat" } } } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("Nergensstraat", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"nis\":44021,\"name\":\"Sint-Pietersnieuwstraat\",\"from\":20,\"to\":10}")]
    [InlineData("{\"nis\":44021,\"name\":\"Sint-Pietersnieuwstraat\",\"from\":0}")]
    [InlineData("{\"nis\":44021,\"name\":\"Sint-Pietersnieuwstraat\",\"to\":-3}")]
    [InlineData("{\"nis\":44021,\"name\":\"\"}")]
    [InlineData("{\"nis\":12345,\"name\":\"Sint-Pietersnieuwstraat\"}")]
    [InlineData("null")]
    public async Task Campaign_MalformedStreet_Is422(string street)
    {
        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        var body = new JsonObject { ["capXml"] = Cap(), ["channels"] = new JsonArray("email"), ["audience"] = new JsonObject { ["streets"] = new JsonArray(JsonNode.Parse(street)) } };
        using var response = await client.PostAsJsonAsync("/api/campaigns/estimate", body);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("audience.streets", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Campaign_MoreThan200Streets_Is422()
    {
        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        var streets = Enumerable.Range(0, 201).Select(_ => new { nis = 44021, name = "Sint-Pietersnieuwstraat" });
        using var response = await client.PostAsJsonAsync("/api/campaigns/estimate", new { capXml = Cap(), channels = new[] { "email" }, audience = new { streets } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }

    [Theory]
    [InlineData(DemoKeyNames.Province)]
    [InlineData(DemoKeyNames.SchoolBoard)]
    public async Task Campaign_AnotherAuthoritysStreetOrTypeTwo_Is403(string key)
    {
        using var client = _factory.CreateClient(key);
        using var response = await client.PostAsJsonAsync("/api/campaigns", new { capXml = Cap(), channels = new[] { "email" }, simulation = true, audience = new { streets = new[] { new { nis = 44021, name = "Sint-Pietersnieuwstraat" } } } });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task ComposeAudience_Street_CountsPeopleAndAddresses()
    {
        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        using var response = await client.PostAsJsonAsync("/api/compose/audience", new { target = new { streets = new[] { new { nis = 44021, name = "Sint-Pietersnieuwstraat" }, new { nis = 44021, name = "Sint-Amandsstraat" } } }, channels = new[] { "email" } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await JsonOf(response);
        Assert.Equal(3, json.GetProperty("people").GetInt64());
        Assert.Equal(3, json.GetProperty("addresses").GetInt64());
    }

    [Fact]
    public async Task ComposeAudience_UnknownStreet422_OtherTerritory403()
    {
        using var gent = _factory.CreateClient(DemoKeyNames.Commune);
        using var unknown = await gent.PostAsJsonAsync("/api/compose/audience", new { target = new { streets = new[] { new { nis = 44021, name = "Nergensstraat" } } } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        Assert.Contains("Nergensstraat", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var province = _factory.CreateClient(DemoKeyNames.Province);
        using var refused = await province.PostAsJsonAsync("/api/compose/audience", new { target = new { streets = new[] { new { nis = 44021, name = "Sint-Pietersnieuwstraat" } } } });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.False((await JsonOf(refused)).TryGetProperty("people", out _));

        using var school = _factory.CreateClient(DemoKeyNames.SchoolBoard);
        using var typeTwo = await school.PostAsJsonAsync("/api/compose/audience", new { target = new { streets = new[] { new { nis = 24062, name = "Sint-Pietersnieuwstraat" } } } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, typeTwo.StatusCode); // as for areas: "groups only" is a target error on the compose API
    }

    [Fact]
    public async Task ComposeSend_Street_StartsCampaignWhoseAlertNamesTheStreet()
    {
        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        var form = ComposeEndpointTests.Form(polygon: null);
        form["target"] = new JsonObject { ["streets"] = new JsonArray(new JsonObject { ["nis"] = 44021, ["name"] = "Sint-Pietersnieuwstraat" }) };
        form["channels"] = new JsonArray("email");
        using (var admin = _factory.CreateClient(DemoKeyNames.Admin))
        using (var patched = await admin.PatchAsJsonAsync("/api/admin/authorities/gent", new { simulation = true }))
        {
            Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        }

        // The alert's area names the street and carries the municipality's NIS code.
        var preview = await JsonOf(await client.PostAsJsonAsync("/api/compose/preview", form));
        var xml = preview.GetProperty("capXml").GetString()!;
        Assert.Contains("<areaDesc>Sint-Pietersnieuwstraat, Gent</areaDesc>", xml, StringComparison.Ordinal);
        Assert.Contains("<value>44021</value>", xml, StringComparison.Ordinal);

        using var response = await client.PostAsJsonAsync("/api/compose/send", form);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = JsonDocument.Parse(text).RootElement.GetProperty("campaign").GetProperty("id").GetString();
        var campaign = await JsonOf(await client.GetAsync(new Uri("/api/campaigns/" + id, UriKind.Relative)));
        Assert.Equal("Sint-Pietersnieuwstraat", campaign.GetProperty("audience").GetProperty("streets")[0].GetProperty("name").GetString());
        Assert.Equal(2, campaign.GetProperty("people").GetInt64());
    }

    [Theory]
    [InlineData(63040, "de", "Kelmis")]
    [InlineData(63040, "en", "Kelmis")]
    [InlineData(63067, "de", "Sankt Vith")]
    [InlineData(44021, "en", "Ghent")]
    [InlineData(44021, "de", "Gent")]
    [InlineData(62063, "de", "Lüttich")]
    [InlineData(62063, "en", "Liège")]
    [InlineData(24062, "de", "Löwen")]
    [InlineData(24062, "en", "Leuven")]
    [InlineData(21004, "en", "Brussels")]
    [InlineData(21004, "de", "Brüssel")]
    [InlineData(11002, "en", "Antwerp")]
    [InlineData(92094, "en", "Namur")]
    [InlineData(44021, "fr", "Gand")]
    [InlineData(44021, "nl", "Gent")]
    public void MunicipalityNames_PageLanguage_ExonymOrLocalName(int nis, string language, string expected) =>
        Assert.Equal(expected, MunicipalityNames.Get(nis, language));

    [Fact]
    public void MunicipalityNames_BrusselsMunicipalityWithoutExonym_BothNamesOnDeEnPagesOneOnNlFr()
    {
        Assert.Equal("Ixelles / Elsene", MunicipalityNames.Get(21009, "en"));
        Assert.Equal("Ixelles / Elsene", MunicipalityNames.Get(21009, "de"));
        Assert.Equal("Elsene", MunicipalityNames.Get(21009, "nl"));
        Assert.Equal("Ixelles", MunicipalityNames.Get(21009, "fr"));
    }

    [Fact]
    public async Task NamesJson_GermanPage_SaysKelmisNotLaCalamine_AndTheMapDataCarriesTheSameNames()
    {
        using var client = _factory.CreateClient();
        var de = await JsonOf(await client.GetAsync(new Uri(MunicipalityNames.NamesPath + "?lang=de", UriKind.Relative)));
        Assert.Equal("Kelmis", de.GetProperty("63040").GetString());
        Assert.Equal("Lüttich", de.GetProperty("62063").GetString());
        Assert.Equal(581, de.EnumerateObject().Count());

        var en = await JsonOf(await client.GetAsync(new Uri(MunicipalityNames.NamesPath + "?lang=en", UriKind.Relative)));
        Assert.Equal("Ghent", en.GetProperty("44021").GetString());

        var map = await JsonOf(await client.GetAsync(new Uri(MapData.MunicipalitiesPath, UriKind.Relative)));
        var kelmis = map.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties")).Single(p => p.GetProperty("nis").GetString() == "63040");
        Assert.Equal("Kelmis", kelmis.GetProperty("de").GetString());
        Assert.Equal("Kelmis", kelmis.GetProperty("en").GetString());
    }

    [Fact]
    public void StreetIndex_Fold_LowersAndStripsAccents()
    {
        Assert.Equal("rue de l'eglise", StreetIndex.Fold("  Rue de l’Église "));
        Assert.Equal("mullerstrasse", StreetIndex.Fold("MÜLLERSTRASSE".Replace("SS", "ß", StringComparison.Ordinal)));
    }
}
