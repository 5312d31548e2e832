using BeAlert.Cap;
using BeAlert.Dispatch.Tests.Engine;

namespace BeAlert.Dispatch.Tests.Reports;

public sealed class CampaignReportTests
{
    [Fact]
    public async Task Report_SmsToTwoMunicipalities_CostSplitBySegmentsAndResidence()
    {
        await using var store = new InMemoryDeliveryStore();
        await using var engine = new DispatchEngine(store, [new ScriptedTransport(DeliveryChannel.Sms)], EngineTestKit.FastOptions());
        await engine.StartAsync();
        var audience = EngineTestKit.Members(30, "nl-BE", nis: 44021).Concat(EngineTestKit.Members(10, "fr-BE", nis: 44020, firstId: 100));

        var handle = await engine.StartCampaignAsync(new CampaignRequest(EngineTestKit.FireAlert, DeliveryChannels.Sms, audience) { Account = "zone-centrum" });
        var report = await handle.Completion.Within();

        var nl = CapRenderer.Default.RenderSms(EngineTestKit.FireAlert, "nl-BE").SegmentCount;
        var fr = CapRenderer.Default.RenderSms(EngineTestKit.FireAlert, "fr-BE").SegmentCount;
        Assert.Equal("zone-centrum", report.Account);
        Assert.Equal((30 * nl + 10 * fr) * 0.055m, report.TotalCost);
        Assert.Equal(30 * nl * 0.055m, report.CostByMunicipality.Single(m => m.MunicipalityNis == 44021).Cost);
        Assert.Equal(10 * fr * 0.055m, report.CostByMunicipality.Single(m => m.MunicipalityNis == 44020).Cost);
        Assert.Equal(30, report.CostByMunicipality.Single(m => m.MunicipalityNis == 44021).Deliveries);
        Assert.Equal(30L * nl + 10L * fr, report.Channels.Single().BillableUnits);
    }

    [Fact]
    public async Task Report_FailedDeliveries_NotBilled()
    {
        await using var store = new InMemoryDeliveryStore();
        var sms = new ScriptedTransport(DeliveryChannel.Sms) { Script = m => m.Key.Sequence % 2 == 0 ? SendResult.Failure(DeliveryError.Rejected) : new SendResult(SendStatus.Delivered) };
        await using var engine = new DispatchEngine(store, [sms], EngineTestKit.FastOptions());
        await engine.StartAsync();

        var handle = await engine.StartCampaignAsync(new CampaignRequest(EngineTestKit.FireAlert, DeliveryChannels.Sms, EngineTestKit.Members(10, "nl-BE")));
        var report = await handle.Completion.Within();

        var segments = CapRenderer.Default.RenderSms(EngineTestKit.FireAlert, "nl-BE").SegmentCount;
        Assert.Equal(5 * segments * 0.055m, report.TotalCost);
        Assert.Equal(5, report.Channels.Single().FailureReasons[DeliveryError.Rejected]);
    }

    [Fact]
    public async Task Report_CustomTariffs_EmailAndVoicePriced()
    {
        await using var store = new InMemoryDeliveryStore();
        var options = EngineTestKit.FastOptions();
        options.Tariffs.PerEmail = 0.001m;
        options.Tariffs.PerVoiceMinute = 0.10m;
        await using var engine = new DispatchEngine(store, [new ScriptedTransport(DeliveryChannel.Email), new ScriptedTransport(DeliveryChannel.Voice)], options);
        await engine.StartAsync();

        var handle = await engine.StartCampaignAsync(new CampaignRequest(
            EngineTestKit.FireAlert, DeliveryChannels.Email | DeliveryChannels.Voice, EngineTestKit.Members(4, "nl-BE", DeliveryChannels.Email | DeliveryChannels.Voice)));
        var report = await handle.Completion.Within();

        var minutes = (int)Math.Ceiling(CapRenderer.Default.RenderVoice(EngineTestKit.FireAlert, "nl-BE").EstimatedDuration.TotalMinutes);
        Assert.Equal(4 * 0.001m, report.Channels.Single(c => c.Channel == DeliveryChannel.Email).Cost);
        Assert.Equal(4 * Math.Max(1, minutes) * 0.10m, report.Channels.Single(c => c.Channel == DeliveryChannel.Voice).Cost);
    }

    [Fact]
    public async Task Progress_RunningCampaign_EndsWithFinalSnapshotMatchingReport()
    {
        await using var store = new InMemoryDeliveryStore();
        var options = EngineTestKit.FastOptions();
        options.ProgressInterval = TimeSpan.FromMilliseconds(20);
        await using var engine = new DispatchEngine(store, [new ScriptedTransport(DeliveryChannel.Sms)], options);
        await engine.StartAsync();
        var handle = await engine.StartCampaignAsync(new CampaignRequest(EngineTestKit.FireAlert, DeliveryChannels.Sms, EngineTestKit.Members(200)));

        var snapshots = new List<CampaignProgress>();
        await foreach (var progress in handle.Progress)
        {
            snapshots.Add(progress);
        }

        var last = snapshots[^1];
        Assert.True(last.IsFinal);
        Assert.Single(snapshots, s => s.IsFinal);
        var channel = Assert.Single(last.Channels);
        Assert.Equal((200L, 0L, 200L), (channel.Targeted, channel.Queued, channel.Delivered));
        Assert.Equal(TimeSpan.Zero, channel.EstimatedTimeToFinish);
        Assert.Equal(200, (await handle.Completion).Channels.Single().Delivered);
    }

