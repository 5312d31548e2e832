using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using BeAlert.Cap;

namespace BeAlert.Dispatch;

/// <summary>
/// Pushes alerts (new, updated, cancelled: the CAP XML as written by <see cref="CapWriter"/>) to one signage vendor's
/// webhook. Each request carries the <see cref="SignageSignature"/> header, the delivery key as
/// <c>X-BeAlert-Delivery</c> (the vendor's idempotency key), <c>X-BeAlert-Attempt</c> and, when an earlier attempt
/// may have arrived, <c>X-BeAlert-Possible-Duplicate: true</c>. Transient failures (429/503 with Retry-After, other
/// 5xx, timeouts, dropped connections) are retried here with exponential backoff; when the retries run out, or the
/// vendor refuses the push (4xx), it goes to the dead letters and the result is a permanent failure.
/// </summary>
public sealed class SignageTransport : IDeliveryTransport
{
    /// <summary>The media type of the pushed body.</summary>
    public const string MediaType = "application/cap+xml";

    private readonly SignageOptions _options;
    private readonly ISignageDeadLetters _deadLetters;
    private readonly HttpClient _client;
    private readonly bool _ownsClient;
    private readonly TimeProvider _time;
    private readonly ConditionalWeakTable<CapAlert, byte[]> _bodies = new();

    /// <summary>Creates the transport; the options are validated here and must not change afterwards.</summary>
    /// <param name="options">The vendor's endpoint, secret and retry settings.</param>
    /// <param name="deadLetters">Where failed pushes go.</param>
    /// <param name="httpClient">A client to use (not disposed here), or <see langword="null"/> for one of the transport's own.</param>
    /// <param name="timeProvider">The clock for signatures, deadlines and backoff; <see cref="TimeProvider.System"/> by default.</param>
    /// <exception cref="ArgumentException">The options are not valid (every problem listed).</exception>
    public SignageTransport(SignageOptions options, ISignageDeadLetters deadLetters, HttpClient? httpClient = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(deadLetters);
        options.Validate();
        _options = options;
        _deadLetters = deadLetters;
        _time = timeProvider ?? TimeProvider.System;
        _ownsClient = httpClient is null;
        _client = httpClient ?? HttpExchange.CreateClient(options.MaxConcurrency, options.Timeout);
    }

    /// <inheritdoc/>
    public DeliveryChannel Channel => DeliveryChannel.Signage;

    /// <inheritdoc/>
    public string Name => _options.Name;

    /// <inheritdoc/>
    public int MaxConcurrency => _options.MaxConcurrency;

    /// <inheritdoc/>
    public ValueTask StartAsync(IDeliveryReceiptSink receipts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(receipts);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public async ValueTask<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message.Content);
        var alert = message.Content.Alert;
        var body = _bodies.GetValue(alert, static a => CapWriter.WriteToBytes(a));
        var push = new Push(message.Key, alert.Identifier, alert.MsgType.ToString(), body, message.IsPossibleDuplicate);
        var (result, attempts, last) = await PushAsync(push, 0, cancellationToken).ConfigureAwait(false);
        if (result.Status == SendStatus.Delivered)
        {
            return result;
        }

        var letter = new SignageDeadLetter(Guid.NewGuid(), Name, message.Key, push.AlertIdentifier, push.MessageType, body, attempts, last.Error, last.Reason, _time.GetUtcNow());
        await _deadLetters.SaveAsync(letter, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>
    /// Pushes a dead letter of this endpoint again (with the configured retries). On success it is dismissed; otherwise
    /// it stays, with its attempts, error and time brought up to date.
    /// </summary>
    /// <param name="id">The dead letter's identity.</param>
    /// <param name="cancellationToken">Stops the retry.</param>
    /// <returns>The outcome, or <see langword="null"/> when there is no such dead letter.</returns>
    /// <exception cref="ArgumentException">The dead letter belongs to another endpoint.</exception>
    public async ValueTask<SendResult?> RetryDeadLetterAsync(Guid id, CancellationToken cancellationToken)
    {
        var letter = await _deadLetters.FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (letter is null)
        {
            return null;
        }

        if (!string.Equals(letter.Endpoint, Name, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The dead letter {id} belongs to the signage endpoint '{letter.Endpoint}', not '{Name}'.", nameof(id));
        }

        var push = new Push(letter.Key, letter.AlertIdentifier, letter.MessageType, letter.Body, PossibleDuplicate: true);
        var (result, attempts, last) = await PushAsync(push, letter.Attempts, cancellationToken).ConfigureAwait(false);
        if (result.Status == SendStatus.Delivered)
        {
            await _deadLetters.DismissAsync(id, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await _deadLetters.SaveAsync(letter with { Attempts = attempts, Error = last.Error, Reason = last.Reason, FailedAt = _time.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        if (_ownsClient)
        {
            _client.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private async Task<(SendResult Result, int Attempts, HttpOutcome Last)> PushAsync(Push push, int earlierAttempts, CancellationToken cancellationToken)
    {
        var attempts = earlierAttempts;
        for (var i = 1; ; i++)
        {
            attempts++;
            var outcome = await HttpExchange.SendAsync(_client, CreateRequest(push, attempts, i > 1), _options.Timeout, _options.MaxResponseBytes, _time, cancellationToken).ConfigureAwait(false);
            if (outcome.IsSuccess)
            {
                return (new SendResult(SendStatus.Delivered, Reason: $"HTTP {outcome.StatusCode}"), attempts, outcome);
            }

            if (!outcome.Error.IsTransient())
            {
                return (SendResult.Failure(outcome.Error, outcome.Reason), attempts, outcome);
            }

            if (i >= _options.MaxAttempts)
            {
                var reason = string.Create(CultureInfo.InvariantCulture, $"{i} attempts failed; last: {outcome.Reason}");
                return (SendResult.Failure(DeliveryError.RetriesExhausted, reason), attempts, outcome);
            }

            var delay = Backoff.Delay(i, _options.InitialBackoff, _options.MaxBackoff, outcome.RetryAfter);
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private HttpRequestMessage CreateRequest(Push push, int attempt, bool retry)
    {
        var content = new ReadOnlyMemoryContent(push.Body);
        content.Headers.ContentType = new MediaTypeHeaderValue(MediaType) { CharSet = "utf-8" };
        var request = new HttpRequestMessage(HttpMethod.Post, _options.Endpoint) { Content = content };
        var headers = request.Headers;
        headers.TryAddWithoutValidation(SignageSignature.HeaderName, SignageSignature.Compute(_options.Secret!, _time.GetUtcNow(), push.Body.Span));
        headers.TryAddWithoutValidation("X-BeAlert-Delivery", push.Key.ToString());
        headers.TryAddWithoutValidation("X-BeAlert-Attempt", attempt.ToString(CultureInfo.InvariantCulture));
        headers.TryAddWithoutValidation("X-BeAlert-Message-Type", push.MessageType);
        if (retry || push.PossibleDuplicate)
        {
            headers.TryAddWithoutValidation("X-BeAlert-Possible-Duplicate", "true");
        }

        return request;
    }

    private readonly record struct Push(DeliveryKey Key, string AlertIdentifier, string MessageType, ReadOnlyMemory<byte> Body, bool PossibleDuplicate);
}
