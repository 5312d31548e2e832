using System.Net;
using BeAlert.Cap.Geo;
using BeAlert.Gateway.Demo;
using BeAlert.Gateway.Security;
using static BeAlert.Gateway.Tests.Security.AdminApi;

namespace BeAlert.Gateway.Tests.Security;

/// <summary><c>/api/admin/authorities</c> through the in-process gateway: happy paths, bad input, authorization.</summary>
public sealed class AuthoritiesAdminTests(AdminGatewayFixture fixture) : IClassFixture<AdminGatewayFixture>
{
    private readonly GatewayFactory _factory = fixture.Factory;

    [Fact]
    public async Task ListAuthorities_AdminKey_ReturnsTheDemoAuthorities()
    {
        using var admin = _factory.CreateClient(DemoKeyNames.Admin);
        using var response = await admin.GetAsync("/api/admin/authorities");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ids = (await ReadJsonAsync(response)).EnumerateArray().Select(a => a.GetProperty("id").GetString()).ToList();
        Assert.Contains(DemoSeeder.GentId, ids);
        Assert.Contains(DemoSeeder.SchoolBoardId, ids);
    }

    [Fact]
    public async Task GetAuthority_Known_ShowsTerritoryAgreementAndSwitches()
    {
        using var admin = _factory.CreateClient(DemoKeyNames.Admin);
        var school = await ReadJsonAsync(await admin.GetAsync($"/api/admin/authorities/{DemoSeeder.SchoolBoardId}"));
        Assert.Equal("GroupAlerting", school.GetProperty("agreement").GetString());
        Assert.Equal("Organisation", school.GetProperty("level").GetString());
        Assert.True(school.GetProperty("simulation").GetBoolean());
        Assert.False(school.GetProperty("trained").GetBoolean());
        Assert.Equal([24062], school.GetProperty("municipalities").EnumerateArray().Select(e => e.GetInt32()));
    }

