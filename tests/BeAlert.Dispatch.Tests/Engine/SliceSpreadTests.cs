namespace BeAlert.Dispatch.Tests.Engine;

/// <summary>
/// A worker sends its slice one message after the other and records the outcomes at the end: a small campaign must be
/// spread over the idle workers, not taken whole by one of them (with a slow provider, 2 to 4 s per message, that
/// channel stayed at 0 % for minutes while the others finished).
/// </summary>
public sealed class SliceSpreadTests
{
    [Fact]
    public async Task SmallCampaign_SendsHeld_EveryWorkerHasASlice()
    {
        await using var store = new InMemoryDeliveryStore();
        var email = new ScriptedTransport(DeliveryChannel.Email, maxConcurrency: 64);
        email.Block();
        var options = EngineTestKit.FastOptions(sliceSize: 256, maxWorkers: 16);
        options.QueueBatchSize = 1_024; // the defaults: the whole campaign is one queued batch
        await using var engine = new DispatchEngine(store, [email], options);
        await engine.StartAsync();

        var handle = await engine.StartCampaignAsync(new CampaignRequest(EngineTestKit.FireAlert, DeliveryChannels.Email, EngineTestKit.Members(300, channels: DeliveryChannels.Email)));
        for (var i = 0; i < 1_000 && email.Sends < 16; i++)
        {
            await Task.Delay(10);
        }

        await Task.Delay(100); // no worker should take a second slice while the first is held
        Assert.Equal(16, email.Sends); // one held send per worker; a whole-slice take left 2 workers with all the work (256 + 44)
        email.Release();
        var report = await handle.Completion.Within();
        Assert.Equal(300, report.Channels.Single().Delivered);
    }
}
