using System.Net;
using System.Text.Json.Nodes;
using BeAlert.Dispatch;
using BeAlert.Gateway.Audit;
using BeAlert.Gateway.Campaigns;
using BeAlert.Gateway.Demo;
using BeAlert.Gateway.Security;

namespace BeAlert.Gateway.Tests.Campaigns;

public sealed class CampaignApiTests : IDisposable
{
    private readonly GatewayFactory _factory = new();
    private readonly string _sink;

    public CampaignApiTests()
    {
        _sink = Path.Combine(_factory.DataDirectory, "sink.tsv");
        _factory.Settings["BeAlert:Simulation:SinkFile"] = _sink;
    }

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Start_GentMunicipality_Returns202AndCompletesWithEveryDeliveryInTheSinkOnce()
    {
        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        var (id, body) = await CampaignTestKit.StartAsync(client, CampaignTestKit.GentCampaign());
        Assert.Equal("Running", body["status"]!.GetValue<string>());
        Assert.Equal("LIVE", body["mode"]!.GetValue<string>());
        var people = body["audience"]!["people"]!.GetValue<long>();
        Assert.True(people > 0, "Gent has subscribers in the 2,000-subscriber population");
        var planned = body["audience"]!["deliveries"]!["sms"]!.GetValue<long>() + body["audience"]!["deliveries"]!["email"]!.GetValue<long>();
        Assert.True(body["estimate"]!["totalCost"]!.GetValue<decimal>() > 0);

        var report = await CampaignTestKit.WaitForReportAsync(client, id);
        Assert.Equal("Completed", report["status"]!.GetValue<string>());
        Assert.Equal(id, Guid.Parse(report["campaignId"]!.GetValue<string>()));
        Assert.Equal(planned, CampaignTestKit.Sum(report, "targeted"));
        Assert.Equal(planned, CampaignTestKit.Sum(report, "delivered"));
        Assert.False(report["isSimulation"]!.GetValue<bool>());

        var lines = CampaignTestKit.SinkLines(_sink).Where(l => l.Campaign == id).ToList();
        Assert.Equal(planned, lines.Count);
        Assert.Equal(lines.Count, lines.Select(l => l.Sequence).Distinct().Count());
        Assert.Equal(lines.Count, lines.Select(l => (l.Channel, l.Recipient)).Distinct().Count());
        Assert.All(lines, l => Assert.Contains(l.Channel, new[] { "sms", "email" }));

        var status = await CampaignTestKit.WaitForStatusAsync(client, id);
        Assert.Equal("Completed", status["status"]!.GetValue<string>());
        Assert.Equal(people, status["people"]!.GetValue<long>());
        Assert.Equal("BE-GENT-2026-0412", status["alertIdentifier"]!.GetValue<string>());

        var audit = await _factory.Service<AuditLog>().ListAsync(DemoSeeder.GentId);
        Assert.Contains(audit, e => e.Action == "campaign.start" && e.Target == id.ToString("D"));
    }

