using System.Globalization;
using System.Net.Http.Headers;
using System.Threading.Channels;
using BeAlert.Dispatch;
using BeAlert.Gateway.Hosting;
using Microsoft.Extensions.Options;

namespace BeAlert.Gateway.Alerts;

/// <summary>
/// Pushes each new public message (alert, update, cancel) to the webhooks of the vendors whose areas it reaches:
/// <c>POST</c> of the original CAP bytes as <c>application/cap+xml</c>, signed like the dispatch engine's signage
/// push (<see cref="SignageSignature"/>: header <c>X-BeAlert-Signature: t=&lt;unix s&gt;,v1=&lt;hex HMAC-SHA256(secret,
/// "t." + body)&gt;</c>), with <c>X-BeAlert-Delivery</c> (stable per alert and vendor), <c>X-BeAlert-Attempt</c> and
/// <c>X-BeAlert-Event</c>. A 2xx is success; 408, 429, 5xx and network errors are retried with exponential backoff
/// (re-signed each time); other 4xx end the delivery. Every attempt goes to the delivery log.
/// <para>
/// Durable and shared by every instance on the database: each instance's <see cref="AlertFollower"/> publishes every
/// alert, and each inserts one <c>alert_webhook_outbox</c> row per matching vendor with <c>ON CONFLICT DO NOTHING</c>
/// (so one row per alert and vendor, whoever sees it first). Rows are claimed for a while (<c>FOR UPDATE SKIP
/// LOCKED</c> on PostgreSQL) by one instance, sent, then settled as done or due again at <c>next_attempt_at</c>. A
/// restart, or a peer once the claim lapsed, carries on with the pending ones. A crash during a POST can repeat
/// that push (at least once; <c>X-BeAlert-Delivery</c> lets the vendor drop the repeat).
/// </para>
/// </summary>
internal sealed partial class WebhookDispatcher : BackgroundService
{
    public const string HttpClientName = "bealert-alert-webhooks";

    private readonly Channel<StoredAlert> _queue;
    private readonly WebhookStore _store;
    private readonly AlertStore _alerts;
    private readonly IHttpClientFactory _http;
    private readonly AlertsOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<WebhookDispatcher> _logger;
    private readonly SemaphoreSlim _slots;
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string, long), bool> _inFlight = new();
    private readonly string _instance = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6));
    private long _seen;

    private readonly IOptionsMonitor<WebhookTargetOptions> _targets;

    public WebhookDispatcher(AlertEventHub hub, WebhookStore store, AlertStore alerts, IHttpClientFactory http, IOptions<AlertsOptions> options, TimeProvider time, ILogger<WebhookDispatcher> logger, IOptionsMonitor<WebhookTargetOptions> targets)
    {
        _targets = targets;
        ArgumentNullException.ThrowIfNull(hub);
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _alerts = alerts;
        _http = http;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _slots = new SemaphoreSlim(_options.WebhookConcurrency);
        _queue = Channel.CreateBounded<StoredAlert>(new BoundedChannelOptions(_options.WebhookQueue) { SingleReader = true });
        hub.AttachWebhookQueue(_queue);
    }

    /// <summary>How many published alerts this instance has matched against the webhooks (a test waits for it).</summary>
    public long Seen => Interlocked.Read(ref _seen);

    public override void Dispose()
    {
        _slots.Dispose();
        _wake.Dispose();
        base.Dispose();
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(EnqueueLoopAsync(stoppingToken), DeliverLoopAsync(stoppingToken));

    private async Task EnqueueLoopAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var alert in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    var hooks = await _store.ActiveAsync(stoppingToken).ConfigureAwait(false);
                    var keys = hooks.Where(h => VendorAreas.For(h.Scope).Matches(alert)).Select(h => h.KeyId).ToList();
                    if (await _store.EnqueueAsync(keys, alert.Sequence, stoppingToken).ConfigureAwait(false) > 0)
                    {
                        Wake();
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogLoadFailed(_logger, e, alert.Sequence);
                }

                Interlocked.Increment(ref _seen);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task DeliverLoopAsync(CancellationToken stoppingToken)
    {
        var running = new List<Task>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    var until = _time.GetUtcNow() + _options.WebhookTimeout + _options.WebhookTimeout;
                    var claimed = await _store.ClaimDueAsync(_instance, until, _options.WebhookConcurrency, stoppingToken).ConfigureAwait(false);
                    foreach (var item in claimed)
                    {
                        if (!_inFlight.TryAdd((item.KeyId, item.AlertSequence), true))
                        {
                            continue; // still being sent here (the claim lapsed on a test clock)
                        }

                        await _slots.WaitAsync(stoppingToken).ConfigureAwait(false);
                        running.Add(DeliverAsync(item, stoppingToken));
                    }

                    running.RemoveAll(t => t.IsCompleted);
                    if (claimed.Count >= _options.WebhookConcurrency)
                    {
                        continue;
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogClaimFailed(_logger, e);
                }

                // Wall-clock cadence (like AlertFollower); a new push wakes it at once.
                await _wake.WaitAsync(_options.FollowInterval, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: claimed pushes not sent stay in the outbox (due again once the claim lapses).
        }

        await Task.WhenAll(running).ConfigureAwait(false);
    }

    private void Wake() => WakeSignal.Signal(_wake);

    private async Task DeliverAsync(OutboxItem item, CancellationToken stoppingToken)
    {
        try
        {
            var hook = await _store.FindAsync(item.KeyId, stoppingToken).ConfigureAwait(false);
            var alert = hook is null ? null : await _alerts.GetAsync(item.AlertSequence, stoppingToken).ConfigureAwait(false);
            if (hook is null || alert is null)
            {
                // The webhook was removed or its key revoked since: nothing to push.
                await _store.SettleAsync(item, true, _time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
                return;
            }

            var attempt = item.Attempts + 1;
            var (status, error, retry) = await SendAsync(hook, alert, $"{alert.Sequence}-{hook.KeyId}", attempt, stoppingToken).ConfigureAwait(false);
            var outcome = status is >= 200 and < 300 ? "delivered" : retry && attempt < _options.WebhookMaxAttempts ? "retrying" : "failed";
            await _store.LogAsync(hook.KeyId, alert.Sequence, attempt, outcome, status, error, CancellationToken.None).ConfigureAwait(false);
            var backoff = TimeSpan.FromTicks(Math.Min(_options.WebhookInitialBackoff.Ticks * (1L << Math.Min(attempt - 1, 30)), _options.WebhookMaxBackoff.Ticks));
            await _store.SettleAsync(item, outcome != "retrying", _time.GetUtcNow() + backoff, CancellationToken.None).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the row stays claimed until its claim lapses, then this or another instance sends it.
        }
        catch (Exception e)
        {
            LogDeliveryCrashed(_logger, e, item.AlertSequence, item.KeyId);
        }
        finally
        {
            _inFlight.TryRemove((item.KeyId, item.AlertSequence), out _);
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not queue the webhook pushes of alert {Sequence}; it is not pushed (vendors still get it from feeds and SSE).")]
    private static partial void LogLoadFailed(ILogger logger, Exception exception, long sequence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Claiming due webhook pushes failed; the next round tries again.")]
    private static partial void LogClaimFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook delivery of alert {Sequence} to key {KeyId} failed unexpectedly.")]
    private static partial void LogDeliveryCrashed(ILogger logger, Exception exception, long sequence, string keyId);
}
