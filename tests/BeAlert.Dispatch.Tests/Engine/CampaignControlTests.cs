using BeAlert.Cap;

namespace BeAlert.Dispatch.Tests.Engine;

/// <summary>Priority, cancellation, Update and Cancel alerts: what happens to work already queued.</summary>
public sealed class CampaignControlTests
{
    [Fact]
    public async Task Priority_RealAlertStartedAfterQueuedTest_OvertakesIt()
    {
        await using var store = new InMemoryDeliveryStore();
        var sms = new ScriptedTransport(DeliveryChannel.Sms, maxConcurrency: 1);
        await using var engine = new DispatchEngine(store, [sms], EngineTestKit.FastOptions(sliceSize: 5, maxWorkers: 1));
        await engine.StartAsync();
        sms.Block();
        var testAlert = EngineTestKit.WithStatus(EngineTestKit.FireAlert, CapStatus.Test, "TEST-1");
        var test = await engine.StartCampaignAsync(new CampaignRequest(testAlert, DeliveryChannels.Sms, EngineTestKit.Members(200)));
        await sms.FirstSend.Task.Within();

        var real = await engine.StartCampaignAsync(new CampaignRequest(EngineTestKit.FireAlert, DeliveryChannels.Sms, EngineTestKit.Members(20, firstId: 1000)));
        await WaitQueuedAsync(real, 20);
        sms.Release();
        await Task.WhenAll(test.Completion, real.Completion).Within();

        Assert.True(real.Priority > test.Priority);
        var order = sms.Log.Select(m => m.Key.CampaignId).ToList();
        var lastReal = order.LastIndexOf(real.Id);
        var testBeforeLastReal = order.Take(lastReal).Count(id => id == test.Id);
        Assert.True(testBeforeLastReal <= 5, $"{testBeforeLastReal} test messages went out before the real alert finished (at most the slice in progress may)");
    }

    [Fact]
    public async Task Priority_EqualPriorities_TakeTurns()
    {
        await using var store = new InMemoryDeliveryStore();
        var sms = new ScriptedTransport(DeliveryChannel.Sms, maxConcurrency: 1);
        await using var engine = new DispatchEngine(store, [sms], EngineTestKit.FastOptions(sliceSize: 5, maxWorkers: 1));
        await engine.StartAsync();
        sms.Block();
        var a = await engine.StartCampaignAsync(new CampaignRequest(EngineTestKit.FireAlert, DeliveryChannels.Sms, EngineTestKit.Members(100)));
        await sms.FirstSend.Task.Within();
        var b = await engine.StartCampaignAsync(new CampaignRequest(EngineTestKit.FireAlert with { Identifier = "B" }, DeliveryChannels.Sms, EngineTestKit.Members(100, firstId: 1000)));
        await WaitQueuedAsync(b, 64);

        sms.Release();
        await Task.WhenAll(a.Completion, b.Completion).Within();

        var firstB = sms.Log.Select(m => m.Key.CampaignId).ToList().IndexOf(b.Id);
        Assert.InRange(firstB, 1, 10);
    }

    [Fact]
    public async Task CancelAsync_QueuedWork_CountedCancelledAndNotSent()
    {
        await using var store = new InMemoryDeliveryStore();
        var sms = new ScriptedTransport(DeliveryChannel.Sms, maxConcurrency: 1);
        await using var engine = new DispatchEngine(store, [sms], EngineTestKit.FastOptions(sliceSize: 5, maxWorkers: 1));
        await engine.StartAsync();
        sms.Block();
        var handle = await engine.StartCampaignAsync(new CampaignRequest(EngineTestKit.FireAlert, DeliveryChannels.Sms, EngineTestKit.Members(500)));
        await sms.FirstSend.Task.Within();

        await handle.CancelAsync();
        sms.Release();
        var report = await handle.Completion.Within();

        var channel = report.Channels.Single();
        Assert.Equal(CampaignStatus.Cancelled, report.Status);
        Assert.Equal(500, channel.Targeted);
        Assert.Equal(500, channel.Delivered + channel.Cancelled);
        Assert.InRange(channel.Delivered, 1, 1); // the send in progress finishes; the rest of its slice is cancelled
        Assert.Equal(0, channel.Unfinished);
        Assert.Single(sms.Log);
        Assert.Equal(CampaignStatus.Cancelled, (await store.GetCampaignAsync(handle.Id))!.Status);
    }

