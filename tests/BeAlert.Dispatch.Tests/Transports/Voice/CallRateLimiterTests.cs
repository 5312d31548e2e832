using Microsoft.Extensions.Time.Testing;

namespace BeAlert.Dispatch.Tests.Transports.Voice;

public sealed class CallRateLimiterTests
{
    [Fact]
    public async Task WaitAsync_OverTheLimit_WaitsUntilTheOldestStartIsAMinuteOld()
    {
        var time = new FakeTimeProvider();
        var limiter = new CallRateLimiter(3, time);
        Assert.True(limiter.WaitAsync(CancellationToken.None).AsTask().IsCompletedSuccessfully);
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.True(limiter.WaitAsync(CancellationToken.None).AsTask().IsCompletedSuccessfully);
        Assert.True(limiter.WaitAsync(CancellationToken.None).AsTask().IsCompletedSuccessfully);

        var fourth = limiter.WaitAsync(CancellationToken.None).AsTask();
        Assert.False(fourth.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(49));
        Assert.False(fourth.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1)); // the first start is now 60 s old
        await fourth.WaitAsync(TimeSpan.FromSeconds(10));

        var fifth = limiter.WaitAsync(CancellationToken.None).AsTask();
        Assert.False(fifth.IsCompleted); // the next oldest started at 10 s: free at 70 s
        time.Advance(TimeSpan.FromSeconds(10));
        await fifth.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task WaitAsync_Cancelled_Throws()
    {
        var limiter = new CallRateLimiter(1, new FakeTimeProvider());
        await limiter.WaitAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var waiting = limiter.WaitAsync(cancel.Token).AsTask();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }
}