    [Fact]
    public void Estimate_NationalSmsAlert_ElevenAndAHalfMillionAt500PerSecondTakesSixPointFourHours()
    {
        var engine = new DispatchEngine(new InMemoryDeliveryStore(), [new ScriptedTransport(DeliveryChannel.Sms)]);
        var audience = EngineTestKit.Members(11_500_000, "nl-BE");

        var estimate = engine.Estimate(new CampaignRequest(EngineTestKit.FireAlert, DeliveryChannels.Sms, audience));

        var sms = Assert.Single(estimate.Channels);
        var segments = CapRenderer.Default.RenderSms(EngineTestKit.FireAlert, "nl-BE").SegmentCount;
        Assert.Equal(11_500_000, sms.Deliveries);
        Assert.Equal(TimeSpan.FromSeconds(23_000), sms.EstimatedDuration);
        Assert.InRange(estimate.EstimatedDuration!.Value.TotalHours, 6.38, 6.39);
        Assert.Equal(11_500_000m * segments * 0.055m, estimate.TotalCost);
    }

    [Fact]
    public void Estimate_RateLimitsOff_NoDuration()
    {
        var engine = new DispatchEngine(new InMemoryDeliveryStore(), [new ScriptedTransport(DeliveryChannel.Email)], new DispatchOptions { RateLimitsEnabled = false });

        var estimate = engine.Estimate(new CampaignRequest(EngineTestKit.FireAlert, DeliveryChannels.Email, EngineTestKit.Members(10, channels: DeliveryChannels.Email)));

        Assert.Null(estimate.EstimatedDuration);
        Assert.Equal(0m, estimate.TotalCost);
        Assert.Equal(10, estimate.Channels.Single().Deliveries);
    }

    [Fact]
    public async Task Receipts_SimulationWithReceipts_AcceptedThenDelivered()
    {
        await using var store = new InMemoryDeliveryStore();
        var simulation = new SimulationTransport(new SimulationOptions { ReceiptDelay = TimeSpan.FromMilliseconds(5), UndeliverableRate = 0.25, Seed = 3 });
        await using var engine = new DispatchEngine(store, [simulation], EngineTestKit.FastOptions());
        await engine.StartAsync();

        var handle = await engine.StartCampaignAsync(new CampaignRequest(EngineTestKit.FireAlert, DeliveryChannels.Sms, EngineTestKit.Members(200)) { IsSimulation = true });
        var report = await handle.Completion.Within();

        var channel = report.Channels.Single();
        Assert.Equal(0, channel.Sent); // every receipt came in
        Assert.Equal(200, channel.Delivered + channel.Failed);
        Assert.InRange(channel.Failed, 20, 80);
        Assert.Equal(channel.Failed, channel.FailureReasons[DeliveryError.Undeliverable]);
        var stored = await EngineTestKit.ReadAllAsync(store, handle.Id);
        Assert.All(stored, d => Assert.StartsWith("sim-", d.ProviderMessageId, StringComparison.Ordinal));
        Assert.Equal(200 * CapRenderer.Default.RenderSms(EngineTestKit.FireAlert, "nl").SegmentCount * 0.055m, report.TotalCost); // undeliverable after acceptance is billed
    }

    [Fact]
    public async Task Receipts_ByProviderIdOnly_MatchedThroughStore()
    {
        await using var store = new InMemoryDeliveryStore();
        var sms = new ScriptedTransport(DeliveryChannel.Sms);
        sms.Script = m => SendResult.Accepted("id-" + m.Key.Sequence);
        var options = EngineTestKit.FastOptions();
        options.ReceiptWait = TimeSpan.FromSeconds(20);
        await using var engine = new DispatchEngine(store, [sms], options);
        await engine.StartAsync();
        var handle = await engine.StartCampaignAsync(new CampaignRequest(EngineTestKit.FireAlert, DeliveryChannels.Sms, EngineTestKit.Members(3)));
        for (var i = 0; i < 500 && handle.GetProgress().Channels.Single().Sent < 3; i++)
        {
            await Task.Delay(10);
        }

        for (var s = 0; s < 3; s++)
        {
            sms.Receipts!.OnReceipt(new DeliveryReceipt(null, "id-" + s, s != 1, s != 1 ? DeliveryError.None : DeliveryError.Undeliverable, null, DateTimeOffset.MinValue));
        }

        var report = await handle.Completion.Within();

        Assert.Equal((2L, 1L, 0L), (report.Channels.Single().Delivered, report.Channels.Single().Failed, report.Channels.Single().Sent));
    }
}
