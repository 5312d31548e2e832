using BeAlert.TestUtils.Peers;

namespace BeAlert.Dispatch.Tests.Transports.CellBroadcast;

public sealed class CellBroadcastContractTests : DeliveryTransportContractTests
{
    protected override DeliveryChannel ExpectedChannel => DeliveryChannel.CellBroadcast;

    protected override async Task<Setup> CreateAsync()
    {
        var cbc = await TestCbcPeer.StartAsync();
        var options = new CellBroadcastOptions { Endpoint = cbc.Address };
        for (var i = 0; i < 16; i++)
        {
            options.Zones.Add(new CellBroadcastZone { Name = "zone-" + i, Cells = ["206-01-1-" + i] });
        }

        var transport = new CellBroadcastTransport(options);
        await transport.StartAsync(new CollectingReceiptSink(), CancellationToken.None);
        var alert = TransportTestData.Load("be-fire-gent-nl-fr.xml");
        return new Setup(transport, i => TransportTestData.Message(alert, DeliveryChannel.CellBroadcast, "zone-" + i, "nl", i), cbc);
    }
}
