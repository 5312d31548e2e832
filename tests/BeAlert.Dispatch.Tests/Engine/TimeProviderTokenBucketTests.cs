namespace BeAlert.Dispatch.Tests.Engine;

public sealed class TimeProviderTokenBucketTests
{
    [Fact]
    public async Task Replenish_SeveralPeriodsAtOnceWithWaiters_ServesThemAll()
    {
        using var bucket = new TimeProviderTokenBucket(50);
        using (await bucket.AcquireAsync(50)) { } // drain the initial tokens
        var first = bucket.AcquireAsync(50).AsTask();
        var second = bucket.AcquireAsync(50).AsTask();
        Assert.False(first.IsCompleted);

        bucket.Replenish(100); // a late tick crediting two periods

        Assert.True(first.IsCompleted);
        Assert.True(second.IsCompleted); // before the fix, tokens above the limit were dropped and this one kept waiting
        Assert.True((await first).IsAcquired);
        Assert.True((await second).IsAcquired);
    }

    [Fact]
    public async Task Replenish_NobodyWaiting_CapsAtTheLimit()
    {
        using var bucket = new TimeProviderTokenBucket(50);

        bucket.Replenish(500);

        using (var lease = await bucket.AcquireAsync(50))
        {
            Assert.True(lease.IsAcquired);
        }

        var next = bucket.AcquireAsync(1).AsTask();
        Assert.False(next.IsCompleted); // nothing above the limit was kept
        bucket.Replenish(1);
        Assert.True((await next).IsAcquired);
    }
}
