using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using BeAlert.TestUtils;
using BeAlert.TestUtils.Peers;
using Xunit.Abstractions;

namespace BeAlert.Gateway.Tests.Operations;

/// <summary>
/// kill -9 of the gateway process mid-campaign, twice, each time restarted on the same data directory: the alert is
/// still there, the campaign resumes and completes, and the simulation sink (the file the simulated transports append
/// one line to per send, before answering) shows every planned delivery left, and none twice unless the report flags
/// it as a possible duplicate (the engine's at-least-once window per crash: workers x slice per channel).
/// </summary>
public sealed class GatewayCrashTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>Enough synthetic Belgians that Gent (44021) has about 10,000: about 20,000 deliveries on SMS and e-mail.</summary>
    private const int Subscribers = 450_000;

    /// <summary>The in-flight window of one crash with the gateway's engine defaults: 2 channels x 64 workers x slice 256.</summary>
    private const int WindowPerCrash = 2 * 64 * 256;

    private readonly string _data = Directory.CreateTempSubdirectory("bealert-gw-crash-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task Gateway_KilledTwiceMidCampaign_ResumesAndCompletes_NoRecipientTwiceUnlessFlagged()
    {
        var sink = Path.Combine(_data, "sink.tsv");
        var settings = GatewayProcessTests.DemoSettings(Subscribers);
        settings["BeAlert:Simulation:SinkFile"] = sink;
        settings["BeAlert:Simulation:Latency"] = "00:00:00.005";
        var options = new GatewayProcessOptions { DataDirectory = _data, Settings = settings };

        var sample = await File.ReadAllBytesAsync(Path.Combine(TestPaths.BaseDirectory, "Samples", "be-fire-gent-nl-fr.xml"));
        var identifier = System.Xml.Linq.XDocument.Parse(Encoding.UTF8.GetString(sample)).Root!.Elements().First(e => e.Name.LocalName == "identifier").Value;
        string campaign;
        var linesAtKill = new List<int>();

        var gateway = await GatewayProcess.StartAsync(options);
        try
        {
            using var http = GatewayProcessTests.Client(gateway);
            using (var content = new ByteArrayContent(sample))
            {
                content.Headers.ContentType = new MediaTypeHeaderValue("application/cap+xml");
                using var posted = await http.PostAsync(new Uri("/api/alerts", UriKind.Relative), content);
                Assert.True(posted.IsSuccessStatusCode, $"alert: {posted.StatusCode} {await posted.Content.ReadAsStringAsync()}");
            }

            var body = JsonSerializer.Serialize(new { alertId = identifier, channels = new[] { "sms", "email" }, audience = new { municipalities = new[] { 44021 } }, name = "crash test" });
            using (var content = new StringContent(body, Encoding.UTF8, "application/json"))
            {
                using var started = await http.PostAsync(new Uri("/api/campaigns", UriKind.Relative), content);
                Assert.True(started.StatusCode == HttpStatusCode.Accepted, $"campaign: {started.StatusCode} {await started.Content.ReadAsStringAsync()}");
                var location = started.Headers.Location!;
                campaign = location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString;
            }

            // Two kills: once a few hundred sends have left, then again after some more in the second life.
            for (var kill = 0; kill < 2; kill++)
            {
                var target = (kill == 0 ? 0 : CountLines(sink)) + 600;
                await WaitForAsync(() => CountLines(sink) >= target, TimeSpan.FromSeconds(90), $"kill {kill}: the sink did not reach {target} lines\n{gateway.Output}");
                await gateway.KillHardAsync();
                linesAtKill.Add(CountLines(sink));
                output.WriteLine($"kill {kill}: {linesAtKill[^1]} sink lines");
                await gateway.DisposeAsync();
                gateway = await GatewayProcess.StartAsync(options);
            }

            using var client = GatewayProcessTests.Client(gateway);
            JsonElement report = default;
            await WaitForAsync(
                () =>
                {
                    using var response = client.GetAsync(new Uri(campaign + "/report", UriKind.Relative)).GetAwaiter().GetResult();
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode); // still running
                        return false;
                    }

                    report = JsonDocument.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult()).RootElement.Clone();
                    return true;
                },
                TimeSpan.FromSeconds(180),
                "the campaign did not finish after the restarts\n" + gateway.Output);

            using (var alert = await client.GetAsync(new Uri("/api/alerts/" + Uri.EscapeDataString(identifier), UriKind.Relative)))
            {
                Assert.Equal(HttpStatusCode.OK, alert.StatusCode);
            }

            Assert.Equal("Completed", report.GetProperty("status").GetString());
            var campaignId = report.GetProperty("campaignId").GetString()!;
            var targeted = report.GetProperty("channels").EnumerateArray().Sum(c => c.GetProperty("targeted").GetInt64());
            var flagged = report.GetProperty("possibleDuplicates").EnumerateArray().Select(d => d.GetProperty("sequence").GetInt64()).ToHashSet();

            var lines = File.ReadAllLines(sink).Select(l => l.Split('\t')).Where(f => f.Length == 4 && string.Equals(f[0], campaignId, StringComparison.OrdinalIgnoreCase)).ToList();
            var bySequence = lines.GroupBy(f => long.Parse(f[1], CultureInfo.InvariantCulture)).ToDictionary(g => g.Key, g => g.Count());
            var byRecipient = lines.GroupBy(f => (Channel: f[2], Recipient: f[3])).ToDictionary(g => g.Key, g => g.Select(f => long.Parse(f[1], CultureInfo.InvariantCulture)).ToList());
            output.WriteLine($"targeted {targeted}, sink lines {lines.Count}, distinct sends {bySequence.Count}, flagged {flagged.Count}, kills at {string.Join(", ", linesAtKill)}");

            Assert.True(targeted >= 5_000, $"only {targeted} deliveries planned: the test needs a campaign long enough to kill");
            Assert.All(linesAtKill, at => Assert.True(at < targeted, $"a kill at {at} sink lines landed after the campaign had sent everything ({targeted})"));
            Assert.Equal(targeted, bySequence.Count); // every planned delivery left: nothing lost
            var repeated = bySequence.Where(s => s.Value > 1).Select(s => s.Key).ToList();
            Assert.All(repeated, s => Assert.Contains(s, flagged)); // every repeat is flagged in the report
            Assert.True(repeated.Count <= 2 * WindowPerCrash, $"{repeated.Count} deliveries left twice, more than two crash windows");
            foreach (var ((channel, recipient), sequences) in byRecipient.Where(r => r.Value.Count > 1))
            {
                Assert.True(sequences.All(flagged.Contains), $"{channel} recipient {recipient} got {sequences.Count} messages, not all flagged as possible duplicates");
            }
        }
        finally
        {
            await gateway.DisposeAsync();
        }
    }

    private static int CountLines(string path)
    {
        if (!File.Exists(path))
        {
            return 0;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var count = 0;
        Span<byte> buffer = stackalloc byte[64 * 1024];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            count += buffer[..read].Count((byte)'\n');
        }

        return count;
    }

    private static async Task WaitForAsync(Func<bool> condition, TimeSpan timeout, string message)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < timeout, message);
            await Task.Delay(20);
        }
    }
}
