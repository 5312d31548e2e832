using BeAlert.Dispatch.Smpp;
using BeAlert.TestUtils;
using static BeAlert.Dispatch.Tests.Transports.Smpp.SmppTestSupport;

namespace BeAlert.Dispatch.Tests.Transports.Smpp;

/// <summary>
/// The client's pooled request sources: a reused source never gives one request's answer to another waiter, a stale
/// awaitable fails loudly, and cancelled, answered and refused requests all go back to the pool exactly once.
/// </summary>
public sealed class SmppClientPoolingTests
{
    [Fact]
    public async Task Request_ReusedAfterReset_StaleAwaitableThrowsInsteadOfSeeingTheNextAnswer()
    {
        var request = new SmppRequest();
        var first = request.Task;
        request.Complete(new SmppResponse(SmppOutcome.Answered, 0, "A"), inline: true);
        Assert.Equal("A", (await first).MessageId);

        request.Reset();
        var second = request.Task;
        request.Complete(new SmppResponse(SmppOutcome.Answered, 0, "B"), inline: true);

        // The first waiter's token is stale: reading through it again must fail, never return "B".
        Assert.Throws<InvalidOperationException>(() => first.Result);
        Assert.Equal("B", (await second).MessageId);
    }

    [Fact]
    public void Request_CompletedTwice_Throws()
    {
        var request = new SmppRequest();
        request.Complete(SmppResponse.TimedOut, inline: true);
        Assert.Throws<InvalidOperationException>(() => request.Complete(SmppResponse.Lost, inline: true));
    }

    [Fact]
    public async Task Client_ManyConcurrentSubmitsMixedWithRefusalsAndCancellations_EveryWaiterGetsItsOwnAnswer()
    {
        const int Count = 3_000;
        await using var peer = await NodeSmscPeer.StartAsync(new Dictionary<string, string> { ["SMSC_RECORD"] = "0" });
        var options = Options(peer, o => o.WindowSize = 50);
        var client = await Bounded(SmppClient.ConnectAsync(options, TimeProvider.System, null, CancellationToken.None));
        await using (client)
        {
            // Destinations starting 3299 are refused with ESME_RSUBMITFAIL (0x45): a waiter that received another
            // request's answer would see a status (or a message_id) that does not match its own destination.
            await peer.CommandAsync(new { cmd = "fail", prefix = "3299", status = 0x45 });
            var ids = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
            var cancelled = 0;
            var tasks = Enumerable.Range(0, Count).Select(async i =>
            {
                var refused = i % 3 == 0;
                var destination = (refused ? "3299" : "3247") + i.ToString("D7", System.Globalization.CultureInfo.InvariantCulture);
                using var cancel = new CancellationTokenSource();
                if (i % 7 == 0)
                {
                    cancel.Cancel(); // Cancelled before or while waiting: the request leaves the table, its source is reused.
                }

                var submit = new SmppSubmit(destination, 1, 1, 0, 0, 0, "Pooling"u8.ToArray(), ReadOnlyMemory<byte>.Empty);
                try
                {
                    var response = await client.SubmitAsync(submit, cancel.Token);
                    Assert.Equal(SmppOutcome.Answered, response.Outcome);
                    if (refused)
                    {
                        Assert.Equal(0x45u, response.Status);
                        Assert.Null(response.MessageId);
                    }
                    else
                    {
                        Assert.Equal(SmppCommandStatus.Ok, response.Status);
                        Assert.NotNull(response.MessageId);
                        Assert.True(ids.TryAdd(response.MessageId!, i), $"message_id {response.MessageId} was given to two waiters");
                    }
                }
                catch (OperationCanceledException)
                {
                    Assert.True(cancel.IsCancellationRequested);
                    Interlocked.Increment(ref cancelled);
                }
            }).ToArray();
            await Bounded(Task.WhenAll(tasks));

            Assert.True(cancelled > 0);
            Assert.True(ids.Count >= Count * 2 / 3 - cancelled, $"{ids.Count} accepted");
            Assert.True(await EventuallyAsync(() => Task.FromResult(client.PendingCount == 0)));
            Assert.InRange(client.PooledRequests, 1, options.WindowSize + 2);

            // The pool is healthy afterwards: one more round trip works.
            var last = await Bounded(client.EnquireLinkAsync(CancellationToken.None).AsTask());
            Assert.True(last.IsOk);
        }
    }
}
