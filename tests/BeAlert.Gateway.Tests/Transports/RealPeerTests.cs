using System.Text.Json.Nodes;
using BeAlert.Dispatch;
using BeAlert.Gateway.Campaigns;
using BeAlert.Gateway.Demo;
using BeAlert.Gateway.Security;
using BeAlert.Gateway.Tests.Campaigns;
using BeAlert.Gateway.Tests.Operations;
using BeAlert.Gateway.Transports;
using BeAlert.TestUtils;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace BeAlert.Gateway.Tests.Transports;

/// <summary>
/// The gateway configured with real peers: the node SMSC (tests/peers/smsc.js on npm <c>smpp</c>) and postfix's
/// smtp-sink. Live campaigns reach them; simulation campaigns reach neither; no secret reaches the logs.
/// </summary>
public sealed class RealPeerTests : IAsyncLifetime, IDisposable
{
    private const string SmtpUser = "bealert-relay-user";
    private const string SmtpPassword = "smtp-Pa55-that-must-not-leak";

    private readonly GatewayFactory _factory = new();
    private readonly CapturingLoggerProvider _logs = new();
    private NodeSmscPeer _smsc = null!;
    private SmtpSinkPeer _smtp = null!;
    private string _sink = string.Empty;

    public async Task InitializeAsync()
    {
        _smsc = await NodeSmscPeer.StartAsync(new Dictionary<string, string> { ["SMSC_RECEIPTS"] = "text-hex" });
        _smtp = SmtpSinkPeer.Start(dump: true, verbose: true);
        _sink = Path.Combine(_factory.DataDirectory, "sink.tsv");
        _factory.Settings["BeAlert:Simulation:SinkFile"] = _sink;
        _factory.Settings["BeAlert:Transports:Sms:Smpp:Host"] = "127.0.0.1";
        _factory.Settings["BeAlert:Transports:Sms:Smpp:Port"] = _smsc.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _factory.Settings["BeAlert:Transports:Sms:Smpp:SystemId"] = NodeSmscPeer.SystemId;
        _factory.Settings["BeAlert:Transports:Sms:Smpp:Password"] = NodeSmscPeer.Password;
        _factory.Settings["BeAlert:Transports:Email:Smtp:Host"] = "127.0.0.1";
        _factory.Settings["BeAlert:Transports:Email:Smtp:Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _factory.Settings["BeAlert:Transports:Email:Smtp:Security"] = "None";
        _factory.Settings["BeAlert:Transports:Email:Smtp:Connections"] = "2";
    }

    public async Task DisposeAsync()
    {
        _factory.Dispose();
        _smtp.Dispose();
        await _smsc.DisposeAsync();
    }

    public void Dispose()
    {
        _factory.Dispose();
        _logs.Dispose();
    }

    [Fact]
    public async Task Campaign_GentLiveOverSmsAndEmail_TheSmscAndTheRelayReceiveEveryDelivery()
    {
        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        var routed = _factory.Service<DispatchHost>().Transports.OfType<SimulationRoutingTransport>().ToList();
        Assert.Equal([DeliveryChannel.Sms, DeliveryChannel.Email], routed.Select(t => t.Channel).Order());

        var (id, body) = await CampaignTestKit.StartAsync(client, CampaignTestKit.GentCampaign(["sms", "email"]));
        Assert.Equal("LIVE", body["mode"]!.GetValue<string>());
        var sms = body["audience"]!["deliveries"]!["sms"]!.GetValue<long>();
        var email = body["audience"]!["deliveries"]!["email"]!.GetValue<long>();
        Assert.True(sms > 0 && email > 0, $"Gent has SMS ({sms}) and e-mail ({email}) recipients");

        var report = await CampaignTestKit.WaitForReportAsync(client, id);
        Assert.Equal("Completed", report["status"]!.GetValue<string>());
        // A report counts each delivery once, by its last state: Delivered after a receipt, Sent when accepted without one.
        Assert.Equal(sms, Channel(report, "Sms")["delivered"]!.GetValue<long>()); // the SMSC's receipts came back
        Assert.Equal(email, Channel(report, "Email")["sent"]!.GetValue<long>() + Channel(report, "Email")["delivered"]!.GetValue<long>());
        Assert.Equal(0, CampaignTestKit.Sum(report, "failed"));

        // One submit_sm per segment: count the people (destinations) that got the text.
        var submits = await _smsc.SubmitsAsync();
        var numbers = submits.Select(s => s.GetProperty("destination_addr").GetString()).Distinct().Count();
        Assert.Equal(sms, numbers);
        Assert.All(submits, s => Assert.Equal("1789", s.GetProperty("source_addr").GetString()));
        Assert.Equal(email, _smtp.WaitForDumps((int)email).Count);

        // Nothing of this live campaign went to the simulation sink.
        Assert.DoesNotContain(CampaignTestKit.SinkLines(_sink), l => l.Campaign == id);
    }

    [Fact]
    public async Task Campaign_SimulationAccountWithRealTransports_ReachesNeitherTheSmscNorTheRelay()
    {
        await _factory.Service<AuthorityStore>().SetSimulationAsync(DemoSeeder.GentId, true);
        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        await routedReady();

        var (id, body) = await CampaignTestKit.StartAsync(client, CampaignTestKit.GentCampaign(["sms", "email"], simulation: false));
        Assert.True(body["simulation"]!.GetValue<bool>());
        var planned = body["audience"]!["deliveries"]!["sms"]!.GetValue<long>() + body["audience"]!["deliveries"]!["email"]!.GetValue<long>();
        var report = await CampaignTestKit.WaitForReportAsync(client, id);
        Assert.Equal("SIMULATION", report["mode"]!.GetValue<string>());
        Assert.Equal(planned, CampaignTestKit.Sum(report, "delivered"));

        // Every delivery went to the simulation sink, none to the peers (which were connected and listening).
        Assert.Equal(planned, CampaignTestKit.SinkLines(_sink).Count(l => l.Campaign == id));
        var stats = await _smsc.StatsAsync();
        Assert.True(stats.GetProperty("binds").GetInt32() >= 1, "the gateway was bound to the SMSC");
        Assert.Equal(0, stats.GetProperty("submits").GetInt32());
        Assert.DoesNotContain(_smtp.Commands, c => c.StartsWith("RCPT", StringComparison.OrdinalIgnoreCase) || c.StartsWith("MAIL", StringComparison.OrdinalIgnoreCase));

        async Task routedReady()
        {
            foreach (var routing in _factory.Service<DispatchHost>().Transports.OfType<SimulationRoutingTransport>())
            {
                await routing.Ready.WaitAsync(TimeSpan.FromSeconds(30));
            }
        }
    }

    [Fact]
    public async Task Start_WrongSmppPasswordAndSmtpCredentials_LogTheFailuresButNoSecret()
    {
        const string wrongSmppPassword = "Wr0ng-pw";
        _factory.Settings["BeAlert:Transports:Sms:Smpp:Password"] = wrongSmppPassword;
        _factory.Settings["BeAlert:Transports:Email:Smtp:Credentials:UserName"] = SmtpUser;
        _factory.Settings["BeAlert:Transports:Email:Smtp:Credentials:Password"] = SmtpPassword;
        using var factory = _factory.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace).AddFilter<CapturingLoggerProvider>(null, LogLevel.Trace)));
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", GatewayFactory.Keys[DemoKeyNames.Commune]);

        // The gateway is up although the SMSC refuses the bind: it logs the failure and keeps trying.
        using var health = await client.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.True(health.IsSuccessStatusCode);
        // The relay was connected to with SMTP AUTH (warm-up), the SMSC refused the bind: both are logged.
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(60);
        while (!(_logs.Records.Any(r => r.Contains("Sms transport smpp 127.0.0.1", StringComparison.Ordinal) && r.Contains("could not start", StringComparison.Ordinal))
            && _logs.Records.Any(r => r.Contains("Email transport", StringComparison.Ordinal) && r.Contains("smtp 127.0.0.1", StringComparison.Ordinal))))
        {
            Assert.True(TimeProvider.System.GetUtcNow() < deadline, "No transport log within 60 s: " + string.Join(" | ", _logs.Records.Where(r => r.Contains("ransport", StringComparison.Ordinal))));
            await Task.Delay(100);
        }

        Assert.Contains(_logs.Records, r => r.Contains("127.0.0.1", StringComparison.Ordinal));
        foreach (var secret in new[] { wrongSmppPassword, SmtpPassword })
        {
            Assert.DoesNotContain(secret, _logs.All, StringComparison.Ordinal);
        }
    }

    private static JsonObject Channel(JsonObject report, string channel) =>
        report["channels"]!.AsArray().Select(c => c!.AsObject()).Single(c => string.Equals(c["channel"]!.GetValue<string>(), channel, StringComparison.OrdinalIgnoreCase));
}
