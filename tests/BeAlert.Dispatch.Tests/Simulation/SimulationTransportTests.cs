using BeAlert.Dispatch.Tests.Engine;

namespace BeAlert.Dispatch.Tests.Simulation;

public sealed class SimulationTransportTests
{
    private static MessageContent Content => new(DeliveryChannel.Sms, "nl", "SIMULATIE test", EngineTestKit.FireAlert) { IsSimulation = true };

    [Fact]
    public async Task SendAsync_NoLatency_CompletesSynchronously()
    {
        var transport = new SimulationTransport(new SimulationOptions());

        var pending = transport.SendAsync(new OutboundMessage(new DeliveryKey(Guid.NewGuid(), 1), "+32470000001", Content, 1, false), default);

        Assert.True(pending.IsCompletedSuccessfully);
        Assert.Equal(SendStatus.Delivered, (await pending).Status);
    }

    [Fact]
    public async Task SendAsync_SameSeed_SameOutcomes()
    {
        var options = new SimulationOptions { TransientFailureRate = 0.3, PermanentFailureRate = 0.1, Seed = 42 };
        var campaign = Guid.NewGuid();
        var a = new SimulationTransport(options);
        var b = new SimulationTransport(options);
        var c = new SimulationTransport(new SimulationOptions { TransientFailureRate = 0.3, PermanentFailureRate = 0.1, Seed = 43 });

        var ra = new List<SendResult>();
        var rb = new List<SendResult>();
        var rc = new List<SendResult>();
        for (var i = 0; i < 500; i++)
        {
            var message = new OutboundMessage(new DeliveryKey(campaign, i), "+32470000001", Content, 1, false);
            ra.Add(await a.SendAsync(message, default));
            rb.Add(await b.SendAsync(message, default));
            rc.Add(await c.SendAsync(message, default));
        }

        Assert.Equal(ra, rb);
        Assert.NotEqual(ra, rc);
        Assert.InRange(ra.Count(r => r.Error == DeliveryError.Throttled), 110, 190);
        Assert.InRange(ra.Count(r => r.Error == DeliveryError.InvalidDestination), 25, 80);
    }

    [Fact]
    public async Task SendAsync_Latency_WaitsOnTheTimeProvider()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var transport = new SimulationTransport(new SimulationOptions { Latency = TimeSpan.FromSeconds(2) }, time);

        var pending = transport.SendAsync(new OutboundMessage(new DeliveryKey(Guid.NewGuid(), 1), "+32470000001", Content, 1, false), default).AsTask();
        Assert.False(pending.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(SendStatus.Delivered, (await pending.Within()).Status);
    }

    [Fact]
    public void Constructor_InvalidOptions_ListsEveryProblem()
    {
        var ex = Assert.Throws<ArgumentException>(() => new SimulationTransport(new SimulationOptions { Name = "", MaxConcurrency = 0, TransientFailureRate = 2 }));

        Assert.Contains("Name", ex.Message, StringComparison.Ordinal);
        Assert.Contains("MaxConcurrency", ex.Message, StringComparison.Ordinal);
        Assert.Contains("TransientFailureRate", ex.Message, StringComparison.Ordinal);
    }
}
