using System.Globalization;
using System.Net.Http.Headers;
using System.Threading.Channels;
using BeAlert.Dispatch;
using Microsoft.Extensions.Options;

namespace BeAlert.Gateway.Alerts;

/// <summary>
/// Pushes each new public message (alert, update, cancel) to the webhooks of the vendors whose areas it reaches:
/// <c>POST</c> of the original CAP bytes as <c>application/cap+xml</c>, signed like the dispatch engine's signage
/// push (<see cref="SignageSignature"/>: header <c>X-BeAlert-Signature: t=&lt;unix s&gt;,v1=&lt;hex HMAC-SHA256(secret,
/// "t." + body)&gt;</c>), with <c>X-BeAlert-Delivery</c> (stable per alert and vendor), <c>X-BeAlert-Attempt</c> and
/// <c>X-BeAlert-Event</c>. A 2xx is success; 408, 429, 5xx and network errors are retried with exponential backoff
/// (re-signed each time); other 4xx end the delivery. Every attempt goes to the delivery log. Retries live in memory:
/// a restart drops the ones pending (they are in the log as failed attempts; vendors catch up from the feeds).
/// </summary>
internal sealed partial class WebhookDispatcher : BackgroundService
{
    public const string HttpClientName = "bealert-alert-webhooks";

    private readonly Channel<StoredAlert> _queue;
    private readonly WebhookStore _store;
    private readonly IHttpClientFactory _http;
    private readonly AlertsOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<WebhookDispatcher> _logger;
    private readonly SemaphoreSlim _slots;

    private readonly IOptionsMonitor<WebhookTargetOptions> _targets;

    public WebhookDispatcher(AlertEventHub hub, WebhookStore store, IHttpClientFactory http, IOptions<AlertsOptions> options, TimeProvider time, ILogger<WebhookDispatcher> logger, IOptionsMonitor<WebhookTargetOptions> targets)
    {
        _targets = targets;
        ArgumentNullException.ThrowIfNull(hub);
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _http = http;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _slots = new SemaphoreSlim(_options.WebhookConcurrency);
        _queue = Channel.CreateBounded<StoredAlert>(new BoundedChannelOptions(_options.WebhookQueue) { SingleReader = true });
        hub.AttachWebhookQueue(_queue);
    }

    public override void Dispose()
    {
        _slots.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var running = new List<Task>();
        try
        {
            await foreach (var alert in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                IReadOnlyList<Webhook> hooks;
                try
                {
                    hooks = await _store.ActiveAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogLoadFailed(_logger, e);
                    continue;
                }

                foreach (var hook in hooks)
                {
                    if (VendorAreas.For(hook.Scope).Matches(alert))
                    {
                        await _slots.WaitAsync(stoppingToken).ConfigureAwait(false);
                        running.Add(DeliverAsync(hook, alert, stoppingToken));
                    }
                }

                running.RemoveAll(t => t.IsCompleted);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }

        await Task.WhenAll(running).ConfigureAwait(false);
    }

    private async Task DeliverAsync(Webhook hook, StoredAlert alert, CancellationToken stoppingToken)
    {
        try
        {
            var delivery = $"{alert.Sequence}-{hook.KeyId}";
            var backoff = _options.WebhookInitialBackoff;
            for (var attempt = 1; attempt <= _options.WebhookMaxAttempts; attempt++)
            {
                var (status, error, retry) = await SendAsync(hook, alert, delivery, attempt, stoppingToken).ConfigureAwait(false);
                var outcome = status is >= 200 and < 300 ? "delivered" : retry && attempt < _options.WebhookMaxAttempts ? "retrying" : "failed";
                await _store.LogAsync(hook.KeyId, alert.Sequence, attempt, outcome, status, error, CancellationToken.None).ConfigureAwait(false);
                if (outcome != "retrying")
                {
                    return;
                }

                await Task.Delay(backoff, _time, stoppingToken).ConfigureAwait(false);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.WebhookMaxBackoff.Ticks));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the pending retry is dropped (see the class remarks).
        }
        catch (Exception e)
        {
            LogDeliveryCrashed(_logger, e, alert.Sequence, hook.KeyId);
        }
        finally
        {
            _slots.Release();
        }
    }

    private async Task<(int? Status, string? Error, bool Retry)> SendAsync(Webhook hook, StoredAlert alert, string delivery, int attempt, CancellationToken stoppingToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(_options.WebhookTimeout);
        if (await WebhookTargets.CheckAsync(hook.Url, _targets.CurrentValue.AllowPrivateTargets, timeout.Token).ConfigureAwait(false) is { } refused)
        {
            return (null, "Refused: " + refused, false); // SSRF guard, checked again at send time (DNS may have changed)
        }

        var body = alert.Raw;
        using var content = new ReadOnlyMemoryContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(SignageTransport.MediaType);
        using var request = new HttpRequestMessage(HttpMethod.Post, hook.Url) { Content = content };
        request.Headers.Add(SignageSignature.HeaderName, SignageSignature.Compute(hook.Secret, _time.GetUtcNow(), body.Span));
        request.Headers.Add("X-BeAlert-Delivery", delivery);
        request.Headers.Add("X-BeAlert-Attempt", attempt.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("X-BeAlert-Event", alert.Alert.MsgType.ToString().ToLowerInvariant());
        if (attempt > 1)
        {
            request.Headers.Add("X-BeAlert-Possible-Duplicate", "true");
        }

        try
        {
            using var client = _http.CreateClient(HttpClientName);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var retry = status is 408 or 429 or >= 500;
            return (status, status is >= 200 and < 300 ? null : response.ReasonPhrase, retry);
        }
        catch (HttpRequestException e)
        {
            return (null, e.HttpRequestError.ToString(), true);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return (null, "Timeout", true);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not load the webhooks; this alert is not pushed.")]
    private static partial void LogLoadFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook delivery of alert {Sequence} to key {KeyId} failed unexpectedly.")]
    private static partial void LogDeliveryCrashed(ILogger logger, Exception exception, long sequence, string keyId);
}
