using System.Net;
using System.Text;
using BeAlert.Gateway.Security;

namespace BeAlert.Gateway.Tests.Campaigns;

public sealed class CampaignBadInputTests : IDisposable
{
    private readonly GatewayFactory _factory = new();

    public CampaignBadInputTests() => _factory.Settings["BeAlert:Limits:MaxJsonBytes"] = "65536";

    public void Dispose() => _factory.Dispose();

    public static TheoryData<string, string, int, string> Bodies => new()
    {
        { "malformed JSON", "{\"capXml\": ", 400, "Malformed JSON" },
        { "not an object", "[1,2]", 400, "Malformed JSON" },
        { "no alert", """{"channels":["sms"],"audience":{"municipalities":[44021]}}""", 422, "exactly one of alertId, templateId or capXml" },
        { "two alerts", """{"alertId":"x","capXml":"<alert/>","channels":["sms"],"audience":{"municipalities":[44021]}}""", 422, "exactly one of" },
        { "unknown channel", Gent("""["sms","pigeon"]""", """{"municipalities":[44021]}"""), 422, "pigeon" },
        { "no channel", Gent("[]", """{"municipalities":[44021]}"""), 422, "At least one channel" },
        { "no audience", Gent("""["sms"]""", "{}"), 422, "An audience is required" },
        { "unknown municipality", Gent("""["sms"]""", """{"municipalities":[99999]}"""), 422, "Unknown NIS code" },
        { "bad polygon", Gent("""["sms"]""", """{"areas":[{"polygon":"51.0,3.7 nonsense"}]}"""), 422, "not a 'lat,lon' point" },
        { "two-point polygon", Gent("""["sms"]""", """{"areas":[{"polygon":"51.0,3.7 51.1,3.8"}]}"""), 422, "at least three distinct points" },
        { "bad circle", Gent("""["sms"]""", """{"areas":[{"circle":"51.0,3.7 -1"}]}"""), 422, "A circle is" },
        { "area with two shapes", Gent("""["sms"]""", """{"areas":[{"circle":"51.0,3.7 1","polygon":"51.0,3.7 51.1,3.8 51.0,3.8"}]}"""), 422, "exactly one of polygon" },
        { "bad geojson", Gent("""["sms"]""", """{"areas":[{"geojson":{"type":"Point","coordinates":[3.7,51.0]}}]}"""), 422, "geojson" },
        { "unknown group", Gent("""["sms"]""", """{"groups":[123]}"""), 422, "no group(s) 123" },
        { "unknown list", Gent("""["sms"]""", """{"lists":[456]}"""), 422, "no contact list(s) 456" },
        { "invalid CAP", """{"capXml":"<alert>broken","channels":["sms"],"audience":{"municipalities":[44021]}}""", 422, "malformed" },
        { "unknown alert", """{"alertId":"BE-NOPE-1","channels":["sms"],"audience":{"municipalities":[44021]}}""", 404, "no alert with identifier" },
        { "unknown template", """{"templateId":"tpl_nope","channels":["sms"],"audience":{"municipalities":[44021]}}""", 404, "no template" },
        { "priority out of range", Gent("""["sms"]""", """{"municipalities":[44021]}""", ",\"priority\":5000"), 422, "priority" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task Start_BadBody_GetsASpecificProblem(string why, string body, int status, string expected)
    {
        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        foreach (var url in new[] { "/api/campaigns", "/api/campaigns/estimate" })
        {
            using var response = await client.PostAsync(new Uri(url, UriKind.Relative), CampaignTestKit.Json(body));
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(status == (int)response.StatusCode, $"{why} at {url}: {(int)response.StatusCode} {text}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Start_WrongContentType_Is415_AndOversizedIs413()
    {
        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        using (var xml = await client.PostAsync(new Uri("/api/campaigns", UriKind.Relative), new StringContent(CampaignTestKit.GentFire, Encoding.UTF8, "application/xml")))
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, xml.StatusCode);
        }

        var huge = Gent("""["sms"]""", """{"municipalities":[44021]}""", ",\"name\":\"" + new string('x', 70_000) + "\"");
        using (var big = await client.PostAsync(new Uri("/api/campaigns", UriKind.Relative), CampaignTestKit.Json(huge)))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, big.StatusCode);
        }

        using var chunked = new HttpRequestMessage(HttpMethod.Post, "/api/campaigns")
        {
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(huge))),
        };
        chunked.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        chunked.Headers.TransferEncodingChunked = true;
        using var streamed = await client.SendAsync(chunked);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, streamed.StatusCode);
    }

    [Theory]
    [InlineData("/api/campaigns/not-a-guid")]
    [InlineData("/api/campaigns/00000000-0000-0000-0000-000000000001")]
    [InlineData("/api/campaigns/00000000-0000-0000-0000-000000000001/report")]
    [InlineData("/api/campaigns/00000000-0000-0000-0000-000000000001/report.csv")]
    [InlineData("/api/campaigns/00000000-0000-0000-0000-000000000001/events")]
    [InlineData("/api/campaigns/..%2F..%2Fetc")]
    [InlineData("/api/templates/tpl_nope")]
    public async Task Get_UnknownId_Is404Problem(string url)
    {
        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Get_AbsurdlyLongId_Is404()
    {
        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        using var campaign = await client.GetAsync(new Uri("/api/campaigns/" + new string('a', 10_000), UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, campaign.StatusCode);
        using var cancel = await client.PostAsync(new Uri("/api/campaigns/" + new string('a', 5_000) + "/cancel", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.NotFound, cancel.StatusCode);
        using var template = await client.PostAsync(new Uri("/api/templates/" + new string('a', 5_000) + "/send", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.NotFound, template.StatusCode);
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=100000")]
    [InlineData("before=garbage")]
    [InlineData("before=12_not-a-guid")]
    public async Task List_BadPaging_Is400(string query)
    {
        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        using var response = await client.GetAsync(new Uri("/api/campaigns?" + query, UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Endpoints_NeedAnOperatorKey()
    {
        using var anonymous = _factory.CreateClient();
        using (var response = await anonymous.GetAsync(new Uri("/api/campaigns", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        using var vendor = _factory.CreateClient(DemoKeyNames.Vendor);
        using (var response = await vendor.PostAsync(new Uri("/api/campaigns", UriKind.Relative), CampaignTestKit.Json(Gent("""["sms"]""", """{"municipalities":[44021]}"""))))
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        using var admin = _factory.CreateClient(DemoKeyNames.Admin);
        using (var response = await admin.GetAsync(new Uri("/api/templates", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
    }

    private static string Gent(string channels, string audience, string extra = "") =>
        $$"""{"capXml":{{System.Text.Json.JsonSerializer.Serialize(CampaignTestKit.GentFire)}},"channels":{{channels}},"audience":{{audience}}{{extra}}}""";
}
