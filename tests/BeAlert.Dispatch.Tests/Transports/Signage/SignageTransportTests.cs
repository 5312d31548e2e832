using BeAlert.Cap;
using BeAlert.TestUtils.Peers;

namespace BeAlert.Dispatch.Tests.Transports.Signage;

public sealed class SignageTransportTests
{
    private const string Secret = "vendor-secret-0123456789";

    private static SignageOptions Options(Uri endpoint, int maxAttempts = 3) => new()
    {
        Name = "vendor-a",
        Endpoint = endpoint,
        Secret = Secret,
        MaxAttempts = maxAttempts,
        InitialBackoff = TimeSpan.FromMilliseconds(5),
        MaxBackoff = TimeSpan.FromMilliseconds(50),
        Timeout = TimeSpan.FromSeconds(5),
    };

    [Fact]
    public async Task SendAsync_VendorAccepts_DeliveredWithSignedCapBody()
    {
        await using var vendor = await SignageReceiverPeer.StartAsync(Secret);
        var letters = new InMemorySignageDeadLetters();
        await using var transport = new SignageTransport(Options(vendor.Hook), letters);
        var alert = TransportTestData.Load("be-fire-gent-nl-fr.xml");

        var result = await transport.SendAsync(TransportTestData.Message(alert, DeliveryChannel.Signage, "vendor-a", sequence: 7), CancellationToken.None);

        Assert.Equal(SendStatus.Delivered, result.Status);
        var push = Assert.Single(vendor.Pushes);
        Assert.True(push.SignatureValid);
        Assert.Equal(CapWriter.WriteToBytes(alert), push.Body);
        Assert.StartsWith("application/cap+xml", push.ContentType, StringComparison.Ordinal);
        Assert.Equal("0f8fad5bd9cb469fa16570867728950e/7", push.DeliveryKey);
        Assert.Equal("1", push.Attempt);
        Assert.False(push.PossibleDuplicate);
        Assert.Empty(await letters.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task SendAsync_ThrottledThenServerError_RetriesThenDelivered()
    {
        await using var vendor = await SignageReceiverPeer.StartAsync(Secret);
        vendor.Script(new PeerReply(503, "busy", RetryAfterSeconds: 1), new PeerReply(500, "oops"));
        await using var transport = new SignageTransport(Options(vendor.Hook), new InMemorySignageDeadLetters());

        var result = await transport.SendAsync(TransportTestData.Message(TransportTestData.Load("be-small.xml"), DeliveryChannel.Signage, "vendor-a"), CancellationToken.None);

        Assert.Equal(SendStatus.Delivered, result.Status);
        Assert.Equal(["1", "2", "3"], vendor.Pushes.Select(p => p.Attempt));
        Assert.Equal([false, true, true], vendor.Pushes.Select(p => p.PossibleDuplicate));
        Assert.All(vendor.Pushes, p => Assert.True(p.SignatureValid));
    }

    [Fact]
    public async Task SendAsync_ServerErrorsUntilAttemptsRunOut_DeadLetterAndRetriesExhausted()
    {
        await using var vendor = await SignageReceiverPeer.StartAsync(Secret);
        vendor.Script(new PeerReply(500, "down"), new PeerReply(502, "down"), new PeerReply(500, "still down"));
        var letters = new InMemorySignageDeadLetters();
        await using var transport = new SignageTransport(Options(vendor.Hook, maxAttempts: 3), letters);
        var alert = TransportTestData.Load("be-small.xml");

        var result = await transport.SendAsync(TransportTestData.Message(alert, DeliveryChannel.Signage, "vendor-a", sequence: 3), CancellationToken.None);

        Assert.Equal(SendStatus.Failed, result.Status);
        Assert.Equal(DeliveryError.RetriesExhausted, result.Error);
        Assert.False(result.Error.IsTransient());
        Assert.Equal(3, vendor.Pushes.Count);
        var letter = Assert.Single(await letters.ListAsync(CancellationToken.None));
        Assert.Equal("vendor-a", letter.Endpoint);
        Assert.Equal(new DeliveryKey(Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"), 3), letter.Key);
        Assert.Equal(alert.Identifier, letter.AlertIdentifier);
        Assert.Equal(3, letter.Attempts);
        Assert.Equal(DeliveryError.TemporaryFailure, letter.Error);
        Assert.Contains("still down", letter.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, letter.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_VendorRefuses_RejectedAtOnceAndDeadLettered()
    {
        await using var vendor = await SignageReceiverPeer.StartAsync(Secret);
        vendor.Script(new PeerReply(422, "unknown area"));
        var letters = new InMemorySignageDeadLetters();
        await using var transport = new SignageTransport(Options(vendor.Hook), letters);

        var result = await transport.SendAsync(TransportTestData.Message(TransportTestData.Load("be-small.xml"), DeliveryChannel.Signage, "vendor-a"), CancellationToken.None);

        Assert.Equal(DeliveryError.Rejected, result.Error);
        Assert.Contains("422", result.Reason, StringComparison.Ordinal);
        Assert.Single(vendor.Pushes);
        Assert.Equal(DeliveryError.Rejected, Assert.Single(await letters.ListAsync(CancellationToken.None)).Error);
    }

    [Fact]
    public async Task SendAsync_WrongSecret_VendorAnswers401_Rejected()
    {
        await using var vendor = await SignageReceiverPeer.StartAsync("the-vendors-real-secret");
        await using var transport = new SignageTransport(Options(vendor.Hook), new InMemorySignageDeadLetters());

        var result = await transport.SendAsync(TransportTestData.Message(TransportTestData.Load("be-small.xml"), DeliveryChannel.Signage, "vendor-a"), CancellationToken.None);

        Assert.Equal(DeliveryError.Rejected, result.Error);
        Assert.False(Assert.Single(vendor.Pushes).SignatureValid);
    }

    [Fact]
    public async Task SendAsync_HugeAnswer_FailsWithClearReason()
    {
        await using var vendor = await SignageReceiverPeer.StartAsync(Secret);
        vendor.Script(new PeerReply(200, "ok", PaddingBytes: 5 * 1024 * 1024));
        var letters = new InMemorySignageDeadLetters();
        var options = Options(vendor.Hook, maxAttempts: 1);
        options.MaxResponseBytes = 1024;
        await using var transport = new SignageTransport(options, letters);

        var result = await transport.SendAsync(TransportTestData.Message(TransportTestData.Load("be-small.xml"), DeliveryChannel.Signage, "vendor-a"), CancellationToken.None);

        Assert.Equal(SendStatus.Failed, result.Status);
        var letter = Assert.Single(await letters.ListAsync(CancellationToken.None));
        Assert.Equal(DeliveryError.TemporaryFailure, letter.Error);
        Assert.Contains("1024-byte limit", letter.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_SlowVendor_Timeout()
    {
        await using var vendor = await SignageReceiverPeer.StartAsync(Secret);
        vendor.Script(new PeerReply(204, Delay: TimeSpan.FromSeconds(30)));
        var letters = new InMemorySignageDeadLetters();
        var options = Options(vendor.Hook, maxAttempts: 1);
        options.Timeout = TimeSpan.FromMilliseconds(300);
        await using var transport = new SignageTransport(options, letters);

        await transport.SendAsync(TransportTestData.Message(TransportTestData.Load("be-small.xml"), DeliveryChannel.Signage, "vendor-a"), CancellationToken.None);

        Assert.Equal(DeliveryError.Timeout, Assert.Single(await letters.ListAsync(CancellationToken.None)).Error);
    }

    [Fact]
    public async Task SendAsync_NobodyListening_ConnectionFailed()
    {
        var vendor = await SignageReceiverPeer.StartAsync(Secret);
        var closed = vendor.Hook;
        await vendor.DisposeAsync();
        var letters = new InMemorySignageDeadLetters();
        await using var transport = new SignageTransport(Options(closed, maxAttempts: 2), letters);

        var result = await transport.SendAsync(TransportTestData.Message(TransportTestData.Load("be-small.xml"), DeliveryChannel.Signage, "vendor-a"), CancellationToken.None);

        Assert.Equal(DeliveryError.RetriesExhausted, result.Error);
        Assert.Equal(DeliveryError.ConnectionFailed, Assert.Single(await letters.ListAsync(CancellationToken.None)).Error);
    }

    [Fact]
    public async Task RetryDeadLetterAsync_VendorBack_DeliveredAndDismissed()
    {
        await using var vendor = await SignageReceiverPeer.StartAsync(Secret);
        vendor.Script(new PeerReply(500), new PeerReply(500));
        var letters = new InMemorySignageDeadLetters();
        await using var transport = new SignageTransport(Options(vendor.Hook, maxAttempts: 2), letters);
        var alert = TransportTestData.Load("be-fire-gent-update.xml");
        await transport.SendAsync(TransportTestData.Message(alert, DeliveryChannel.Signage, "vendor-a"), CancellationToken.None);
        var letter = Assert.Single(await letters.ListAsync(CancellationToken.None));

        var result = await transport.RetryDeadLetterAsync(letter.Id, CancellationToken.None);

        Assert.Equal(SendStatus.Delivered, result?.Status);
        Assert.Empty(await letters.ListAsync(CancellationToken.None));
        var last = vendor.Pushes[^1];
        Assert.True(last.SignatureValid);
        Assert.True(last.PossibleDuplicate);
        Assert.Equal("3", last.Attempt);
        Assert.Equal(CapWriter.WriteToBytes(alert), last.Body);
    }

    [Fact]
    public async Task RetryDeadLetterAsync_StillFailing_KeptWithMoreAttempts()
    {
        await using var vendor = await SignageReceiverPeer.StartAsync(Secret);
        vendor.Script(new PeerReply(400, "bad"), new PeerReply(400, "still bad"));
        var letters = new InMemorySignageDeadLetters();
        await using var transport = new SignageTransport(Options(vendor.Hook), letters);
        await transport.SendAsync(TransportTestData.Message(TransportTestData.Load("be-small.xml"), DeliveryChannel.Signage, "vendor-a"), CancellationToken.None);
        var letter = Assert.Single(await letters.ListAsync(CancellationToken.None));

        var result = await transport.RetryDeadLetterAsync(letter.Id, CancellationToken.None);

        Assert.Equal(DeliveryError.Rejected, result?.Error);
        var kept = Assert.Single(await letters.ListAsync(CancellationToken.None));
        Assert.Equal(letter.Id, kept.Id);
        Assert.Equal(2, kept.Attempts);
        Assert.Contains("still bad", kept.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RetryDeadLetterAsync_UnknownId_Null()
    {
        await using var transport = new SignageTransport(Options(new Uri("http://127.0.0.1:9/")), new InMemorySignageDeadLetters());
        Assert.Null(await transport.RetryDeadLetterAsync(Guid.NewGuid(), CancellationToken.None));
    }

    [Fact]
    public async Task RetryDeadLetterAsync_OtherVendorsLetter_Throws()
    {
        var letters = new InMemorySignageDeadLetters();
        var letter = new SignageDeadLetter(Guid.NewGuid(), "vendor-b", default, "id", "Alert", new byte[] { 1 }, 1, DeliveryError.Rejected, null, DateTimeOffset.UnixEpoch);
        await letters.SaveAsync(letter, CancellationToken.None);
        await using var transport = new SignageTransport(Options(new Uri("http://127.0.0.1:9/")), letters);

        await Assert.ThrowsAsync<ArgumentException>(async () => await transport.RetryDeadLetterAsync(letter.Id, CancellationToken.None));
    }

    [Fact]
    public void Constructor_InvalidOptions_ListsEveryProblem()
    {
        var options = new SignageOptions { Name = "", Endpoint = new Uri("ftp://x/"), Secret = "short", MaxAttempts = 0, MaxConcurrency = 0 };
        var e = Assert.Throws<ArgumentException>(() => new SignageTransport(options, new InMemorySignageDeadLetters()));
        foreach (var name in new[] { "Name", "Endpoint", "Secret", "MaxAttempts", "MaxConcurrency" })
        {
            Assert.Contains(name, e.Message, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("'short'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InMemoryDeadLetters_Full_EvictsOldestAndCounts()
    {
        var letters = new InMemorySignageDeadLetters(capacity: 2);
        SignageDeadLetter Letter(int minute) => new(Guid.NewGuid(), "v", default, "id", "Alert", Array.Empty<byte>(), 1, DeliveryError.Rejected, null, DateTimeOffset.UnixEpoch.AddMinutes(minute));
        var first = Letter(1);
        await letters.SaveAsync(first, CancellationToken.None);
        await letters.SaveAsync(Letter(2), CancellationToken.None);
        await letters.SaveAsync(Letter(3), CancellationToken.None);

        var list = await letters.ListAsync(CancellationToken.None);
        Assert.Equal(2, list.Count);
        Assert.DoesNotContain(list, l => l.Id == first.Id);
        Assert.Equal(1, letters.EvictedCount);
        Assert.True(await letters.DismissAsync(list[0].Id, CancellationToken.None));
        Assert.False(await letters.DismissAsync(list[0].Id, CancellationToken.None));
    }
}
