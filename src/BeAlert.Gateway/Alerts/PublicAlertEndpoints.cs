using System.Globalization;
using BeAlert.Cap;
using Microsoft.Extensions.Options;

namespace BeAlert.Gateway.Alerts;

/// <summary>
/// The public alert map's data, without a key: Atom and GeoJSON of the active alerts with scope Public and status
/// Actual or Test from non-simulation accounts, and each such alert's CAP XML (the feed's links). ETag/304,
/// <c>Cache-Control: public</c>, and CORS for GET from any origin. <c>/api/public/events</c> is a server-sent-events
/// stream that says when the public active set changes (a new, updated, cancelled or expired public alert), so the
/// map reloads the GeoJSON; it carries no alert data itself, needs no key, and is bounded in connections
/// (<c>BeAlert:Alerts:MaxPublicStreams</c>, default 1,000; beyond it 503 with Retry-After and the page polls) and per
/// client address (<c>BeAlert:Alerts:MaxPublicStreamsPerAddress</c>, default 4; beyond it 429 with Retry-After). Open
/// streams end as soon as the host begins to stop, so they do not hold up a shutdown.
/// </summary>
internal static class PublicAlertEndpoints
{
    private const string CacheControl = "public, max-age=5";

    /// <summary>Default for <c>BeAlert:Alerts:MaxPublicStreams</c>: open public event streams at once.</summary>
    public const int DefaultMaxPublicStreams = 1_000;

    /// <summary>Default for <c>BeAlert:Alerts:MaxPublicStreamsPerAddress</c>: open public event streams per client address (IPv6: per /64).</summary>
    public const int DefaultMaxPublicStreamsPerAddress = 4;