    [Fact]
    public async Task GetAuthority_Unknown_Is404Problem()
    {
        using var admin = _factory.CreateClient(DemoKeyNames.Admin);
        using var response = await admin.GetAsync("/api/admin/authorities/atlantis");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task CreateAuthority_ProvinceCode_ExpandsToItsMunicipalities()
    {
        using var admin = _factory.CreateClient(DemoKeyNames.Admin);
        using var response = await admin.PostAsync("/api/admin/authorities", Json(new
        {
            id = "province-limburg",
            name = "Provincie Limburg",
            level = "Province",
            agreement = "PopulationAlerting",
            municipalities = new[] { "70000" },
            trained = true,
        }));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/api/admin/authorities/province-limburg", response.Headers.Location?.OriginalString);
        var boundaries = BelgianBoundaries.Default;
        var expected = boundaries.GetMunicipalities(boundaries.Provinces.Single(p => p.Code == "70000")).Select(m => int.Parse(m.Code, System.Globalization.CultureInfo.InvariantCulture)).Order();
        var stored = await _factory.Service<AuthorityStore>().FindAsync("province-limburg");
        Assert.NotNull(stored);
        Assert.Equal(expected, stored.Municipalities);
        Assert.Contains(71022, stored.Municipalities); // Hasselt
        Assert.True(stored.IsTrained);
        Assert.False(stored.Simulation);
    }

    [Fact]
    public async Task CreateAuthority_NumericCodesAndAgreementNumber_AreAccepted()
    {
        using var admin = _factory.CreateClient(DemoKeyNames.Admin);
        using var response = await admin.PostAsync("/api/admin/authorities", Json(new
        {
            id = "scouts-brugge",
            name = "Scouts Brugge",
            level = "organisation",
            agreement = "2",
            municipalities = new[] { 31005 },
        }));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await ReadJsonAsync(response);
        Assert.Equal("GroupAlerting", body.GetProperty("agreement").GetString());
        Assert.Equal([31005], body.GetProperty("municipalities").EnumerateArray().Select(e => e.GetInt32()));
    }

    [Fact]
    public async Task CreateAuthority_BadFields_AreListedTogetherByName()
    {
        using var admin = _factory.CreateClient(DemoKeyNames.Admin);
        using var response = await admin.PostAsync("/api/admin/authorities", Json(new
        {
            id = "Not An Id!",
            name = "",
            level = "Galaxy",
            agreement = "3",
            municipalities = new[] { "99999", "44021" },
        }));

        var fields = await ValidationFieldsAsync(response);
        Assert.Equal(["agreement", "id", "level", "municipalities", "name"], fields.Order());
    }

    [Theory]
    [InlineData("Municipality", new string[0], "municipalities")]
    [InlineData("Federal", new[] { "44021" }, "municipalities")]
    [InlineData("Municipality", new[] { "4402" }, "municipalities")]
    [InlineData("Municipality", new[] { "44000" }, "municipalities")] // an arrondissement, not a municipality or province
    public async Task CreateAuthority_BadTerritory_IsAValidationProblem(string level, string[] codes, string field)
    {
        using var admin = _factory.CreateClient(DemoKeyNames.Admin);
        using var response = await admin.PostAsync("/api/admin/authorities", Json(new { id = "x-" + Guid.NewGuid().ToString("N")[..8], name = "X", level, agreement = "1", municipalities = codes }));
        Assert.Equal([field], await ValidationFieldsAsync(response));
    }

    [Fact]
    public async Task CreateAuthority_ExistingId_Is409()
    {
        using var admin = _factory.CreateClient(DemoKeyNames.Admin);
        using var response = await admin.PostAsync("/api/admin/authorities", Json(new { id = DemoSeeder.GentId, name = "Gent again", level = "Municipality", agreement = "1", municipalities = new[] { "44021" } }));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task CreateAuthority_MalformedJson_NamesThePath()
    {
        using var admin = _factory.CreateClient(DemoKeyNames.Admin);
        using var content = new StringContent("{\"id\":\"ok-id\",\"trained\":\"yes\"}", System.Text.Encoding.UTF8, "application/json");
        using var response = await admin.PostAsync("/api/admin/authorities", content);
        Assert.Equal(["$.trained"], await ValidationFieldsAsync(response));
    }

    [Fact]
    public async Task CreateAuthority_WrongContentType_Is415()
    {
        using var admin = _factory.CreateClient(DemoKeyNames.Admin);
        using var content = new StringContent("id=x", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");
        using var response = await admin.PostAsync("/api/admin/authorities", content);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task CreateAuthority_OversizedBody_Is413()
    {
        using var admin = _factory.CreateClient(DemoKeyNames.Admin);
        var huge = Enumerable.Repeat("44021", 60_000).ToArray(); // about 480 KB, over the default 256 KiB
        using var response = await admin.PostAsync("/api/admin/authorities", Json(new { id = "huge", name = "Huge", level = "Municipality", agreement = "1", municipalities = huge }));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task UpdateAuthority_TrainingAndSimulation_ApplyAtOnceToItsKeys()
    {
        using var admin = _factory.CreateClient(DemoKeyNames.Admin);
        await admin.PostAsync("/api/admin/authorities", Json(new { id = "stad-aalst", name = "Stad Aalst", level = "Municipality", agreement = "1", municipalities = new[] { "41002" } }));
        var key = await CreateKeyAsync(admin, new { name = "aalst operator", role = "operator", authorityId = "stad-aalst" });
        using var aalst = _factory.CreateClient();
        aalst.DefaultRequestHeaders.Authorization = new("Bearer", key.GetProperty("key").GetString());
        Assert.False((await ReadJsonAsync(await aalst.GetAsync("/api/me"))).GetProperty("authority").GetProperty("isTrained").GetBoolean());

        using var response = await admin.PatchAsync("/api/admin/authorities/stad-aalst", Json(new { trained = true, simulation = true, name = "Stad Aalst (test)" }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var me = (await ReadJsonAsync(await aalst.GetAsync("/api/me"))).GetProperty("authority");
        Assert.True(me.GetProperty("isTrained").GetBoolean());
        Assert.True(me.GetProperty("simulation").GetBoolean());
        Assert.Equal("Stad Aalst (test)", me.GetProperty("name").GetString());
        Assert.Equal([41002], me.GetProperty("municipalities").EnumerateArray().Select(e => e.GetInt32())); // untouched
    }

    [Fact]
    public async Task UpdateAuthority_Municipalities_AreValidatedAndReplaced()
    {
        using var admin = _factory.CreateClient(DemoKeyNames.Admin);
        await admin.PostAsync("/api/admin/authorities", Json(new { id = "zone-meetjesland", name = "Zone Meetjesland", level = "Municipality", agreement = "1", municipalities = new[] { "43005" } }));

        using var bad = await admin.PatchAsync("/api/admin/authorities/zone-meetjesland", Json(new { municipalities = new[] { "43005", "12345" } }));
        Assert.Equal(["municipalities"], await ValidationFieldsAsync(bad));

        using var good = await admin.PatchAsync("/api/admin/authorities/zone-meetjesland", Json(new { municipalities = new[] { "43005", "43010" } }));
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal([43005, 43010], (await _factory.Service<AuthorityStore>().FindAsync("zone-meetjesland"))!.Municipalities);
    }

    [Fact]
    public async Task UpdateAuthority_Unknown_Is404()
    {
        using var admin = _factory.CreateClient(DemoKeyNames.Admin);
        using var response = await admin.PatchAsync("/api/admin/authorities/atlantis", Json(new { trained = true }));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("GET", "/api/admin/authorities")]
    [InlineData("GET", "/api/admin/keys")]
    [InlineData("POST", "/api/admin/keys")]
    [InlineData("DELETE", "/api/admin/keys/key_0000000000000000")]
    [InlineData("PATCH", "/api/admin/authorities/gent")]
    [InlineData("GET", "/api/admin/audit")]
    public async Task AdminEndpoints_OperatorOrVendorKey_Are403_AndNoKeyIs401(string method, string path)
    {
        foreach (var (keyName, expected) in new[] { (DemoKeyNames.Commune, HttpStatusCode.Forbidden), (DemoKeyNames.Vendor, HttpStatusCode.Forbidden), ((string?)null, HttpStatusCode.Unauthorized) })
        {
            using var client = keyName is null ? _factory.CreateClient() : _factory.CreateClient(keyName);
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method is "POST" or "PATCH" ? Json(new { trained = false }) : null };
            using var response = await client.SendAsync(request);
            Assert.True(response.StatusCode == expected, $"{keyName ?? "no key"} {method} {path}: {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        // Nothing was changed by the refused PATCH.
        Assert.True((await _factory.Service<AuthorityStore>().FindAsync(DemoSeeder.GentId))!.IsTrained);
    }
}

/// <summary>One gateway shared by a test class whose tests do not depend on each other's data.</summary>
public sealed class AdminGatewayFixture : IDisposable
{
    public GatewayFactory Factory { get; } = new();

    public void Dispose() => Factory.Dispose();
}
