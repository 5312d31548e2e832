namespace BeAlert.Dispatch.Tests.Engine;

public sealed class DispatchEngineTests
{
    [Fact]
    public async Task StartCampaignAsync_ThreeChannels_EveryPlannedDeliveryDelivered()
    {
        await using var store = new InMemoryDeliveryStore();
        var sms = new ScriptedTransport(DeliveryChannel.Sms);
        var email = new ScriptedTransport(DeliveryChannel.Email);
        var voice = new ScriptedTransport(DeliveryChannel.Voice);
        await using var engine = new DispatchEngine(store, [sms, email, voice], EngineTestKit.FastOptions());
        await engine.StartAsync();
        var members = EngineTestKit.Members(100, channels: DeliveryChannels.Sms | DeliveryChannels.Email | DeliveryChannels.Voice).ToList();

        var handle = await engine.StartCampaignAsync(new CampaignRequest(EngineTestKit.FireAlert, DeliveryChannels.Sms | DeliveryChannels.Email | DeliveryChannels.Voice, members));
        var report = await handle.Completion.Within();

        Assert.Equal(CampaignStatus.Completed, report.Status);
        Assert.Equal(3, report.Channels.Count);
        Assert.All(report.Channels, c => Assert.Equal((100L, 100L), (c.Targeted, c.Delivered)));
        Assert.Equal(100, sms.Log.Select(m => m.Key).Distinct().Count());
        Assert.Equal(100, email.Log.Count);
        Assert.Equal(100, voice.Log.Count);
        Assert.All(email.Log, m => Assert.EndsWith("@example.org", m.Destination, StringComparison.Ordinal));
        var stored = await EngineTestKit.ReadAllAsync(store, handle.Id);
        Assert.Equal(300, stored.Count);
        Assert.All(stored, d => Assert.Equal(DeliveryState.Delivered, d.State));
        Assert.Equal(CampaignStatus.Completed, (await store.GetCampaignAsync(handle.Id))!.Status);
    }

    [Fact]
    public async Task StartCampaignAsync_PlanOfManyBatches_WrittenInOrderAndSealed()
    {
        await using var store = new InMemoryDeliveryStore();
        var options = EngineTestKit.FastOptions();
        options.PlanBatchSize = 7; // 15 batches, the last one short
        await using var engine = new DispatchEngine(store, [new ScriptedTransport(DeliveryChannel.Sms)], options);
        await engine.StartAsync();

        var handle = await engine.StartCampaignAsync(new CampaignRequest(EngineTestKit.FireAlert, DeliveryChannels.Sms, EngineTestKit.Members(100)));
        await handle.Completion.Within();

        var stored = await EngineTestKit.ReadAllAsync(store, handle.Id);
        Assert.Equal(Enumerable.Range(0, 100).Select(i => (long)i), stored.Select(d => d.Planned.Sequence));
        Assert.Equal(Enumerable.Range(1, 100).Select(i => (long)i), stored.Select(d => d.Planned.RecipientId).Order());
        Assert.Equal(100, (await store.GetCampaignAsync(handle.Id))!.PlannedCount);
    }

    [Fact]
    public async Task StartCampaignAsync_StoreRejectsAPlanBatch_ThrowsTheStoresErrorAndSendsNothing()
    {
        using var directory = new Storage.TempDirectory();
        await using var store = SqliteDeliveryStore.Open(new SqliteDeliveryStoreOptions { Path = directory.File("plan.db") });
        var sms = new ScriptedTransport(DeliveryChannel.Sms);
        var options = EngineTestKit.FastOptions();
        options.PlanBatchSize = 5;
        await using var engine = new DispatchEngine(store, [sms], options);
        await engine.StartAsync();
        var members = EngineTestKit.Members(40).ToList();
        members[23] = members[23] with { Phone = "+32" + new string('4', 3000) }; // longer than a store can hold

        await Assert.ThrowsAsync<ArgumentException>(() => engine.StartCampaignAsync(new CampaignRequest(EngineTestKit.FireAlert, DeliveryChannels.Sms, members)));

        Assert.Empty(sms.Log);
        Assert.Equal(CampaignStatus.Planning, Assert.Single(await store.GetCampaignsAsync()).Status);
    }

