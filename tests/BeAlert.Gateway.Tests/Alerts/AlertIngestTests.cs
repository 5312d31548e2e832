using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using BeAlert.Cap.Geo;
using BeAlert.Gateway.Security;
using static BeAlert.Gateway.Tests.Alerts.AlertSamples;

namespace BeAlert.Gateway.Tests.Alerts;

public sealed class AlertIngestTests : IDisposable
{
    private readonly AlertsFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Post_ValidAlert_Returns201WithLocation_AndGetReturnsTheOriginalBytes()
    {
        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        var sample = Bytes(GentFire);
        using var response = await PostAsync(client, sample);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/api/alerts/BE-GENT-2026-0412", response.Headers.Location?.OriginalString);
        using (var body = await JsonAsync(response))
        {
            Assert.Equal("Active", body.RootElement.GetProperty("alert").GetProperty("state").GetString());
            Assert.Contains(44021, body.RootElement.GetProperty("alert").GetProperty("municipalities").EnumerateArray().Select(e => e.GetInt32()));
        }

        using var get = await client.GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal("application/cap+xml", get.Content.Headers.ContentType?.MediaType);
        Assert.Equal(sample, await get.Content.ReadAsByteArrayAsync());
        var etag = get.Headers.ETag;
        Assert.NotNull(etag);
        Assert.False(etag.IsWeak);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, response.Headers.Location);
        conditional.Headers.IfNoneMatch.Add(etag);
        using var notModified = await client.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Fact]
    public async Task Post_SameSenderAndIdentifierTwice_Returns409()
    {
        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        await PostSampleAsync(client, GentFire);
        using var again = await PostAsync(client, Bytes(GentFire));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task Post_WrongContentType_Returns415(string contentType)
    {
        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        using var response = await PostAsync(client, Bytes(GentFire), contentType);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Theory]
    [InlineData("application/xml")]
    [InlineData("text/xml; charset=utf-8")]
    public async Task Post_OtherXmlContentTypes_AreAccepted(string contentType)
    {
        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        using var response = await PostAsync(client, Bytes(GentFire), contentType);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Post_TenMegabytes_Returns413()
    {
        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        var huge = Encoding.UTF8.GetBytes("<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><note>" + new string('x', 10 * 1024 * 1024) + "</note></alert>");
        using var response = await PostAsync(client, huge);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Post_OversizedChunkedBody_Returns413()
    {
        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        using var content = new StreamContent(new UnknownLengthStream(new byte[3 * 1024 * 1024]));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/cap+xml");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/alerts") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    public static TheoryData<string, string> HostileDocuments => new()
    {
        { "xxe", "<?xml version=\"1.0\"?><!DOCTYPE alert [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>&xxe;</identifier></alert>" },
        { "billion laughs", "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\"><!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]><alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><note>&lol3;</note></alert>" },
        { "truncated", Text(GentFire)[..700] },
        { "not xml", "{\"identifier\": \"x\"}" },
        { "empty", string.Empty },
        { "wrong root", "<feed xmlns=\"http://www.w3.org/2005/Atom\"/>" },
    };

    [Theory]
    [MemberData(nameof(HostileDocuments))]
    public async Task Post_HostileOrMalformedXml_Returns422WithDiagnostics(string name, string xml)
    {
        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        using var response = await PostAsync(client, xml);
        Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, $"{name}: {(int)response.StatusCode}");
        using var body = await JsonAsync(response);
        var diagnostics = body.RootElement.GetProperty("diagnostics");
        Assert.True(diagnostics.GetArrayLength() > 0);
        Assert.StartsWith("CAP", diagnostics[0].GetProperty("code").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_InvalidCap_Returns422ListingCodesPathsAndLines()
    {
        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        var xml = Text(GentFire).Replace("<status>Actual</status>", string.Empty, StringComparison.Ordinal).Replace("<urgency>Immediate</urgency>", "<urgency>Soonish</urgency>", StringComparison.Ordinal);
        using var response = await PostAsync(client, xml);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        using var body = await JsonAsync(response);
        var diagnostics = body.RootElement.GetProperty("diagnostics").EnumerateArray().ToList();
        Assert.True(diagnostics.Count >= 2);
        Assert.All(diagnostics, d =>
        {
            Assert.Matches("^CAP[0-9]{4}$", d.GetProperty("code").GetString());
            Assert.StartsWith("/alert", d.GetProperty("path").GetString(), StringComparison.Ordinal);
            Assert.False(string.IsNullOrEmpty(d.GetProperty("message").GetString()));
        });
        Assert.Contains(diagnostics, d => d.GetProperty("line").GetInt32() > 0 && d.GetProperty("severity").GetString() == "Error");
    }

    [Fact]
    public async Task Post_AreaOutsideTheAuthority_Returns403NamingTheMunicipalities()
    {
        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        using var response = await PostAsync(client, Bytes(AntwerpPower));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        using var body = await JsonAsync(response);
        var outside = body.RootElement.GetProperty("municipalitiesOutside").EnumerateArray().Select(m => m.GetProperty("nis").GetInt32()).ToList();
        Assert.Contains(11002, outside);
        Assert.Contains(body.RootElement.GetProperty("violations").EnumerateArray(), v => v.GetProperty("code").GetString() == "OutsideTerritory");
    }

    [Fact]
    public async Task Post_NeighbouringMunicipality_IsAllowedForAMunicipality_ButAFarOneIsNot()
    {
        var boundaries = BelgianBoundaries.Default;
        Assert.True(boundaries.TryFind("44021", out var gent));
        var neighbour = boundaries.GetAdjacentMunicipalities(gent!)[0].Code;
        using var client = _factory.CreateClient(DemoKeyNames.Commune);

        using var near = await PostAsync(client, GeocodeOnly("NEAR-1", neighbour));
        Assert.Equal(HttpStatusCode.Created, near.StatusCode);

        using var far = await PostAsync(client, GeocodeOnly("FAR-1", "11002"));
        Assert.Equal(HttpStatusCode.Forbidden, far.StatusCode);
        Assert.Contains("11002", await far.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_ProvinceReachingANeighbouringProvince_Returns403_ForLackOfAdHocCooperation()
    {
        using var client = _factory.CreateClient(DemoKeyNames.Province);
        using var response = await PostAsync(client, Bytes(AntwerpPower));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("NeighbourWithoutCooperation", body, StringComparison.Ordinal);
        Assert.Contains("46003", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_FederalAuthority_MayAlertAnywhere()
    {
        using var client = _factory.CreateClient(DemoKeyNames.Federal);
        await PostSampleAsync(client, AntwerpPower);
        await PostSampleAsync(client, NationalTest);
    }

    [Fact]
    public async Task Post_TypeTwoKey_PublicScope_Returns403()
    {
        using var client = _factory.CreateClient(DemoKeyNames.SchoolBoard);
        using var response = await PostAsync(client, GeocodeOnly("SCHOOL-1", "24062"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("type 2", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_TypeTwoKey_PrivateScopeInItsTerritory_IsStoredAsSimulation()
    {
        using var client = _factory.CreateClient(DemoKeyNames.SchoolBoard);
        using var response = await PostAsync(client, GeocodeOnly("SCHOOL-2", "24062", "<scope>Private</scope><addresses>parents</addresses>"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var body = await JsonAsync(response);
        Assert.True(body.RootElement.GetProperty("alert").GetProperty("simulation").GetBoolean());
    }

    [Theory]
    [InlineData(DemoKeyNames.Vendor, HttpStatusCode.Forbidden)]
    [InlineData(DemoKeyNames.Admin, HttpStatusCode.Forbidden)]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    public async Task Post_WithoutAnOperatorKey_IsRefused(string? keyName, HttpStatusCode expected)
    {
        using var client = keyName is null ? _factory.CreateClient() : _factory.CreateClient(keyName);
        using var response = await PostAsync(client, Bytes(GentFire));
        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task UpdateThenCancel_FollowReferences_AndTheOriginalsLeaveTheActiveSet()
    {
        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        await PostSampleAsync(client, GentFire);
        Assert.Equal(["BE-GENT-2026-0412"], await ActiveIdentifiersAsync(client));

        await PostSampleAsync(client, GentUpdate);
        Assert.Equal(["BE-GENT-2026-0412-U1"], await ActiveIdentifiersAsync(client));
        Assert.Equal("Updated", await StateAsync(client, "BE-GENT-2026-0412"));

        await PostSampleAsync(client, GentCancel);
        Assert.Empty(await ActiveIdentifiersAsync(client));
        Assert.Equal("Cancelled", await StateAsync(client, "BE-GENT-2026-0412-U1"));
        Assert.Equal("Closed", await StateAsync(client, "BE-GENT-2026-0412-C1"));
    }

    [Fact]
    public async Task Update_ReferencingAnUnknownAlert_Returns422WithASpecificCode()
    {
        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        using var response = await PostAsync(client, Bytes(GentUpdate));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("GWA001", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Nothing was stored: once the original exists, the same update goes through.
        await PostSampleAsync(client, GentFire);
        await PostSampleAsync(client, GentUpdate);
    }

    [Fact]
    public async Task Update_OfAnotherAuthoritysAlert_Returns422()
    {
        using var federal = _factory.CreateClient(DemoKeyNames.Federal);
        await PostSampleAsync(federal, GentFire);
        using var gent = _factory.CreateClient(DemoKeyNames.Commune);
        using var response = await PostAsync(gent, Bytes(GentUpdate));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("GWA002", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_AnotherAuthoritysAlert_Returns404_AndUnknownReturns404()
    {
        using var gent = _factory.CreateClient(DemoKeyNames.Commune);
        await PostSampleAsync(gent, GentFire);
        using var province = _factory.CreateClient(DemoKeyNames.Province);
        using var other = await province.GetAsync("/api/alerts/BE-GENT-2026-0412");
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        using var unknown = await gent.GetAsync("/api/alerts/NO-SUCH-ALERT");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var admin = _factory.CreateClient(DemoKeyNames.Admin);
        using var seen = await admin.GetAsync("/api/alerts/BE-GENT-2026-0412");
        Assert.Equal(HttpStatusCode.OK, seen.StatusCode);
    }

    [Fact]
    public async Task JsonAndGeoJsonViews_ProjectTheAlert()
    {
        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        await PostSampleAsync(client, GentFire);

        using var json = await client.GetAsync("/api/alerts/BE-GENT-2026-0412.json");
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        using (var doc = await JsonAsync(json))
        {
            var alert = doc.RootElement.GetProperty("alert");
            Assert.Equal("brandweer@gent.be", alert.GetProperty("sender").GetString());
            Assert.Equal("2026-11-20T09:12:00+01:00", alert.GetProperty("sent").GetString());
            Assert.Equal("Actual", alert.GetProperty("status").GetString());
            Assert.Equal(2, alert.GetProperty("infos").GetArrayLength());
        }

        using var geo = await client.GetAsync("/api/alerts/BE-GENT-2026-0412.geojson");
        Assert.Equal(HttpStatusCode.OK, geo.StatusCode);
        Assert.Equal("application/geo+json", geo.Content.Headers.ContentType?.MediaType);
        using var geoDoc = await JsonAsync(geo);
        Assert.Equal("FeatureCollection", geoDoc.RootElement.GetProperty("type").GetString());
        Assert.True(geoDoc.RootElement.GetProperty("features").GetArrayLength() > 0);
    }

    [Fact]
    public async Task Expiry_AnAlertLeavesTheActiveSetWhenAllInfosExpired()
    {
        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        await PostSampleAsync(client, GentFire);
        Assert.Single(await ActiveIdentifiersAsync(client));

        _factory.Time.SetUtcNow(new DateTimeOffset(2026, 11, 20, 15, 0, 1, TimeSpan.FromHours(1)));
        Assert.Empty(await ActiveIdentifiersAsync(client));
        Assert.Equal("Expired", await StateAsync(client, "BE-GENT-2026-0412"));
        using var anonymous = _factory.CreateClient();
        var map = await anonymous.GetStringAsync("/api/public/alerts.geojson");
        Assert.DoesNotContain("BE-GENT-2026-0412", map, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_AlertsPersist_AndTheActiveSetIsRebuilt()
    {
        var sample = Bytes(GentFire);
        _factory.KeepData = true;
        using (var client = _factory.CreateClient(DemoKeyNames.Commune))
        {
            await PostSampleAsync(client, GentFire);
        }

        _factory.Dispose();
        using var reopened = _factory.ReopenWithClock();
        using var again = reopened.CreateClient(DemoKeyNames.Commune);
        Assert.Equal(sample, await again.GetByteArrayAsync("/api/alerts/BE-GENT-2026-0412"));
        Assert.Equal(["BE-GENT-2026-0412"], await ActiveIdentifiersAsync(again));
        using var vendor = reopened.CreateClient(DemoKeyNames.Vendor);
        Assert.Contains("BE-GENT-2026-0412", await vendor.GetStringAsync("/api/feeds/atom"), StringComparison.Ordinal);
        using var duplicate = await PostAsync(again, sample);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
    }

    internal static async Task<List<string>> ActiveIdentifiersAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/api/alerts?active=true");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = await JsonAsync(response);
        return [.. body.RootElement.EnumerateArray().Select(a => a.GetProperty("identifier").GetString()!)];
    }

    private static async Task<string?> StateAsync(HttpClient client, string identifier)
    {
        using var response = await client.GetAsync($"/api/alerts/{identifier}.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = await JsonAsync(response);
        return body.RootElement.GetProperty("summary").GetProperty("state").GetString();
    }

    /// <summary>A minimal valid alert for one NIS code (scope Public unless replaced).</summary>
    internal static string GeocodeOnly(string identifier, string nis, string scope = "<scope>Public</scope>") => string.Create(CultureInfo.InvariantCulture, $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
          <identifier>{identifier}</identifier>
          <sender>test@bealert.be</sender>
          <sent>2026-11-20T09:30:00+01:00</sent>
          <status>Actual</status>
          <msgType>Alert</msgType>
          {scope}
          <info>
            <language>nl-BE</language>
            <category>Safety</category>
            <event>Test</event>
            <urgency>Immediate</urgency>
            <severity>Minor</severity>
            <certainty>Observed</certainty>
            <expires>2026-11-20T18:00:00+01:00</expires>
            <headline>Test</headline>
            <instruction>Blijf binnen.</instruction>
            <area>
              <areaDesc>Test</areaDesc>
              <geocode><valueName>NIS</valueName><value>{nis}</value></geocode>
            </area>
          </info>
        </alert>
        """);

    private sealed class UnknownLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
