namespace BeAlert.Gateway.Alerts;

/// <summary>
/// Settings of the alerts module (configuration section <c>BeAlert:Alerts</c>). Every value has a safe default;
/// out-of-range values are refused at start.
/// </summary>
public sealed class AlertsOptions
{
    public const string Section = "BeAlert:Alerts";

    /// <summary>How long an alert whose info blocks carry no <c>expires</c> stays active after its <c>sent</c> time. Default 24 h.</summary>
    public TimeSpan DefaultLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often the background sweep marks expired alerts in the database. Default 30 s (reads also check expiry).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The most entries in one Atom/RSS/GeoJSON feed (newest first). Default 1,000.</summary>
    public int MaxFeedEntries { get; set; } = 1_000;

    /// <summary>Comment lines sent on an idle server-sent-events stream, so proxies keep it open. Default 15 s.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Events buffered per SSE subscriber; a reader that falls this far behind is disconnected (it resumes with Last-Event-ID). Default 256.</summary>
    public int SubscriberBuffer { get; set; } = 256;

    /// <summary>The most events replayed from the database for one Last-Event-ID resume. Default 10,000.</summary>
    public int MaxReplay { get; set; } = 10_000;

    /// <summary>Attempts per webhook delivery (first try included). Default 6.</summary>
    public int WebhookMaxAttempts { get; set; } = 6;

    /// <summary>Delay before the first retry; doubled each time up to <see cref="WebhookMaxBackoff"/>. Default 1 s.</summary>
    public TimeSpan WebhookInitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan WebhookMaxBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Time allowed for one webhook POST. Default 10 s.</summary>
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Webhook deliveries in flight at once, over all vendors. Default 16.</summary>
    public int WebhookConcurrency { get; set; } = 16;

    /// <summary>Alert events waiting for webhook fan-out; when full, an event is logged as not delivered. Default 10,000.</summary>
    public int WebhookQueue { get; set; } = 10_000;

    /// <summary>How often each instance reads the alerts other instances stored (a cheap primary-key range read). Default 1 s.</summary>
    public TimeSpan FollowInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The most rows one follow read returns (a full page is followed by another read at once). Default 500.</summary>
    public int FollowPageSize { get; set; } = 500;

    /// <summary>
    /// How long a newer alert waits before being pushed to SSE and webhooks while a lower sequence is missing (a
    /// transaction committing out of order, or a rolled-back insert). Default 2 s. The feeds are not delayed.
    /// </summary>
    public TimeSpan FollowHoldBack { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a missing sequence is still looked for (a late commit is then published out of order). Default 60 s.</summary>
    public TimeSpan FollowGapWatch { get; set; } = TimeSpan.FromSeconds(60);

    internal IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        Check(DefaultLifetime > TimeSpan.Zero, nameof(DefaultLifetime), "must be positive");
        Check(SweepInterval >= TimeSpan.FromMilliseconds(10), nameof(SweepInterval), "must be at least 10 ms");
        Check(MaxFeedEntries is >= 1 and <= 100_000, nameof(MaxFeedEntries), "must be between 1 and 100000");
        Check(HeartbeatInterval >= TimeSpan.FromMilliseconds(10), nameof(HeartbeatInterval), "must be at least 10 ms");
        Check(SubscriberBuffer is >= 1 and <= 100_000, nameof(SubscriberBuffer), "must be between 1 and 100000");
        Check(MaxReplay is >= 1 and <= 1_000_000, nameof(MaxReplay), "must be between 1 and 1000000");
        Check(WebhookMaxAttempts is >= 1 and <= 50, nameof(WebhookMaxAttempts), "must be between 1 and 50");
        Check(WebhookInitialBackoff > TimeSpan.Zero && WebhookMaxBackoff >= WebhookInitialBackoff, nameof(WebhookInitialBackoff), "must be positive and not above WebhookMaxBackoff");
        Check(WebhookTimeout > TimeSpan.Zero, nameof(WebhookTimeout), "must be positive");
        Check(WebhookConcurrency is >= 1 and <= 1_000, nameof(WebhookConcurrency), "must be between 1 and 1000");
        Check(WebhookQueue is >= 1 and <= 1_000_000, nameof(WebhookQueue), "must be between 1 and 1000000");
        Check(FollowInterval >= TimeSpan.FromMilliseconds(10) && FollowInterval <= TimeSpan.FromMinutes(5), nameof(FollowInterval), "must be between 10 ms and 5 minutes");
        Check(FollowPageSize is >= 1 and <= 10_000, nameof(FollowPageSize), "must be between 1 and 10000");
        Check(FollowHoldBack >= TimeSpan.Zero && FollowHoldBack <= TimeSpan.FromMinutes(5), nameof(FollowHoldBack), "must be between 0 and 5 minutes");
        Check(FollowGapWatch >= FollowHoldBack && FollowGapWatch <= TimeSpan.FromHours(1), nameof(FollowGapWatch), "must be at least FollowHoldBack and at most 1 hour");
        return errors;

        void Check(bool ok, string name, string rule)
        {
            if (!ok)
            {
                errors.Add($"{Section}:{name} {rule}.");
            }
        }
    }
}