    public static void Map(WebApplication app)
    {
        var group = app.MapGroup("/api/public").WithTags("Public").AllowAnonymous();
        group.AddEndpointFilter(async (context, next) =>
        {
            var headers = context.HttpContext.Response.Headers;
            headers.AccessControlAllowOrigin = "*";
            headers.AccessControlExposeHeaders = "ETag";
            return await next(context).ConfigureAwait(false);
        });

        group.MapGet("/alerts.atom", (HttpContext context, ActiveAlertSet set, IOptions<AlertsOptions> options, TimeProvider time) =>
            {
                var baseUrl = AlertHttp.BaseUrl(context.Request);
                var snapshot = set.Current();
                var rendered = set.Render($"public|atom|{baseUrl}", snapshot, alerts =>
                    AlertHttp.RenderFeed(alerts.Where(IsPublic).Take(options.Value.MaxFeedEntries), CapFeedFormat.Atom, baseUrl, "/api/public/alerts.atom", "/api/public/alerts/", "BE-Alert: active public alerts", time));
                return AlertHttp.Cached(context, rendered, AlertHttp.AtomType, CacheControl);
            })
            .Produces(StatusCodes.Status200OK, contentType: AlertHttp.AtomType)
            .Produces(StatusCodes.Status304NotModified)
            .WithName("GetPublicAtomFeed")
            .WithSummary("Atom feed of the active public alerts (no key needed).");

        group.MapGet("/alerts.geojson", (HttpContext context, ActiveAlertSet set, IOptions<AlertsOptions> options) =>
            {
                var snapshot = set.Current();
                var rendered = set.Render("public|geojson", snapshot, alerts => AlertHttp.RenderGeoJson(alerts.Where(IsPublic).Take(options.Value.MaxFeedEntries)));
                return AlertHttp.Cached(context, rendered, AlertHttp.GeoJsonType, CacheControl);
            })
            .Produces(StatusCodes.Status200OK, contentType: AlertHttp.GeoJsonType)
            .Produces(StatusCodes.Status304NotModified)
            .WithName("GetPublicGeoJson")
            .WithSummary("GeoJSON of the active public alerts' areas, for the alert map (no key needed).");

        group.MapGet("/alerts/{identifier}", (HttpContext context, string identifier, string? sender, ActiveAlertSet set) =>
            {
                var matches = set.Current().Alerts.Where(a => IsPublic(a) && a.Identifier == identifier && (sender is null || a.Sender == sender)).ToList();
                if (matches.Count != 1)
                {
                    return AlertHttp.Problem(
                        matches.Count == 0 ? StatusCodes.Status404NotFound : StatusCodes.Status409Conflict,
                        matches.Count == 0 ? "Unknown alert" : "Ambiguous identifier",
                        matches.Count == 0 ? $"No active public alert '{identifier}'." : "Several senders used this identifier: add ?sender=.");
                }

                var raw = matches[0].Raw.ToArray();
                return AlertHttp.Cached(context, raw, AlertHttp.ETagOf(matches[0].Sequence, raw), CapFeedWriter.CapMediaType, CacheControl);
            })
            .Produces(StatusCodes.Status200OK, contentType: CapFeedWriter.CapMediaType)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetPublicAlert")
            .WithSummary("The CAP XML of an active public alert (no key needed).");

        var streams = new PublicStreamCounter(
            app.Configuration.GetValue<int?>("BeAlert:Alerts:MaxPublicStreams") is { } max and > 0 ? max : DefaultMaxPublicStreams,
            app.Configuration.GetValue<int?>("BeAlert:Alerts:MaxPublicStreamsPerAddress") is { } perAddress and > 0 ? perAddress : DefaultMaxPublicStreamsPerAddress);
        var stopping = app.Lifetime.ApplicationStopping;
        group.MapGet("/events", (HttpContext context, ActiveAlertSet set, AlertEventHub hub, IOptions<AlertsOptions> options, TimeProvider time) =>
                StreamChangesAsync(context, set, hub, options.Value, time, streams, stopping))
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .ProducesProblem(StatusCodes.Status406NotAcceptable)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithName("GetPublicEvents")
            .WithSummary("Server-sent events for the public alert map: an 'alerts' event (data: {version, count}) at once and each time the active public alerts change; heartbeats in between. No key needed.");

        group.MapMethods("/{**path}", ["OPTIONS"], (HttpContext context) =>
            {
                var headers = context.Response.Headers;
                headers.AccessControlAllowMethods = "GET, OPTIONS";
                headers.AccessControlAllowHeaders = "If-None-Match";
                headers.AccessControlMaxAge = "86400";
                return Results.NoContent();
            })
            .ExcludeFromDescription();
    }

    /// <summary>
    /// A short fingerprint of which public alerts are active: the same set gives the same version, any change (new,
    /// updated, cancelled, expired) a different one. Not the feed's ETag, which also moves for non-public alerts.
    /// </summary>
    internal static string PublicVersion(ActiveSnapshot snapshot, out int count)
    {
        var hash = new HashCode();
        count = 0;
        foreach (var alert in snapshot.Alerts)
        {
            if (IsPublic(alert))
            {
                hash.Add(alert.Sequence);
                count++;
            }
        }

        return string.Create(CultureInfo.InvariantCulture, $"{count}-{(uint)hash.ToHashCode():x8}");
    }

