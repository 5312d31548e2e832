using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace BeAlert.TestUtils.Peers;

/// <summary>
/// A voice-call provider for tests, implementing the contract in docs/specs.md: <c>POST /calls</c> checks the bearer
/// key and the JSON (E.164 numbers, text, language, callback URL), answers 201 with a <c>call_id</c>, then "makes the
/// call": after <see cref="CallDuration"/> it posts the scripted outcome for that number (answered with a duration,
/// busy, no-answer, failed; answered after 30 s by default) to the callback URL, signed with its own HMAC code. It
/// counts calls in progress (from the originate until the call ends) and keeps the highest count.
/// </summary>
public sealed class TestVoiceProvider : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _outcomes = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<PeerReply> _script = new();
    private readonly ConcurrentQueue<VoiceCall> _calls = new();
    private readonly ConcurrentQueue<int> _callbackStatuses = new();
    private readonly string _apiKey;
    private readonly string _callbackSecret;
    private readonly HttpClient _callbacks = new() { Timeout = TimeSpan.FromSeconds(10) };
    private LocalHttpPeer? _peer;
    private int _callNumber;
    private int _active;
    private int _maxActive;

    private TestVoiceProvider(string apiKey, string callbackSecret)
    {
        _apiKey = apiKey;
        _callbackSecret = callbackSecret;
    }

    /// <summary>The provider's base address.</summary>
    public Uri Address => _peer!.Address;

    /// <summary>How long a call lasts before its status callback. Default 10 ms.</summary>
    public TimeSpan CallDuration { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>The clock the callback signatures are dated with. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>Every accepted originate request, in order.</summary>
    public IReadOnlyList<VoiceCall> Calls => [.. _calls];

    /// <summary>The HTTP statuses the callback listener answered, in order.</summary>
    public IReadOnlyList<int> CallbackStatuses => [.. _callbackStatuses];

    /// <summary>
    /// Waits (at most 10 s) until <paramref name="count"/> callback answers are recorded: the transport emits its receipt
    /// while it handles a callback, before the provider has read the HTTP answer, so a test that saw the receipt must
    /// wait for the answer too.
    /// </summary>
    public async Task<IReadOnlyList<int>> WaitForCallbackStatusesAsync(int count)
    {
        var deadline = Environment.TickCount64 + 10_000;
        while (_callbackStatuses.Count < count && Environment.TickCount64 < deadline)
        {
            await Task.Delay(10);
        }

        return CallbackStatuses;
    }

    /// <summary>The most calls in progress at once.</summary>
    public int MaxActiveCalls => Volatile.Read(ref _maxActive);

    /// <summary>Starts a provider that accepts <paramref name="apiKey"/> and signs callbacks with <paramref name="callbackSecret"/>.</summary>
    public static async Task<TestVoiceProvider> StartAsync(string apiKey, string callbackSecret)
    {
        var provider = new TestVoiceProvider(apiKey, callbackSecret);
        provider._peer = await LocalHttpPeer.StartAsync(app => app.MapPost("/calls", provider.OriginateAsync));
        return provider;
    }

    /// <summary>Sets the outcomes of the next calls to a number: <c>answered:SECONDS</c>, <c>busy</c>, <c>no-answer</c>, <c>failed</c>.</summary>
    public void Outcomes(string number, params string[] outcomes)
    {
        var queue = _outcomes.GetOrAdd(number, _ => new ConcurrentQueue<string>());
        foreach (var outcome in outcomes)
        {
            queue.Enqueue(outcome);
        }
    }

    /// <summary>Queues HTTP answers for the next originate requests instead of accepting them.</summary>
    public void Script(params PeerReply[] replies)
    {
        foreach (var reply in replies)
        {
            _script.Enqueue(reply);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_peer is not null)
        {
            await _peer.DisposeAsync();
        }

        _callbacks.Dispose();
    }

    private async Task OriginateAsync(HttpContext context)
    {
        if (_script.TryDequeue(out var reply))
        {
            await PeerReplies.WriteAsync(context, reply, "application/json");
            return;
        }

        if (context.Request.Headers.Authorization.ToString() != "Bearer " + _apiKey)
        {
            await Error(context, 401, "invalid API key");
            return;
        }

        JsonElement request;
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            request = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            await Error(context, 400, "body is not JSON");
            return;
        }

        string? Text(string name) => request.ValueKind == JsonValueKind.Object && request.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var to = Text("to");
        var from = Text("from");
        var text = Text("text");
        var callback = Text("callback_url");
        if (!IsE164(to) || !IsE164(from) || string.IsNullOrWhiteSpace(text) || string.IsNullOrEmpty(Text("language"))
            || !Uri.TryCreate(callback, UriKind.Absolute, out var callbackUri) || Text("reference") is null)
        {
            await Error(context, 400, "to, from (E.164), text, language, reference and callback_url are required");
            return;
        }

        var audio = Text("audio_wav") is { } base64 ? Convert.FromBase64String(base64) : null;
        var callId = "call-" + Interlocked.Increment(ref _callNumber).ToString(CultureInfo.InvariantCulture);
        var attempt = request.TryGetProperty("attempt", out var a) && a.TryGetInt32(out var n) ? n : 0;
        _calls.Enqueue(new VoiceCall(callId, to!, from!, Text("language")!, Text("voice"), text!, audio, Text("reference")!, attempt, context.Request.Headers["Idempotency-Key"].ToString()));
        var active = Interlocked.Increment(ref _active);
        int seen;
        while (active > (seen = Volatile.Read(ref _maxActive)) && Interlocked.CompareExchange(ref _maxActive, active, seen) != seen)
        {
        }

        var outcome = _outcomes.TryGetValue(to!, out var queue) && queue.TryDequeue(out var next) ? next : "answered:30";
        context.Response.OnCompleted(() =>
        {
            _ = CallAsync(callId, Text("reference")!, outcome, callbackUri!);
            return Task.CompletedTask;
        });
        context.Response.StatusCode = 201;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync($"{{\"call_id\":\"{callId}\"}}", context.RequestAborted);
    }

    private async Task CallAsync(string callId, string reference, string outcome, Uri callback)
    {
        await Task.Delay(CallDuration);
        var parts = outcome.Split(':');
        var duration = parts.Length > 1 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : 0;
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new Dictionary<string, object> { ["call_id"] = callId, ["reference"] = reference, ["status"] = parts[0], ["duration_s"] = duration }));
        var t = Clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var mac = Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(_callbackSecret), Encoding.ASCII.GetBytes(t + ".").Concat(body).ToArray())).ToLowerInvariant();
        Interlocked.Decrement(ref _active); // the call has ended; the status follows
        using var request = new HttpRequestMessage(HttpMethod.Post, callback) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("X-BeAlert-Signature", $"t={t},v1={mac}");
        try
        {
            using var response = await _callbacks.SendAsync(request);
            _callbackStatuses.Enqueue((int)response.StatusCode);
        }
        catch (HttpRequestException)
        {
            _callbackStatuses.Enqueue(0);
        }
    }

    private static bool IsE164(string? number) =>
        number is { Length: >= 9 and <= 16 } && number[0] == '+' && number[1..].All(char.IsAsciiDigit) && number[1] != '0';

    private static async Task Error(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, string> { ["error"] = message }), context.RequestAborted);
    }
}

/// <summary>One call a <see cref="TestVoiceProvider"/> accepted.</summary>
public sealed record VoiceCall(string CallId, string To, string From, string Language, string? Voice, string Text, byte[]? AudioWav, string Reference, int Attempt, string IdempotencyKey);
