using FsCheck.Xunit;

namespace BeAlert.Dispatch.Tests.Engine;

/// <summary>
/// No loss, no silent duplicates: random transient and permanent failures, an endpoint outage, a cancellation and up to
/// three crashes (drop the engine while sends hang, keep the store, start a new engine on it).
/// </summary>
public sealed class CrashRecoveryTests
{
    [Property(MaxTest = 40)]
    public bool Engine_RandomFaultsOutagesCancelsAndCrashes_NoLossAndEveryRepeatFlagged(
        int seed, byte members, byte transientPercent, byte permanentPercent, byte[] crashes, bool cancel, bool outage)
    {
        var scenario = new Scenario(
            seed,
            members % 40 + 1,
            transientPercent % 40 / 100.0,
            permanentPercent % 20 / 100.0,
            [.. (crashes ?? []).Take(3).Select(c => c % 25 + 1)],
            cancel,
            outage);
        var failure = Task.Run(() => RunAsync(scenario)).GetAwaiter().GetResult();
        Assert.True(failure is null, $"{scenario}: {failure}");
        return true;
    }

    [Fact]
    public async Task Engine_CrashWithSendsInFlight_ResumesAndFlagsOnlyThose()
    {
        var failure = await RunAsync(new Scenario(7, 30, 0, 0, [10], false, false));
        Assert.Null(failure);
    }

    [Fact]
    public async Task StartAsync_AfterCrash_InFlightDeliveriesResentWithPossibleDuplicateFlag()
    {
        await using var store = new InMemoryDeliveryStore();
        var first = new ScriptedTransport(DeliveryChannel.Sms, maxConcurrency: 1) { HangFromSend = 4, HungMessageLeft = _ => true };
        var options = EngineTestKit.FastOptions(sliceSize: 2, maxWorkers: 1);
        Guid id;
        await using (var engine = new DispatchEngine(store, [first], options))
        {
            await engine.StartAsync();
            id = (await engine.StartCampaignAsync(new CampaignRequest(EngineTestKit.FireAlert, DeliveryChannels.Sms, EngineTestKit.Members(10)))).Id;
            await first.HangReached.Task.Within();
        }

        var inFlight = (await EngineTestKit.ReadAllAsync(store, id)).Where(d => d.State == DeliveryState.InFlight).Select(d => d.Planned.Sequence).ToList();
        var second = new ScriptedTransport(DeliveryChannel.Sms, maxConcurrency: 1);
        await using var restarted = new DispatchEngine(store, [second], options);
        var resumed = await restarted.StartAsync();
        var report = await Assert.Single(resumed).Completion.Within();

        Assert.Equal([2L, 3L], inFlight); // the slice whose second send hung: both recorded InFlight, unacknowledged
        Assert.Equal(10, report.Channels.Single().Delivered);
        Assert.Equal(inFlight.Select(s => new DeliveryKey(id, s)), report.PossibleDuplicates.OrderBy(k => k.Sequence));
        Assert.All(second.Log, m => Assert.Equal(inFlight.Contains(m.Key.Sequence), m.IsPossibleDuplicate));
        Assert.Equal(8, second.Log.Count); // 2 and 3 again, 4..9 for the first time; 0 and 1 (acknowledged) not again
    }

    private sealed record Scenario(int Seed, int Members, double Transient, double Permanent, int[] Crashes, bool Cancel, bool Outage)
    {
        public override string ToString() =>
            $"seed {Seed}, {Members} members, transient {Transient}, permanent {Permanent}, crashes [{string.Join(',', Crashes)}], cancel {Cancel}, outage {Outage}";
    }

