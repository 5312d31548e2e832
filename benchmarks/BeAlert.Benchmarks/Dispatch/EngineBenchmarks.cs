using System.Threading.Channels;
using BeAlert.Cap;
using BeAlert.Dispatch;
using BenchmarkDotNet.Attributes;

namespace BeAlert.Benchmarks.Dispatch;

/// <summary>
/// Per-delivery engine overhead: one campaign of <see cref="Deliveries"/> SMS through the simulation transport (latency
/// 0, completes synchronously) and the in-memory store, rate limits off; times are per delivery
/// (OperationsPerInvoke). Baseline: what a developer writes today: the plan appended one delivery at a time, then per
/// delivery one <see cref="Channel{T}"/> item, one InFlight store write, one <see cref="Task"/> for the send and one
/// outcome store write. Ours: <see cref="DispatchEngine"/> (plan in batches, slices with two store writes each,
/// interlocked counters per slice).
/// </summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private const int Deliveries = 100_000;

    private CapAlert _alert = null!;
    private AudienceMember[] _audience = [];

    [GlobalSetup]
    public void Setup()
    {
        _alert = CapParser.Default.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Data", "be-fire-gent-nl-fr.xml"))).Alert;
        string[] languages = ["nl-BE", "fr-BE", "de-BE"];
        _audience = [.. Enumerable.Range(0, Deliveries).Select(i => new AudienceMember(i + 1, DeliveryChannels.Sms, languages[i % 3], "+3247" + i.ToString("D7", System.Globalization.CultureInfo.InvariantCulture), null, 44021 + (i % 50)))];
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Deliveries, Description = "naive: Channel item + store write + Task per delivery")]
    public async Task<long> Naive()
    {
        await using var store = new InMemoryDeliveryStore();
        var transport = new SimulationTransport(new SimulationOptions());
        var id = Guid.NewGuid();
        await store.CreateCampaignAsync(new CampaignRecord(id, "naive", CapWriter.WriteToBytes(_alert), DeliveryChannels.Sms, 100, true, DateTimeOffset.UnixEpoch));
        var planned = new PlannedDelivery[1];
        for (var i = 0; i < _audience.Length; i++)
        {
            var m = _audience[i];
            planned[0] = new PlannedDelivery(i, DeliveryChannel.Sms, m.RecipientId, m.Phone!, m.Language, m.MunicipalityNis);
            await store.AppendPlanAsync(id, planned);
        }

        await store.SealPlanAsync(id, _audience.Length);
        var contents = new Dictionary<string, MessageContent>();
        foreach (var language in _audience.Select(m => m.Language).Distinct())
        {
            contents[language] = new MessageContent(DeliveryChannel.Sms, language, CapRenderer.Default.RenderSms(_alert, language).Text, _alert);
        }

        var queue = Channel.CreateUnbounded<OutboundMessage>();
        long delivered = 0;
        var workers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            await foreach (var message in queue.Reader.ReadAllAsync())
            {
                await store.RecordAsync(id, new[] { new DeliveryUpdate(message.Key.Sequence, DeliveryState.InFlight, Attempts: 1) });
                var result = await Task.Run(() => transport.SendAsync(message, CancellationToken.None).AsTask());
                await store.RecordAsync(id, new[] { new DeliveryUpdate(message.Key.Sequence, result.Status == SendStatus.Delivered ? DeliveryState.Delivered : DeliveryState.Failed, Attempts: 1) });
                Interlocked.Increment(ref delivered);
            }
        })).ToArray();
        await foreach (var d in store.ReadDeliveriesAsync(id, onlyUnfinished: true))
        {
            await queue.Writer.WriteAsync(new OutboundMessage(new DeliveryKey(id, d.Planned.Sequence), d.Planned.Destination, contents[d.Planned.Language], 1, false));
        }

        queue.Writer.Complete();
        await Task.WhenAll(workers);
        return delivered;
    }

    [Benchmark(OperationsPerInvoke = Deliveries, Description = "DispatchEngine (slices, batched store writes)")]
    public async Task<long> Engine()
    {
        await using var store = new InMemoryDeliveryStore();
        var transport = new SimulationTransport(new SimulationOptions());
        await using var engine = new DispatchEngine(store, [transport], new DispatchOptions { RateLimitsEnabled = false });
        await engine.StartAsync();
        var handle = await engine.StartCampaignAsync(new CampaignRequest(_alert, DeliveryChannels.Sms, _audience) { IsSimulation = true });
        var report = await handle.Completion;
        return report.Channels[0].Delivered;
    }
}
