using System.Net;
using System.Text.Json.Nodes;
using BeAlert.Dispatch;
using BeAlert.Gateway.Audit;
using BeAlert.Gateway.Campaigns;
using BeAlert.Gateway.Demo;
using BeAlert.Gateway.Security;
using BeAlert.Gateway.Storage;
using BeAlert.Gateway.Tests.Campaigns;
using static BeAlert.Gateway.Tests.Alerts.AlertSamples;

namespace BeAlert.Gateway.Tests.MultiInstance;

/// <summary>
/// Commands reach a running campaign whichever instance gets them: an operator's cancel and Update/Cancel alerts posted
/// alone are recorded durably (<c>campaign_commands</c>) and applied by the instance whose engine runs the campaign. In
/// the PostgreSQL run, A runs the campaign and B (a second in-process gateway on the same database) takes the requests.
/// In the SQLite run a second gateway cannot open the data directory, so "the other instance" is another writer on the
/// database (the command store used directly, as B's endpoint would), and alerts are posted to A.
/// </summary>
public sealed class CampaignCommandTests : IDisposable
{
    private const string Fire = "BE-GENT-2026-0412";
    private readonly GatewayFactory _a = new();
    private readonly string _sink;
    private GatewayFactory? _b;

    public CampaignCommandTests()
    {
        _sink = Path.Combine(_a.DataDirectory, "sink.tsv");
        _a.Settings["BeAlert:Simulation:SinkFile"] = _sink;
        _a.Settings["BeAlert:Simulation:Latency"] = "00:00:01";
        _a.Settings["BeAlert:Storage:LeaseSeconds"] = "3";
    }

    private bool Shared => _a.Provider == StorageProvider.PostgreSql;

    public void Dispose()
    {
        if (_b is not null)
        {
            _a.KeepData = true; // B drops the shared database when it goes
            _a.Dispose();
            _b.Dispose();
        }
        else
        {
            _a.Dispose();
        }
    }

