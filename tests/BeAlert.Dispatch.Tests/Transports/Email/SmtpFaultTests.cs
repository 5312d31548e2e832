using static BeAlert.Dispatch.Tests.Transports.Email.EmailTestData;

namespace BeAlert.Dispatch.Tests.Transports.Email;

/// <summary>Faults smtp-sink cannot produce, against a scripted server: per-recipient replies, a drop mid-DATA, silence.</summary>
public sealed class SmtpFaultTests
{
    [Fact]
    public async Task SendAsync_BatchWithMixedRcptReplies_EachRecipientGetsItsOwnResult()
    {
        await using var server = new FakeSmtpServer();
        server.RcptReplies["person1@example.org"] = "550 5.1.1 <person1@example.org>: User unknown";
        server.RcptReplies["person2@example.org"] = "452 4.2.2 Mailbox full";
        server.RcptReplies["person3@example.org"] = "553 Mailbox name not allowed";
        var options = Options(server.Port, batchSize: 5);
        options.BatchLinger = TimeSpan.FromSeconds(5);
        await using var transport = new SmtpEmailTransport(options);
        var content = Content();

        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => transport.SendAsync(Message(content, i), CancellationToken.None).AsTask()));

        Assert.Equal(SendStatus.Accepted, results[0].Status);
        Assert.Equal(DeliveryError.InvalidDestination, results[1].Error);
        Assert.StartsWith("550 5.1.1", results[1].Reason, StringComparison.Ordinal);
        Assert.Equal(DeliveryError.Throttled, results[2].Error);
        Assert.Equal(DeliveryError.InvalidDestination, results[3].Error);
        Assert.Equal(SendStatus.Accepted, results[4].Status);
        var accepted = Assert.Single(server.Accepted);
        Assert.Equal(["person0@example.org", "person4@example.org"], accepted.Order());
        Assert.Equal("FAKE1", results[0].ProviderMessageId);
    }

    [Fact]
    public async Task SendAsync_ConnectionDroppedMidData_ConnectionFailedThenNextSendReconnects()
    {
        await using var server = new FakeSmtpServer { DropDuringData = 1 };
        await using var transport = new SmtpEmailTransport(Options(server.Port));
        var content = Content(text: string.Join('\n', Enumerable.Repeat("Restez à l'intérieur.", 2000)));

        var dropped = await transport.SendAsync(Message(content, 1), CancellationToken.None);
        var next = await transport.SendAsync(Message(content, 2), CancellationToken.None);

        Assert.Equal(SendStatus.Failed, dropped.Status);
        Assert.Equal(DeliveryError.ConnectionFailed, dropped.Error);
        Assert.True(dropped.Error.IsTransient());
        Assert.Equal(SendStatus.Accepted, next.Status);
        Assert.Equal(2, server.Sessions);
    }

    [Fact]
    public async Task SendAsync_RelaySilentAfterData_TimeoutAfterCommandTimeout()
    {
        await using var server = new FakeSmtpServer { SilentAfterData = true };
        var options = Options(server.Port);
        options.CommandTimeout = TimeSpan.FromSeconds(1);
        await using var transport = new SmtpEmailTransport(options);

        var result = await transport.SendAsync(Message(Content(), 1), CancellationToken.None);

        Assert.Equal(SendStatus.Failed, result.Status);
        Assert.Equal(DeliveryError.Timeout, result.Error);
        Assert.True(result.Error.IsTransient());
    }

    [Fact]
    public async Task SendAsync_CallerCancelsWhileWaitingInBatch_CancelledAndLeftOut()
    {
        await using var server = new FakeSmtpServer();
        var options = Options(server.Port, batchSize: 10);
        options.BatchLinger = TimeSpan.FromMilliseconds(300);
        await using var transport = new SmtpEmailTransport(options);
        var content = Content();
        using var cancel = new CancellationTokenSource();

        var cancelled = transport.SendAsync(Message(content, 1), cancel.Token).AsTask();
        var kept = transport.SendAsync(Message(content, 2), CancellationToken.None).AsTask();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal(SendStatus.Accepted, (await kept).Status);
        Assert.Equal(["person2@example.org"], Assert.Single(server.Accepted));
    }

    [Fact]
    public async Task DisposeAsync_SendsWaitingInBatch_FailTransientNotHang()
    {
        await using var server = new FakeSmtpServer();
        var options = Options(server.Port, batchSize: 10);
        options.BatchLinger = TimeSpan.FromSeconds(5);
        var transport = new SmtpEmailTransport(options);

        var waiting = transport.SendAsync(Message(Content(), 1), CancellationToken.None).AsTask();
        await transport.DisposeAsync();

        var result = await waiting;
        Assert.Equal(DeliveryError.EndpointUnavailable, result.Error);
        Assert.True(result.Error.IsTransient());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => transport.SendAsync(Message(Content(), 2), CancellationToken.None).AsTask());
    }
}
