using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace BeAlert.Gateway.Operations;

/// <summary>
/// The gateway's own instruments on the Meter <c>BeAlert.Gateway</c> (exported by OpenTelemetry with ASP.NET Core's
/// and HttpClient's) and its ActivitySource <c>BeAlert.Gateway</c> for spans. A singleton: modules record with the
/// methods below, or add their own instruments on <see cref="Meter"/>. Tags never carry a secret or a person's data:
/// only authority ids, channels, feed names and outcome words.
/// </summary>
public sealed class GatewayMetrics
{
    /// <summary>The name of the Meter and of the ActivitySource.</summary>
    public const string Name = "BeAlert.Gateway";

    /// <summary>Spans of the gateway's own work (parse, store, plan): <c>using var a = GatewayMetrics.Activities.StartActivity("…")</c>.</summary>
    public static readonly ActivitySource Activities = new(Name);

    private readonly Counter<long> _alertsIngested;
    private readonly Counter<long> _alertsRefused;
    private readonly Histogram<double> _ingestDuration;
    private readonly Counter<long> _feedReads;
    private readonly Counter<long> _campaignDeliveries;
    private readonly Counter<long> _campaignsStarted;

    public GatewayMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        Meter = meters.Create(Name);
        _alertsIngested = Meter.CreateCounter<long>("bealert.alerts.ingested", "{alert}", "CAP alerts accepted and stored.");
        _alertsRefused = Meter.CreateCounter<long>("bealert.alerts.refused", "{alert}", "CAP alerts refused (invalid, not allowed, duplicate), by reason.");
        _ingestDuration = Meter.CreateHistogram<double>("bealert.alerts.ingest.duration", "s", "Time to parse, validate and store one CAP alert.");
        _feedReads = Meter.CreateCounter<long>("bealert.feeds.reads", "{request}", "Feed reads, by feed and result (200 or 304).");
        _campaignDeliveries = Meter.CreateCounter<long>("bealert.campaigns.deliveries", "{delivery}", "Campaign deliveries finished, by channel and outcome.");
        _campaignsStarted = Meter.CreateCounter<long>("bealert.campaigns.started", "{campaign}", "Campaigns started.");
    }

    /// <summary>The Meter modules add their own instruments to.</summary>
    public Meter Meter { get; }

    public void AlertIngested(string authorityId, TimeSpan elapsed)
    {
        var tag = new KeyValuePair<string, object?>("bealert.authority", authorityId);
        _alertsIngested.Add(1, tag);
        _ingestDuration.Record(elapsed.TotalSeconds, tag);
    }

    /// <summary>A refused alert; <paramref name="reason"/> is a short fixed word (invalid, forbidden, duplicate, too-large).</summary>
    public void AlertRefused(string reason) =>
        _alertsRefused.Add(1, new KeyValuePair<string, object?>("bealert.reason", reason));

    /// <summary>A feed read; <paramref name="feed"/> is its name (atom, geojson, cap), <paramref name="status"/> the HTTP status.</summary>
    public void FeedRead(string feed, int status) =>
        _feedReads.Add(1, new KeyValuePair<string, object?>("bealert.feed", feed), new KeyValuePair<string, object?>("http.response.status_code", status));

    public void CampaignStarted(string authorityId) =>
        _campaignsStarted.Add(1, new KeyValuePair<string, object?>("bealert.authority", authorityId));

    /// <summary>Deliveries finished on a channel with an outcome (sent, delivered, failed, skipped, cancelled).</summary>
    public void CampaignDeliveries(string channel, string outcome, long count) =>
        _campaignDeliveries.Add(count, new KeyValuePair<string, object?>("bealert.channel", channel), new KeyValuePair<string, object?>("bealert.outcome", outcome));
}
