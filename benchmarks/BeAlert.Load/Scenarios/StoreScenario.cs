using System.CommandLine;
using System.Diagnostics;
using BeAlert.Dispatch;
using BeAlert.Gateway.Storage;

namespace BeAlert.Load.Scenarios;

/// <summary>
/// The delivery store alone, SQLite or PostgreSQL: writes a plan of N deliveries in the engine's batches (8,192), seals
/// it, then records every delivery InFlight and then Sent in slices (256, the engine's default) from several writers at
/// once, as the engine's workers do, and reads the campaign back. Reports plan writes/s, state updates/s and full
/// deliveries/s (plan + InFlight + Sent per delivery). <c>store --provider postgresql --connection-string …</c> needs a
/// database it may create tables in.
/// </summary>
internal sealed class StoreScenario : ILoadScenario
{
    public string Name => "store";

    public Command CreateCommand()
    {
        var provider = new Option<string>("--provider") { Description = "sqlite (a file in a temp folder) or postgresql.", DefaultValueFactory = _ => "sqlite" };
        provider.AcceptOnlyFromAmong("sqlite", "postgresql");
        var connection = new Option<string?>("--connection-string") { Description = "postgresql: the Npgsql connection string (default: BEALERT_TEST_POSTGRES)." };
        var deliveries = new Option<int>("--deliveries") { Description = "Deliveries in the plan (1,000 to 50,000,000).", DefaultValueFactory = _ => 1_000_000 };
        var writers = new Option<int>("--writers") { Description = "Concurrent state writers (1 to 64).", DefaultValueFactory = _ => 4 };
        var slice = new Option<int>("--slice") { Description = "Deliveries per state update batch (1 to 65,536).", DefaultValueFactory = _ => 256 };
        var providerIds = new Option<bool>("--provider-ids") { Description = "Sent updates carry a provider message id (a real peer's), indexed for receipts." };
        var command = new Command(Name, "The delivery store alone (SQLite or PostgreSQL): plan write rate, state update rate.") { provider, connection, deliveries, writers, slice, providerIds };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var n = parse.GetValue(deliveries);
            var w = parse.GetValue(writers);
            var s = parse.GetValue(slice);
            if (n is < 1_000 or > 50_000_000 || w is < 1 or > 64 || s is < 1 or > 65_536)
            {
                await Console.Error.WriteLineAsync("--deliveries 1,000..50,000,000, --writers 1..64, --slice 1..65,536.");
                return 2;
            }

            var postgres = parse.GetValue(provider) == "postgresql";
            var temp = Directory.CreateTempSubdirectory("bealert-store-load-");
            try
            {
                IDeliveryStore store;
                if (postgres)
                {
                    var cs = parse.GetValue(connection) ?? Environment.GetEnvironmentVariable("BEALERT_TEST_POSTGRES");
                    if (string.IsNullOrWhiteSpace(cs))
                    {
                        await Console.Error.WriteLineAsync("--provider postgresql needs --connection-string (or BEALERT_TEST_POSTGRES).");
                        return 2;
                    }

                    store = await PostgresDeliveryStore.OpenAsync(new PostgresDeliveryStoreOptions { ConnectionString = cs }, cancellationToken: cancellationToken);
                }
                else
                {
                    store = SqliteDeliveryStore.Open(new SqliteDeliveryStoreOptions { Path = Path.Combine(temp.FullName, "dispatch.db") });
                }

                await using (store)
                {
                    return await RunAsync(store, postgres ? "postgresql" : "sqlite", n, w, s, parse.GetValue(providerIds), cancellationToken);
                }
            }
            finally
            {
                temp.Delete(recursive: true);
            }
        });
        return command;
    }

    private static async Task<int> RunAsync(IDeliveryStore store, string provider, int n, int writers, int slice, bool providerIds, CancellationToken cancellationToken)
    {
        var campaign = new CampaignRecord(Guid.NewGuid(), "store load", "<alert/>"u8.ToArray(), DeliveryChannels.Sms | DeliveryChannels.Email, 7, true, DateTimeOffset.UnixEpoch);
        await store.CreateCampaignAsync(campaign, cancellationToken);
        var languages = new[] { "nl", "fr", "de" };
        var batch = new PlannedDelivery[8_192];
        var total = Stopwatch.StartNew();
        var clock = Stopwatch.StartNew();
        for (var first = 0; first < n; first += batch.Length)
        {
            var count = Math.Min(batch.Length, n - first);
            for (var i = 0; i < count; i++)
            {
                long seq = first + i;
                batch[i] = seq % 3 == 0
                    ? new PlannedDelivery(seq, DeliveryChannel.Email, 1_000_000 + seq, $"person{seq}@example.be", languages[seq % 3], 44021)
                    : new PlannedDelivery(seq, DeliveryChannel.Sms, 1_000_000 + seq, "+3247" + (1_000_000 + seq), languages[seq % 3], 44021);
            }

            await store.AppendPlanAsync(campaign.Id, batch.AsMemory(0, count), cancellationToken);
        }

        await store.SealPlanAsync(campaign.Id, n, cancellationToken);
        var planSeconds = clock.Elapsed.TotalSeconds;
        await Console.Error.WriteLineAsync($"{provider}: plan of {n:N0} written in {planSeconds:0.00} s ({n / planSeconds:N0}/s)");

        clock.Restart();
        var slices = (n + slice - 1) / slice;
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(
            async () =>
            {
                var updates = new DeliveryUpdate[slice];
                for (var k = Interlocked.Increment(ref next); k < slices; k = Interlocked.Increment(ref next))
                {
                    var first = (long)k * slice;
                    var count = (int)Math.Min(slice, n - first);
                    for (var i = 0; i < count; i++)
                    {
                        updates[i] = new DeliveryUpdate(first + i, DeliveryState.InFlight, Attempts: 1);
                    }

                    await store.RecordAsync(campaign.Id, updates.AsMemory(0, count), cancellationToken);
                    for (var i = 0; i < count; i++)
                    {
                        updates[i] = new DeliveryUpdate(first + i, DeliveryState.Sent, Attempts: 1, ProviderMessageId: providerIds ? "m" + (first + i) : null);
                    }

                    await store.RecordAsync(campaign.Id, updates.AsMemory(0, count), cancellationToken);
                }
            },
            cancellationToken)));
        var updateSeconds = clock.Elapsed.TotalSeconds;
        await Console.Error.WriteLineAsync($"{provider}: {2L * n:N0} state updates in {updateSeconds:0.00} s ({2L * n / updateSeconds:N0}/s) with {writers} writers, slices of {slice}");

        clock.Restart();
        long read = 0, sent = 0;
        await foreach (var delivery in store.ReadDeliveriesAsync(campaign.Id, onlyUnfinished: false, cancellationToken))
        {
            read++;
            sent += delivery.State == DeliveryState.Sent ? 1 : 0;
        }

        var readSeconds = clock.Elapsed.TotalSeconds;
        if (read != n || sent != n)
        {
            await Console.Error.WriteLineAsync($"read back {read:N0} deliveries, {sent:N0} Sent; expected {n:N0} of each");
            return 1;
        }

        await store.SetCampaignStatusAsync(campaign.Id, CampaignStatus.Completed, cancellationToken);
        var report = new LoadReport("store") { Recipients = n, Deliveries = n, ElapsedSeconds = total.Elapsed.TotalSeconds };
        report.Add("provider", provider);
        report.Add("plan_per_s", Math.Round(n / planSeconds, 0));
        report.Add("updates_per_s", Math.Round(2.0 * n / updateSeconds, 0));
        report.Add("read_per_s", Math.Round(n / readSeconds, 0));
        report.Add("writers", writers);
        report.Add("slice", slice);
        report.Add("provider_ids", providerIds);
        report.Write();
        return 0;
    }
}