    [Fact]
    public async Task StartCampaignAsync_FirstSend_PlanSealedAndDeliveryInFlightBeforeTransportSeesIt()
    {
        await using var store = new InMemoryDeliveryStore();
        var sms = new ScriptedTransport(DeliveryChannel.Sms);
        var observations = new List<(CampaignStatus Status, long Planned, DeliveryState State)>();
        sms.Script = message =>
        {
            var record = store.GetCampaignAsync(message.Key.CampaignId).AsTask().Result!;
            var state = EngineTestKit.ReadAllAsync(store, message.Key.CampaignId).Result.Single(d => d.Planned.Sequence == message.Key.Sequence).State;
            lock (observations)
            {
                observations.Add((record.Status, record.PlannedCount, state));
            }

            return new SendResult(SendStatus.Delivered);
        };
        await using var engine = new DispatchEngine(store, [sms], EngineTestKit.FastOptions(maxWorkers: 1));
        await engine.StartAsync();

        var handle = await engine.StartCampaignAsync(new CampaignRequest(EngineTestKit.FireAlert, DeliveryChannels.Sms, EngineTestKit.Members(20)));
        await handle.Completion.Within();

        Assert.Equal(20, observations.Count);
        Assert.All(observations, o => Assert.Equal((CampaignStatus.Running, 20L, DeliveryState.InFlight), o));
    }

