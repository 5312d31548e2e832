using System.Globalization;
using System.Text;
using System.Text.Json;
using BeAlert.Cap;
using BeAlert.Gateway.Audit;
using BeAlert.Gateway.Hosting;
using BeAlert.Gateway.Security;
using Microsoft.Extensions.Options;

namespace BeAlert.Gateway.Alerts;

/// <summary>A webhook registration (<c>PUT /api/feeds/webhook</c>).</summary>
public sealed record WebhookRequest(string? Url, string? Secret);

/// <summary>A webhook as shown back to its vendor: never the secret.</summary>
public sealed record WebhookView(string Url, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, IReadOnlyList<WebhookDelivery> Deliveries);

/// <summary>
/// The vendor feeds (policy Vendor): Atom and RSS of the active alerts in the key's areas (ETag, If-None-Match 304),
/// a server-sent-events stream (<c>id:</c> = alert sequence, Last-Event-ID resume from the database, heartbeats, a
/// bounded buffer per subscriber) and a webhook per key.
/// </summary>
internal static class FeedEndpoints
{
    public static void Map(WebApplication app)
    {
        var group = app.MapGroup("/api/feeds").WithTags("Vendor feeds").RequireAuthorization(GatewayPolicies.Vendor);

        group.MapGet("/atom", (HttpContext context, ActiveAlertSet set, IOptions<AlertsOptions> options, TimeProvider time) =>
                VendorFeed(context, set, options.Value, time, CapFeedFormat.Atom))
            .Produces(StatusCodes.Status200OK, contentType: AlertHttp.AtomType)
            .Produces(StatusCodes.Status304NotModified)
            .WithName("GetVendorAtomFeed")
            .WithSummary("Atom feed of the active public alerts in this key's areas; send If-None-Match for a 304.");

        group.MapGet("/rss", (HttpContext context, ActiveAlertSet set, IOptions<AlertsOptions> options, TimeProvider time) =>
                VendorFeed(context, set, options.Value, time, CapFeedFormat.Rss))
            .Produces(StatusCodes.Status200OK, contentType: AlertHttp.RssType)
            .Produces(StatusCodes.Status304NotModified)
            .WithName("GetVendorRssFeed")
            .WithSummary("RSS 2.0 feed of the active public alerts in this key's areas; send If-None-Match for a 304.");

        group.MapGet("/events", StreamAsync)
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithName("GetVendorEvents")
            .WithSummary("Server-sent events: each new public message in this key's areas (id = sequence). Reconnect with Last-Event-ID to resume.");

        group.MapPut("/webhook", PutWebhookAsync)
            .Accepts<WebhookRequest>("application/json")
            .Produces<WebhookView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithName("PutVendorWebhook")
            .WithSummary("Registers (or replaces) this key's webhook: each new, updated or cancelled alert in its areas is POSTed as signed CAP XML. "
                + "Refused (422) unless http or https, without credentials, and resolving only to public addresses.");

        group.MapGet("/webhook", async (HttpContext context, WebhookStore store, CancellationToken ct) =>
            {
                var keyId = context.GetCaller().KeyId;
                var hook = await store.FindAsync(keyId, ct).ConfigureAwait(false);
                return hook is null
                    ? AlertHttp.Problem(StatusCodes.Status404NotFound, "No webhook", "This key has no webhook; register one with PUT /api/feeds/webhook.")
                    : Results.Ok(new WebhookView(hook.Url.AbsoluteUri, hook.CreatedAt, hook.UpdatedAt, await store.DeliveriesAsync(keyId, 100, ct).ConfigureAwait(false)));
            })
            .Produces<WebhookView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetVendorWebhook")
            .WithSummary("This key's webhook and its last 100 delivery attempts (the secret is never shown).");

        group.MapDelete("/webhook", async (HttpContext context, WebhookStore store, AuditLog audit, CancellationToken ct) =>
            {
                if (!await store.DeleteAsync(context.GetCaller().KeyId, ct).ConfigureAwait(false))
                {
                    return AlertHttp.Problem(StatusCodes.Status404NotFound, "No webhook", "This key has no webhook.");
                }

                await audit.RecordAsync(context, "webhook.deleted", context.GetCaller().KeyId, null, ct).ConfigureAwait(false);
                return Results.NoContent();
            })
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("DeleteVendorWebhook")
            .WithSummary("Removes this key's webhook.");
    }