    [Fact]
    public async Task UpdateAlert_ReferencingRunningCampaign_QueuedDeliveriesCarryUpdatedText()
    {
        await using var store = new InMemoryDeliveryStore();
        var sms = new ScriptedTransport(DeliveryChannel.Sms, maxConcurrency: 1);
        await using var engine = new DispatchEngine(store, [sms], EngineTestKit.FastOptions(sliceSize: 1, maxWorkers: 1));
        await engine.StartAsync();
        sms.Block();
        var original = await engine.StartCampaignAsync(new CampaignRequest(EngineTestKit.FireAlert, DeliveryChannels.Sms, EngineTestKit.Members(50, "nl-BE")));
        await sms.FirstSend.Task.Within();
        var update = EngineTestKit.LoadAlert("be-fire-gent-update.xml");
        var updatedText = CapRenderer.Default.RenderSms(update, "nl-BE").Text;
        var originalText = CapRenderer.Default.RenderSms(EngineTestKit.FireAlert, "nl-BE").Text;
        Assert.NotEqual(originalText, updatedText);

        var updateCampaign = await engine.StartCampaignAsync(new CampaignRequest(update, DeliveryChannels.Sms, []));
        sms.Release();
        await Task.WhenAll(original.Completion, updateCampaign.Completion).Within();

        var texts = sms.Log.Where(m => m.Key.CampaignId == original.Id).OrderBy(m => m.Key.Sequence).Select(m => m.Text).ToList();
        Assert.Equal(50, texts.Count);
        Assert.Equal(originalText, texts[0]); // already handed over when the update came
        Assert.True(texts.Skip(2).All(t => t == updatedText), "every delivery still queued must carry the update");
    }

    [Fact]
    public async Task CancelAlert_ReferencingRunningCampaign_StopsIt()
    {
        await using var store = new InMemoryDeliveryStore();
        var sms = new ScriptedTransport(DeliveryChannel.Sms, maxConcurrency: 1);
        await using var engine = new DispatchEngine(store, [sms], EngineTestKit.FastOptions(sliceSize: 1, maxWorkers: 1));
        await engine.StartAsync();
        sms.Block();
        var original = await engine.StartCampaignAsync(new CampaignRequest(EngineTestKit.FireAlert, DeliveryChannels.Sms, EngineTestKit.Members(50)));
        await sms.FirstSend.Task.Within();

        var cancel = await engine.StartCampaignAsync(new CampaignRequest(EngineTestKit.LoadAlert("be-fire-gent-cancel.xml"), DeliveryChannels.Sms, []));
        sms.Release();
        var report = await original.Completion.Within();
        await cancel.Completion.Within();

        Assert.Equal(CampaignStatus.Cancelled, report.Status);
        Assert.True(report.Channels.Single().Cancelled >= 48);
        Assert.True(sms.Log.Count(m => m.Key.CampaignId == original.Id) <= 2);
    }

    [Fact]
    public async Task CancelAlert_ReferencingOtherSender_DoesNotStopCampaign()
    {
        await using var store = new InMemoryDeliveryStore();
        var sms = new ScriptedTransport(DeliveryChannel.Sms, maxConcurrency: 1);
        await using var engine = new DispatchEngine(store, [sms], EngineTestKit.FastOptions(sliceSize: 1, maxWorkers: 1));
        await engine.StartAsync();
        sms.Block();
        var original = await engine.StartCampaignAsync(new CampaignRequest(EngineTestKit.FireAlert with { Sender = "other@example.org" }, DeliveryChannels.Sms, EngineTestKit.Members(20)));
        await sms.FirstSend.Task.Within();

        await engine.StartCampaignAsync(new CampaignRequest(EngineTestKit.LoadAlert("be-fire-gent-cancel.xml"), DeliveryChannels.Sms, []));
        sms.Release();
        var report = await original.Completion.Within();

        Assert.Equal(CampaignStatus.Completed, report.Status);
        Assert.Equal(20, report.Channels.Single().Delivered);
    }

    /// <summary>Waits (bounded) until the campaign's reader has queued at least <paramref name="count"/> deliveries.</summary>
    private static async Task WaitQueuedAsync(CampaignHandle handle, long count)
    {
        for (var i = 0; i < 1000 && handle.GetProgress().Channels.Single().Targeted < count; i++)
        {
            await Task.Delay(10);
        }

        Assert.True(handle.GetProgress().Channels.Single().Targeted >= count, "the campaign was not queued in time");
    }
}
