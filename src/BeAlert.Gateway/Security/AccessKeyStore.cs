using System.Collections.Concurrent;
using BeAlert.Gateway.Storage;
using Dapper;

namespace BeAlert.Gateway.Security;

/// <summary>What to make a key for.</summary>
public sealed record AccessKeyRequest(string Name, KeyRole Role, string? AuthorityId = null, VendorScope? Vendor = null);

/// <summary>A key just made: <see cref="Key"/> is shown once and never stored.</summary>
public sealed record CreatedAccessKey(string Id, string Key);

/// <summary>A key as listed (no secret, no hash).</summary>
public sealed record AccessKeyInfo(string Id, string Name, KeyRole Role, string? AuthorityId, VendorScope? Vendor, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>
/// Access keys: made random, stored as a SHA-256 hash, looked up by hash, revocable. Lookups are cached for a few
/// seconds (a revoke on this instance clears the cache at once; other instances see it within
/// <see cref="CacheLifetime"/>).
/// </summary>
public sealed class AccessKeyStore(GatewayDatabase database, AuthorityStore authorities, TimeProvider time)
{
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, (Caller? Caller, long Expires)> _cache = new(StringComparer.Ordinal);

    public Task<CreatedAccessKey> CreateAsync(AccessKeyRequest request, CancellationToken cancellationToken = default) =>
        CreateAsync(request, AccessKeyFormat.NewKey(), cancellationToken);

    /// <summary>Stores a given key (demo keys from configuration). Throws <see cref="ArgumentException"/> if it is not well formed.</summary>
    public async Task<CreatedAccessKey> CreateAsync(AccessKeyRequest request, string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!AccessKeyFormat.IsWellFormed(key))
        {
            throw new ArgumentException($"An access key is {AccessKeyFormat.Description}.", nameof(key));
        }

        if (request.Role == KeyRole.Operator && request.AuthorityId is null)
        {
            throw new ArgumentException("An operator key needs an authority.", nameof(request));
        }

        if (request.Role == KeyRole.Vendor && request.Vendor is null)
        {
            throw new ArgumentException("A vendor key needs areas.", nameof(request));
        }

        var id = "key_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO access_keys (id, name, role, authority_id, hash, vendor_municipalities, vendor_polygon, created_at)
            VALUES (@id, @Name, @role, @AuthorityId, @hash, @municipalities, @polygon, @createdAt)
            """,
            new
            {
                id,
                request.Name,
                role = request.Role.ToString(),
                request.AuthorityId,
                hash = AccessKeyFormat.Hash(key),
                municipalities = request.Vendor is null ? null : string.Join(',', request.Vendor.Municipalities),
                polygon = request.Vendor?.Polygon,
                createdAt = time.GetUtcNow().ToUnixTimeMilliseconds(),
            },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new CreatedAccessKey(id, key);
    }

    /// <summary>The caller a presented key stands for, or null when it is unknown, revoked or malformed.</summary>
    public async ValueTask<Caller?> AuthenticateAsync(string presented, CancellationToken cancellationToken = default)
    {
        if (!AccessKeyFormat.IsWellFormed(presented))
        {
            return null;
        }

        var hash = AccessKeyFormat.Hash(presented);
        var now = time.GetTimestamp();
        if (_cache.TryGetValue(hash, out var cached) && cached.Expires > now)
        {
            return cached.Caller;
        }

        var caller = await LoadAsync(hash, cancellationToken).ConfigureAwait(false);
        _cache[hash] = (caller, now + (long)(CacheLifetime.TotalSeconds * time.TimestampFrequency));
        return caller;
    }

    public async Task<bool> RevokeAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE access_keys SET revoked_at = @now WHERE id = @id AND revoked_at IS NULL",
            new { id, now = time.GetUtcNow().ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        _cache.Clear();
        return rows == 1;
    }

    /// <summary>Drops every cached lookup, so that a changed authority (training, simulation, territory) applies at once on this instance.</summary>
    public void ForgetCachedCallers() => _cache.Clear();

    public async Task<IReadOnlyList<AccessKeyInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            "SELECT id, name, role, authority_id AS AuthorityId, vendor_municipalities AS VendorMunicipalities, vendor_polygon AS VendorPolygon, created_at AS CreatedAt, revoked_at AS RevokedAt FROM access_keys ORDER BY created_at, id",
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToInfo())];
    }

    /// <summary>One key as listed (no secret, no hash), revoked or not; null when the id is unknown.</summary>
    public async Task<AccessKeyInfo?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            "SELECT id, name, role, authority_id AS AuthorityId, vendor_municipalities AS VendorMunicipalities, vendor_polygon AS VendorPolygon, created_at AS CreatedAt, revoked_at AS RevokedAt FROM access_keys WHERE id = @id",
            new { id },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToInfo();
    }

    private async Task<Caller?> LoadAsync(string hash, CancellationToken cancellationToken)
    {
        Row? row;
        await using (var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
                "SELECT id, name, role, authority_id AS AuthorityId, vendor_municipalities AS VendorMunicipalities, vendor_polygon AS VendorPolygon, created_at AS CreatedAt, revoked_at AS RevokedAt FROM access_keys WHERE hash = @hash AND revoked_at IS NULL",
                new { hash },
                cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        if (row is null)
        {
            return null;
        }

        var authority = row.AuthorityId is null ? null : await authorities.FindAsync(row.AuthorityId, cancellationToken).ConfigureAwait(false);
        return new Caller(row.Id, row.Name, Enum.Parse<KeyRole>(row.Role), authority, row.Vendor);
    }

    private sealed class Row
    {
        public string Id { get; set; } = string.Empty;

        public string Name { get; set; } = string.Empty;

        public string Role { get; set; } = string.Empty;

        public string? AuthorityId { get; set; }

        public string? VendorMunicipalities { get; set; }

        public string? VendorPolygon { get; set; }

        public long CreatedAt { get; set; }

        public long? RevokedAt { get; set; }

        public AccessKeyInfo ToInfo() => new(
            Id,
            Name,
            Enum.Parse<KeyRole>(Role),
            AuthorityId,
            Vendor,
            DateTimeOffset.FromUnixTimeMilliseconds(CreatedAt),
            RevokedAt is { } revoked ? DateTimeOffset.FromUnixTimeMilliseconds(revoked) : null);

        public VendorScope? Vendor => VendorMunicipalities is null && VendorPolygon is null
            ? null
            : new VendorScope(AuthorityStore.ParseCodes(VendorMunicipalities), VendorPolygon);
    }
}
