using System.Collections.Concurrent;

namespace BeAlert.Gateway.Alerts;

/// <summary>A consistent view of the active alerts: newest first, and the version it belongs to.</summary>
internal sealed record ActiveSnapshot(long Version, IReadOnlyList<StoredAlert> Alerts);

/// <summary>
/// The alerts in force, in memory: rebuilt from the database at start, changed on each insert (after the commit) and
/// as alerts expire (checked on every read and by <see cref="AlertExpirySweeper"/>). Each change bumps
/// <see cref="ActiveSnapshot.Version"/>, which, with a per-process <see cref="InstanceTag"/>, makes the feeds' ETag.
/// Reads take a snapshot without locking; rendered feed bytes are cached per (filter, format, version).
/// </summary>
internal sealed class ActiveAlertSet(TimeProvider time)
{
    private const int MaxCachedRenderings = 4_096;

    private readonly Lock _lock = new();
    private readonly Dictionary<long, StoredAlert> _active = [];
    private readonly ConcurrentDictionary<string, RenderedFeed> _rendered = new(StringComparer.Ordinal);
    private ActiveSnapshot? _snapshot;
    private long _version;
    private long _nextExpiryMs = long.MaxValue;

    /// <summary>Changes each time the process starts, so an ETag from before a restart never matches.</summary>
    public string InstanceTag { get; } = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4));

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _active.Count;
            }
        }
    }

    public void Load(IEnumerable<StoredAlert> alerts)
    {
        lock (_lock)
        {
            foreach (var alert in alerts)
            {
                _active[alert.Sequence] = alert;
                NoteExpiry(alert.Expires);
            }

            Changed();
        }
    }

    /// <summary>Adds an active alert and removes those it replaced or cancelled.</summary>
    public void Apply(StoredAlert alert, IReadOnlyList<long> deactivated)
    {
        lock (_lock)
        {
            var changed = false;
            foreach (var sequence in deactivated)
            {
                changed |= _active.Remove(sequence);
            }

            if (alert.State == AlertState.Active)
            {
                _active[alert.Sequence] = alert;
                NoteExpiry(alert.Expires);

                changed = true;
            }

            if (changed)
            {
                Changed();
            }
        }
    }

    /// <summary>The sequences of the active alerts that these references name (sender and identifier).</summary>
    public IReadOnlyList<long> SequencesOf(IReadOnlyList<BeAlert.Cap.CapReference> references)
    {
        ArgumentNullException.ThrowIfNull(references);
        if (references.Count == 0)
        {
            return [];
        }

        lock (_lock)
        {
            return [.. _active.Values
                .Where(a => references.Any(r => string.Equals(r.Sender, a.Sender, StringComparison.Ordinal) && string.Equals(r.Identifier, a.Identifier, StringComparison.Ordinal)))
                .Select(a => a.Sequence)];
        }
    }

    /// <summary>The active alerts now (expired ones removed first).</summary>
    public ActiveSnapshot Current()
    {
        var snapshot = Volatile.Read(ref _snapshot);
        if (snapshot is not null && time.GetUtcNow().ToUnixTimeMilliseconds() < Volatile.Read(ref _nextExpiryMs))
        {
            return snapshot;
        }

        lock (_lock)
        {
            RemoveExpiredLocked(time.GetUtcNow());
            return _snapshot ??= new ActiveSnapshot(_version, [.. _active.Values.OrderByDescending(a => a.Sequence)]);
        }
    }

    /// <summary>Removes the alerts whose time is up; returns how many.</summary>
    public int RemoveExpired()
    {
        lock (_lock)
        {
            return RemoveExpiredLocked(time.GetUtcNow());
        }
    }

    /// <summary>The bytes of a feed for a snapshot version, rendered once per (key, version).</summary>
    public RenderedFeed Render(string key, ActiveSnapshot snapshot, Func<IReadOnlyList<StoredAlert>, byte[]> render)
    {
        if (_rendered.TryGetValue(key, out var cached) && cached.Version == snapshot.Version)
        {
            return cached;
        }

        var bytes = render(snapshot.Alerts);
        var made = new RenderedFeed(snapshot.Version, bytes, $"\"{InstanceTag}-{snapshot.Version}-{(uint)key.GetHashCode(StringComparison.Ordinal):x8}\"");
        if (_rendered.Count >= MaxCachedRenderings)
        {
            _rendered.Clear();
        }

        _rendered[key] = made;
        return made;
    }

    private int RemoveExpiredLocked(DateTimeOffset now)
    {
        if (now.ToUnixTimeMilliseconds() < _nextExpiryMs)
        {
            return 0;
        }

        var expired = _active.Values.Where(a => a.Expires <= now).Select(a => a.Sequence).ToList();
        foreach (var sequence in expired)
        {
            _active.Remove(sequence);
        }

        Volatile.Write(ref _nextExpiryMs, _active.Count == 0 ? long.MaxValue : _active.Values.Min(a => a.Expires.ToUnixTimeMilliseconds()));
        if (expired.Count > 0)
        {
            Changed();
        }

        return expired.Count;
    }

    private void NoteExpiry(DateTimeOffset expires)
    {
        var ms = expires.ToUnixTimeMilliseconds();
        if (ms < _nextExpiryMs)
        {
            Volatile.Write(ref _nextExpiryMs, ms);
        }
    }

    private void Changed()
    {
        _version++;
        Volatile.Write(ref _snapshot, null);
    }
}

/// <summary>
/// A rendered feed and its strong ETag, and the same bytes gzip-compressed (made on first request, once per version
/// and key) with their own strong ETag, for clients that accept gzip.
/// </summary>
internal sealed class RenderedFeed(long version, byte[] bytes, string etag)
{
    private readonly Lazy<byte[]> _gzip = new(() => Compress(bytes), LazyThreadSafetyMode.ExecutionAndPublication);

    public long Version { get; } = version;

    public byte[] Bytes { get; } = bytes;

    public string ETag { get; } = etag;

    /// <summary>The bytes, gzip-compressed.</summary>
    public byte[] Gzip => _gzip.Value;

    /// <summary>The gzip representation's strong ETag (a representation's ETag differs from the other's).</summary>
    public string GzipETag { get; } = etag.EndsWith('"') ? etag[..^1] + "-gzip\"" : etag + "-gzip";

    private static byte[] Compress(byte[] bytes)
    {
        using var output = new MemoryStream(bytes.Length / 4 + 64);
        using (var gzip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }
}
