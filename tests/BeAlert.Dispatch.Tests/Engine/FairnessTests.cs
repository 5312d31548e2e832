using Microsoft.Extensions.Time.Testing;

namespace BeAlert.Dispatch.Tests.Engine;

/// <summary>
/// Fairness and rate, measured on the timestamps a fake clock gives each message: the rate limiter is driven by the
/// same fake clock, so the numbers do not depend on how fast this machine is.
/// </summary>
public sealed class FairnessTests
{
    [Fact]
    public async Task Campaign_AudienceSortedByLanguage_FirstMessageOfEachLanguageWithinOneSecond()
    {
        var (log, _) = await RunRateLimitedAsync(
            EngineTestKit.Members(3000, "fr-BE", nis: 52011)
                .Concat(EngineTestKit.Members(3000, "nl-BE", nis: 44021, firstId: 10_000))
                .Concat(EngineTestKit.Members(500, "de-BE", nis: 63023, firstId: 20_000)));

        var first = log.Min(m => m.At);
        foreach (var language in new[] { "fr-BE", "nl-BE", "de-BE" })
        {
            var firstOfLanguage = log.Where(m => m.Language == language).Min(m => m.At);
            Assert.True(firstOfLanguage - first <= TimeSpan.FromSeconds(1), $"{language} started {firstOfLanguage - first} after the first message");
        }
    }

    [Fact]
    public async Task Campaign_AudienceSortedByMunicipality_EveryMunicipalityStartsWithinOneSecond()
    {
        var audience = Enumerable.Range(0, 20).SelectMany(i => EngineTestKit.Members(300, "nl-BE", nis: 44000 + i, firstId: i * 1000L));

        var (log, _) = await RunRateLimitedAsync(audience);

        var first = log.Min(m => m.At);
        // Member ids are area * 1000 + n (n < 300), so the phone number without its last three digits names the area.
        var starts = log.GroupBy(m => m.Destination[..^3]).Select(g => g.Min(m => m.At) - first).ToList();
        Assert.Equal(20, starts.Count);
        Assert.All(starts, s => Assert.True(s <= TimeSpan.FromSeconds(1), $"an area started {s} after the first message"));
    }

    [Fact]
    public async Task Campaign_RateLimited_AchievedRateWithinTwoPercentOfConfigured()
    {
        var (log, _) = await RunRateLimitedAsync(EngineTestKit.Members(5000, "nl-BE"));

        var span = log.Max(m => m.At) - log.Min(m => m.At);
        var rate = (log.Count - 1) / span.TotalSeconds;
        Assert.Equal(5000, log.Count);
        Assert.InRange(rate, 500 * 0.98, 500 * 1.02);
    }

    private static async Task<(IReadOnlyList<SentMessage> Log, CampaignReport Report)> RunRateLimitedAsync(IEnumerable<AudienceMember> audience)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero));
        await using var store = new InMemoryDeliveryStore();
        var sms = new ScriptedTransport(DeliveryChannel.Sms, maxConcurrency: 8, time: time);
        var options = new DispatchOptions { ReceiptWait = TimeSpan.Zero, QueueBatchSize = 256 };
        options.Channels[DeliveryChannel.Sms] = new ChannelOptions { RatePerSecond = 500, MaxWorkers = 4 };
        await using var engine = new DispatchEngine(store, [sms], options, time);
        await engine.StartAsync();
        var handle = await engine.StartCampaignAsync(new CampaignRequest(EngineTestKit.FireAlert, DeliveryChannels.Sms, audience.ToList()));

        for (var step = 0; step < 5_000 && !handle.Completion.IsCompleted; step++)
        {
            await DrainedAsync(engine.DispatcherFor(DeliveryChannel.Sms)!.Gate!, handle);
            time.Advance(TimeSpan.FromMilliseconds(100));
        }

        var report = await handle.Completion.Within();
        return (sms.Log, report);
    }

    /// <summary>
    /// Waits (real time, bounded) until a worker waits for tokens: the bucket is drained, so advancing the fake clock
    /// by one period hands out exactly one period's tokens and none are wasted however slow this machine is.
    /// </summary>
    private static async Task DrainedAsync(RateGate gate, CampaignHandle handle)
    {
        for (var i = 0; i < 5_000 && gate.QueuedPermits == 0 && !handle.Completion.IsCompleted; i++)
        {
            await Task.Delay(1);
        }
    }
}
