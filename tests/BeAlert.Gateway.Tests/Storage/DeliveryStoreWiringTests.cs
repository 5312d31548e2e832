using BeAlert.Dispatch;
using BeAlert.Gateway.Campaigns;
using BeAlert.Gateway.Storage;

namespace BeAlert.Gateway.Tests.Stores;

/// <summary>The gateway opens the delivery store its storage settings name, and runs its campaigns on it.</summary>
public sealed class DeliveryStoreWiringTests : IDisposable
{
    private readonly GatewayFactory _factory = new() { Subscribers = 0 };

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task DispatchHost_StoreFollowsStorageProvider_AndACampaignCompletesOnIt()
    {
        using var client = _factory.CreateClient();
        var host = _factory.Service<DispatchHost>();
        await _factory.Service<CampaignLeaseService>().FirstRound.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.IsType(_factory.Provider == StorageProvider.PostgreSql ? typeof(PostgresDeliveryStore) : typeof(SqliteDeliveryStore), host.Store);
        var handle = await host.Engine.StartCampaignAsync(new CampaignRequest(EngineTestKitAlert(), DeliveryChannels.Email, Dispatch.Tests.Engine.EngineTestKit.Members(25, channels: DeliveryChannels.Email))
        {
            IsSimulation = true,
        });
        var report = await handle.Completion.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(25, report.Channels.Single().Sent + report.Channels.Single().Delivered);
        Assert.Equal(CampaignStatus.Completed, (await host.Store.GetCampaignAsync(handle.Id))!.Status);
        if (host.Store is PostgresDeliveryStore shared)
        {
            Assert.Equal(shared.InstanceId, (await shared.GetLeaseAsync(handle.Id))!.Value.Owner);
            Assert.Empty(await _factory.Service<CampaignLeaseService>().RunOnceAsync()); // nothing orphaned to take over
        }
    }

    [Fact]
    public void Options_LeaseSecondsOutOfRange_IsAConfigurationError()
    {
        var options = new Hosting.GatewayOptions();
        options.Storage.LeaseSeconds = 0;

        Assert.Contains(Hosting.GatewayOptionsValidator.Validate(options), e => e.Contains("LeaseSeconds", StringComparison.Ordinal));
    }

    private static Cap.CapAlert EngineTestKitAlert() => Dispatch.Tests.Engine.EngineTestKit.FireAlert;
}
