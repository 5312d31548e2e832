namespace BeAlert.Dispatch.Tests.Engine;

public sealed class FailoverTests
{
    [Fact]
    public async Task Send_EndpointDown_BreakerOpensAndOtherOperatorCarriesTheRest()
    {
        await using var store = new InMemoryDeliveryStore();
        var down = new ScriptedTransport(DeliveryChannel.Sms, "operator-a", maxConcurrency: 2) { Script = _ => SendResult.Failure(DeliveryError.ConnectionFailed) };
        var up = new ScriptedTransport(DeliveryChannel.Sms, "operator-b", maxConcurrency: 2);
        var options = EngineTestKit.FastOptions(maxWorkers: 4, maxAttempts: 4);
        options.Channels[DeliveryChannel.Sms].BreakerMinimumThroughput = 5;
        options.Channels[DeliveryChannel.Sms].BreakerBreakDuration = TimeSpan.FromMinutes(10);
        await using var engine = new DispatchEngine(store, [down, up], options);
        await engine.StartAsync();

        var handle = await engine.StartCampaignAsync(new CampaignRequest(EngineTestKit.FireAlert, DeliveryChannels.Sms, EngineTestKit.Members(400)));
        var report = await handle.Completion.Within();

        Assert.Equal(400, report.Channels.Single().Delivered);
        Assert.Equal(400, up.Log.Select(m => m.Key).Distinct().Count());
        Assert.InRange(down.Sends, 5, 40); // tried until its breaker opened, then left alone
    }

    [Fact]
    public async Task Send_EveryEndpointDown_FailsAsRetriesExhausted()
    {
        await using var store = new InMemoryDeliveryStore();
        var a = new ScriptedTransport(DeliveryChannel.Sms, "a") { Script = _ => SendResult.Failure(DeliveryError.ConnectionFailed) };
        var b = new ScriptedTransport(DeliveryChannel.Sms, "b") { Script = _ => SendResult.Failure(DeliveryError.ConnectionFailed) };
        var options = EngineTestKit.FastOptions(maxAttempts: 2);
        options.Channels[DeliveryChannel.Sms].BreakerMinimumThroughput = 2;
        await using var engine = new DispatchEngine(store, [a, b], options);
        await engine.StartAsync();

        var handle = await engine.StartCampaignAsync(new CampaignRequest(EngineTestKit.FireAlert, DeliveryChannels.Sms, EngineTestKit.Members(50)));
        var report = await handle.Completion.Within();

        Assert.Equal(50, report.Channels.Single().FailureReasons[DeliveryError.RetriesExhausted]);
    }
}
