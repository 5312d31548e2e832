using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace BeAlert.Dispatch;

/// <summary>
/// One bounded HTTP request/response for the HTTP transports (cell broadcast, voice, signage): a deadline measured on
/// the injected <see cref="TimeProvider"/>, a response size limit, and every failure mapped to a
/// <see cref="DeliveryError"/> value (429/503 throttled with Retry-After, other 5xx temporary, 4xx rejected, no answer in
/// time a timeout, a refused or dropped connection a connection failure, an oversized answer a temporary failure).
/// </summary>
internal static class HttpExchange
{
    /// <summary>The longest peer text copied into a reason.</summary>
    private const int ReasonTextLength = 200;

    /// <summary>Creates the handler the transports use when the host gives no <see cref="HttpClient"/>.</summary>
    /// <param name="maxConnections">Connections per server (the transport's concurrency).</param>
    /// <param name="connectTimeout">How long a connection attempt may take.</param>
    /// <returns>A handler without redirects, cookies or decompression, with bounded headers.</returns>
    public static SocketsHttpHandler CreateHandler(int maxConnections, TimeSpan connectTimeout) => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
        ConnectTimeout = connectTimeout,
        MaxConnectionsPerServer = maxConnections,
        MaxResponseHeadersLength = 64, // KiB
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        UseProxy = false,
    };

    /// <summary>Creates an <see cref="HttpClient"/> over <see cref="CreateHandler"/> with no client-wide timeout (each exchange has its own).</summary>
    public static HttpClient CreateClient(int maxConnections, TimeSpan connectTimeout) =>
        new(CreateHandler(maxConnections, connectTimeout), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>Sends a request and reads at most <paramref name="maxResponseBytes"/> of the answer.</summary>
    /// <param name="client">The client.</param>
    /// <param name="request">The request (disposed here).</param>
    /// <param name="timeout">The deadline for the whole exchange, headers and body.</param>
    /// <param name="maxResponseBytes">The largest body accepted.</param>
    /// <param name="timeProvider">The clock of the deadline.</param>
    /// <param name="cancellationToken">The caller's token: its cancellation propagates as <see cref="OperationCanceledException"/>.</param>
    /// <returns>The outcome.</returns>
    public static async Task<HttpOutcome> SendAsync(
        HttpClient client,
        HttpRequestMessage request,
        TimeSpan timeout,
        int maxResponseBytes,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            using (request)
            using (var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false))
            {
                var status = (int)response.StatusCode;
                var (body, tooLarge) = await ReadBoundedAsync(response.Content, maxResponseBytes, linked.Token).ConfigureAwait(false);
                if (tooLarge)
                {
                    return new(status, DeliveryError.TemporaryFailure, $"HTTP {status}: the answer is larger than the {maxResponseBytes}-byte limit", null, []);
                }

                var error = Classify(status);
                var retryAfter = error == DeliveryError.Throttled ? RetryAfter(response.Headers.RetryAfter, timeProvider) : null;
                return new(status, error, Describe(status, response.ReasonPhrase, body), retryAfter, body);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new(0, DeliveryError.Timeout, $"no complete answer within {timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s", null, []);
        }
        catch (HttpRequestException e)
        {
            return new(0, DeliveryError.ConnectionFailed, "connection failed: " + Shorten(e.HttpRequestError.ToString()), null, []);
        }
        catch (IOException)
        {
            return new(0, DeliveryError.ConnectionFailed, "connection failed: the peer closed the connection while answering", null, []);
        }
    }

    /// <summary>Maps a status code to a delivery error: 2xx none; 429 and 503 throttled; 408 a timeout; other 5xx temporary; 4xx and the rest rejected.</summary>
    /// <param name="status">The HTTP status.</param>
    /// <returns>The error.</returns>
    public static DeliveryError Classify(int status) => status switch
    {
        >= 200 and < 300 => DeliveryError.None,
        429 or 503 => DeliveryError.Throttled,
        408 => DeliveryError.Timeout,
        >= 500 and < 600 => DeliveryError.TemporaryFailure,
        _ => DeliveryError.Rejected,
    };

    /// <summary>The delay a Retry-After header asks for (a number of seconds or a date), never negative, at most a day.</summary>
    public static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, TimeProvider timeProvider)
    {
        TimeSpan? delay = header switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - timeProvider.GetUtcNow(),
            _ => null,
        };
        return delay is { } d ? TimeSpan.FromTicks(Math.Clamp(d.Ticks, 0, TimeSpan.TicksPerDay)) : null;
    }

    private static async Task<(byte[] Body, bool TooLarge)> ReadBoundedAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength is { } length && length > maxBytes)
        {
            return ([], true);
        }

        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[Math.Min(maxBytes + 1, 4096)];
            var total = 0;
            while (true)
            {
                if (total == buffer.Length)
                {
                    if (buffer.Length > maxBytes)
                    {
                        return ([], true);
                    }

                    Array.Resize(ref buffer, Math.Min(buffer.Length * 2, maxBytes + 1));
                }

                var read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                total += read;
            }

            if (total > maxBytes)
            {
                return ([], true);
            }

            return (total == buffer.Length ? buffer : buffer[..total], false);
        }
    }

    private static string Describe(int status, string? phrase, byte[] body)
    {
        var text = body.Length == 0 ? phrase ?? string.Empty : Printable(body);
        return text.Length == 0 ? $"HTTP {status}" : $"HTTP {status}: {text}";
    }

    /// <summary>The start of a peer's answer as one printable line (control characters become spaces), for reasons.</summary>
    public static string Printable(ReadOnlySpan<byte> body)
    {
        var text = Encoding.UTF8.GetString(body[..Math.Min(body.Length, ReasonTextLength * 4)]);
        var builder = new StringBuilder(Math.Min(text.Length, ReasonTextLength));
        foreach (var c in text)
        {
            if (builder.Length == ReasonTextLength)
            {
                break;
            }

            builder.Append(char.IsControl(c) ? ' ' : c);
        }

        return builder.ToString().Trim();
    }

    private static string Shorten(string text) => text.Length <= ReasonTextLength ? text : text[..ReasonTextLength];
}
