using System.Diagnostics;
using System.Globalization;
using BeAlert.Cap;
using BeAlert.Dispatch;

namespace BeAlert.Benchmarks.Dispatch;

/// <summary>
/// One-off end-to-end run: N members x (SMS, e-mail, voice) through the simulation transport and the in-memory
/// store, rate limits off; prints deliveries per second (plan + send + report) and the peak working set.
/// <c>dotnet run -c Release --project benchmarks/BeAlert.Benchmarks -- engine-load 1000000</c>
/// </summary>
internal static class EngineLoadRun
{
    public static async Task RunAsync(string[] args)
    {
        var members = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
        var alert = CapParser.Default.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Data", "be-fire-gent-nl-fr.xml"))).Alert;
        string[] languages = ["nl-BE", "fr-BE", "de-BE"];
        var phones = new string[members];
        var emails = new string[members];
        for (var i = 0; i < members; i++)
        {
            phones[i] = "+3247" + i.ToString("D7", CultureInfo.InvariantCulture);
            emails[i] = "p" + i.ToString(CultureInfo.InvariantCulture) + "@example.org";
        }

        IEnumerable<AudienceMember> Audience()
        {
            // Sorted by municipality, as a registry would give it: the planner must interleave.
            for (var i = 0; i < members; i++)
            {
                yield return new AudienceMember(i + 1, DeliveryChannels.Sms | DeliveryChannels.Email | DeliveryChannels.Voice, languages[i * 3 / members], phones[i], emails[i], 10000 + (i * 581 / members));
            }
        }

        var options = new DispatchOptions { RateLimitsEnabled = false };
        await using var store = new InMemoryDeliveryStore();
        IDeliveryTransport[] transports =
        [
            new SimulationTransport(new SimulationOptions { Channel = DeliveryChannel.Sms }),
            new SimulationTransport(new SimulationOptions { Channel = DeliveryChannel.Email }),
            new SimulationTransport(new SimulationOptions { Channel = DeliveryChannel.Voice }),
        ];
        await using var engine = new DispatchEngine(store, transports, options);
        await engine.StartAsync();
        GC.Collect();
        var before = Process.GetCurrentProcess().PeakWorkingSet64;
        var clock = Stopwatch.StartNew();
        var handle = await engine.StartCampaignAsync(new CampaignRequest(alert, DeliveryChannels.Sms | DeliveryChannels.Email | DeliveryChannels.Voice, Audience()) { IsSimulation = true });
        var planned = clock.Elapsed;
        var report = await handle.Completion;
        var total = clock.Elapsed;
        var deliveries = report.Channels.Sum(c => c.Targeted);
        var delivered = report.Channels.Sum(c => c.Delivered);
        using var process = Process.GetCurrentProcess();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"members {members:N0}, deliveries {deliveries:N0}, delivered {delivered:N0}; plan written in {planned.TotalSeconds:F1} s; end to end {total.TotalSeconds:F1} s = {deliveries / total.TotalSeconds:N0} deliveries/s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"peak working set {process.PeakWorkingSet64 / (1024.0 * 1024):N0} MiB (before the campaign {before / (1024.0 * 1024):N0} MiB); GC gen0/1/2 {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}; allocated {GC.GetTotalAllocatedBytes() / (1024.0 * 1024):N0} MiB"));
        foreach (var c in report.Channels)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {c.Channel}: {c.Delivered:N0} delivered in {c.Duration.TotalSeconds:F1} s ({c.AchievedRate:N0}/s), cost EUR {c.Cost:N2}"));
        }
    }
}