    [Fact]
    public async Task StartCampaignAsync_SimulationCampaign_TextsCarrySimulationMark()
    {
        await using var store = new InMemoryDeliveryStore();
        var sms = new ScriptedTransport(DeliveryChannel.Sms);
        await using var engine = new DispatchEngine(store, [sms], EngineTestKit.FastOptions());
        await engine.StartAsync();

        var handle = await engine.StartCampaignAsync(new CampaignRequest(EngineTestKit.FireAlert, DeliveryChannels.Sms, EngineTestKit.Members(5)) { IsSimulation = true });
        var report = await handle.Completion.Within();

        Assert.True(report.IsSimulation);
        Assert.All(sms.Log, m => Assert.Contains("SIMULATI", m.Text, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task StartCampaignAsync_RealCampaign_TextsCarryNoSimulationMark()
    {
        await using var store = new InMemoryDeliveryStore();
        var sms = new ScriptedTransport(DeliveryChannel.Sms);
        await using var engine = new DispatchEngine(store, [sms], EngineTestKit.FastOptions());
        await engine.StartAsync();

        var handle = await engine.StartCampaignAsync(new CampaignRequest(EngineTestKit.FireAlert, DeliveryChannels.Sms, EngineTestKit.Members(5)));
        await handle.Completion.Within();

        Assert.All(sms.Log, m => Assert.DoesNotContain("SIMULATI", m.Text, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task StartCampaignAsync_MembersInTheirLanguage_TextOfThatLanguage()
    {
        await using var store = new InMemoryDeliveryStore();
        var sms = new ScriptedTransport(DeliveryChannel.Sms);
        await using var engine = new DispatchEngine(store, [sms], EngineTestKit.FastOptions());
        await engine.StartAsync();
        var audience = EngineTestKit.Members(3, "nl-BE").Concat(EngineTestKit.Members(3, "fr-BE", firstId: 100));

        var handle = await engine.StartCampaignAsync(new CampaignRequest(EngineTestKit.FireAlert, DeliveryChannels.Sms, audience));
        await handle.Completion.Within();

        Assert.All(sms.Log.Where(m => m.Language == "nl-BE"), m => Assert.Contains("haven van Gent", m.Text, StringComparison.Ordinal));
        Assert.All(sms.Log.Where(m => m.Language == "fr-BE"), m => Assert.Contains("port de Gand", m.Text, StringComparison.Ordinal));
        Assert.Equal(6, sms.Log.Count);
    }

    [Fact]
    public async Task StartCampaignAsync_CellBroadcastZones_OneDeliveryPerZoneAndLanguagePlusSmsToRegistered()
    {
        await using var store = new InMemoryDeliveryStore();
        var sms = new ScriptedTransport(DeliveryChannel.Sms);
        var cb = new ScriptedTransport(DeliveryChannel.CellBroadcast);
        await using var engine = new DispatchEngine(store, [sms, cb], EngineTestKit.FastOptions());
        await engine.StartAsync();

        var handle = await engine.StartCampaignAsync(new CampaignRequest(EngineTestKit.FireAlert, DeliveryChannels.Sms | DeliveryChannels.CellBroadcast, EngineTestKit.Members(10))
        {
            CellBroadcastZones = ["Gent", "Merelbeke"],
        });
        await handle.Completion.Within();

        var stored = await EngineTestKit.ReadAllAsync(store, handle.Id);
        var zones = stored.Where(d => d.Planned.Channel == DeliveryChannel.CellBroadcast).Select(d => d.Planned).ToList();
        Assert.Equal(4, zones.Count);
        Assert.All(zones, z => Assert.Equal(0, z.RecipientId));
        Assert.Equal(
            new[] { ("Gent", "fr-BE"), ("Gent", "nl-BE"), ("Merelbeke", "fr-BE"), ("Merelbeke", "nl-BE") },
            zones.Select(z => (z.Destination, z.Language)).Order().ToArray());
        Assert.Equal(10, stored.Count(d => d.Planned.Channel == DeliveryChannel.Sms));
        Assert.Equal(4, cb.Log.Count);
        Assert.Equal(10, sms.Log.Count);
    }

    [Fact]
    public async Task StartCampaignAsync_MemberWithoutPhone_NoSmsPlanned()
    {
        await using var store = new InMemoryDeliveryStore();
        var sms = new ScriptedTransport(DeliveryChannel.Sms);
        var email = new ScriptedTransport(DeliveryChannel.Email);
        await using var engine = new DispatchEngine(store, [sms, email], EngineTestKit.FastOptions());
        await engine.StartAsync();
        AudienceMember[] audience = [new(1, DeliveryChannels.Sms | DeliveryChannels.Email, "nl", null, "a@example.org", 44021)];

        var handle = await engine.StartCampaignAsync(new CampaignRequest(EngineTestKit.FireAlert, DeliveryChannels.Sms | DeliveryChannels.Email, audience));
        var report = await handle.Completion.Within();

        Assert.Empty(sms.Log);
        Assert.Single(email.Log);
        Assert.Equal(0, report.Channels.Single(c => c.Channel == DeliveryChannel.Sms).Targeted);
    }

    [Fact]
    public async Task StartCampaignAsync_NoEndpointForChannel_ThrowsArgumentException()
    {
        await using var store = new InMemoryDeliveryStore();
        await using var engine = new DispatchEngine(store, [new ScriptedTransport(DeliveryChannel.Sms)], EngineTestKit.FastOptions());
        await engine.StartAsync();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => engine.StartCampaignAsync(new CampaignRequest(EngineTestKit.FireAlert, DeliveryChannels.Voice, EngineTestKit.Members(1))));

        Assert.Contains("No Voice endpoint", ex.Message, StringComparison.Ordinal);
        Assert.Empty(await store.GetCampaignsAsync());
    }

    [Fact]
    public async Task StartCampaignAsync_AudienceOverLimit_ThrowsArgumentException()
    {
        await using var store = new InMemoryDeliveryStore();
        var options = EngineTestKit.FastOptions();
        options.MaxAudienceSize = 10;
        await using var engine = new DispatchEngine(store, [new ScriptedTransport(DeliveryChannel.Sms)], options);
        await engine.StartAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => engine.StartCampaignAsync(new CampaignRequest(EngineTestKit.FireAlert, DeliveryChannels.Sms, EngineTestKit.Members(11))));
    }

    [Fact]
    public async Task StartCampaignAsync_BeforeStart_ThrowsInvalidOperation()
    {
        await using var store = new InMemoryDeliveryStore();
        await using var engine = new DispatchEngine(store, [new ScriptedTransport(DeliveryChannel.Sms)], EngineTestKit.FastOptions());

        await Assert.ThrowsAsync<InvalidOperationException>(() => engine.StartCampaignAsync(new CampaignRequest(EngineTestKit.FireAlert, DeliveryChannels.Sms, [])));
    }

    [Fact]
    public void Constructor_TwoEndpointsSameName_ThrowsArgumentException()
    {
        var ex = Assert.Throws<ArgumentException>(() => new DispatchEngine(
            new InMemoryDeliveryStore(),
            [new ScriptedTransport(DeliveryChannel.Sms, "a"), new ScriptedTransport(DeliveryChannel.Sms, "a")]));

        Assert.Contains("'a'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartCampaignAsync_EmptyAudience_CompletesWithEmptyReport()
    {
        await using var store = new InMemoryDeliveryStore();
        await using var engine = new DispatchEngine(store, [new ScriptedTransport(DeliveryChannel.Sms)], EngineTestKit.FastOptions());
        await engine.StartAsync();

        var handle = await engine.StartCampaignAsync(new CampaignRequest(EngineTestKit.FireAlert, DeliveryChannels.Sms, []));
        var report = await handle.Completion.Within();

        Assert.Equal(CampaignStatus.Completed, report.Status);
        Assert.Equal(0, report.Channels.Single().Targeted);
    }

    [Fact]
    public async Task Send_PermanentError_FailsOnceWithThatReason()
    {
        await using var store = new InMemoryDeliveryStore();
        var sms = new ScriptedTransport(DeliveryChannel.Sms) { Script = _ => SendResult.Failure(DeliveryError.InvalidDestination) };
        await using var engine = new DispatchEngine(store, [sms], EngineTestKit.FastOptions(maxAttempts: 4));
        await engine.StartAsync();

        var handle = await engine.StartCampaignAsync(new CampaignRequest(EngineTestKit.FireAlert, DeliveryChannels.Sms, EngineTestKit.Members(10)));
        var report = await handle.Completion.Within();

        var channel = report.Channels.Single();
        Assert.Equal(10, channel.Failed);
        Assert.Equal(10, channel.FailureReasons[DeliveryError.InvalidDestination]);
        Assert.Equal(10, sms.Sends); // permanent: no retry
    }

    [Fact]
    public async Task Send_TransientThenSuccess_RetriedWithRisingAttempt()
    {
        await using var store = new InMemoryDeliveryStore();
        var sms = new ScriptedTransport(DeliveryChannel.Sms)
        {
            Script = m => m.Attempt < 3 ? SendResult.Failure(DeliveryError.Throttled) : new SendResult(SendStatus.Delivered),
        };
        await using var engine = new DispatchEngine(store, [sms], EngineTestKit.FastOptions(maxAttempts: 4));
        await engine.StartAsync();

        var handle = await engine.StartCampaignAsync(new CampaignRequest(EngineTestKit.FireAlert, DeliveryChannels.Sms, EngineTestKit.Members(5)));
        var report = await handle.Completion.Within();

        Assert.Equal(5, report.Channels.Single().Delivered);
        Assert.Equal(15, sms.Sends);
        Assert.All(sms.Log.GroupBy(m => m.Key), g => Assert.Equal([1, 2, 3], g.Select(m => m.Attempt).Order()));
        Assert.All(await EngineTestKit.ReadAllAsync(store, handle.Id), d => Assert.Equal(3, d.Attempts));
    }

    [Fact]
    public async Task Send_TransientForever_FailsAsRetriesExhaustedAfterMaxAttempts()
    {
        await using var store = new InMemoryDeliveryStore();
        var sms = new ScriptedTransport(DeliveryChannel.Sms) { Script = _ => SendResult.Failure(DeliveryError.Timeout) };
        await using var engine = new DispatchEngine(store, [sms], EngineTestKit.FastOptions(maxAttempts: 3));
        await engine.StartAsync();

        var handle = await engine.StartCampaignAsync(new CampaignRequest(EngineTestKit.FireAlert, DeliveryChannels.Sms, EngineTestKit.Members(4)));
        var report = await handle.Completion.Within();

        Assert.Equal(4, report.Channels.Single().FailureReasons[DeliveryError.RetriesExhausted]);
        Assert.Equal(12, sms.Sends);
    }

    [Fact]
    public async Task Send_TransportThrows_DeliveryFailsAndEngineGoesOn()
    {
        await using var store = new InMemoryDeliveryStore();
        var sms = new ScriptedTransport(DeliveryChannel.Sms)
        {
            Script = m => m.Key.Sequence == 2 ? throw new InvalidOperationException("bug") : new SendResult(SendStatus.Delivered),
        };
        await using var engine = new DispatchEngine(store, [sms], EngineTestKit.FastOptions(maxAttempts: 2));
        await engine.StartAsync();

        var handle = await engine.StartCampaignAsync(new CampaignRequest(EngineTestKit.FireAlert, DeliveryChannels.Sms, EngineTestKit.Members(5)));
        var report = await handle.Completion.Within();

        Assert.Equal((4L, 1L), (report.Channels.Single().Delivered, report.Channels.Single().Failed));
    }

    [Fact]
    public async Task NetworksSaturated_Voice_SkippedAndNeverCalledWhileSmsGoesOut()
    {
        await using var store = new InMemoryDeliveryStore();
        var sms = new ScriptedTransport(DeliveryChannel.Sms);
        var voice = new ScriptedTransport(DeliveryChannel.Voice);
        await using var engine = new DispatchEngine(store, [sms, voice], EngineTestKit.FastOptions()) { NetworksSaturated = true };
        await engine.StartAsync();

        var handle = await engine.StartCampaignAsync(new CampaignRequest(
            EngineTestKit.FireAlert, DeliveryChannels.Sms | DeliveryChannels.Voice, EngineTestKit.Members(20, channels: DeliveryChannels.Sms | DeliveryChannels.Voice)));
        var report = await handle.Completion.Within();

        Assert.Empty(voice.Log);
        Assert.Equal(20, report.Channels.Single(c => c.Channel == DeliveryChannel.Voice).Skipped);
        Assert.Equal(20, report.Channels.Single(c => c.Channel == DeliveryChannel.Sms).Delivered);
        Assert.Equal(0m, report.Channels.Single(c => c.Channel == DeliveryChannel.Voice).Cost);
    }

    [Fact]
    public async Task NetworksNotSaturated_Voice_Called()
    {
        await using var store = new InMemoryDeliveryStore();
        var voice = new ScriptedTransport(DeliveryChannel.Voice);
        await using var engine = new DispatchEngine(store, [voice], EngineTestKit.FastOptions());
        await engine.StartAsync();

        var handle = await engine.StartCampaignAsync(new CampaignRequest(EngineTestKit.FireAlert, DeliveryChannels.Voice, EngineTestKit.Members(20, channels: DeliveryChannels.Voice)));
        var report = await handle.Completion.Within();

        Assert.Equal(20, voice.Log.Count);
        Assert.Equal(0, report.Channels.Single().Skipped);
    }
}
