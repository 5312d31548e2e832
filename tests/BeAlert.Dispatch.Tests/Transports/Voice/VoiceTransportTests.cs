using System.Text;
using BeAlert.TestUtils.Peers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace BeAlert.Dispatch.Tests.Transports.Voice;

public sealed class VoiceTransportTests
{
    private const string ApiKey = "provider-key-123";
    private const string CallbackSecret = "callback-secret-0123456789";
    private const string Number = "+32470123456";

    /// <summary>The provider, a callback listener (as the gateway will be) and the transport, wired together.</summary>
    private sealed class Rig : IAsyncDisposable
    {
        private VoiceTransport? _transport;

        public required TestVoiceProvider Provider { get; init; }

        public required LocalHttpPeer Listener { get; init; }

        public CollectingReceiptSink Receipts { get; } = new();

        public VoiceTransport Transport => _transport!;

        public static async Task<Rig> StartAsync(Action<VoiceOptions>? configure = null, TimeProvider? time = null)
        {
            var provider = await TestVoiceProvider.StartAsync(ApiKey, CallbackSecret);
            Rig? rig = null;
            var listener = await LocalHttpPeer.StartAsync(app => app.MapPost("/voice/callback", async (HttpContext context) =>
            {
                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body);
                var result = await rig!.Transport.HandleCallbackAsync(body.ToArray(), context.Request.Headers["X-BeAlert-Signature"], context.RequestAborted);
                context.Response.StatusCode = result switch
                {
                    VoiceCallbackResult.BadSignature => 401,
                    VoiceCallbackResult.Malformed => 400,
                    _ => 200,
                };
            }));
            rig = new Rig { Provider = provider, Listener = listener };
            var options = new VoiceOptions
            {
                Endpoint = provider.Address,
                ApiKey = ApiKey,
                CallbackUrl = new Uri(listener.Address, "voice/callback"),
                CallbackSecret = CallbackSecret,
                RetryDelay = TimeSpan.FromMilliseconds(10),
                Timeout = TimeSpan.FromSeconds(5),
            };
            configure?.Invoke(options);
            rig._transport = new VoiceTransport(options, timeProvider: time);
            await rig.Transport.StartAsync(rig.Receipts, CancellationToken.None);
            return rig;
        }

