using static BeAlert.Dispatch.Tests.Storage.StoreData;

namespace BeAlert.Dispatch.Tests.Storage;

/// <summary>
/// What every <see cref="IDeliveryStore"/> must do, run against each implementation through <see cref="CreateStore"/>.
/// Plans are long enough (300 deliveries in odd-sized batches) to cross chunk boundaries of a store with small chunks.
/// </summary>
public abstract class DeliveryStoreContractTests : IAsyncLifetime
{
    private IDeliveryStore? _store;

    protected IDeliveryStore Store => _store ?? throw new InvalidOperationException("not initialised");

    public async Task InitializeAsync() => _store = await CreateStore();

    public virtual async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }

    /// <summary>Creates an empty store.</summary>
    protected abstract Task<IDeliveryStore> CreateStore();

    [Fact]
    public async Task CreateCampaign_ThenGet_ReturnsItPlanning()
    {
        var campaign = Campaign() with { Status = CampaignStatus.Completed, PlannedCount = 5 };

        await Store.CreateCampaignAsync(campaign);

        AssertSameCampaign(campaign with { Status = CampaignStatus.Planning, PlannedCount = -1 }, await Store.GetCampaignAsync(campaign.Id));
    }

    [Fact]
    public async Task CreateCampaign_ExistingId_IsNoOp()
    {
        var first = Campaign("first");
        await Store.CreateCampaignAsync(first);
        await Store.AppendPlanAsync(first.Id, Plan(0, 3));

        await Store.CreateCampaignAsync(Campaign("second", first.Id));

        Assert.Equal("first", (await Store.GetCampaignAsync(first.Id))!.Name);
        Assert.Equal(3, (await ReadAllAsync(Store, first.Id)).Count);
    }

    [Fact]
    public async Task GetCampaign_Unknown_ReturnsNull()
    {
        Assert.Null(await Store.GetCampaignAsync(Guid.NewGuid()));
    }

    [Fact]
    public async Task GetCampaigns_SeveralStatuses_OldestFirstAndFiltered()
    {
        var a = Campaign("a");
        var b = Campaign("b");
        var c = Campaign("c");
        foreach (var campaign in new[] { a, b, c })
        {
            await Store.CreateCampaignAsync(campaign);
        }

        await Store.SealPlanAsync(b.Id, 0);
        await Store.SealPlanAsync(c.Id, 0);
        await Store.SetCampaignStatusAsync(c.Id, CampaignStatus.Cancelled);

        Assert.Equal(["a", "b", "c"], (await Store.GetCampaignsAsync()).Select(x => x.Name));
        Assert.Equal(["b"], (await Store.GetCampaignsAsync(CampaignStatus.Running)).Select(x => x.Name));
        Assert.Equal(["c"], (await Store.GetCampaignsAsync(CampaignStatus.Cancelled)).Select(x => x.Name));
        Assert.Empty(await Store.GetCampaignsAsync(CampaignStatus.Completed));
    }

    [Fact]
    public async Task ReadDeliveries_AppendWhileReading_StreamSeesTheAppendedDeliveries()
    {
        var campaign = Campaign();
        await Store.CreateCampaignAsync(campaign);
        await Store.AppendPlanAsync(campaign.Id, Plan(0, 10));

        var read = new List<long>();
        await foreach (var delivery in Store.ReadDeliveriesAsync(campaign.Id, onlyUnfinished: false))
        {
            read.Add(delivery.Planned.Sequence);
            if (read.Count == 10)
            {
                await Store.AppendPlanAsync(campaign.Id, Plan(10, 10));
            }
        }

        Assert.Equal(Enumerable.Range(0, 20).Select(i => (long)i), read);
    }

    [Fact]
    public async Task AppendPlan_BatchesAcrossChunks_ReadBackPendingInOrder()
    {
        var campaign = await NewCampaign();
        var plan = Plan(0, 300);
        for (var start = 0; start < plan.Length; start += 70)
        {
            await Store.AppendPlanAsync(campaign.Id, plan.AsMemory(start, Math.Min(70, plan.Length - start)));
        }

        var read = await ReadAllAsync(Store, campaign.Id);

        Assert.Equal(plan, read.Select(x => x.Planned));
        Assert.All(read, x => Assert.Equal(new StoredDelivery(x.Planned, DeliveryState.Pending, DeliveryError.None, 0, null, false), x));
    }

    [Fact]
    public async Task AppendPlan_ReplayedAndOverlappingBatch_StoresEachSequenceOnce()
    {
        var campaign = await NewCampaign();
        var plan = Plan(0, 150);
        await Store.AppendPlanAsync(campaign.Id, plan.AsMemory(0, 100));

        await Store.AppendPlanAsync(campaign.Id, plan.AsMemory(0, 100));
        await Store.AppendPlanAsync(campaign.Id, plan.AsMemory(80, 70));

        Assert.Equal(plan, (await ReadAllAsync(Store, campaign.Id)).Select(x => x.Planned));
        await Store.SealPlanAsync(campaign.Id, 150);
        Assert.Equal(150, (await Store.GetCampaignAsync(campaign.Id))!.PlannedCount);
    }

    [Fact]
    public async Task AppendPlan_Gap_ThrowsArgumentException()
    {
        var campaign = await NewCampaign();
        await Store.AppendPlanAsync(campaign.Id, Plan(0, 10));

        var error = await Assert.ThrowsAsync<ArgumentException>(async () => await Store.AppendPlanAsync(campaign.Id, Plan(11, 5)));

        Assert.Contains("gap", error.Message, StringComparison.Ordinal);
        Assert.Equal(10, (await ReadAllAsync(Store, campaign.Id)).Count);
    }

    [Fact]
    public async Task AppendPlan_FirstSequenceNotZero_ThrowsArgumentException()
    {
        var campaign = await NewCampaign();

        await Assert.ThrowsAsync<ArgumentException>(async () => await Store.AppendPlanAsync(campaign.Id, Plan(1, 5)));
    }

    [Fact]
    public async Task AppendPlan_AfterSeal_ThrowsInvalidOperation()
    {
        var campaign = await NewCampaign();
        await Store.AppendPlanAsync(campaign.Id, Plan(0, 10));
        await Store.SealPlanAsync(campaign.Id, 10);

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await Store.AppendPlanAsync(campaign.Id, Plan(10, 1)));
    }

    [Fact]
    public async Task EveryCall_UnknownCampaign_ThrowsKeyNotFound()
    {
        var id = Guid.NewGuid();

        await Assert.ThrowsAsync<KeyNotFoundException>(async () => await Store.AppendPlanAsync(id, Plan(0, 1)));
        await Assert.ThrowsAsync<KeyNotFoundException>(async () => await Store.SealPlanAsync(id, 0));
        await Assert.ThrowsAsync<KeyNotFoundException>(async () => await Store.RecordAsync(id, new[] { new DeliveryUpdate(0, DeliveryState.Sent) }));
        await Assert.ThrowsAsync<KeyNotFoundException>(async () => await Store.SetCampaignStatusAsync(id, CampaignStatus.Completed));
        await Assert.ThrowsAsync<KeyNotFoundException>(async () => await ReadAllAsync(Store, id));
    }

    [Fact]
    public async Task SealPlan_WrongCount_ThrowsAndStaysPlanning()
    {
        var campaign = await NewCampaign();
        await Store.AppendPlanAsync(campaign.Id, Plan(0, 10));

        await Assert.ThrowsAsync<ArgumentException>(async () => await Store.SealPlanAsync(campaign.Id, 9));

        Assert.Equal(CampaignStatus.Planning, (await Store.GetCampaignAsync(campaign.Id))!.Status);
    }

    [Fact]
    public async Task SealPlan_Twice_SecondIsNoOp()
    {
        var campaign = await NewCampaign();
        await Store.AppendPlanAsync(campaign.Id, Plan(0, 10));
        await Store.SealPlanAsync(campaign.Id, 10);
        await Store.SetCampaignStatusAsync(campaign.Id, CampaignStatus.Completed);

        await Store.SealPlanAsync(campaign.Id, 10);

        var stored = await Store.GetCampaignAsync(campaign.Id);
        Assert.Equal(CampaignStatus.Completed, stored!.Status);
        Assert.Equal(10, stored.PlannedCount);
    }

    [Fact]
    public async Task Record_StatusTransitions_ReadBackLatest()
    {
        var campaign = await SealedCampaign(200);

        await Store.RecordAsync(campaign.Id, new[] { new DeliveryUpdate(130, DeliveryState.InFlight, Attempts: 1) });
        await Store.RecordAsync(campaign.Id, new[] { new DeliveryUpdate(130, DeliveryState.Sent, Attempts: 1, ProviderMessageId: "smsc-77") });
        await Store.RecordAsync(campaign.Id, new[]
        {
            new DeliveryUpdate(131, DeliveryState.Failed, DeliveryError.InvalidDestination, 1),
            new DeliveryUpdate(5, DeliveryState.InFlight, Attempts: 2),
            new DeliveryUpdate(5, DeliveryState.Sent, DeliveryError.None, 2),
        });

        var read = await ReadAllAsync(Store, campaign.Id);
        Assert.Equal(new StoredDelivery(Planned(130), DeliveryState.Sent, DeliveryError.None, 1, "smsc-77", false), read[130]);
        Assert.Equal(new StoredDelivery(Planned(131), DeliveryState.Failed, DeliveryError.InvalidDestination, 1, null, false), read[131]);
        Assert.Equal(new StoredDelivery(Planned(5), DeliveryState.Sent, DeliveryError.None, 2, null, false), read[5]);
        Assert.Equal(DeliveryState.Pending, read[6].State);
    }

    [Fact]
    public async Task Record_FinalState_IsNeverLeft()
    {
        var campaign = await SealedCampaign(10);
        await Store.RecordAsync(campaign.Id, new[] { new DeliveryUpdate(3, DeliveryState.Delivered, Attempts: 1, ProviderMessageId: "a") });

        await Store.RecordAsync(campaign.Id, new[]
        {
            new DeliveryUpdate(3, DeliveryState.Pending, DeliveryError.Timeout, 4, "b", true),
            new DeliveryUpdate(3, DeliveryState.Failed, DeliveryError.Rejected, 5),
        });

        var read = await ReadAllAsync(Store, campaign.Id);
        Assert.Equal(new StoredDelivery(Planned(3), DeliveryState.Delivered, DeliveryError.None, 1, "a", false), read[3]);
        Assert.Null(await Store.FindByProviderMessageIdAsync(Planned(3).Channel, "b"));
    }

    [Theory]
    [InlineData(DeliveryState.Delivered)]
    [InlineData(DeliveryState.Failed)]
    [InlineData(DeliveryState.Cancelled)]
    [InlineData(DeliveryState.Skipped)]
    public async Task Record_EachFinalState_LaterUpdatesIgnored(DeliveryState final)
    {
        var campaign = await SealedCampaign(3);
        await Store.RecordAsync(campaign.Id, new[] { new DeliveryUpdate(1, final) });

        await Store.RecordAsync(campaign.Id, new[] { new DeliveryUpdate(1, DeliveryState.InFlight, Attempts: 1) });

        Assert.Equal(final, (await ReadAllAsync(Store, campaign.Id))[1].State);
    }

    [Fact]
    public async Task Record_AttemptsKeepTheMaximumAndDuplicateFlagSticks()
    {
        var campaign = await SealedCampaign(10);

        await Store.RecordAsync(campaign.Id, new[] { new DeliveryUpdate(2, DeliveryState.InFlight, Attempts: 3, IsPossibleDuplicate: true) });
        await Store.RecordAsync(campaign.Id, new[] { new DeliveryUpdate(2, DeliveryState.Sent, Attempts: 1) });

        var read = (await ReadAllAsync(Store, campaign.Id))[2];
        Assert.Equal(3, read.Attempts);
        Assert.True(read.IsPossibleDuplicate);
        Assert.Equal(DeliveryState.Sent, read.State);
    }

    [Theory]
    [InlineData(254)]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(100_000)]
    [InlineData(int.MaxValue)]
    public async Task Record_LargeAttempts_ReadBackExactly(int attempts)
    {
        var campaign = await SealedCampaign(70);

        await Store.RecordAsync(campaign.Id, new[] { new DeliveryUpdate(65, DeliveryState.InFlight, Attempts: attempts) });
        await Store.RecordAsync(campaign.Id, new[] { new DeliveryUpdate(65, DeliveryState.Sent, Attempts: 2) });

        Assert.Equal(attempts, (await ReadAllAsync(Store, campaign.Id))[65].Attempts);
    }

    [Fact]
    public async Task Record_ReplayedBatch_GivesTheSameReads()
    {
        var campaign = await SealedCampaign(150);
        var batch = Enumerable.Range(60, 80)
            .Select(i => new DeliveryUpdate(i, i % 3 == 0 ? DeliveryState.Delivered : DeliveryState.Sent, Attempts: 1, ProviderMessageId: "p" + i))
            .ToArray();
        await Store.RecordAsync(campaign.Id, batch);
        var once = await ReadAllAsync(Store, campaign.Id);

        await Store.RecordAsync(campaign.Id, batch);

        Assert.Equal(once, await ReadAllAsync(Store, campaign.Id));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(10)]
    [InlineData(long.MaxValue)]
    public async Task Record_UnknownSequence_ThrowsArgumentException(long sequence)
    {
        var campaign = await SealedCampaign(10);

        await Assert.ThrowsAsync<ArgumentException>(async () => await Store.RecordAsync(campaign.Id, new[] { new DeliveryUpdate(sequence, DeliveryState.Sent) }));
    }

    [Fact]
    public async Task Record_BeforeSeal_AppliesToAppendedDeliveries()
    {
        var campaign = await NewCampaign();
        await Store.AppendPlanAsync(campaign.Id, Plan(0, 5));

        await Store.RecordAsync(campaign.Id, new[] { new DeliveryUpdate(4, DeliveryState.Cancelled) });

        Assert.Equal(DeliveryState.Cancelled, (await ReadAllAsync(Store, campaign.Id))[4].State);
    }

    [Fact]
    public async Task ReadDeliveries_OnlyUnfinished_ReturnsPendingInFlightAndSent()
    {
        var campaign = await SealedCampaign(140);
        DeliveryState[] states = [DeliveryState.Pending, DeliveryState.InFlight, DeliveryState.Sent, DeliveryState.Delivered, DeliveryState.Failed, DeliveryState.Cancelled, DeliveryState.Skipped];
        await Store.RecordAsync(campaign.Id, Enumerable.Range(0, 140).Select(i => new DeliveryUpdate(i, states[i % states.Length])).ToArray());

        var unfinished = await ReadAllAsync(Store, campaign.Id, onlyUnfinished: true);

        Assert.Equal(Enumerable.Range(0, 140).Where(i => i % states.Length < 3).Select(i => (long)i), unfinished.Select(x => x.Planned.Sequence));
        Assert.All(unfinished, x => Assert.False(x.State.IsFinal()));
    }

    [Theory]
    [InlineData(DeliveryChannel.Sms, false)]
    [InlineData(DeliveryChannel.Email, false)]
    [InlineData(DeliveryChannel.Voice, true)]
    [InlineData(DeliveryChannel.CellBroadcast, false)]
    public async Task ReadChannelDeliveries_SameAsReadDeliveriesFilteredOnTheChannel(DeliveryChannel channel, bool onlyUnfinished)
    {
        var campaign = await SealedCampaign(300);
        DeliveryState[] states = [DeliveryState.Pending, DeliveryState.InFlight, DeliveryState.Sent, DeliveryState.Delivered, DeliveryState.Failed];
        await Store.RecordAsync(campaign.Id, Enumerable.Range(0, 300).Select(i => new DeliveryUpdate(i, states[i % states.Length], Attempts: i % 3, ProviderMessageId: i % 2 == 0 ? $"p{i}" : null)).ToArray());

        var expected = (await ReadAllAsync(Store, campaign.Id, onlyUnfinished)).Where(d => d.Planned.Channel == channel).ToList();
        var actual = new List<StoredDelivery>();
        await foreach (var delivery in Store.ReadChannelDeliveriesAsync(campaign.Id, channel, onlyUnfinished))
        {
            actual.Add(delivery);
        }

        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task Record_ManyConcurrentBatches_EachIsDurableAndFinalStatesHold()
    {
        var campaign = await SealedCampaign(300);

        // 30 writers at once, each on every 30th delivery (so batches share chunks), in two steps like the engine's.
        await Task.WhenAll(Enumerable.Range(0, 30).Select(w => Task.Run(async () =>
        {
            var mine = Enumerable.Range(0, 300).Where(i => i % 30 == w).ToArray();
            await Store.RecordAsync(campaign.Id, mine.Select(i => new DeliveryUpdate(i, DeliveryState.InFlight, Attempts: 1)).ToArray());
            await Store.RecordAsync(campaign.Id, mine.Select(i => new DeliveryUpdate(i, i % 2 == 0 ? DeliveryState.Delivered : DeliveryState.Sent, Attempts: 1)).ToArray());
            await Store.RecordAsync(campaign.Id, mine.Select(i => new DeliveryUpdate(i, DeliveryState.Failed, DeliveryError.Undeliverable, 1)).ToArray());
        })));

        var read = await ReadAllAsync(Store, campaign.Id);
        Assert.Equal(300, read.Count);
        Assert.All(read, d => Assert.Equal(d.Planned.Sequence % 2 == 0 ? DeliveryState.Delivered : DeliveryState.Failed, d.State));
        Assert.All(read, d => Assert.Equal(1, d.Attempts));
    }

    [Fact]
    public async Task Record_ConcurrentBatchesOneInvalid_OnlyThatOneFails()
    {
        var campaign = await SealedCampaign(100);

        var good = Enumerable.Range(0, 10).Select(w => Store.RecordAsync(campaign.Id, new[] { new DeliveryUpdate(w * 10, DeliveryState.Delivered, Attempts: 1) }).AsTask()).ToList();
        var bad = Assert.ThrowsAnyAsync<ArgumentException>(() => Store.RecordAsync(campaign.Id, new[]
        {
            new DeliveryUpdate(1, DeliveryState.Delivered, Attempts: 1),
            new DeliveryUpdate(100, DeliveryState.Delivered, Attempts: 1),
        }).AsTask());
        await Task.WhenAll(good);
        await bad;

        var read = await ReadAllAsync(Store, campaign.Id);
        Assert.All(read.Where(d => d.Planned.Sequence % 10 == 0), d => Assert.Equal(DeliveryState.Delivered, d.State));
        if (Store is SqliteDeliveryStore)
        {
            // Documented for the SQLite store only: a rejected batch changes nothing, even when written in a group.
            Assert.All(read.Where(d => d.Planned.Sequence % 10 != 0), d => Assert.Equal(DeliveryState.Pending, d.State));
        }
    }

    [Fact]
    public async Task ReadDeliveries_EmptyPlan_ReturnsNothing()
    {
        var campaign = await SealedCampaign(0);

        Assert.Empty(await ReadAllAsync(Store, campaign.Id));
    }

    [Fact]
    public async Task FindByProviderMessageId_KnownUnknownAndOtherChannel()
    {
        var campaign = await SealedCampaign(20);
        Assert.Equal(DeliveryChannel.Sms, Planned(4).Channel);
        Assert.Equal(DeliveryChannel.Email, Planned(5).Channel);
        await Store.RecordAsync(campaign.Id, new[]
        {
            new DeliveryUpdate(4, DeliveryState.Sent, ProviderMessageId: "id-1"),
            new DeliveryUpdate(5, DeliveryState.Sent, ProviderMessageId: "id-1"),
        });

        Assert.Equal(new DeliveryKey(campaign.Id, 4), await Store.FindByProviderMessageIdAsync(DeliveryChannel.Sms, "id-1"));
        Assert.Equal(new DeliveryKey(campaign.Id, 5), await Store.FindByProviderMessageIdAsync(DeliveryChannel.Email, "id-1"));
        Assert.Null(await Store.FindByProviderMessageIdAsync(DeliveryChannel.Voice, "id-1"));
        Assert.Null(await Store.FindByProviderMessageIdAsync(DeliveryChannel.Sms, "id-2"));
    }

    [Fact]
    public async Task FindByProviderMessageId_ReusedByALaterDelivery_FindsTheLatest()
    {
        var campaign = await SealedCampaign(20);
        await Store.RecordAsync(campaign.Id, new[] { new DeliveryUpdate(2, DeliveryState.Sent, ProviderMessageId: "same") });
        await Store.RecordAsync(campaign.Id, new[] { new DeliveryUpdate(4, DeliveryState.Sent, ProviderMessageId: "same") });

        Assert.Equal(new DeliveryKey(campaign.Id, 4), await Store.FindByProviderMessageIdAsync(DeliveryChannel.Sms, "same"));
        Assert.Equal("same", (await ReadAllAsync(Store, campaign.Id))[2].ProviderMessageId);
    }

    [Fact]
    public async Task Record_NullProviderIdLater_KeepsTheEarlierOne()
    {
        var campaign = await SealedCampaign(3);
        await Store.RecordAsync(campaign.Id, new[] { new DeliveryUpdate(1, DeliveryState.Sent, ProviderMessageId: "x") });

        await Store.RecordAsync(campaign.Id, new[] { new DeliveryUpdate(1, DeliveryState.Sent, Attempts: 1) });

        Assert.Equal("x", (await ReadAllAsync(Store, campaign.Id))[1].ProviderMessageId);
    }

    [Fact]
    public async Task SetCampaignStatus_ReadBack()
    {
        var campaign = await SealedCampaign(1);

        await Store.SetCampaignStatusAsync(campaign.Id, CampaignStatus.Completed);

        Assert.Equal(CampaignStatus.Completed, (await Store.GetCampaignAsync(campaign.Id))!.Status);
        Assert.Equal(1, (await Store.GetCampaignAsync(campaign.Id))!.PlannedCount);
    }

    [Fact]
    public async Task Campaigns_AreIndependent()
    {
        var a = await SealedCampaign(30);
        var b = await SealedCampaign(40);

        await Store.RecordAsync(a.Id, new[] { new DeliveryUpdate(7, DeliveryState.Delivered) });

        Assert.Equal(DeliveryState.Delivered, (await ReadAllAsync(Store, a.Id))[7].State);
        Assert.Equal(DeliveryState.Pending, (await ReadAllAsync(Store, b.Id))[7].State);
        Assert.Equal(40, (await ReadAllAsync(Store, b.Id)).Count);
    }

    [Fact]
    public async Task ReadDeliveries_Cancelled_Throws()
    {
        var campaign = await SealedCampaign(10);
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var unused in Store.ReadDeliveriesAsync(campaign.Id, false, cancellation.Token))
            {
            }
        });
    }

    [Fact]
    public async Task EraseRecipient_ByRecipientId_TombstonesEveryCampaignKeepsStatesAndCancelsOnlyUnsent()
    {
        // Recipient 1_000_010 has deliveries 20 (SMS) and 21 (voice) in both campaigns.
        var a = await SealedCampaign(300);
        var b = await SealedCampaign(300);
        await Store.RecordAsync(a.Id, new DeliveryUpdate[] { new(20, DeliveryState.Delivered, Attempts: 1, ProviderMessageId: "m-20"), new(22, DeliveryState.Failed, DeliveryError.Rejected, 2) });
        await Store.RecordAsync(b.Id, new DeliveryUpdate[] { new(20, DeliveryState.InFlight, Attempts: 1, IsPossibleDuplicate: true), new(21, DeliveryState.Sent, Attempts: 1) });

        var result = await Store.EraseRecipientAsync(new RecipientErasure { RecipientIds = [1_000_010] });

        Assert.Equal([a.Id, b.Id], result.Campaigns);
        Assert.Equal(4, result.Erased);
        Assert.Equal([new DeliveryKey(a.Id, 21), new DeliveryKey(b.Id, 20)], result.Cancelled.OrderBy(k => k.CampaignId == a.Id ? 0 : 1).ThenBy(k => k.Sequence));
        var readA = await ReadAllAsync(Store, a.Id);
        var readB = await ReadAllAsync(Store, b.Id);
        Assert.Equal(300, readA.Count);
        Assert.Equal(300, readB.Count);
        foreach (var (read, sequence, state, attempts) in new[] { (readA, 20, DeliveryState.Delivered, 1), (readA, 21, DeliveryState.Cancelled, 0), (readB, 20, DeliveryState.Cancelled, 1), (readB, 21, DeliveryState.Sent, 1) })
        {
            var delivery = read[sequence];
            Assert.Equal(RecipientErasure.Tombstone(Planned(sequence)), delivery.Planned);
            Assert.Equal(RecipientErasure.ErasedDestination, delivery.Planned.Destination);
            Assert.Equal(Planned(sequence).Channel, delivery.Planned.Channel);
            Assert.Equal(Planned(sequence).MunicipalityNis, delivery.Planned.MunicipalityNis);
            Assert.Equal(state, delivery.State);
            Assert.Equal(attempts, delivery.Attempts);
        }

        Assert.True(readB[20].IsPossibleDuplicate);
        Assert.Equal("m-20", readA[20].ProviderMessageId);
        Assert.Equal(DeliveryState.Failed, readA[22].State);
        Assert.Equal(DeliveryError.Rejected, readA[22].Error);
        foreach (var delivery in readA.Concat(readB).Where(d => d.Planned.Sequence is not (20 or 21)))
        {
            Assert.Equal(Planned(delivery.Planned.Sequence), delivery.Planned);
        }

        // The store keeps working on the rewritten plan: later updates of erased and other deliveries.
        await Store.RecordAsync(b.Id, new DeliveryUpdate[] { new(21, DeliveryState.Delivered, Attempts: 1), new(23, DeliveryState.Delivered, Attempts: 1) });
        readB = await ReadAllAsync(Store, b.Id);
        Assert.Equal(DeliveryState.Delivered, readB[21].State);
        Assert.Equal(DeliveryState.Delivered, readB[23].State);
        Assert.Equal(RecipientErasure.ErasedDestination, readB[21].Planned.Destination);
        Assert.DoesNotContain(await ReadAllAsync(Store, a.Id, onlyUnfinished: true), d => d.Planned.RecipientId == 1_000_010);
    }

    [Fact]
    public async Task EraseRecipient_ByDestination_IgnoresCaseAndMatchesOnlyThose()
    {
        var campaign = await SealedCampaign(100);

        var result = await Store.EraseRecipientAsync(new RecipientErasure { Destinations = ["PERSON23@Example.BE", "+32470000040"] });

        Assert.Equal([campaign.Id], result.Campaigns);
        Assert.Equal(2, result.Erased);
        var read = await ReadAllAsync(Store, campaign.Id);
        Assert.Equal([23L, 40L], read.Where(d => d.Planned.Destination == RecipientErasure.ErasedDestination).Select(d => d.Planned.Sequence));
        Assert.Equal(RecipientErasure.ErasedRecipientId, read[23].Planned.RecipientId);
        Assert.Equal(Planned(22), read[22].Planned); // the same recipient's other delivery had another destination
    }

    [Fact]
    public async Task EraseRecipient_Again_ChangesNothing_AndUnknownMatchesNothing()
    {
        var campaign = await SealedCampaign(50);
        var first = await Store.EraseRecipientAsync(new RecipientErasure { RecipientIds = [1_000_003] });
        var before = await ReadAllAsync(Store, campaign.Id);

        var again = await Store.EraseRecipientAsync(new RecipientErasure { RecipientIds = [1_000_003] });
        var unknown = await Store.EraseRecipientAsync(new RecipientErasure { RecipientIds = [42], Destinations = ["nobody@example.be"] });

        Assert.Equal(2, first.Erased);
        Assert.Equal(2, first.Cancelled.Count);
        Assert.Equal(0, again.Erased);
        Assert.Empty(again.Campaigns);
        Assert.Empty(unknown.Cancelled);
        Assert.Equal(before, await ReadAllAsync(Store, campaign.Id));
    }

    [Fact]
    public async Task EraseRecipient_PlanStillBeingAppended_AppendContinuesAfterTheTombstones()
    {
        var campaign = await NewCampaign();
        await Store.AppendPlanAsync(campaign.Id, Plan(0, 70));

        await Store.EraseRecipientAsync(new RecipientErasure { RecipientIds = [1_000_005] });
        await Store.AppendPlanAsync(campaign.Id, Plan(60, 40));
        await Store.SealPlanAsync(campaign.Id, 100);

        var read = await ReadAllAsync(Store, campaign.Id);
        Assert.Equal(Enumerable.Range(0, 100).Select(i => (long)i), read.Select(d => d.Planned.Sequence));
        Assert.Equal(RecipientErasure.ErasedDestination, read[10].Planned.Destination);
        Assert.Equal(DeliveryState.Cancelled, read[11].State);
        Assert.Equal(Planned(99), read[99].Planned);
    }

    [Theory]
    [InlineData(new long[0], new string[0])]
    [InlineData(new long[] { 0 }, new string[0])]
    [InlineData(new long[] { -1 }, new string[0])]
    [InlineData(new long[0], new[] { "" })]
    [InlineData(new long[0], new[] { RecipientErasure.ErasedDestination })]
    public async Task EraseRecipient_Invalid_ThrowsArgumentException(long[] ids, string[] destinations)
    {
        await SealedCampaign(10);

        await Assert.ThrowsAsync<ArgumentException>(async () => await Store.EraseRecipientAsync(new RecipientErasure { RecipientIds = ids, Destinations = destinations }));
    }

    [Fact]
    public async Task RedactCampaignAlert_Finished_ReplacesTheAlert_LiveOrUnknown_Throws()
    {
        var live = await SealedCampaign(3);
        var done = await SealedCampaign(3);
        await Store.SetCampaignStatusAsync(done.Id, CampaignStatus.Completed);
        var redacted = "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><note>redacted</note></alert>"u8.ToArray();

        await Store.RedactCampaignAlertAsync(done.Id, redacted);

        Assert.Equal(redacted, (await Store.GetCampaignAsync(done.Id))!.AlertXml.ToArray());
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await Store.RedactCampaignAlertAsync(live.Id, redacted));
        Assert.Equal(live.AlertXml.ToArray(), (await Store.GetCampaignAsync(live.Id))!.AlertXml.ToArray());
        await Assert.ThrowsAsync<KeyNotFoundException>(async () => await Store.RedactCampaignAlertAsync(Guid.NewGuid(), redacted));
    }

    protected async Task<CampaignRecord> NewCampaign()
    {
        var campaign = Campaign();
        await Store.CreateCampaignAsync(campaign);
        return campaign;
    }

    protected async Task<CampaignRecord> SealedCampaign(int count)
    {
        var campaign = await NewCampaign();
        if (count > 0)
        {
            await Store.AppendPlanAsync(campaign.Id, Plan(0, count));
        }

        await Store.SealPlanAsync(campaign.Id, count);
        return campaign;
    }
}
