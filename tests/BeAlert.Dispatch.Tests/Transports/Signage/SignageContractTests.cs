using BeAlert.TestUtils.Peers;

namespace BeAlert.Dispatch.Tests.Transports.Signage;

public sealed class SignageContractTests : DeliveryTransportContractTests
{
    protected override DeliveryChannel ExpectedChannel => DeliveryChannel.Signage;

    protected override async Task<Setup> CreateAsync()
    {
        const string secret = "contract-secret-0123456789";
        var vendor = await SignageReceiverPeer.StartAsync(secret);
        var transport = new SignageTransport(new SignageOptions { Endpoint = vendor.Hook, Secret = secret, MaxAttempts = 1 }, new InMemorySignageDeadLetters());
        await transport.StartAsync(new CollectingReceiptSink(), CancellationToken.None);
        var alert = TransportTestData.Load("be-small.xml");
        return new Setup(transport, i => TransportTestData.Message(alert, DeliveryChannel.Signage, "signage", sequence: i), vendor);
    }
}
