using BeAlert.Dispatch;
using BeAlert.Dispatch.Tests.Engine;
using BeAlert.Gateway.Storage;
using Microsoft.Extensions.Time.Testing;
using static BeAlert.Dispatch.Tests.Storage.StoreData;

namespace BeAlert.Gateway.Tests.Stores;

/// <summary>
/// Several gateway instances and one database. In the PostgreSQL run: two engines on one database, campaigns claimed
/// by lease (the lease clock is a <see cref="FakeTimeProvider"/>, so expiry is exact). In the SQLite run: the same
/// takeover done the only way SQLite allows (the second instance opens the file after the first stopped), and a second
/// concurrent instance is refused.
/// </summary>
public sealed class SharedStoreTests : IAsyncDisposable
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private readonly TestStores _stores = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero));

    public ValueTask DisposeAsync() => _stores.DisposeAsync();

    [Fact]
    public async Task Takeover_FirstInstanceDiesMidCampaign_SecondFinishesItEveryDeliveryOnceExceptFlaggedInFlight()
    {
        var storeA = await _stores.OpenAsync("a", Lease, _clock);
        var first = new ScriptedTransport(DeliveryChannel.Sms, maxConcurrency: 1) { HangFromSend = 12, HungMessageLeft = _ => true };
        var options = EngineTestKit.FastOptions(sliceSize: 4, maxWorkers: 1);
        options.ResumeOnStart = !TestStores.IsPostgres;
        Guid id;
        await using (var engineA = new DispatchEngine(storeA, [first], options))
        {
            await engineA.StartAsync();
            id = (await engineA.StartCampaignAsync(new CampaignRequest(EngineTestKit.FireAlert, DeliveryChannels.Sms, EngineTestKit.Members(40)))).Id;
            await first.HangReached.Task.Within();
        } // instance A dies: its engine stops mid-slice, nothing more is written, its lease is no longer renewed

        var inFlight = (await EngineTestKit.ReadAllAsync(storeA, id)).Where(d => d.State == DeliveryState.InFlight).Select(d => d.Planned.Sequence).ToList();
        Assert.Equal([8L, 9L, 10L, 11L], inFlight);

        IDeliveryStore storeB;
        if (TestStores.IsPostgres)
        {
            storeB = await _stores.OpenAsync("b", Lease, _clock);
        }
        else
        {
            await storeA.DisposeAsync();
            storeB = await _stores.OpenAsync("b");
        }

        var second = new ScriptedTransport(DeliveryChannel.Sms, maxConcurrency: 1);
        await using var engineB = new DispatchEngine(storeB, [second], options);
        var resumed = await engineB.StartAsync();
        CampaignHandle handle;
        if (storeB is PostgresDeliveryStore shared)
        {
            Assert.Empty(resumed); // a shared store's engine resumes only what it claims
            Assert.Empty(await shared.ClaimExpiredAsync()); // A's lease still runs
            _clock.Advance(Lease + TimeSpan.FromSeconds(1));
            Assert.Equal([id], await shared.ClaimExpiredAsync());
            Assert.Equal(("b", _clock.GetUtcNow() + Lease), (await shared.GetLeaseAsync(id))!.Value);

            // Instance A, if it were only paused, may no longer claim deliveries to send (InFlight) — but late outcomes are kept.
            var stale = (PostgresDeliveryStore)storeA;
            await Assert.ThrowsAsync<DeliveryStoreException>(async () => await stale.RecordAsync(id, new[] { new DeliveryUpdate(20, DeliveryState.InFlight, Attempts: 1) }));
            await stale.RecordAsync(id, new[] { new DeliveryUpdate(0, DeliveryState.Delivered, Attempts: 1) }); // no throw (and 0 was final already)
            Assert.Equal(DeliveryState.Pending, (await EngineTestKit.ReadAllAsync(storeA, id))[20].State);
            Assert.Equal(0, await stale.RenewLeasesAsync());
            handle = (await engineB.ResumeCampaignAsync(id))!;
            Assert.Same(handle, await engineB.ResumeCampaignAsync(id)); // already running here: the same handle
        }
        else
        {
            handle = Assert.Single(resumed);
        }

        var report = await handle.Completion.Within(60);

        Assert.Equal(40, report.Channels.Single().Delivered);
        var everySend = first.Log.Concat(second.Log).GroupBy(m => m.Key.Sequence).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(Enumerable.Range(0, 40).Select(i => (long)i), everySend.Keys.Order());
        Assert.All(everySend, e => Assert.Equal(inFlight.Contains(e.Key) ? 2 : 1, e.Value));
        Assert.All(second.Log, m => Assert.Equal(inFlight.Contains(m.Key.Sequence), m.IsPossibleDuplicate));
        Assert.Equal(inFlight.Select(s => new DeliveryKey(id, s)), report.PossibleDuplicates.OrderBy(k => k.Sequence));
        Assert.All(await EngineTestKit.ReadAllAsync(storeB, id), d => Assert.Equal(DeliveryState.Delivered, d.State));
        Assert.Equal(CampaignStatus.Completed, (await storeB.GetCampaignAsync(id))!.Status);
    }

    [Fact]
    public async Task Claim_SeveralInstancesAtOnce_EachExpiredCampaignGoesToExactlyOne()
    {
        var storeA = await _stores.OpenAsync("a", Lease, _clock);
        if (storeA is not PostgresDeliveryStore owner)
        {
            // SQLite cannot be shared: a second instance on the same file is refused instead of sending twice.
            var refused = await Assert.ThrowsAsync<DeliveryStoreException>(() => _stores.OpenAsync("b"));
            Assert.Contains("in use", refused.Message, StringComparison.Ordinal);
            return;
        }

        var ids = new List<Guid>();
        for (var i = 0; i < 24; i++)
        {
            var campaign = Campaign("c" + i);
            await owner.CreateCampaignAsync(campaign);
            await owner.AppendPlanAsync(campaign.Id, Plan(0, 3));
            if (i % 4 != 0)
            {
                await owner.SealPlanAsync(campaign.Id, 3); // a quarter stay in Planning: claimed too (to be cancelled)
            }

            ids.Add(campaign.Id);
        }

        var finished = Campaign("done");
        await owner.CreateCampaignAsync(finished);
        await owner.SealPlanAsync(finished.Id, 0);
        await owner.SetCampaignStatusAsync(finished.Id, CampaignStatus.Completed);
        var others = new List<PostgresDeliveryStore>();
        foreach (var name in new[] { "b", "c", "d" })
        {
            others.Add((PostgresDeliveryStore)await _stores.OpenAsync(name, Lease, _clock));
        }

        Assert.All(await Task.WhenAll(others.Select(s => s.ClaimExpiredAsync())), Assert.Empty);
        _clock.Advance(Lease / 2);
        Assert.Equal(25, await owner.RenewLeasesAsync() + 1); // every live campaign but the finished one
        _clock.Advance(Lease - TimeSpan.FromSeconds(1));
        Assert.All(await Task.WhenAll(others.Select(s => s.ClaimExpiredAsync())), Assert.Empty); // renewed: not expired yet

        _clock.Advance(TimeSpan.FromSeconds(2));
        var claims = await Task.WhenAll(others.Select(s => Task.Run(() => s.ClaimExpiredAsync())));

        Assert.Equal(ids.Order(), claims.SelectMany(c => c).Order());
        for (var i = 0; i < others.Count; i++)
        {
            foreach (var id in claims[i])
            {
                Assert.Equal(others[i].InstanceId, (await owner.GetLeaseAsync(id))!.Value.Owner);
            }
        }

        Assert.Equal(0, await owner.RenewLeasesAsync());
        Assert.Equal(24, (await Task.WhenAll(others.Select(s => s.RenewLeasesAsync()))).Sum());
    }

    [Fact]
    public async Task ReleaseLeases_GracefulStop_OthersClaimWithoutWaiting()
    {
        var storeA = await _stores.OpenAsync("a", Lease, _clock);
        if (storeA is not PostgresDeliveryStore owner)
        {
            // SQLite: stopping releases the file, and the next instance resumes the campaign at once.
            var campaign = await SealedAsync(storeA);
            await storeA.DisposeAsync();
            var next = await _stores.OpenAsync("b");
            Assert.Equal([campaign], (await next.GetCampaignsAsync(CampaignStatus.Running)).Select(c => c.Id));
            return;
        }

        var id = await SealedAsync(owner);
        var other = (PostgresDeliveryStore)await _stores.OpenAsync("b", Lease, _clock);
        Assert.Empty(await other.ClaimExpiredAsync());

        Assert.Equal(1, await owner.ReleaseLeasesAsync());

        Assert.Equal([id], await other.ClaimExpiredAsync());
    }

    private static async Task<Guid> SealedAsync(IDeliveryStore store)
    {
        var campaign = Campaign();
        await store.CreateCampaignAsync(campaign);
        await store.AppendPlanAsync(campaign.Id, Plan(0, 5));
        await store.SealPlanAsync(campaign.Id, 5);
        return campaign.Id;
    }
}