    private static IResult VendorFeed(HttpContext context, ActiveAlertSet set, AlertsOptions options, TimeProvider time, CapFeedFormat format)
    {
        var areas = VendorAreas.For(context.GetCaller().Vendor);
        var baseUrl = AlertHttp.BaseUrl(context.Request);
        var path = format == CapFeedFormat.Rss ? "/api/feeds/rss" : "/api/feeds/atom";
        var snapshot = set.Current();
        var rendered = set.Render($"vendor|{format}|{baseUrl}|{areas.CacheKey}", snapshot, alerts =>
            AlertHttp.RenderFeed(alerts.Where(areas.Matches).Take(options.MaxFeedEntries), format, baseUrl, path, "/api/alerts/", "BeAlert: active alerts in your areas", time));
        return AlertHttp.Cached(context, rendered, format == CapFeedFormat.Rss ? AlertHttp.RssType : AlertHttp.AtomType, "private, no-cache");
    }

    private static async Task StreamAsync(HttpContext context, AlertStore store, AlertEventHub hub, IOptions<AlertsOptions> options, TimeProvider time)
    {
        var o = options.Value;
        var cancellationToken = context.RequestAborted;
        var lastEventId = context.Request.Headers["Last-Event-ID"].ToString();
        if (string.IsNullOrEmpty(lastEventId))
        {
            lastEventId = context.Request.Query["lastEventId"].ToString();
        }

        long? resumeAfter = null;
        if (!string.IsNullOrEmpty(lastEventId))
        {
            if (!long.TryParse(lastEventId, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                await AlertHttp.Problem(StatusCodes.Status400BadRequest, "Bad Last-Event-ID", "Last-Event-ID must be the id of an event received earlier (a non-negative integer).").ExecuteAsync(context).ConfigureAwait(false);
                return;
            }

            resumeAfter = parsed;
        }

        var areas = VendorAreas.For(context.GetCaller().Vendor);
        using var subscription = hub.Subscribe(o.SubscriberBuffer, areas.Matches);
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        await response.WriteAsync("retry: 5000\n\n", cancellationToken).ConfigureAwait(false);

        var baseUrl = AlertHttp.BaseUrl(context.Request);
        long last = 0;
        var replayedIds = new HashSet<long>();
        try
        {
            if (resumeAfter is { } after)
            {
                last = after;
                var replayed = 0;
                while (replayed < o.MaxReplay)
                {
                    var page = await store.ListAfterAsync(last, Math.Min(500, o.MaxReplay - replayed), cancellationToken).ConfigureAwait(false);
                    foreach (var alert in page)
                    {
                        if (areas.Matches(alert))
                        {
                            await WriteEventAsync(response, alert, baseUrl, cancellationToken).ConfigureAwait(false);
                        }

                        last = alert.Sequence;
                        replayedIds.Add(alert.Sequence);
                    }

                    replayed += page.Count;
                    if (page.Count < 500)
                    {
                        break;
                    }
                }
            }

            await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
            var reader = subscription.Reader;
            var waiting = reader.WaitToReadAsync(cancellationToken).AsTask();
            while (!cancellationToken.IsCancellationRequested)
            {
                using var heartbeat = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var tick = Task.Delay(o.HeartbeatInterval, time, heartbeat.Token);
                var first = await Task.WhenAny(waiting, tick).ConfigureAwait(false);
                if (first == tick)
                {
                    await response.WriteAsync(": heartbeat\n\n", cancellationToken).ConfigureAwait(false);
                    await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
                    continue;
                }

                await heartbeat.CancelAsync().ConfigureAwait(false);
                if (!await waiting.ConfigureAwait(false))
                {
                    // The buffer overflowed (a slow reader): end the stream; the client resumes with Last-Event-ID.
                    return;
                }

                while (reader.TryRead(out var alert))
                {
                    // The hub publishes in sequence order; below the last id come only the replayed ones (skipped)
                    // and a late commit the follower gave up waiting for (sent: the client has not seen it).
                    if (alert.Sequence > last || !replayedIds.Contains(alert.Sequence))
                    {
                        await WriteEventAsync(response, alert, baseUrl, cancellationToken).ConfigureAwait(false);
                        last = Math.Max(last, alert.Sequence);
                    }
                }

                await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
                waiting = reader.WaitToReadAsync(cancellationToken).AsTask();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away.
        }
    }

    private static async Task WriteEventAsync(HttpResponse response, StoredAlert alert, string baseUrl, CancellationToken cancellationToken)
    {
        var data = JsonSerializer.Serialize(
            new
            {
                sequence = alert.Sequence,
                identifier = alert.Identifier,
                sender = alert.Sender,
                sent = alert.Alert.Sent.ToString(),
                msgType = alert.Alert.MsgType.ToString(),
                status = alert.Alert.Status.ToString(),
                references = alert.Alert.References.Select(r => r.ToString()).ToList(),
                municipalities = alert.Municipalities,
                url = baseUrl + AlertJson.Location(alert.Identifier),
                cap = Encoding.UTF8.GetString(alert.Raw.Span),
            },
            AlertJson.Options);
        var text = string.Create(CultureInfo.InvariantCulture, $"id: {alert.Sequence}\nevent: {alert.Alert.MsgType.ToString().ToLowerInvariant()}\ndata: {data}\n\n");
        await response.WriteAsync(text, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IResult> PutWebhookAsync(HttpContext context, WebhookStore store, AuditLog audit, IOptions<GatewayOptions> gateway, IOptionsMonitor<WebhookTargetOptions> targets, CancellationToken cancellationToken)
    {
        var max = gateway.Value.Limits.MaxJsonBytes;
        var body = await AlertHttp.ReadBoundedAsync(context.Request, max, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return AlertHttp.Problem(StatusCodes.Status413PayloadTooLarge, "Body too large", $"The body may be at most {max:N0} bytes.");
        }

        WebhookRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<WebhookRequest>(body, AlertJson.Options);
        }
        catch (JsonException e)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [$"Not valid JSON: {e.Message}"] });
        }

        var errors = new Dictionary<string, string[]>();
        if (request?.Url is null || !Uri.TryCreate(request.Url, UriKind.Absolute, out var url) || request.Url.Length > 2048)
        {
            errors["url"] = ["url must be an absolute URL of at most 2,048 characters."];
            url = null;
        }

        if (request?.Secret is not { Length: >= 16 and <= 256 })
        {
            errors["secret"] = ["secret must be 16 to 256 characters; it keys the HMAC-SHA256 signature of each push."];
        }

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }

        if (await WebhookTargets.CheckAsync(url!, targets.CurrentValue.AllowPrivateTargets, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return AlertHttp.Problem(StatusCodes.Status422UnprocessableEntity, "Webhook target refused", refused);
        }

        var keyId = context.GetCaller().KeyId;
        await store.SetAsync(keyId, url!, request!.Secret!, cancellationToken).ConfigureAwait(false);
        await audit.RecordAsync(context, "webhook.set", keyId, url!.GetLeftPart(UriPartial.Path), cancellationToken).ConfigureAwait(false);
        var hook = await store.FindAsync(keyId, cancellationToken).ConfigureAwait(false);
        return Results.Ok(new WebhookView(hook!.Url.AbsoluteUri, hook.CreatedAt, hook.UpdatedAt, []));
    }
}
