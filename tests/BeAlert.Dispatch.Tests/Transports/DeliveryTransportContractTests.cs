namespace BeAlert.Dispatch.Tests.Transports;

/// <summary>
/// What every <see cref="IDeliveryTransport"/> promises the engine, run against each transport with its local peer:
/// identity, start, failures as values (only cancellation may throw), safe concurrent sends, idempotent disposal.
/// A transport's own test class derives from this one and says how to build the transport, its peer and one message.
/// </summary>
public abstract class DeliveryTransportContractTests
{
    protected abstract DeliveryChannel ExpectedChannel { get; }

    /// <summary>Starts the peer and creates a started transport and a message the peer accepts (with the given sequence).</summary>
    protected abstract Task<Setup> CreateAsync();

    [Fact]
    public async Task Identity_ChannelNameAndConcurrency_AsDeclared()
    {
        await using var setup = await CreateAsync();
        Assert.Equal(ExpectedChannel, setup.Transport.Channel);
        Assert.False(string.IsNullOrWhiteSpace(setup.Transport.Name));
        Assert.InRange(setup.Transport.MaxConcurrency, 1, 100_000);
    }

    [Fact]
    public async Task StartAsync_NullSink_ArgumentNullException()
    {
        await using var setup = await CreateAsync();
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await setup.Transport.StartAsync(null!, CancellationToken.None));
    }

    [Fact]
    public async Task SendAsync_MessageThePeerTakes_AcceptedOrDelivered()
    {
        await using var setup = await CreateAsync();
        var result = await setup.Transport.SendAsync(setup.Message(0), CancellationToken.None);
        Assert.NotEqual(SendStatus.Failed, result.Status);
        Assert.Equal(DeliveryError.None, result.Error);
    }

    [Fact]
    public async Task SendAsync_CancelledToken_CancelsOrFailsTransiently()
    {
        await using var setup = await CreateAsync();
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();
        try
        {
            var result = await setup.Transport.SendAsync(setup.Message(0), cancel.Token);
            Assert.Equal(SendStatus.Failed, result.Status);
            Assert.True(result.Error.IsTransient());
        }
        catch (OperationCanceledException)
        {
            // allowed by the contract
        }
    }

    [Fact]
    public async Task SendAsync_AsManyAtOnceAsDeclared_EveryCallReturnsAValue()
    {
        await using var setup = await CreateAsync();
        var count = Math.Min(setup.Transport.MaxConcurrency, 8) * 2;
        var results = await Task.WhenAll(Enumerable.Range(0, count).Select(i => setup.Transport.SendAsync(setup.Message(i), CancellationToken.None).AsTask()));
        Assert.Equal(count, results.Length);
        Assert.All(results, r => Assert.True(Enum.IsDefined(r.Status)));
    }

    [Fact]
    public async Task DisposeAsync_Twice_NoException()
    {
        var setup = await CreateAsync();
        await setup.Transport.DisposeAsync();
        await setup.DisposeAsync();
    }

    /// <summary>A transport, its peer, and how to make a message.</summary>
    protected sealed class Setup(IDeliveryTransport transport, Func<long, OutboundMessage> message, params IAsyncDisposable[] peers) : IAsyncDisposable
    {
        public IDeliveryTransport Transport { get; } = transport;

        public Func<long, OutboundMessage> Message { get; } = message;

        public async ValueTask DisposeAsync()
        {
            await Transport.DisposeAsync();
            foreach (var peer in peers)
            {
                await peer.DisposeAsync();
            }
        }
    }
}