        public async ValueTask DisposeAsync()
        {
            await Transport.DisposeAsync();
            await Listener.DisposeAsync();
            await Provider.DisposeAsync();
        }
    }

    private static OutboundMessage Call(string number = Number, long sequence = 0, string text = "Dit is een test van BE-Alert.") =>
        TransportTestData.Message(TransportTestData.Load("be-small.xml"), DeliveryChannel.Voice, number, "nl-BE", sequence, text);

    [Fact]
    public async Task SendAsync_Answered_AcceptedThenDeliveredReceiptBilledPerStartedMinute()
    {
        await using var rig = await Rig.StartAsync();
        rig.Provider.Outcomes(Number, "answered:61");

        var result = await rig.Transport.SendAsync(Call(sequence: 5), CancellationToken.None);

        Assert.Equal(SendStatus.Accepted, result.Status);
        var receipt = Assert.Single(await rig.Receipts.WaitForAsync(1));
        Assert.True(receipt.Delivered);
        Assert.Equal(2, receipt.BillableUnits);
        Assert.Equal(result.ProviderMessageId, receipt.ProviderMessageId);
        Assert.Equal(new DeliveryKey(Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"), 5), receipt.Key);
        var call = Assert.Single(rig.Provider.Calls);
        Assert.Equal(Number, call.To);
        Assert.Equal("+32477777755", call.From);
        Assert.Equal("nl-BE", call.Language);
        Assert.Equal("Dit is een test van BE-Alert.", call.Text);
        Assert.Equal("0f8fad5bd9cb469fa16570867728950e/5", call.Reference);
        Assert.Null(call.AudioWav);
        Assert.Equal([200], await rig.Provider.WaitForCallbackStatusesAsync(1));
        Assert.Equal(0, rig.Transport.ActiveCalls);
    }

    [Fact]
    public async Task SendAsync_BusyThenNoAnswerThenAnswered_CallsAgainAndDelivers()
    {
        await using var rig = await Rig.StartAsync(o => o.MaxAttempts = 3);
        rig.Provider.Outcomes(Number, "busy", "no-answer", "answered:20");

        var result = await rig.Transport.SendAsync(Call(), CancellationToken.None);

        var receipt = Assert.Single(await rig.Receipts.WaitForAsync(1));
        Assert.True(receipt.Delivered);
        Assert.Equal(1, receipt.BillableUnits);
        Assert.Equal(result.ProviderMessageId, receipt.ProviderMessageId);
        Assert.Equal([1, 2, 3], rig.Provider.Calls.Select(c => c.Attempt));
        Assert.Equal(3, rig.Provider.Calls.Select(c => c.IdempotencyKey).Distinct().Count());
    }

    [Fact]
    public async Task SendAsync_BusyUntilAttemptsRunOut_NotAnsweredReceipt()
    {
        await using var rig = await Rig.StartAsync(o => o.MaxAttempts = 2);
        rig.Provider.Outcomes(Number, "busy", "no-answer", "answered:20");

        await rig.Transport.SendAsync(Call(), CancellationToken.None);

        var receipt = Assert.Single(await rig.Receipts.WaitForAsync(1));
        Assert.False(receipt.Delivered);
        Assert.Equal(DeliveryError.NotAnswered, receipt.Error);
        Assert.Equal(2, rig.Provider.Calls.Count);
    }

    [Fact]
    public async Task SendAsync_CallFailed_UndeliverableReceipt()
    {
        await using var rig = await Rig.StartAsync();
        rig.Provider.Outcomes(Number, "failed");

        await rig.Transport.SendAsync(Call(), CancellationToken.None);

        var receipt = Assert.Single(await rig.Receipts.WaitForAsync(1));
        Assert.Equal(DeliveryError.Undeliverable, receipt.Error);
        Assert.Single(rig.Provider.Calls);
    }

    [Theory]
    [InlineData(503, 5, DeliveryError.Throttled)]
    [InlineData(429, 2, DeliveryError.Throttled)]
    [InlineData(502, null, DeliveryError.TemporaryFailure)]
    [InlineData(422, null, DeliveryError.Rejected)]
    public async Task SendAsync_ProviderRefusesOriginate_FailureAndLineFreed(int status, int? retryAfter, DeliveryError expected)
    {
        await using var rig = await Rig.StartAsync();
        rig.Provider.Script(new PeerReply(status, "{\"error\":\"no\"}", retryAfter));

        var result = await rig.Transport.SendAsync(Call(), CancellationToken.None);

        Assert.Equal(expected, result.Error);
        Assert.Equal(retryAfter is { } s ? TimeSpan.FromSeconds(s) : null, result.RetryAfter);
        Assert.Equal(0, rig.Transport.ActiveCalls);
    }

    [Fact]
    public async Task SendAsync_AnswerWithoutCallId_TemporaryFailure()
    {
        await using var rig = await Rig.StartAsync();
        rig.Provider.Script(new PeerReply(201, "{\"id\":5}"));

        var result = await rig.Transport.SendAsync(Call(), CancellationToken.None);

        Assert.Equal(DeliveryError.TemporaryFailure, result.Error);
        Assert.Contains("no call_id", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_WrongApiKey_Rejected()
    {
        await using var rig = await Rig.StartAsync(o => o.ApiKey = "wrong-key");

        var result = await rig.Transport.SendAsync(Call(), CancellationToken.None);

        Assert.Equal(DeliveryError.Rejected, result.Error);
        Assert.Contains("401", result.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-key", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0470123456")]
    [InlineData("+0470123456")]
    [InlineData("+32 470 12 34 56")]
    [InlineData("")]
    public async Task SendAsync_NotE164_InvalidDestinationWithoutCall(string number)
    {
        await using var rig = await Rig.StartAsync();

        var result = await rig.Transport.SendAsync(Call(number), CancellationToken.None);

        Assert.Equal(DeliveryError.InvalidDestination, result.Error);
        Assert.Empty(rig.Provider.Calls);
    }

    [Fact]
    public async Task SendAsync_ManyCalls_NeverMoreThanMaxConcurrentCalls()
    {
        await using var rig = await Rig.StartAsync(o => o.MaxConcurrentCalls = 2);
        rig.Provider.CallDuration = TimeSpan.FromMilliseconds(50);

        var sends = Enumerable.Range(0, 6).Select(i => rig.Transport.SendAsync(Call("+3247000000" + i, i), CancellationToken.None).AsTask()).ToList();
        var results = await Task.WhenAll(sends);

        Assert.All(results, r => Assert.Equal(SendStatus.Accepted, r.Status));
        var receipts = await rig.Receipts.WaitForAsync(6);
        Assert.All(receipts, r => Assert.True(r.Delivered));
        Assert.Equal(6, rig.Provider.Calls.Count);
        Assert.Equal(2, rig.Provider.MaxActiveCalls);
    }

    [Fact]
    public async Task SendAsync_OverCallsPerMinute_WaitsForTheMinute()
    {
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var rig = await Rig.StartAsync(o => o.CallsPerMinute = 2, time);
        rig.Provider.Clock = time;

        await rig.Transport.SendAsync(Call("+32470000001", 1), CancellationToken.None);
        await rig.Transport.SendAsync(Call("+32470000002", 2), CancellationToken.None);
        var third = rig.Transport.SendAsync(Call("+32470000003", 3), CancellationToken.None).AsTask();
        await rig.Receipts.WaitForAsync(2);

        Assert.False(third.IsCompleted);
        Assert.Equal(2, rig.Provider.Calls.Count);
        time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(SendStatus.Accepted, (await third.WaitAsync(TimeSpan.FromSeconds(20))).Status);
        Assert.Equal(3, rig.Provider.Calls.Count);
    }

    [Fact]
    public async Task SendAsync_EspeakAudio_WavSentWithTheText()
    {
        await using var rig = await Rig.StartAsync(o => o.AudioMode = VoiceAudioMode.EspeakWav);

        var result = await rig.Transport.SendAsync(Call(), CancellationToken.None);

        Assert.Equal(SendStatus.Accepted, result.Status);
        var audio = Assert.Single(rig.Provider.Calls).AudioWav;
        Assert.NotNull(audio);
        Assert.Equal("RIFF", Encoding.ASCII.GetString(audio, 0, 4));
        Assert.Equal("WAVE", Encoding.ASCII.GetString(audio, 8, 4));
        Assert.True(audio.Length > 10_000);
    }

    [Fact]
    public async Task SendAsync_EspeakMissing_ContentRejectedWithClearReason()
    {
        await using var rig = await Rig.StartAsync(o => { o.AudioMode = VoiceAudioMode.EspeakWav; o.EspeakPath = "/nonexistent/espeak-ng"; });

        var result = await rig.Transport.SendAsync(Call(), CancellationToken.None);

        Assert.Equal(DeliveryError.ContentRejected, result.Error);
        Assert.Contains("could not be started", result.Reason, StringComparison.Ordinal);
        Assert.Equal(0, rig.Transport.ActiveCalls);
    }

    [Fact]
    public async Task HandleCallbackAsync_BadSignatureMalformedUnknownAndDuplicate_RefusedWithoutReceipt()
    {
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var rig = await Rig.StartAsync(time: time);
        var transport = rig.Transport;
        var body = Encoding.UTF8.GetBytes("{\"call_id\":\"call-x\",\"status\":\"answered\",\"duration_s\":5}");
        string Sign(byte[] b) => SignageSignature.Compute(CallbackSecret, time.GetUtcNow(), b);

        Assert.Equal(VoiceCallbackResult.BadSignature, await transport.HandleCallbackAsync(body, null, CancellationToken.None));
        Assert.Equal(VoiceCallbackResult.BadSignature, await transport.HandleCallbackAsync(body, SignageSignature.Compute("another-secret-0123456", time.GetUtcNow(), body), CancellationToken.None));
        Assert.Equal(VoiceCallbackResult.BadSignature, await transport.HandleCallbackAsync(body, SignageSignature.Compute(CallbackSecret, time.GetUtcNow().AddHours(-1), body), CancellationToken.None));
        foreach (var bad in new[] { "not json", "[]", "{\"call_id\":\"c\",\"status\":\"exploded\"}", "{\"call_id\":\"c\",\"status\":\"answered\",\"duration_s\":-1}", "{\"status\":\"busy\"}" })
        {
            var bytes = Encoding.UTF8.GetBytes(bad);
            Assert.Equal(VoiceCallbackResult.Malformed, await transport.HandleCallbackAsync(bytes, Sign(bytes), CancellationToken.None));
        }

        var huge = new byte[64 * 1024];
        Assert.Equal(VoiceCallbackResult.Malformed, await transport.HandleCallbackAsync(huge, Sign(huge), CancellationToken.None));
        Assert.Empty(rig.Receipts.Receipts);
    }

    [Fact]
    public async Task HandleCallbackAsync_SameCallbackTwice_SecondIsUnknownCall()
    {
        await using var rig = await Rig.StartAsync();
        rig.Provider.CallDuration = TimeSpan.FromHours(1); // the provider never calls back in this test
        var result = await rig.Transport.SendAsync(Call(), CancellationToken.None);
        var body = Encoding.UTF8.GetBytes($"{{\"call_id\":\"{result.ProviderMessageId}\",\"status\":\"answered\",\"duration_s\":5}}");
        var signature = SignageSignature.Compute(CallbackSecret, TimeProvider.System.GetUtcNow(), body);

        Assert.Equal(VoiceCallbackResult.Accepted, await rig.Transport.HandleCallbackAsync(body, signature, CancellationToken.None));
        Assert.Equal(VoiceCallbackResult.UnknownCall, await rig.Transport.HandleCallbackAsync(body, signature, CancellationToken.None));
        Assert.Single(rig.Receipts.Receipts);
    }

    [Fact]
    public async Task NoCallback_AfterCallbackWait_LineFreedAndUndeliverable()
    {
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var rig = await Rig.StartAsync(o => o.CallbackWait = TimeSpan.FromMinutes(10), time);
        rig.Provider.CallDuration = TimeSpan.FromHours(1);

        await rig.Transport.SendAsync(Call(), CancellationToken.None);
        Assert.Equal(1, rig.Transport.ActiveCalls);
        time.Advance(TimeSpan.FromMinutes(10));

        var receipt = Assert.Single(await rig.Receipts.WaitForAsync(1));
        Assert.Equal(DeliveryError.Undeliverable, receipt.Error);
        Assert.Equal(0, rig.Transport.ActiveCalls);
    }

    [Fact]
    public void Constructor_InvalidOptions_ListsEveryProblem()
    {
        var options = new VoiceOptions { Endpoint = new Uri("http://127.0.0.1/"), CallerId = "0477777755", CallbackSecret = "x", MaxAttempts = 0, CallsPerMinute = 0 };
        var e = Assert.Throws<ArgumentException>(() => new VoiceTransport(options));
        foreach (var name in new[] { "CallbackUrl", "CallbackSecret", "CallerId", "MaxAttempts", "CallsPerMinute" })
        {
            Assert.Contains(name, e.Message, StringComparison.Ordinal);
        }
    }
}
