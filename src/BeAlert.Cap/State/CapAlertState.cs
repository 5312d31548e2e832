namespace BeAlert.Cap;

/// <summary>
/// The set of alerts in force, kept from a stream of CAP messages in any order: Updates supersede and Cancels withdraw
/// the messages their <c>references</c> name (across senders when <see cref="CapAlertStateOptions.MayReplace"/>
/// allows it), expiry follows <c>expires</c> (or <see cref="CapAlertStateOptions.DefaultLifetime"/>) on the clock of the
/// given <see cref="TimeProvider"/>, duplicates change nothing, and a message that arrives after the Update or Cancel
/// that replaced it stays out. Feeds and signage read <see cref="GetActive"/>. Thread-safe.
/// </summary>
public sealed class CapAlertState
{
    private const int PruneEvery = 1024;

    private readonly object _gate = new();
    private readonly Dictionary<CapAlertKey, Entry> _messages = [];
    private readonly CapAlertStateOptions _options;
    private readonly TimeProvider _time;
    private long _version;
    private int _sincePrune;

    /// <summary>Creates an empty state.</summary>
    /// <param name="options">The settings (copied); <see langword="null"/> for the defaults.</param>
    /// <param name="timeProvider">The clock; <see langword="null"/> for the system clock.</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public CapAlertState(CapAlertStateOptions? options = null, TimeProvider? timeProvider = null)
    {
        options ??= new CapAlertStateOptions();
        options.Validate();
        _options = new CapAlertStateOptions
        {
            MayReplace = options.MayReplace,
            DefaultLifetime = options.DefaultLifetime,
            Retention = options.Retention,
            MaxMessages = options.MaxMessages,
        };
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Goes up by one each time a message changes the state; a reader can cache what it built from it.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>The number of messages remembered (active or not).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _messages.Count;
            }
        }
    }

    /// <summary>Records one message.</summary>
    /// <param name="alert">The message (any status and type).</param>
    /// <returns>What it changed.</returns>
    public CapAlertStateResult Apply(CapAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var key = CapAlertKey.Of(alert);
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            PruneIfDue(now);
            if (_messages.TryGetValue(key, out var known))
            {
                if (known.Alert is not null)
                {
                    return Result(CapAlertChange.Duplicate, key);
                }

                // Referenced earlier by an Update or Cancel that arrived first: keep it, but out of the active set.
                known.Alert = alert;
                known.Seen = now;
                Changed();
                return Result(CapAlertChange.AlreadyReplaced, key);
            }

            switch (alert.MsgType)
            {
                case CapMessageType.Ack or CapMessageType.Error:
                    return Result(CapAlertChange.Ignored, key);
                case CapMessageType.Alert:
                    _messages[key] = new Entry(alert, now);
                    Changed();
                    return Result(CapAlertChange.Added, key);
            }

            // Update or Cancel: act on every referenced message this sender may replace.
            var update = alert.MsgType == CapMessageType.Update;
            List<CapAlertKey>? replaced = null, refused = null, unknown = null;
            foreach (var reference in alert.References)
            {
                var target = CapAlertKey.Of(reference);
                if (target == key)
                {
                    continue;
                }

                if (!_options.MayReplace(alert.Sender, target.Sender))
                {
                    (refused ??= []).Add(target);
                    continue;
                }

                if (!_messages.TryGetValue(target, out var entry))
                {
                    entry = new Entry(alert: null, now);
                    _messages[target] = entry;
                    (unknown ??= []).Add(target);
                }
                else
                {
                    (replaced ??= []).Add(target);
                }

                entry.ReplacedBy ??= key;
                entry.Cancelled |= !update;
            }

            _messages[key] = new Entry(alert, now) { Cancelled = !update };
            Changed();
            var change = replaced is null && unknown is null && refused is not null
                ? CapAlertChange.Refused
                : update ? CapAlertChange.Updated : CapAlertChange.Cancelled;
            return new CapAlertStateResult(change, key, replaced ?? [], refused ?? [], unknown ?? []);
        }
    }

    /// <summary>The alerts in force now for <paramref name="audience"/>, newest first.</summary>
    /// <param name="audience">Who is looking (the public by default).</param>
    /// <returns>A snapshot; later messages do not change it.</returns>
    public IReadOnlyList<CapAlert> GetActive(CapAlertAudience audience = CapAlertAudience.Public)
    {
        var now = _time.GetUtcNow();
        var active = new List<CapAlert>();
        lock (_gate)
        {
            foreach (var entry in _messages.Values)
            {
                if (entry.Alert is { } alert && IsActive(entry, alert, audience, now))
                {
                    active.Add(alert);
                }
            }
        }

        active.Sort(static (a, b) => b.Sent.UtcValue.CompareTo(a.Sent.UtcValue));
        return active;
    }

    /// <summary>Whether the message with <paramref name="key"/> is in force now for <paramref name="audience"/>.</summary>
    /// <param name="key">The message.</param>
    /// <param name="audience">Who is looking.</param>
    /// <returns>Whether it is active.</returns>
    public bool IsActive(CapAlertKey key, CapAlertAudience audience = CapAlertAudience.Public)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            return _messages.TryGetValue(key, out var entry) && entry.Alert is { } alert && IsActive(entry, alert, audience, now);
        }
    }

    /// <summary>The message with <paramref name="key"/>, if it was seen and is still remembered.</summary>
    /// <param name="key">The message.</param>
    /// <returns>The message, or <see langword="null"/>.</returns>
    public CapAlert? Find(CapAlertKey key)
    {
        lock (_gate)
        {
            return _messages.TryGetValue(key, out var entry) ? entry.Alert : null;
        }
    }

    /// <summary>The Update or Cancel that replaced the message with <paramref name="key"/>, if any.</summary>
    /// <param name="key">The message.</param>
    /// <returns>The replacing message's key, or <see langword="null"/>.</returns>
    public CapAlertKey? ReplacedBy(CapAlertKey key)
    {
        lock (_gate)
        {
            return _messages.TryGetValue(key, out var entry) ? entry.ReplacedBy : null;
        }
    }

    private bool IsActive(Entry entry, CapAlert alert, CapAlertAudience audience, DateTimeOffset now)
    {
        if (entry.ReplacedBy is not null || entry.Cancelled || alert.MsgType is not (CapMessageType.Alert or CapMessageType.Update))
        {
            return false;
        }

        var visible = audience == CapAlertAudience.Public
            ? alert.Status == CapStatus.Actual && alert.Scope == CapScope.Public
            : alert.Status != CapStatus.Draft;
        if (!visible)
        {
            return false;
        }

        var (start, end) = Lifetime(alert);
        return start <= now && now < end;
    }

    /// <summary>
    /// When the alert is in force: from the earliest <c>effective</c> of its info blocks (an info block without one is
    /// effective when sent) until the latest <c>expires</c> (an info block without one lasts the default lifetime).
    /// </summary>
    private (DateTimeOffset Start, DateTimeOffset End) Lifetime(CapAlert alert)
    {
        var sent = alert.Sent.UtcValue;
        var fallbackEnd = sent + _options.DefaultLifetime;
        if (alert.Infos.Count == 0)
        {
            return (sent, fallbackEnd);
        }

        var start = DateTimeOffset.MaxValue;
        var end = DateTimeOffset.MinValue;
        foreach (var info in alert.Infos)
        {
            var effective = info.Effective?.UtcValue ?? sent;
            var expires = info.Expires?.UtcValue ?? fallbackEnd;
            start = effective < start ? effective : start;
            end = expires > end ? expires : end;
        }

        return (start, end);
    }

    private void PruneIfDue(DateTimeOffset now)
    {
        if (++_sincePrune < PruneEvery && _messages.Count < _options.MaxMessages)
        {
            return;
        }

        _sincePrune = 0;
        List<CapAlertKey>? forget = null;
        foreach (var (key, entry) in _messages)
        {
            if (ForgetAfter(entry) <= now)
            {
                (forget ??= []).Add(key);
            }
        }

        foreach (var key in forget ?? [])
        {
            _messages.Remove(key);
        }

        // Still full: forget the messages whose relevance ended first (expired before active ones).
        var excess = _messages.Count - _options.MaxMessages + 1;
        if (excess > 0)
        {
            foreach (var key in _messages.OrderBy(m => ForgetAfter(m.Value)).Take(excess).Select(m => m.Key).ToList())
            {
                _messages.Remove(key);
            }
        }
    }

    /// <summary>When a message may be forgotten: the retention period after it stopped mattering.</summary>
    private DateTimeOffset ForgetAfter(Entry entry)
    {
        var relevantUntil = entry.Alert is { } alert && entry.ReplacedBy is null && !entry.Cancelled
            ? Max(Lifetime(alert).End, entry.Seen)
            : entry.Seen;
        return relevantUntil + _options.Retention;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private void Changed() => Interlocked.Increment(ref _version);

    private static CapAlertStateResult Result(CapAlertChange change, CapAlertKey key) => new(change, key, [], [], []);

    private sealed class Entry(CapAlert? alert, DateTimeOffset seen)
    {
        public CapAlert? Alert { get; set; } = alert;

        public DateTimeOffset Seen { get; set; } = seen;

        public CapAlertKey? ReplacedBy { get; set; }

        public bool Cancelled { get; set; }
    }
}
