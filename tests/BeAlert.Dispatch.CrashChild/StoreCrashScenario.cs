namespace BeAlert.Dispatch.CrashChild;

/// <summary>
/// Drives a <see cref="SqliteDeliveryStore"/> the way the engine does, one deterministic step at a time, so a test can
/// replay steps 0..n on the in-memory store and compare: step 0 creates the campaign; steps 1..<see cref="PlanBatches"/>
/// append the plan (<see cref="BatchSize"/> deliveries each); the next step seals it; then update passes of one batch
/// per step: InFlight, Sent (some with a provider id), then Delivered or Failed, and after that endless passes that
/// re-record final states (no change, but still real writes) until the process is killed.
/// </summary>
public sealed class StoreCrashScenario : ICrashScenario
{
    public const int BatchSize = 2000;
    public const int PlanBatches = 40;
    public const int MaxSteps = 100_000;
    public const int SealStep = PlanBatches + 1;

    public static Guid CampaignId { get; } = Guid.Parse("6d1f3c9e-2b7a-4e55-9a0b-c0ffee000001");

    public static long PlannedCount => (long)PlanBatches * BatchSize;

    public async Task RunAsync(string path, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        await using var store = SqliteDeliveryStore.Open(new SqliteDeliveryStoreOptions { Path = path, ChunkSize = 1024, CachedChunks = 8 });
        await output.WriteLineAsync("READY");
        for (var step = 0; step < MaxSteps; step++)
        {
            await ApplyAsync(store, step);
            await output.WriteLineAsync($"DONE {step}");
        }

        await output.WriteLineAsync("FINISHED");
    }

    /// <summary>Applies step <paramref name="step"/> to <paramref name="store"/>.</summary>
    public static async Task ApplyAsync(IDeliveryStore store, int step)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (step == 0)
        {
            await store.CreateCampaignAsync(new CampaignRecord(
                CampaignId, "crash test", "<alert/>"u8.ToArray(), DeliveryChannels.Sms | DeliveryChannels.Email, 1, true,
                new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero)));
        }
        else if (step <= PlanBatches)
        {
            var first = (long)(step - 1) * BatchSize;
            var plan = new PlannedDelivery[BatchSize];
            for (var i = 0; i < plan.Length; i++)
            {
                var sequence = first + i;
                plan[i] = sequence % 3 == 2
                    ? new PlannedDelivery(sequence, DeliveryChannel.Email, sequence / 3, $"p{sequence}@example.be", "fr", 21004)
                    : new PlannedDelivery(sequence, DeliveryChannel.Sms, sequence / 3, "+3247" + (1_000_000 + sequence), "nl", 44021);
            }

            await store.AppendPlanAsync(CampaignId, plan);
        }
        else if (step == SealStep)
        {
            await store.SealPlanAsync(CampaignId, PlannedCount);
        }
        else
        {
            var index = step - SealStep - 1;
            var pass = index / PlanBatches;
            var first = (long)(index % PlanBatches) * BatchSize;
            var updates = new DeliveryUpdate[BatchSize];
            for (var i = 0; i < updates.Length; i++)
            {
                var sequence = first + i;
                updates[i] = pass switch
                {
                    0 => new DeliveryUpdate(sequence, DeliveryState.InFlight, Attempts: 1),
                    1 => new DeliveryUpdate(sequence, DeliveryState.Sent, Attempts: 1, ProviderMessageId: sequence % 100 == 0 ? "m" + sequence : null),
                    _ => sequence % 17 == 0
                        ? new DeliveryUpdate(sequence, DeliveryState.Failed, DeliveryError.Undeliverable, 1)
                        : new DeliveryUpdate(sequence, DeliveryState.Delivered, Attempts: 1),
                };
            }

            await store.RecordAsync(CampaignId, updates);
        }
    }
}
