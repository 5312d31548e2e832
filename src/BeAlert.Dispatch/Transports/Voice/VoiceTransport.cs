using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace BeAlert.Dispatch;

/// <summary>
/// Calls people through a voice provider over HTTP (the contract is in docs/specs.md): <see cref="SendAsync"/> waits for
/// a free line (<see cref="VoiceOptions.MaxConcurrentCalls"/>) and the per-minute limit, then asks the provider to call
/// the number with the text (or espeak-ng audio), the language, the voice and the caller id; an accepted call is
/// <see cref="SendStatus.Accepted"/>. The provider reports the outcome to the host, which hands it to
/// <see cref="HandleCallbackAsync"/>: answered gives a delivered receipt billed per started minute; busy or no answer
/// calls again after <see cref="VoiceOptions.RetryDelay"/> until <see cref="VoiceOptions.MaxAttempts"/>, then a
/// <see cref="DeliveryError.NotAnswered"/> receipt; failed gives an <see cref="DeliveryError.Undeliverable"/> receipt.
/// </summary>
public sealed class VoiceTransport : IDeliveryTransport
{
    private const int EarlyCallbackLimit = 10_000;
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false };

    private readonly VoiceOptions _options;
    private readonly HttpClient _client;
    private readonly bool _ownsClient;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _lines;
    private readonly CallRateLimiter _rate;
    private readonly Uri _callsUri;
    private readonly ConcurrentDictionary<string, Call> _calls = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<MessageContent, Task<byte[]>> _audio = new();
    private readonly ConcurrentDictionary<string, (string Status, int Seconds)> _early = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _finished = new(StringComparer.Ordinal);
    private readonly Lock _callGate = new();
    private readonly CancellationTokenSource _stopping = new();
    private IDeliveryReceiptSink? _receipts;
    private int _disposed;

    /// <summary>Creates the transport; the options are validated here and must not change afterwards.</summary>
    /// <param name="options">The provider, callback, retry and limit settings.</param>
    /// <param name="httpClient">A client to use (not disposed here), or <see langword="null"/> for one of the transport's own.</param>
    /// <param name="timeProvider">The clock for limits, retries and deadlines; <see cref="TimeProvider.System"/> by default.</param>
    /// <exception cref="ArgumentException">The options are not valid (every problem listed).</exception>
    public VoiceTransport(VoiceOptions options, HttpClient? httpClient = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _ownsClient = httpClient is null;
        _client = httpClient ?? HttpExchange.CreateClient(Math.Min(options.MaxConcurrency, 256), options.Timeout);
        _lines = new SemaphoreSlim(options.MaxConcurrentCalls, options.MaxConcurrentCalls);
        _rate = new CallRateLimiter(options.CallsPerMinute, _time);
        var root = options.Endpoint!.AbsoluteUri.EndsWith('/') ? options.Endpoint : new Uri(options.Endpoint.AbsoluteUri + "/");
        _callsUri = new Uri(root, "calls");
    }

    /// <inheritdoc/>
    public DeliveryChannel Channel => DeliveryChannel.Voice;

    /// <inheritdoc/>
    public string Name => _options.Name;

    /// <inheritdoc/>
    public int MaxConcurrency => _options.MaxConcurrency;

    /// <summary>Calls in progress now (a line is held until the call's final status or <see cref="VoiceOptions.CallbackWait"/>).</summary>
    public int ActiveCalls => _options.MaxConcurrentCalls - _lines.CurrentCount;

    /// <inheritdoc/>
    public ValueTask StartAsync(IDeliveryReceiptSink receipts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(receipts);
        _receipts = receipts;
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public async ValueTask<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        var content = message.Content ?? throw new ArgumentException("The message has no content.", nameof(message));
        if (_receipts is null)
        {
            throw new InvalidOperationException("StartAsync must be called before SendAsync.");
        }

        if (!VoiceNumbers.IsE164(message.Destination))
        {
            return SendResult.Failure(DeliveryError.InvalidDestination, "The destination is not an E.164 number.");
        }

        if (string.IsNullOrWhiteSpace(content.Text))
        {
            return SendResult.Failure(DeliveryError.ContentRejected, "The voice script is empty.");
        }

        var pending = new Call(message.Key, message.Destination, content, Attempt: 1, FirstCallId: null);
        return await StartCallAsync(pending, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Takes a provider's status callback (the host's listener passes the raw body and the signature header). The
    /// signature is checked first; then the call's outcome becomes a receipt or a retry.
    /// </summary>
    /// <param name="body">The callback body as received.</param>
    /// <param name="signature">The <see cref="SignageSignature.HeaderName"/> header, or <see langword="null"/> when absent.</param>
    /// <param name="cancellationToken">Stops the handling.</param>
    /// <returns>What was done, for the host's answer to the provider.</returns>
    public ValueTask<VoiceCallbackResult> HandleCallbackAsync(ReadOnlyMemory<byte> body, string? signature, CancellationToken cancellationToken)
    {
        if (body.Length > _options.MaxCallbackBytes)
        {
            return ValueTask.FromResult(VoiceCallbackResult.Malformed);
        }

        if (SignageSignature.Verify(signature, body.Span, [_options.CallbackSecret!], _time.GetUtcNow(), _options.CallbackTolerance) != SignageSignatureCheck.Valid)
        {
            return ValueTask.FromResult(VoiceCallbackResult.BadSignature);
        }

        if (!TryReadCallback(body.Span, out var callId, out var status, out var seconds))
        {
            return ValueTask.FromResult(VoiceCallbackResult.Malformed);
        }

        lock (_callGate)
        {
            if (_finished.ContainsKey(callId))
            {
                return ValueTask.FromResult(VoiceCallbackResult.UnknownCall);
            }

            if (!_calls.TryRemove(callId, out var call))
            {
                // The callback can overtake the originate answer: keep it (bounded) for the call about to be registered.
                if (_early.Count >= EarlyCallbackLimit || !_early.TryAdd(callId, (status, seconds)))
                {
                    return ValueTask.FromResult(VoiceCallbackResult.UnknownCall);
                }

                return ValueTask.FromResult(VoiceCallbackResult.Accepted);
            }

            Complete(callId, call, status, seconds);
        }

        return ValueTask.FromResult(VoiceCallbackResult.Accepted);
    }

    private void Complete(string callId, Call call, string status, int seconds)
    {
        if (_finished.Count >= EarlyCallbackLimit * 10)
        {
            _finished.Clear();
        }

        _finished.TryAdd(callId, 0);
        call.Timeout?.Dispose();
        _lines.Release();
        var providerId = call.FirstCallId ?? callId;
        var now = _time.GetUtcNow();
        var attempts = call.Attempt.ToString(CultureInfo.InvariantCulture);
        switch (status)
        {
            case "answered":
                var minutes = (int)Math.Max(1, Math.Ceiling(seconds / 60.0));
                _receipts!.OnReceipt(new DeliveryReceipt(call.Key, providerId, true, DeliveryError.None, $"answered after {attempts} call(s), {seconds} s", now) { BillableUnits = minutes });
                break;
            case "busy" or "no-answer" when call.Attempt < _options.MaxAttempts:
                _ = RetryLaterAsync(call with { Attempt = call.Attempt + 1, FirstCallId = providerId, Timeout = null });
                break;
            case "busy" or "no-answer":
                _receipts!.OnReceipt(new DeliveryReceipt(call.Key, providerId, false, DeliveryError.NotAnswered, $"{status} after {attempts} call(s)", now));
                break;
            default:
                _receipts!.OnReceipt(new DeliveryReceipt(call.Key, providerId, false, DeliveryError.Undeliverable, "the provider reports the call failed", now));
                break;
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        foreach (var call in _calls.Values)
        {
            call.Timeout?.Dispose();
        }

        if (_ownsClient)
        {
            _client.Dispose();
        }

        _stopping.Dispose();
        _lines.Dispose();
    }

    private async Task<SendResult> StartCallAsync(Call call, CancellationToken cancellationToken)
    {
        await _lines.WaitAsync(cancellationToken).ConfigureAwait(false);
        var holding = true;
        try
        {
            await _rate.WaitAsync(cancellationToken).ConfigureAwait(false);
            byte[]? audio = null;
            if (_options.AudioMode == VoiceAudioMode.EspeakWav)
            {
                try
                {
                    audio = await _audio.GetValue(call.Content, c => EspeakRenderer.RenderAsync(_options.EspeakPath, c.Language, c.Text, _options.MaxAudioBytes, CancellationToken.None)).WaitAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (InvalidOperationException e)
                {
                    return SendResult.Failure(DeliveryError.ContentRejected, "audio rendering failed: " + e.Message);
                }
            }

            var request = new HttpRequestMessage(HttpMethod.Post, _callsUri) { Content = OriginateBody(call, audio) };
            request.Headers.TryAddWithoutValidation("Idempotency-Key", call.Key + "#" + call.Attempt.ToString(CultureInfo.InvariantCulture));
            if (_options.ApiKey is { } key)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            }

            var outcome = await HttpExchange.SendAsync(_client, request, _options.Timeout, _options.MaxResponseBytes, _time, cancellationToken).ConfigureAwait(false);
            if (!outcome.IsSuccess)
            {
                return outcome.ToFailure();
            }

            if (!TryReadCallId(outcome.Body, out var callId))
            {
                return SendResult.Failure(DeliveryError.TemporaryFailure, $"HTTP {outcome.StatusCode}, but the answer has no call_id: {HttpExchange.Printable(outcome.Body)}");
            }

            var timer = _time.CreateTimer(static state => ((VoiceTransport)((object[])state!)[0]).Expire((string)((object[])state!)[1]), new object[] { this, callId }, _options.CallbackWait, Timeout.InfiniteTimeSpan);
            lock (_callGate)
            {
                var registered = call with { Timeout = timer };
                if (!_calls.TryAdd(callId, registered))
                {
                    timer.Dispose();
                    return SendResult.Failure(DeliveryError.TemporaryFailure, "the provider gave a call_id that is already in use");
                }

                holding = false;
                if (_early.TryRemove(callId, out var early) && _calls.TryRemove(callId, out _))
                {
                    Complete(callId, registered, early.Status, early.Seconds);
                }
            }

            return SendResult.Accepted(call.FirstCallId ?? callId);
        }
        finally
        {
            if (holding)
            {
                _lines.Release();
            }
        }
    }

    private async Task RetryLaterAsync(Call call)
    {
        try
        {
            await Task.Delay(_options.RetryDelay, _time, _stopping.Token).ConfigureAwait(false);
            var result = await StartCallAsync(call, _stopping.Token).ConfigureAwait(false);
            if (result.Status == SendStatus.Failed)
            {
                _receipts!.OnReceipt(new DeliveryReceipt(call.Key, call.FirstCallId, false, result.Error.IsTransient() ? DeliveryError.RetriesExhausted : result.Error, "calling again failed: " + result.Reason, _time.GetUtcNow()));
            }
        }
        catch (OperationCanceledException)
        {
            // The transport is being disposed: the delivery stays Sent and the engine's recovery decides.
        }
        catch (ObjectDisposedException)
        {
            // Same: disposed while waiting for a line.
        }
    }

    private void Expire(string callId)
    {
        if (_calls.TryRemove(callId, out var call))
        {
            call.Timeout?.Dispose();
            _lines.Release();
            _receipts?.OnReceipt(new DeliveryReceipt(call.Key, call.FirstCallId ?? callId, false, DeliveryError.Undeliverable, "no final status from the provider in time", _time.GetUtcNow()));
        }
    }

    private ByteArrayContent OriginateBody(Call call, byte[]? audio)
    {
        var buffer = new ArrayBufferWriter<byte>(1024 + (audio?.Length * 4 / 3 ?? 0) + (call.Content.Text.Length * 2));
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("to", call.Destination);
            json.WriteString("from", _options.CallerId);
            json.WriteString("language", call.Content.Language);
            if (_options.Voice is { } voice)
            {
                json.WriteString("voice", voice);
            }

            json.WriteString("text", call.Content.Text);
            if (audio is not null)
            {
                json.WriteBase64String("audio_wav", audio);
            }

            json.WriteString("reference", call.Key.ToString());
            json.WriteNumber("attempt", call.Attempt);
            json.WriteString("callback_url", _options.CallbackUrl!.AbsoluteUri);
            json.WriteNumber("ring_timeout_s", (int)_options.RingTimeout.TotalSeconds);
            json.WriteEndObject();
        }

        var content = new ByteArrayContent(buffer.WrittenSpan.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static bool TryReadCallId(byte[] body, out string callId)
    {
        callId = string.Empty;
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 8 });
            using var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("call_id", out var id)
                && id.ValueKind == JsonValueKind.String
                && id.GetString() is { Length: > 0 and <= 200 } text)
            {
                callId = text;
                return true;
            }
        }
        catch (JsonException)
        {
        }

        return false;
    }

    private static bool TryReadCallback(ReadOnlySpan<byte> body, out string callId, out string status, out int seconds)
    {
        callId = status = string.Empty;
        seconds = 0;
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 8 });
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("call_id", out var id) || id.ValueKind != JsonValueKind.String || id.GetString() is not { Length: > 0 and <= 200 } idText
                || !root.TryGetProperty("status", out var state) || state.ValueKind != JsonValueKind.String
                || state.GetString() is not ("answered" or "busy" or "no-answer" or "failed") || state.GetString() is not { } statusText)
            {
                return false;
            }

            if (root.TryGetProperty("duration_s", out var duration))
            {
                if (duration.ValueKind != JsonValueKind.Number || !duration.TryGetInt32(out seconds) || seconds is < 0 or > 86_400)
                {
                    return false;
                }
            }

            callId = idText;
            status = statusText;
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private sealed record Call(DeliveryKey Key, string Destination, MessageContent Content, int Attempt, string? FirstCallId)
    {
        public ITimer? Timeout { get; init; }
    }
}