    [Fact]
    public async Task List_NewestFirst_PagedWithCursor_OnlyOwnAuthority()
    {
        using var gent = _factory.CreateClient(DemoKeyNames.Commune);
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await CampaignTestKit.StartAsync(gent, CampaignTestKit.GentCampaign(["email"], name: $"c{i}"))).Id);
        }

        using var first = await gent.GetAsync(new Uri("/api/campaigns?limit=2", UriKind.Relative));
        var page = await first.ReadObjectAsync();
        var items = page["items"]!.AsArray().Select(i => Guid.Parse(i!["id"]!.GetValue<string>())).ToList();
        Assert.Equal(2, items.Count);
        var next = page["next"]!.GetValue<string>();
        using var second = await gent.GetAsync(new Uri($"/api/campaigns?limit=2&before={Uri.EscapeDataString(next)}", UriKind.Relative));
        var rest = (await second.ReadObjectAsync())["items"]!.AsArray().Select(i => Guid.Parse(i!["id"]!.GetValue<string>())).ToList();
        Assert.Equal(ids.Order(), items.Concat(rest).Order());
        Assert.Empty(items.Intersect(rest));

        using var federal = _factory.CreateClient(DemoKeyNames.Federal);
        using var theirs = await federal.GetAsync(new Uri("/api/campaigns", UriKind.Relative));
        Assert.Empty((await theirs.ReadObjectAsync())["items"]!.AsArray());
        using var other = await federal.GetAsync(new Uri($"/api/campaigns/{ids[0]:D}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        using var otherReport = await federal.GetAsync(new Uri($"/api/campaigns/{ids[0]:D}/report.csv", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, otherReport.StatusCode);
    }

    [Fact]
    public async Task Simulation_RequestedByBody_TextsReportAndCsvSaySimulation()
    {
        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        var (id, body) = await CampaignTestKit.StartAsync(client, CampaignTestKit.GentCampaign(["sms", "email", "voice"], simulation: true));
        Assert.True(body["simulation"]!.GetValue<bool>());
        Assert.Equal("SIMULATION", body["mode"]!.GetValue<string>());

        var report = await CampaignTestKit.WaitForReportAsync(client, id);
        Assert.True(report["isSimulation"]!.GetValue<bool>());
        Assert.Equal("SIMULATION", report["mode"]!.GetValue<string>());
        Assert.Contains("SIMULATION", report["notice"]!.GetValue<string>(), StringComparison.Ordinal);

        // Every text handed to a transport carries the mark, in the recipient's language (nl: SIMULATIE).
        var sink = _factory.Service<SimulationSink>();
        foreach (var channel in new[] { DeliveryChannel.Sms, DeliveryChannel.Email, DeliveryChannel.Voice })
        {
            var text = sink.LastText(id, channel);
            Assert.NotNull(text);
            Assert.True(text.Contains("SIMULATION", StringComparison.OrdinalIgnoreCase) || text.Contains("SIMULATIE", StringComparison.OrdinalIgnoreCase), text);
        }

        using var csv = await client.GetAsync(new Uri($"/api/campaigns/{id:D}/report.csv", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var text2 = await csv.Content.ReadAsStringAsync();
        var lines = text2.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("SIMULATION,", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("record,channel,municipalityNis,", lines[1], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("channel,sms,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("municipality,,44021,", StringComparison.Ordinal));
        Assert.StartsWith("total,", lines[^1], StringComparison.Ordinal);
        Assert.DoesNotContain('\n', text2.Replace("\r\n", string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SimulationAccount_IsAlwaysSimulation_EvenWhenTheBodySaysNot()
    {
        await _factory.Service<AuthorityStore>().SetSimulationAsync(DemoSeeder.GentId, true);
        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        var (id, body) = await CampaignTestKit.StartAsync(client, CampaignTestKit.GentCampaign(["sms"], simulation: false));
        Assert.True(body["simulation"]!.GetValue<bool>());
        var report = await CampaignTestKit.WaitForReportAsync(client, id);
        Assert.Equal("SIMULATION", report["mode"]!.GetValue<string>());
    }

    [Fact]
    public async Task Estimate_ReturnsAudienceAndCost_AndSendsNothing()
    {
        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        using var response = await client.PostJsonAsync("/api/campaigns/estimate", CampaignTestKit.GentCampaign(["sms", "email", "voice"]));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.ReadObjectAsync();
        Assert.True(json["audience"]!["people"]!.GetValue<long>() > 0);
        Assert.True(json["estimate"]!["cost"]!["sms"]!.GetValue<decimal>() > 0);
        Assert.Equal("EUR", json["estimate"]!["currency"]!.GetValue<string>());

        using var list = await client.GetAsync(new Uri("/api/campaigns", UriKind.Relative));
        Assert.Empty((await list.ReadObjectAsync())["items"]!.AsArray());
        Assert.False(File.Exists(_sink) && new FileInfo(_sink).Length > 0);
    }

    [Fact]
    public async Task Start_CircleAndPolygonAndGeoJsonAreasInGent_Accepted()
    {
        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        var body = new
        {
            capXml = CampaignTestKit.GentFire,
            channels = new[] { "sms", "cellBroadcast" },
            audience = new
            {
                areas = new object[]
                {
                    new { circle = "51.05,3.72 2" },
                    new { polygon = "51.03,3.68 51.03,3.76 51.08,3.76 51.08,3.68 51.03,3.68" },
                    new { geojson = JsonNode.Parse("""{"type":"Polygon","coordinates":[[[3.70,51.04],[3.74,51.04],[3.74,51.07],[3.70,51.07],[3.70,51.04]]]}""") },
                },
            },
        };
        var (id, json) = await CampaignTestKit.StartAsync(client, body);
        Assert.Equal(3, json["audience"]!["deliveries"]!["cellBroadcast"]!.GetValue<long>() / 2); // 3 zones x 2 languages
        var report = await CampaignTestKit.WaitForReportAsync(client, id);
        Assert.Equal("Completed", report["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Start_OutsideTheAuthority_Is403WithReasons()
    {
        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        var body = new { capXml = CampaignTestKit.GentFire, channels = new[] { "sms" }, audience = new { municipalities = new[] { 11002 }, everyone = true } };
        using var response = await client.PostJsonAsync("/api/campaigns", body);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var json = await response.ReadObjectAsync();
        var reasons = json["reasons"]!.AsArray().Select(r => r!.GetValue<string>()).ToList();
        Assert.Contains(reasons, r => r.StartsWith("OutsideTerritory", StringComparison.Ordinal));
        Assert.True(reasons.Count >= 2, string.Join(" | ", reasons));
    }

    [Fact]
    public async Task Start_TypeTwoAuthorityWithAMunicipality_Is403()
    {
        using var client = _factory.CreateClient(DemoKeyNames.SchoolBoard);
        var body = new { capXml = CampaignTestKit.GentFire, channels = new[] { "sms" }, audience = new { municipalities = new[] { 24062 } } };
        using var response = await client.PostJsonAsync("/api/campaigns", body);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("GroupAlertingOnly", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_AnAreaWithNobodyInIt_Is422()
    {
        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        var body = new { capXml = CampaignTestKit.GentFire, channels = new[] { "sms" }, audience = new { areas = new[] { new { circle = "51.0543,3.7174 0.01" } } } };
        using var response = await client.PostJsonAsync("/api/campaigns", body);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("Nobody", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_RunningCampaign_EndsCancelled_ThenCancelAgainIs409()
    {
        _factory.Settings["BeAlert:Simulation:Latency"] = "00:00:00.200";
        using var client = _factory.CreateClient(DemoKeyNames.Federal);
        var body = new { capXml = CampaignTestKit.GentFire, channels = new[] { "sms", "email", "voice" }, audience = new { everyone = true } };
        var (id, _) = await CampaignTestKit.StartAsync(client, body);

        using (var early = await client.GetAsync(new Uri($"/api/campaigns/{id:D}/report", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        }

        using (var running = await client.GetAsync(new Uri($"/api/campaigns/{id:D}", UriKind.Relative)))
        {
            var json = await running.ReadObjectAsync();
            Assert.Equal("Running", json["status"]!.GetValue<string>());
            Assert.NotNull(json["progress"]);
        }

        using (var cancel = await client.PostAsync(new Uri($"/api/campaigns/{id:D}/cancel", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        }

        var report = await CampaignTestKit.WaitForReportAsync(client, id);
        Assert.Equal("Cancelled", report["status"]!.GetValue<string>());
        Assert.True(CampaignTestKit.Sum(report, "cancelled") > 0);
        await CampaignTestKit.WaitForStatusAsync(client, id);

        using var again = await client.PostAsync(new Uri($"/api/campaigns/{id:D}/cancel", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var audit = await _factory.Service<AuditLog>().ListAsync(DemoSeeder.FederalId);
        Assert.Contains(audit, e => e.Action == "campaign.cancel" && e.Target == id.ToString("D"));
    }

    [Fact]
    public async Task Events_StreamProgressThenReport_AndAfterTheEndTheReportAtOnce()
    {
        _factory.Settings["BeAlert:Simulation:Latency"] = "00:00:00.050";
        using var client = _factory.CreateClient(DemoKeyNames.Federal);
        var body = new { capXml = CampaignTestKit.GentFire, channels = new[] { "sms", "email" }, audience = new { everyone = true } };
        var (id, _) = await CampaignTestKit.StartAsync(client, body);

        var events = await ReadEventsAsync(client, id);
        Assert.True(events.Count >= 2, string.Join(", ", events.Select(e => e.Name)));
        Assert.Equal("progress", events[0].Name);
        Assert.Equal("report", events[^1].Name);
        Assert.All(events.SkipLast(1), e => Assert.Equal("progress", e.Name));
        Assert.True(events[^2].Data["isFinal"]!.GetValue<bool>());
        Assert.Equal("Completed", events[^1].Data["status"]!.GetValue<string>());

        var after = await ReadEventsAsync(client, id);
        var only = Assert.Single(after);
        Assert.Equal("report", only.Name);
        Assert.Equal(id, Guid.Parse(only.Data["campaignId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task ReportCsv_WhileRunningIs409_ThenOneRowPerChannelWithRfc4180Quoting()
    {
        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        var (id, _) = await CampaignTestKit.StartAsync(client, CampaignTestKit.GentCampaign(["sms", "email"], name: "Brand, \"haven\""));
        await CampaignTestKit.WaitForReportAsync(client, id);
        using var csv = await client.GetAsync(new Uri($"/api/campaigns/{id:D}/report.csv", UriKind.Relative));
        var text = await csv.Content.ReadAsStringAsync();
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("record,", lines[0], StringComparison.Ordinal);
        Assert.Equal(2, lines.Count(l => l.StartsWith("channel,", StringComparison.Ordinal)));
        Assert.All(lines, l => Assert.Equal(13, l.Count(c => c == ',')));
        Assert.Equal("\"a,b\"", CampaignReportCsv.Quote("a,b"));
        Assert.Equal("\"say \"\"hi\"\"\"", CampaignReportCsv.Quote("say \"hi\""));
        Assert.Equal("plain", CampaignReportCsv.Quote("plain"));
    }

    private static async Task<List<(string Name, JsonObject Data)>> ReadEventsAsync(HttpClient client, Guid id)
    {
        using var timeout = new CancellationTokenSource(CampaignTestKit.Patience);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/campaigns/{id:D}/events");
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        var events = new List<(string, JsonObject)>();
        string? name = null;
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                events.Add((name!, JsonNode.Parse(line["data: ".Length..])!.AsObject()));
            }
        }

        return events;
    }
}