    private static async Task<string?> RunAsync(Scenario s)
    {
        await using var store = new InMemoryDeliveryStore();
        var options = EngineTestKit.FastOptions(sliceSize: 3, maxWorkers: 3, maxAttempts: 3);
        options.ReceiptWait = TimeSpan.Zero;
        var sends = 0;
        SendResult Script(OutboundMessage m)
        {
            if (s.Outage && Interlocked.Increment(ref sends) <= 15)
            {
                return SendResult.Failure(DeliveryError.ConnectionFailed);
            }

            var u = SimulationTransport.Draw(s.Seed, m.Key, m.Attempt, 1);
            return u < s.Permanent ? SendResult.Failure(DeliveryError.InvalidDestination)
                : u < s.Permanent + s.Transient ? SendResult.Failure(DeliveryError.Throttled)
                : new SendResult(SendStatus.Delivered);
        }

        var log = new List<SentMessage>();
        var inFlightAtCrashes = new HashSet<long>();
        Guid id = default;
        for (var life = 0; life <= s.Crashes.Length; life++)
        {
            var crash = life < s.Crashes.Length;
            ScriptedTransport Make(DeliveryChannel channel) => new(channel, maxConcurrency: 3)
            {
                Script = Script,
                HangFromSend = crash ? s.Crashes[life] : int.MaxValue,
                HungMessageLeft = m => SimulationTransport.Draw(s.Seed, m.Key, m.Attempt, 7) < 0.5,
            };
            var sms = Make(DeliveryChannel.Sms);
            var email = Make(DeliveryChannel.Email);
            var engine = new DispatchEngine(store, [sms, email], options);
            try
            {
                var resumed = await engine.StartAsync();
                CampaignHandle? handle;
                if (life == 0)
                {
                    handle = await engine.StartCampaignAsync(new CampaignRequest(
                        EngineTestKit.FireAlert, DeliveryChannels.Sms | DeliveryChannels.Email, EngineTestKit.Members(s.Members, channels: DeliveryChannels.Sms | DeliveryChannels.Email)));
                    id = handle.Id;
                    if (s.Cancel)
                    {
                        await Task.Delay((s.Seed & 3) * 2);
                        await handle.CancelAsync();
                    }
                }
                else
                {
                    handle = resumed.SingleOrDefault();
                    if (resumed.Count > 1)
                    {
                        return "more than one campaign resumed";
                    }
                }

                if (handle is null)
                {
                    break; // finished in an earlier life
                }

                if (crash)
                {
                    await Task.WhenAny(sms.HangReached.Task, email.HangReached.Task, handle.Completion).Within();
                }
                else
                {
                    var report = await handle.Completion.Within();
                    if (report.Channels.Any(c => c.Sent + c.Delivered + c.Failed + c.Skipped + c.Cancelled + c.Unfinished != c.Targeted))
                    {
                        return "report counts do not add up";
                    }
                }
            }
            finally
            {
                await engine.DisposeAsync();
                log.AddRange(sms.Log);
                log.AddRange(email.Log);
            }

            if (crash)
            {
                foreach (var d in await EngineTestKit.ReadAllAsync(store, id))
                {
                    if (d.State == DeliveryState.InFlight)
                    {
                        inFlightAtCrashes.Add(d.Planned.Sequence);
                    }
                }
            }
        }

        var stored = await EngineTestKit.ReadAllAsync(store, id);
        var status = (await store.GetCampaignAsync(id))!.Status;
        if (stored.Count != s.Members * 2)
        {
            return $"plan has {stored.Count} deliveries, expected {s.Members * 2}";
        }

        if (status == CampaignStatus.Running || (!s.Cancel && status != CampaignStatus.Completed))
        {
            return $"campaign ended {status}";
        }

        var left = log.Where(m => m.Left).GroupBy(m => m.Key.Sequence).ToDictionary(g => g.Key, g => g.Count());
        foreach (var d in stored)
        {
            var seq = d.Planned.Sequence;
            if (!d.State.IsFinal())
            {
                return $"delivery {seq} lost in state {d.State}";
            }

            if (!s.Cancel && d.State == DeliveryState.Cancelled)
            {
                return $"delivery {seq} cancelled without a cancellation";
            }

            if (d.State == DeliveryState.Delivered && !left.ContainsKey(seq))
            {
                return $"delivery {seq} recorded Delivered but never left";
            }

            if (left.GetValueOrDefault(seq) > 1 && !d.IsPossibleDuplicate)
            {
                return $"delivery {seq} left {left[seq]} times without the possible-duplicate flag";
            }

            if (d.IsPossibleDuplicate && !inFlightAtCrashes.Contains(seq))
            {
                return $"delivery {seq} flagged as a possible duplicate but was not in flight at a crash";
            }
        }

        return null;
    }
}
