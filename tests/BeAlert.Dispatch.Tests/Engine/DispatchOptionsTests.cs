using Microsoft.Extensions.DependencyInjection;

namespace BeAlert.Dispatch.Tests.Engine;

public sealed class DispatchOptionsTests
{
    [Fact]
    public void Defaults_AsTheIssueSays()
    {
        var options = new DispatchOptions();

        Assert.Equal(500, options.Channels[DeliveryChannel.Sms].RatePerSecond);
        Assert.Equal(2_500, options.Channels[DeliveryChannel.Email].RatePerSecond);
        Assert.Equal(600.0 / 60, options.Channels[DeliveryChannel.Voice].RatePerSecond);
        Assert.Equal(0.055m, options.Tariffs.PerSmsSegment);
        Assert.Equal(0.055m, options.Tariffs.PerVoiceMinute);
        Assert.Equal(0m, options.Tariffs.PerEmail + options.Tariffs.PerCellBroadcast);
    }

    [Fact]
    public void Validate_SeveralProblems_ListsEveryOne()
    {
        var options = new DispatchOptions { SliceSize = 0, PlanBatchSize = -1 };
        options.Channels[DeliveryChannel.Sms].RatePerSecond = -5;
        options.Channels[DeliveryChannel.Email].MaxAttempts = 0;
        options.Tariffs.PerSmsSegment = -1;

        var ex = Assert.Throws<ArgumentException>(options.Validate);

        foreach (var part in new[] { "SliceSize", "PlanBatchSize", "Sms: RatePerSecond", "Email: MaxAttempts", "Tariffs" })
        {
            Assert.Contains(part, ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Engine_InvalidOptions_Throws()
    {
        Assert.Throws<ArgumentException>(() => new DispatchEngine(new InMemoryDeliveryStore(), [], new DispatchOptions { QueueCapacityBatches = 0 }));
    }

    [Fact]
    public async Task AddBeAlertDispatch_WithSimulationTransports_ResolvesWorkingEngine()
    {
        var services = new ServiceCollection()
            .AddBeAlertSimulationTransport(o => o.Channel = DeliveryChannel.Sms)
            .AddBeAlertSimulationTransport(o => (o.Channel, o.Name) = (DeliveryChannel.Sms, "simulation-b"))
            .AddBeAlertDispatch(o => o.RateLimitsEnabled = false);
        await using var provider = services.BuildServiceProvider();

        var engine = provider.GetRequiredService<DispatchEngine>();
        await engine.StartAsync();
        var handle = await engine.StartCampaignAsync(new CampaignRequest(EngineTestKit.FireAlert, DeliveryChannels.Sms, EngineTestKit.Members(50)) { IsSimulation = true });
        var report = await handle.Completion.Within();

        Assert.IsType<InMemoryDeliveryStore>(provider.GetRequiredService<IDeliveryStore>());
        Assert.Equal(DeliveryChannels.Sms, engine.AvailableChannels);
        Assert.Equal(50, report.Channels.Single().Delivered);
        Assert.Equal(50, provider.GetServices<IDeliveryTransport>().Cast<SimulationTransport>().Sum(t => t.AcceptedCount));
    }

    [Fact]
    public void AddBeAlertDispatch_StoreRegisteredBefore_Kept()
    {
        var mine = new InMemoryDeliveryStore();
        var services = new ServiceCollection().AddSingleton<IDeliveryStore>(mine).AddBeAlertDispatch();

        using var provider = services.BuildServiceProvider();

        Assert.Same(mine, provider.GetRequiredService<IDeliveryStore>());
    }
}
