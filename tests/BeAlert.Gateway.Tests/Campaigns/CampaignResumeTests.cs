using System.Net;
using BeAlert.Gateway.Campaigns;
using BeAlert.Gateway.Security;

namespace BeAlert.Gateway.Tests.Campaigns;

/// <summary>
/// An in-process crash: the first gateway's dispatch engine and store are stopped mid-campaign as a crash would stop
/// them (nothing more is written), and a second gateway starts on the same data directory and database. The campaign
/// resumes and finishes; every planned delivery reached the simulation sink, and any sent twice is flagged as a
/// possible duplicate in the report. (The real kill -9 test, against the process, is the operations helper's.)
/// </summary>
public sealed class CampaignResumeTests
{
    [Fact]
    public async Task Restart_MidCampaign_ResumesAndFinishes_EachDeliveryOnceOrFlagged()
    {
        using var first = new GatewayFactory();
        var sinkPath = Path.Combine(first.DataDirectory, "sink.tsv");
        first.Settings["BeAlert:Simulation:SinkFile"] = sinkPath;
        first.Settings["BeAlert:Simulation:Latency"] = "00:00:00.100";

        // PostgreSQL: the second gateway is another instance and takes the campaign over once the first one's lease
        // expires; a short lease keeps the test short (SQLite: the engine resumes it at start).
        first.Settings["BeAlert:Storage:LeaseSeconds"] = "3";
        using var client = first.CreateClient(DemoKeyNames.Federal);
        var body = new { capXml = CampaignTestKit.GentFire, channels = new[] { "sms", "email" }, audience = new { everyone = true }, name = "national" };
        var (id, started) = await CampaignTestKit.StartAsync(client, body);
        var planned = started["audience"]!["deliveries"]!["sms"]!.GetValue<long>() + started["audience"]!["deliveries"]!["email"]!.GetValue<long>();

        // Crash once some messages left, well before the end.
        using (var timeout = new CancellationTokenSource(CampaignTestKit.Patience))
        {
            while (CampaignTestKit.SinkLines(sinkPath).Count(l => l.Campaign == id) < 50)
            {
                await Task.Delay(20, timeout.Token);
            }
        }

        await first.Service<Storage.CampaignLeaseService>().StopAsync(CancellationToken.None);
        await first.Service<DispatchHost>().DisposeAsync();
        var beforeRestart = CampaignTestKit.SinkLines(sinkPath).Count(l => l.Campaign == id);
        Assert.True(beforeRestart < planned, $"{beforeRestart} of {planned} sent before the crash: make the campaign slower");

        using var second = new GatewayFactory();
        second.Settings["BeAlert:DataDirectory"] = first.DataDirectory;
        second.Settings["BeAlert:Simulation:SinkFile"] = sinkPath;
        second.Settings["BeAlert:Storage:LeaseSeconds"] = "3";
        if (first.Provider == Storage.StorageProvider.PostgreSql)
        {
            second.Settings["BeAlert:Storage:ConnectionString"] = first.Service<Microsoft.Extensions.Configuration.IConfiguration>()["BeAlert:Storage:ConnectionString"];
        }

        using var client2 = second.CreateClient(DemoKeyNames.Federal);
        var report = await CampaignTestKit.WaitForReportAsync(client2, id);
        Assert.Equal("Completed", report["status"]!.GetValue<string>());
        Assert.Equal(planned, CampaignTestKit.Sum(report, "targeted"));
        Assert.Equal(planned, CampaignTestKit.Sum(report, "delivered"));

        var lines = CampaignTestKit.SinkLines(sinkPath).Where(l => l.Campaign == id).ToList();
        var bySequence = lines.GroupBy(l => l.Sequence).ToList();
        Assert.Equal(planned, bySequence.Count);
        Assert.True(bySequence.Min(g => g.Key) == 0 && bySequence.Max(g => g.Key) == planned - 1);
        var flagged = report["possibleDuplicates"]!.AsArray().Select(d => d!["sequence"]!.GetValue<long>()).ToHashSet();
        var twice = bySequence.Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.All(twice, s => Assert.Contains(s, flagged));
        Assert.All(bySequence, g => Assert.Single(g.Select(l => (l.Channel, l.Recipient)).Distinct()));

        var status = await CampaignTestKit.WaitForStatusAsync(client2, id);
        Assert.Equal("Completed", status["status"]!.GetValue<string>());
        using var csv = await client2.GetAsync(new Uri($"/api/campaigns/{id:D}/report.csv", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
    }
}
