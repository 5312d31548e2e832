using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using BeAlert.Gateway.Audit;
using BeAlert.Gateway.Campaigns;
using BeAlert.Gateway.Demo;
using BeAlert.Gateway.Security;
using Xunit.Abstractions;

namespace BeAlert.Gateway.Tests.Campaigns;

public sealed class TemplateTests(ITestOutputHelper output) : IDisposable
{
    private readonly GatewayFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    /// <summary>The Gent fire sample with placeholders: identifier and sent built in, the street given at send time.</summary>
    public static string TemplateXml => CampaignTestKit.GentFire
        .Replace("<identifier>BE-GENT-2026-0412</identifier>", "<identifier>{{identifier}}</identifier>", StringComparison.Ordinal)
        .Replace("Grote brand in een loods aan de Kennedylaan.", "Grote brand aan de {{street}}.", StringComparison.Ordinal);

    [Fact]
    public async Task Templates_CreateGetListUpdateDelete_OnlyForTheirAuthority()
    {
        using var gent = _factory.CreateClient(DemoKeyNames.Commune);
        using var created = await gent.PostJsonAsync("/api/templates", new { name = "Haven fire", capXml = TemplateXml, channels = new[] { "sms" }, audience = new { municipalities = new[] { 44021 } } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var template = await created.ReadObjectAsync();
        var id = template["id"]!.GetValue<string>();
        Assert.Equal($"/api/templates/{id}", created.Headers.Location!.OriginalString);

        using (var list = await gent.GetAsync(new Uri("/api/templates", UriKind.Relative)))
        {
            Assert.Contains(JsonNode.Parse(await list.Content.ReadAsStringAsync())!.AsArray(), t => t!["id"]!.GetValue<string>() == id);
        }

        using (var put = await gent.PutAsync(new Uri($"/api/templates/{id}", UriKind.Relative), CampaignTestKit.Json(new { name = "Haven fire v2", capXml = TemplateXml, channels = new[] { "sms", "email" } })))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        using (var get = await gent.GetAsync(new Uri($"/api/templates/{id}", UriKind.Relative)))
        {
            var json = await get.ReadObjectAsync();
            Assert.Equal("Haven fire v2", json["name"]!.GetValue<string>());
            Assert.Equal(2, json["channels"]!.AsArray().Count);
        }

        using var federal = _factory.CreateClient(DemoKeyNames.Federal);
        using (var theirs = await federal.GetAsync(new Uri($"/api/templates/{id}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        }

        using (var theirSend = await federal.PostAsync(new Uri($"/api/templates/{id}/send", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.NotFound, theirSend.StatusCode);
        }

        using (var delete = await gent.DeleteAsync(new Uri($"/api/templates/{id}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        using (var gone = await gent.GetAsync(new Uri($"/api/templates/{id}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }

        var audit = await _factory.Service<AuditLog>().ListAsync(DemoSeeder.GentId);
        Assert.Contains(audit, e => e.Action == "template.create" && e.Target == id);
        Assert.Contains(audit, e => e.Action == "template.update" && e.Target == id);
        Assert.Contains(audit, e => e.Action == "template.delete" && e.Target == id);
    }

    [Theory]
    [InlineData("""{"capXml":"<alert/>","channels":["sms"]}""", "needs a name")]
    [InlineData("""{"name":"x","channels":["sms"]}""", "needs a CAP alert")]
    [InlineData("""{"name":"x","capXml":"<alert>broken","channels":["sms"]}""", "malformed")]
    [InlineData("""{"name":"x","capXml":"<alert/>","channels":["fax"]}""", "fax")]
    public async Task Create_Invalid_Is422(string body, string expected)
    {
        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        using var response = await client.PostAsync(new Uri("/api/templates", UriKind.Relative), CampaignTestKit.Json(body));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_FillsPlaceholders_FreshIdentifierEachTime_MissingValueIs422()
    {
        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        using var created = await client.PostJsonAsync("/api/templates", new { name = "Haven fire", capXml = TemplateXml, channels = new[] { "sms" }, audience = new { municipalities = new[] { 44021 } } });
        var id = (await created.ReadObjectAsync())["id"]!.GetValue<string>();

        using (var missing = await client.PostAsync(new Uri($"/api/templates/{id}/send", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, missing.StatusCode);
            Assert.Contains("{{street}}", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var identifiers = new HashSet<string>();
        for (var i = 0; i < 2; i++)
        {
            using var sent = await client.PostJsonAsync($"/api/templates/{id}/send", new { values = new Dictionary<string, string> { ["street"] = "Kennedylaan <12> & co" } });
            Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
            var json = await sent.ReadObjectAsync();
            identifiers.Add(json["alertIdentifier"]!.GetValue<string>());
            var campaign = Guid.Parse(json["id"]!.GetValue<string>());
            var report = await CampaignTestKit.WaitForReportAsync(client, campaign);
            Assert.Equal(id, report["templateId"]!.GetValue<string>());
            var text = _factory.Service<SimulationSink>().LastText(campaign, BeAlert.Dispatch.DeliveryChannel.Sms);
            Assert.NotNull(text);
        }

        Assert.Equal(2, identifiers.Count);
        Assert.DoesNotContain("{{", string.Concat(identifiers), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithTemplateIdInTheCampaignBody_UsesItsDefaults()
    {
        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        var fixedXml = CampaignTestKit.GentFire;
        using var created = await client.PostJsonAsync("/api/templates", new { name = "Fixed", capXml = fixedXml, channels = new[] { "email" }, audience = new { municipalities = new[] { 44021 } } });
        var id = (await created.ReadObjectAsync())["id"]!.GetValue<string>();
        var (campaign, body) = await CampaignTestKit.StartAsync(client, new { templateId = id });
        Assert.Equal(["email"], body["channels"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.StartsWith("BE-GENT-2026-0412-", body["alertIdentifier"]!.GetValue<string>(), StringComparison.Ordinal);
        await CampaignTestKit.WaitForReportAsync(client, campaign);
    }

    /// <summary>
    /// Call-to-first-message: from just before POST /api/templates/{id}/send to the first message a simulation transport
    /// accepted. Asserts only that every send reaches the transport; prints the median and p95 (a measurement, not a
    /// limit). BEALERT_TEMPLATE_RUNS and BEALERT_TEMPLATE_SUBSCRIBERS scale it up for a manual run.
    /// </summary>
    [Fact]
    public async Task Send_EveryRun_ReachesTheTransport_TimingPrinted()
    {
        var runs = int.TryParse(Environment.GetEnvironmentVariable("BEALERT_TEMPLATE_RUNS"), out var r) ? r : 10;
        if (int.TryParse(Environment.GetEnvironmentVariable("BEALERT_TEMPLATE_SUBSCRIBERS"), out var subscribers))
        {
            _factory.Subscribers = subscribers;
        }

        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        using var created = await client.PostJsonAsync("/api/templates", new { name = "Haven fire", capXml = TemplateXml, channels = new[] { "sms", "email" }, audience = new { municipalities = new[] { 44021 } } });
        var id = (await created.ReadObjectAsync())["id"]!.GetValue<string>();
        var sink = _factory.Service<SimulationSink>();
        var times = new List<double>();
        long people = 0;
        for (var i = 0; i < runs; i++)
        {
            var start = Stopwatch.GetTimestamp();
            using var sent = await client.PostJsonAsync($"/api/templates/{id}/send", new { values = new Dictionary<string, string> { ["street"] = "Kennedylaan" } });
            Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
            var json = await sent.ReadObjectAsync();
            people = json["audience"]!["people"]!.GetValue<long>();
            var campaign = Guid.Parse(json["id"]!.GetValue<string>());
            var first = await sink.FirstMessageAsync(campaign).WaitAsync(CampaignTestKit.Patience);
            times.Add(Stopwatch.GetElapsedTime(start, first).TotalMilliseconds);
            await CampaignTestKit.WaitForReportAsync(client, campaign);
        }

        times.Sort();
        output.WriteLine($"template send, call to first message at the transport, {runs} runs, {_factory.Subscribers} subscribers ({people} people in Gent): " +
            $"median {times[times.Count / 2]:0.0} ms, p95 {times[(int)Math.Ceiling(times.Count * 0.95) - 1]:0.0} ms, max {times[^1]:0.0} ms");
        Assert.Equal(runs, times.Count);
    }
}
