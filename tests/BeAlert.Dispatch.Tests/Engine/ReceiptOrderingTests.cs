namespace BeAlert.Dispatch.Tests.Engine;

/// <summary>A receipt can arrive before the send's own outcome is written (after the rest of its slice is sent).</summary>
public sealed class ReceiptOrderingTests
{
    [Fact]
    public async Task Receipt_OvertakesTheSendOutcome_DeliveryKeepsTheProviderId()
    {
        await using var store = new InMemoryDeliveryStore();
        var sms = new ScriptedTransport(DeliveryChannel.Sms, maxConcurrency: 1);
        sms.Script = m =>
        {
            if (m.Key.Sequence == 0)
            {
                sms.Receipts!.OnReceipt(new DeliveryReceipt(m.Key, "id-0", true, DeliveryError.None, "DELIVRD", DateTimeOffset.MinValue));
                return SendResult.Accepted("id-0");
            }

            // Hold the slice until the receipt of the first message is recorded: it has overtaken the slice's outcome write.
            SpinWait.SpinUntil(() => EngineTestKit.ReadAllAsync(store, m.Key.CampaignId).GetAwaiter().GetResult()[0].State == DeliveryState.Delivered, 10_000);
            return new SendResult(SendStatus.Delivered, ProviderMessageId: "id-1");
        };
        await using var engine = new DispatchEngine(store, [sms], EngineTestKit.FastOptions(sliceSize: 8, maxWorkers: 1));
        await engine.StartAsync();

        var handle = await engine.StartCampaignAsync(new CampaignRequest(EngineTestKit.FireAlert, DeliveryChannels.Sms, EngineTestKit.Members(2)));
        var report = await handle.Completion.Within();

        var stored = await EngineTestKit.ReadAllAsync(store, handle.Id);
        Assert.Equal(DeliveryState.Delivered, stored[0].State);
        Assert.Equal("id-0", stored[0].ProviderMessageId);
        Assert.Equal(new DeliveryKey(handle.Id, 0), await store.FindByProviderMessageIdAsync(DeliveryChannel.Sms, "id-0"));
        Assert.Equal((2L, 0L), (report.Channels.Single().Delivered, report.Channels.Single().Sent));
    }
}
