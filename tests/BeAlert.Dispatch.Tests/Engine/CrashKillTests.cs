using System.Globalization;
using BeAlert.Dispatch.CrashChild;
using BeAlert.Dispatch.Tests.Storage;
using Xunit.Abstractions;

namespace BeAlert.Dispatch.Tests.Engine;

/// <summary>
/// The engine really killed: a child process (tests/BeAlert.Dispatch.CrashChild, scenarios engine-*) runs the dispatch
/// engine on a SQLite store and is killed with SIGKILL mid-campaign three times, then restarted to finish. The sink log
/// the child's transports append to before they answer is the truth of what left; the store and the final report are
/// checked against it: no loss, every repeat flagged and reported, at most the in-flight window re-sent per crash.
/// </summary>
public sealed class CrashKillTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(40);

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Engine_KilledThreeTimesMidCampaign_NoLossEveryRepeatFlaggedAtMostWindowPerCrash(int seed)
    {
        var path = _directory.File("engine.db");
        var random = new Random(seed);
        var inFlightAtCrash = new List<HashSet<long>>();
        var lifeStarts = new List<int>(); // sink-log line where each life starts

        for (var life = 0; life < 4; life++)
        {
            lifeStarts.Add(ReadSink(path).Count);
            using var child = ChildProcessHarness.Start(life == 0 ? "engine-start" : "engine-resume", path);
            if (life == 3)
            {
                Assert.False(child.WaitForDone(int.MaxValue, TimeSpan.FromSeconds(120)), "the child kept running");
                Assert.True(child.Finished, $"the last life did not finish: {child.StandardError}");
                break;
            }

            // Kill moments, seeded: early sending, then somewhere in the middle, then late (in hundreds of sends this life).
            var leftSoFar = ReadSink(path).Select(l => l.Sequence).Distinct().Count();
            var remaining = EngineCrashScenario.Planned - leftSoFar;
            var hundreds = life switch
            {
                0 => random.Next(5, 60),
                1 => random.Next(remaining / 400, remaining / 200),
                _ => random.Next(remaining * 5 / 1000, remaining * 8 / 1000),
            };
            var step = EngineCrashScenario.SendingBase + Math.Max(1, hundreds);
            Assert.True(child.WaitForDone(step, StepTimeout), $"life {life}: the child did not reach step {step}: {child.StandardError}");
            child.KillHard();
            Assert.False(child.Finished, $"life {life}: the campaign finished before the kill");

            await using var store = SqliteDeliveryStore.Open(new SqliteDeliveryStoreOptions { Path = path, VerifyOnOpen = true });
            Assert.Equal(CampaignStatus.Running, (await store.GetCampaignAsync(EngineCrashScenario.CampaignId))!.Status);
            var stored = await StoreData.ReadAllAsync(store, EngineCrashScenario.CampaignId);
            inFlightAtCrash.Add([.. stored.Where(d => d.State == DeliveryState.InFlight).Select(d => d.Planned.Sequence)]);
        }

        var sink = ReadSink(path);
        var lives = sink.Select((line, index) => lifeStarts.FindLastIndex(start => start <= index)).ToArray();
        await using var final = SqliteDeliveryStore.Open(new SqliteDeliveryStoreOptions { Path = path, VerifyOnOpen = true });
        Assert.Equal(CampaignStatus.Completed, (await final.GetCampaignAsync(EngineCrashScenario.CampaignId))!.Status);
        var deliveries = await StoreData.ReadAllAsync(final, EngineCrashScenario.CampaignId);
        Assert.Equal(EngineCrashScenario.Planned, deliveries.Count);

        // The in-flight window: what one crash can leave unacknowledged, hence re-send.
        for (var crash = 0; crash < inFlightAtCrash.Count; crash++)
        {
            Assert.True(
                inFlightAtCrash[crash].Count <= EngineCrashScenario.InFlightWindow,
                $"crash {crash}: {inFlightAtCrash[crash].Count} deliveries in flight, more than the window of {EngineCrashScenario.InFlightWindow}");
        }

        Assert.Contains(inFlightAtCrash, set => set.Count > 0); // the kills did land while sends were in flight

        var leaves = new Dictionary<long, List<(int Life, bool Flagged)>>();
        for (var i = 0; i < sink.Count; i++)
        {
            if (!leaves.TryGetValue(sink[i].Sequence, out var list))
            {
                leaves[sink[i].Sequence] = list = [];
            }

            list.Add((lives[i], sink[i].Flagged));
        }

        var flaggedInStore = new HashSet<long>();
        foreach (var delivery in deliveries)
        {
            var sequence = delivery.Planned.Sequence;
            Assert.True(leaves.ContainsKey(sequence), $"delivery {sequence} never left (lost); it is {delivery.State}");
            Assert.Equal(DeliveryState.Sent, delivery.State);
            if (delivery.IsPossibleDuplicate)
            {
                flaggedInStore.Add(sequence);
                Assert.True(inFlightAtCrash.Any(set => set.Contains(sequence)), $"delivery {sequence} is flagged but was never in flight at a crash");
            }

            var list = leaves[sequence];
            for (var k = 1; k < list.Count; k++)
            {
                var (before, after) = (list[k - 1].Life, list[k].Life);
                Assert.True(before < after, $"delivery {sequence} left twice in life {after} without a crash in between");
                Assert.True(
                    Enumerable.Range(before, after - before).Any(crash => inFlightAtCrash[crash].Contains(sequence)),
                    $"delivery {sequence} left in life {before} and again in life {after}, but was acknowledged at the crashes between");
                Assert.True(delivery.IsPossibleDuplicate, $"delivery {sequence} left {list.Count} times without the possible-duplicate flag in the store");
                Assert.True(list[k].Flagged, $"delivery {sequence} was handed to the transport again without the possible-duplicate flag");
            }
        }

        // Re-sent per crash: deliveries that left before crash c and again after it, at most the window.
        for (var crash = 0; crash < inFlightAtCrash.Count; crash++)
        {
            var resent = leaves.Count(l => l.Value.Any(x => x.Life <= crash) && l.Value.Any(x => x.Life > crash) && inFlightAtCrash[crash].Contains(l.Key));
            Assert.True(resent <= EngineCrashScenario.InFlightWindow, $"crash {crash}: {resent} deliveries left twice, more than the window");
            output.WriteLine($"crash {crash}: {inFlightAtCrash[crash].Count} in flight (window {EngineCrashScenario.InFlightWindow}), {resent} of them had left and left again");
        }

        output.WriteLine($"{sink.Count} sends for {deliveries.Count} deliveries; {flaggedInStore.Count} flagged possible duplicates");

        // The final report counts and lists exactly the flagged deliveries.
        var report = File.ReadAllLines(EngineCrashScenario.ReportPath(path));
        Assert.Equal("status Completed", report[0]);
        var channels = report.Where(l => l.StartsWith("channel ", StringComparison.Ordinal)).Select(l => l.Split(' ')).ToList();
        Assert.Equal(2, channels.Count);
        Assert.Equal(EngineCrashScenario.Planned, channels.Sum(c => long.Parse(c[2], CultureInfo.InvariantCulture)));
        Assert.Equal(flaggedInStore.Count, channels.Sum(c => long.Parse(c[8], CultureInfo.InvariantCulture)));
        var listed = report.Where(l => l.StartsWith("duplicate ", StringComparison.Ordinal)).Select(l => long.Parse(l.AsSpan(10), CultureInfo.InvariantCulture));
        Assert.Equal(flaggedInStore.Order(), listed.Order());
    }

    [Fact]
    public async Task Engine_KilledWhilePlanning_RestartCancelsTheCampaignAndSendsNothing()
    {
        var path = _directory.File("planning.db");
        using (var child = ChildProcessHarness.Start("engine-slow-plan", path))
        {
            Assert.True(child.WaitForDone(EngineCrashScenario.PlanSteps / 4, StepTimeout), $"the child did not reach planning: {child.StandardError}");
            child.KillHard();
            Assert.True(child.LastDone < EngineCrashScenario.PlanSteps, "the plan was complete before the kill");
        }

        long partial;
        await using (var store = SqliteDeliveryStore.Open(new SqliteDeliveryStoreOptions { Path = path }))
        {
            Assert.Equal(CampaignStatus.Planning, (await store.GetCampaignAsync(EngineCrashScenario.CampaignId))!.Status);
            partial = (await StoreData.ReadAllAsync(store, EngineCrashScenario.CampaignId)).Count;
        }

        Assert.InRange(partial, EngineCrashScenario.PlanBatchSize, EngineCrashScenario.Planned - 1);

        using (var child = ChildProcessHarness.Start("engine-resume", path))
        {
            Assert.False(child.WaitForDone(int.MaxValue, StepTimeout), "the child kept running");
            Assert.True(child.Finished, child.StandardError);
        }

        Assert.Equal("resumed none", File.ReadAllText(EngineCrashScenario.ReportPath(path)).Trim());
        Assert.Empty(ReadSink(path));
        await using var reopened = SqliteDeliveryStore.Open(new SqliteDeliveryStoreOptions { Path = path });
        Assert.Equal(CampaignStatus.Cancelled, (await reopened.GetCampaignAsync(EngineCrashScenario.CampaignId))!.Status);
        var deliveries = await StoreData.ReadAllAsync(reopened, EngineCrashScenario.CampaignId);
        Assert.Equal(partial, deliveries.Count);
        Assert.All(deliveries, d => Assert.Equal(DeliveryState.Cancelled, d.State));
    }

    private static List<(long Sequence, bool Flagged)> ReadSink(string path)
    {
        var file = EngineCrashScenario.SinkPath(path);
        if (!File.Exists(file))
        {
            return [];
        }

        var text = File.ReadAllText(file);
        Assert.True(text.Length == 0 || text[^1] == '\n', "the sink log ends with a torn line");
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' '))
            .Select(f => (long.Parse(f[0], CultureInfo.InvariantCulture), f[3] == "1"))
            .ToList();
    }
}