    [Fact]
    public async Task Cancel_OnAnotherInstance_Is202_EndsCancelled_AndNothingIsSentAfterwards()
    {
        using var onB = Shared ? Peer().CreateClient(DemoKeyNames.Federal) : null;
        using var onA = _a.CreateClient(DemoKeyNames.Federal);
        var (id, _) = await CampaignTestKit.StartAsync(onA, Everyone(CampaignTestKit.GentFire));
        using var timeout = new CancellationTokenSource(CampaignTestKit.Patience);
        using var events = await OpenEventsAsync(onA, id, timeout.Token);
        await WaitForAsync(() => Task.FromResult(SinkCount(id)), n => n >= 10, timeout.Token);

        long commandId;
        if (Shared)
        {
            commandId = await CancelAsync(onB!, id);
            Assert.True(await CancelAsync(onB!, id) >= commandId); // twice: still one pending command, or a no-op after it
        }
        else
        {
            var (command, created) = await _a.Service<CampaignCommandStore>().RequestCancelAsync(id, new AuditActor("other-instance", null, DemoSeeder.FederalId, "192.0.2.7"));
            Assert.True(created);
            commandId = command.Id;
        }

        var report = await CampaignTestKit.WaitForReportAsync(onA, id);
        Assert.Equal("Cancelled", report["status"]!.GetValue<string>());
        Assert.True(CampaignTestKit.Sum(report, "cancelled") > 0);
        Assert.Equal("Cancel", report["cancelledBy"]!["kind"]!.GetValue<string>());
        Assert.Equal(commandId, report["cancelledBy"]!["id"]!.GetValue<long>());

        // The stream showed the cancel, then the report.
        var seen = await ReadEventsUntilReportAsync(events, timeout.Token);
        Assert.Contains(seen, e => e.Event == "command" && e.Data.Contains("\"kind\":\"Cancel\"", StringComparison.Ordinal));
        Assert.Equal("report", seen[^1].Event);

        // Nothing left after the cancel: every message the sink saw is counted as sent in the final report, and more
        // command rounds later the sink still has the same number.
        var atReport = SinkCount(id);
        Assert.Equal(CampaignTestKit.Sum(report, "sent") + CampaignTestKit.Sum(report, "delivered"), atReport);
        var processor = _a.Service<CampaignCommandProcessor>();
        var polls = processor.Polls;
        await WaitForAsync(() => Task.FromResult(processor.Polls), p => p >= polls + 3, timeout.Token);
        Assert.Equal(atReport, SinkCount(id));

        var status = await CampaignTestKit.WaitForStatusAsync(onA, id);
        Assert.Equal("Cancelled", status["status"]!.GetValue<string>());
        using (var ended = await onA.PostAsync(new Uri($"/api/campaigns/{id:D}/cancel", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.Conflict, ended.StatusCode);
        }

        var audit = await _a.Service<AuditLog>().ListAsync(DemoSeeder.FederalId);
        Assert.Contains(audit, e => e.Action == "campaign.cancel" && e.Target == id.ToString("D"));
        if (Shared)
        {
            Assert.Contains(audit, e => e.Action == "campaign.cancel.requested" && e.Target == id.ToString("D"));
        }
    }

    [Fact]
    public async Task CancelAlert_PostedAlone_StopsTheRunningCampaign_AndTheReportSaysSo()
    {
        using var poster = Shared ? Peer().CreateClient(DemoKeyNames.Federal) : _a.CreateClient(DemoKeyNames.Federal);
        using var onA = _a.CreateClient(DemoKeyNames.Federal);
        await PostSampleAsync(onA, GentFire);
        var (id, _) = await CampaignTestKit.StartAsync(onA, Everyone(alertId: Fire));
        using var timeout = new CancellationTokenSource(CampaignTestKit.Patience);
        await WaitForAsync(() => Task.FromResult(SinkCount(id)), n => n >= 10, timeout.Token);

        await PostSampleXmlAsync(poster, CancelOfFireOnly());

        var report = await CampaignTestKit.WaitForReportAsync(onA, id);
        Assert.Equal("Cancelled", report["status"]!.GetValue<string>());
        Assert.True(CampaignTestKit.Sum(report, "cancelled") > 0);
        var by = report["cancelledBy"]!;
        Assert.Equal("AlertCancel", by["kind"]!.GetValue<string>());
        Assert.Equal("BE-GENT-2026-0412-C1", by["alertIdentifier"]!.GetValue<string>());
        Assert.Contains("Cancel alert", by["result"]!.GetValue<string>(), StringComparison.Ordinal);
        var status = await CampaignTestKit.WaitForStatusAsync(onA, id);
        Assert.Equal("Cancelled", status["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task UpdateAlert_PostedAlone_ChangesTheTextOfTheDeliveriesNotYetSent()
    {
        using var poster = Shared ? Peer().CreateClient(DemoKeyNames.Federal) : _a.CreateClient(DemoKeyNames.Federal);
        using var onA = _a.CreateClient(DemoKeyNames.Federal);
        await PostSampleAsync(onA, GentFire);
        var (id, _) = await CampaignTestKit.StartAsync(onA, Everyone(alertId: Fire));
        using var timeout = new CancellationTokenSource(CampaignTestKit.Patience);
        await WaitForAsync(() => Task.FromResult(SinkCount(id)), n => n >= 10, timeout.Token);
        var sink = _a.Service<SimulationSink>();
        Assert.DoesNotContain(Channels, c => IsUpdateText(sink.LastText(id, c)));

        await PostSampleAsync(poster, GentUpdate);

        // Later deliveries carry the Update's text (the campaign goes on: an Update does not stop it).
        await WaitForAsync(() => Task.FromResult(Channels.Any(c => IsUpdateText(sink.LastText(id, c)))), updated => updated, timeout.Token);
        using (var running = await onA.GetAsync(new Uri($"/api/campaigns/{id:D}", UriKind.Relative), timeout.Token))
        {
            Assert.Equal("Running", (await running.ReadObjectAsync())["status"]!.GetValue<string>());
        }

        var commands = await _a.Service<CampaignCommandStore>().ForCampaignAsync(id, timeout.Token);
        var update = Assert.Single(commands);
        Assert.Equal(CampaignCommandKind.AlertUpdate, update.Kind);
        Assert.NotNull(update.AppliedAt);

        // Stop it here (the rest is the cancel path, tested above).
        using var cancel = await onA.PostAsync(new Uri($"/api/campaigns/{id:D}/cancel", UriKind.Relative), null, timeout.Token);
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        var report = await CampaignTestKit.WaitForReportAsync(onA, id);
        Assert.Equal("Cancel", report["cancelledBy"]!["kind"]!.GetValue<string>());
        Assert.Equal(2, report["commands"]!.AsArray().Count);
    }

    [Fact]
    public async Task CancelAlert_OfAnotherAuthority_IsRefusedAtIngest_AndTheCampaignRunsOn()
    {
        using var gent = Shared ? Peer().CreateClient(DemoKeyNames.Commune) : _a.CreateClient(DemoKeyNames.Commune);
        using var federal = _a.CreateClient(DemoKeyNames.Federal);
        await PostSampleAsync(federal, GentFire);
        var (id, _) = await CampaignTestKit.StartAsync(federal, Everyone(alertId: Fire));

        using (var refused = await PostAsync(gent, CancelOfFireOnly()))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            Assert.Contains("another authority", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Empty(await _a.Service<CampaignCommandStore>().ForCampaignAsync(id));
        var processor = _a.Service<CampaignCommandProcessor>();
        using var timeout = new CancellationTokenSource(CampaignTestKit.Patience);
        var polls = processor.Polls;
        await WaitForAsync(() => Task.FromResult(processor.Polls), p => p >= polls + 2, timeout.Token);
        using (var running = await federal.GetAsync(new Uri($"/api/campaigns/{id:D}", UriKind.Relative), timeout.Token))
        {
            Assert.Equal("Running", (await running.ReadObjectAsync())["status"]!.GetValue<string>());
        }

        using var cancel = await federal.PostAsync(new Uri($"/api/campaigns/{id:D}/cancel", UriKind.Relative), null, timeout.Token);
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        await CampaignTestKit.WaitForReportAsync(federal, id);
    }

    [Fact]
    public async Task PendingCommand_SurvivesARestart_AndTheNextInstanceAppliesIt()
    {
        // This instance only looks at startup: a command recorded afterwards stays pending until the "crash".
        _a.Settings["BeAlert:CampaignCommands:PollInterval"] = "00:05:00";
        using var onA = _a.CreateClient(DemoKeyNames.Federal);
        var (id, _) = await CampaignTestKit.StartAsync(onA, Everyone(CampaignTestKit.GentFire));
        using var timeout = new CancellationTokenSource(CampaignTestKit.Patience);
        await WaitForAsync(() => Task.FromResult(SinkCount(id)), n => n >= 10, timeout.Token);
        var (command, _) = await _a.Service<CampaignCommandStore>().RequestCancelAsync(id, new AuditActor("other-instance", null, DemoSeeder.FederalId, "192.0.2.7"), timeout.Token);

        // Crash: the engine and the lease loop stop, nothing more is written; the command row is still pending.
        await _a.Service<CampaignLeaseService>().StopAsync(CancellationToken.None);
        await _a.Service<DispatchHost>().DisposeAsync();
        var pending = await _a.Service<CampaignCommandStore>().PendingAsync(0, 10, timeout.Token);
        Assert.Contains(pending, c => c.Id == command.Id);
        _a.KeepData = true;
        _a.Dispose();

        _b = _a.Reopen();
        _b.Settings["BeAlert:Simulation:SinkFile"] = _sink;
        _b.Settings["BeAlert:Simulation:Latency"] = "00:00:01";
        _b.Settings["BeAlert:Storage:LeaseSeconds"] = "3";
        using var restarted = _b.CreateClient(DemoKeyNames.Federal);
        var report = await CampaignTestKit.WaitForReportAsync(restarted, id);
        Assert.Equal("Cancelled", report["status"]!.GetValue<string>());
        Assert.Equal(command.Id, report["cancelledBy"]!["id"]!.GetValue<long>());
        Assert.Empty(await _b.Service<CampaignCommandStore>().PendingAsync(0, 10, timeout.Token));
        _a.KeepData = false;
    }

    [Fact]
    public void Options_OutOfRange_AreListed()
    {
        var errors = new CampaignCommandOptions { PollInterval = TimeSpan.Zero, PageSize = 0 }.Validate();
        Assert.Contains(errors, e => e.Contains("PollInterval", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("PageSize", StringComparison.Ordinal));
        Assert.Empty(new CampaignCommandOptions().Validate());
    }

    private static readonly DeliveryChannel[] Channels = [DeliveryChannel.Sms, DeliveryChannel.Email, DeliveryChannel.Voice];

    private static object Everyone(string? capXml = null, string? alertId = null) => capXml is not null
        ? new { capXml, channels = new[] { "sms", "email", "voice" }, audience = new { everyone = true }, name = "slow national" }
        : new { alertId, channels = new[] { "sms", "email", "voice" }, audience = new { everyone = true }, name = "slow national" };

    private static bool IsUpdateText(string? text) =>
        text is not null && (text.Contains("onder controle", StringComparison.Ordinal) || text.Contains("maîtrisé", StringComparison.Ordinal));

    /// <summary>The Cancel sample referencing only the fire (the sample also names its Update, not posted here).</summary>
    private static string CancelOfFireOnly()
    {
        var xml = Text(GentCancel);
        var start = xml.IndexOf("<references>", StringComparison.Ordinal);
        var end = xml.IndexOf("</references>", StringComparison.Ordinal);
        return xml[..start] + "<references>brandweer@gent.be,BE-GENT-2026-0412,2026-11-20T09:12:00+01:00" + xml[end..];
    }

    private static async Task PostSampleXmlAsync(HttpClient client, string xml)
    {
        using var response = await PostAsync(client, xml);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode} {body}");
    }

    private static async Task<long> CancelAsync(HttpClient client, Guid id)
    {
        using var response = await client.PostAsync(new Uri($"/api/campaigns/{id:D}/cancel", UriKind.Relative), null);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode} {body}");
        var json = JsonNode.Parse(body)!;
        Assert.Equal("Cancelling", json["status"]!.GetValue<string>());
        return json["command"]!["id"]!.GetValue<long>();
    }

    private static async Task<StreamReader> OpenEventsAsync(HttpClient client, Guid id, CancellationToken cancellationToken)
    {
        var response = await client.GetAsync(new Uri($"/api/campaigns/{id:D}/events", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
    }

    private static async Task<List<(string Event, string Data)>> ReadEventsUntilReportAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        var events = new List<(string, string)>();
        string? name = null;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && name is not null)
            {
                events.Add((name, line[6..]));
                if (name == "report")
                {
                    return events;
                }
            }
        }

        return events;
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done, CancellationToken cancellationToken) =>
        await MultiInstanceTests.WaitForAsync(read, done, cancellationToken);

    private long SinkCount(Guid id) => File.Exists(_sink) ? CampaignTestKit.SinkLines(_sink).Count(l => l.Campaign == id) : 0;

    private GatewayFactory Peer()
    {
        if (_b is not null)
        {
            return _b;
        }

        _ = _a.Server; // A first: it creates the database B shares
        _a.KeepData = true;
        _b = _a.Reopen();
        _b.Settings["BeAlert:Simulation:SinkFile"] = Path.Combine(_a.DataDirectory, "sink-b.tsv");
        _b.Settings["BeAlert:Storage:LeaseSeconds"] = "3";
        _ = _b.Server;
        _a.KeepData = false;
        return _b;
    }
}