    private static async Task StreamChangesAsync(HttpContext context, ActiveAlertSet set, AlertEventHub hub, AlertsOptions options, TimeProvider time, PublicStreamCounter streams, CancellationToken stopping)
    {
        // EventSource always asks for text/event-stream; a plain GET (a crawler, a sweep) gets an answer, not an endless body.
        if (!context.Request.Headers.Accept.ToString().Contains("text/event-stream", StringComparison.OrdinalIgnoreCase))
        {
            await AlertHttp.Problem(StatusCodes.Status406NotAcceptable, "Event stream only", "This is a server-sent-events stream: send Accept: text/event-stream (EventSource does).").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        var address = Web.Console.SignInThrottle.AddressKey(context.Connection.RemoteIpAddress);
        switch (streams.TryEnter(address))
        {
            case StreamAdmission.Full:
                context.Response.Headers.RetryAfter = "30";
                await AlertHttp.Problem(StatusCodes.Status503ServiceUnavailable, "Too many listeners", "Too many open public event streams; poll /api/public/alerts.geojson with If-None-Match instead.").ExecuteAsync(context).ConfigureAwait(false);
                return;
            case StreamAdmission.AddressFull:
                context.Response.Headers.RetryAfter = "30";
                await AlertHttp.Problem(StatusCodes.Status429TooManyRequests, "Too many streams from this address", "This address has the most public event streams open at once; close one, or poll /api/public/alerts.geojson with If-None-Match.").ExecuteAsync(context).ConfigureAwait(false);
                return;
        }

        // The visitor leaving or the host stopping ends the stream.
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        var cancellationToken = linked.Token;
        try
        {
            // Only the fact that something public changed matters: what is buffered is drained at once and coalesced.
            using var subscription = hub.Subscribe(options.SubscriberBuffer, a => a.IsForPublicChannels);
            var response = context.Response;
            response.ContentType = "text/event-stream";
            response.Headers.CacheControl = "no-cache";
            response.Headers["X-Accel-Buffering"] = "no";
            await response.WriteAsync("retry: 5000\n\n", cancellationToken).ConfigureAwait(false);
            string? sent = null;
            var reader = subscription.Reader;
            var waiting = reader.WaitToReadAsync(cancellationToken).AsTask();
            while (!cancellationToken.IsCancellationRequested)
            {
                var version = PublicVersion(set.Current(), out var count);
                if (version != sent)
                {
                    await response.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"event: alerts\ndata: {{\"version\":\"{version}\",\"count\":{count}}}\n\n"), cancellationToken).ConfigureAwait(false);
                    sent = version;
                }

                await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
                using var heartbeat = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var tick = Task.Delay(options.HeartbeatInterval, time, heartbeat.Token);
                if (await Task.WhenAny(waiting, tick).ConfigureAwait(false) == tick)
                {
                    // Expiry is noticed here: the next loop compares the version again.
                    await response.WriteAsync(": heartbeat\n\n", cancellationToken).ConfigureAwait(false);
                    continue;
                }

                await heartbeat.CancelAsync().ConfigureAwait(false);
                if (!await waiting.ConfigureAwait(false))
                {
                    // The buffer overflowed: the subscription ended; the browser reconnects (retry) and reloads.
                    return;
                }

                while (reader.TryRead(out _))
                {
                }

                waiting = reader.WaitToReadAsync(cancellationToken).AsTask();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The visitor left.
        }
        finally
        {
            streams.Exit(address);
        }
    }

    private enum StreamAdmission
    {
        Admitted,
        Full,
        AddressFull,
    }

    /// <summary>
    /// Counts the open public event streams of one app against their limit, in all and per client address. Only
    /// addresses with an open stream are tracked, so the table holds at most the global limit of entries.
    /// </summary>
    private sealed class PublicStreamCounter(int max, int maxPerAddress)
    {
        private readonly Dictionary<string, int> _perAddress = new(StringComparer.Ordinal);
        private readonly Lock _gate = new();
        private int _open;

        public StreamAdmission TryEnter(string address)
        {
            lock (_gate)
            {
                if (_open >= max)
                {
                    return StreamAdmission.Full;
                }

                var mine = _perAddress.GetValueOrDefault(address);
                if (mine >= maxPerAddress)
                {
                    return StreamAdmission.AddressFull;
                }

                _perAddress[address] = mine + 1;
                _open++;
                return StreamAdmission.Admitted;
            }
        }

        public void Exit(string address)
        {
            lock (_gate)
            {
                _open--;
                if (_perAddress.TryGetValue(address, out var mine) && mine > 1)
                {
                    _perAddress[address] = mine - 1;
                }
                else
                {
                    _perAddress.Remove(address);
                }
            }
        }
    }

    /// <summary>On the public map: scope Public, status Actual or Test, not from a simulation account.</summary>
    internal static bool IsPublic(StoredAlert alert) =>
        alert.IsForPublicChannels && alert.Alert.Status is CapStatus.Actual or CapStatus.Test;
}
