using BeAlert.TestUtils.Peers;

namespace BeAlert.Dispatch.Tests.Transports.Voice;

public sealed class VoiceContractTests : DeliveryTransportContractTests
{
    protected override DeliveryChannel ExpectedChannel => DeliveryChannel.Voice;

    protected override async Task<Setup> CreateAsync()
    {
        const string secret = "contract-callback-0123456789";
        var provider = await TestVoiceProvider.StartAsync("key", secret);
        provider.CallDuration = TimeSpan.FromHours(1); // calls stay in progress; nobody listens for callbacks here
        var transport = new VoiceTransport(new VoiceOptions
        {
            Endpoint = provider.Address,
            ApiKey = "key",
            CallbackUrl = new Uri("http://127.0.0.1:9/callback"),
            CallbackSecret = secret,
            MaxConcurrency = 8,
        });
        await transport.StartAsync(new CollectingReceiptSink(), CancellationToken.None);
        var alert = TransportTestData.Load("be-small.xml");
        return new Setup(transport, i => TransportTestData.Message(alert, DeliveryChannel.Voice, "+3247000" + (1000 + i), "nl", i), provider);
    }
}
