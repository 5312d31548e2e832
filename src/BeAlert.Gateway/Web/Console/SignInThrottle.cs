using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace BeAlert.Gateway.Web.Console;

/// <summary>
/// Settings of the sign-in throttle (section <c>BeAlert:SignIn</c>): how many attempts a client address and a
/// user name / destination may make within <see cref="WindowSeconds"/>, and how many of each are tracked at most.
/// </summary>
public sealed class SignInThrottleOptions
{
    public const string Section = "BeAlert:SignIn";

    /// <summary>Sign-in attempts per client address (IPv4 address, IPv6 /64) per window; 0 turns the address limit off.</summary>
    public int AttemptsPerAddress { get; set; } = 20;

    /// <summary>Sign-in attempts per user name (console) or phone number / e-mail address (citizens) per window; 0 turns it off.</summary>
    public int AttemptsPerName { get; set; } = 10;

    /// <summary>The time in which a used-up allowance refills completely (one attempt comes back every window / attempts).</summary>
    public int WindowSeconds { get; set; } = 60;

    /// <summary>
    /// At most this many addresses and this many names are tracked (memory stays bounded whatever a client sends):
    /// keys go to this many slots by a keyed hash (the key is random per process, so nobody can aim at another's slot).
    /// </summary>
    public int MaxPartitions { get; set; } = 16_384;
}

/// <summary>
/// Throttles sign-in attempts (console <c>/console/sign-in</c>, citizen <c>/api/citizens/sign-in</c> and its confirm)
/// per client address and per user name / destination, with token buckets from System.Threading.RateLimiting
/// (partitioned; idle buckets are dropped by the partitioned limiter, and the number of partitions is capped by
/// <see cref="SignInThrottleOptions.MaxPartitions"/>). This comes on top of the account lockout and the per-code attempt
/// limits: it slows down guessing across many accounts from one place, and one account from many places.
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    private readonly SignInThrottleOptions _options;
    private readonly PartitionedRateLimiter<int> _limiter;
    private readonly byte[] _slotKey = RandomNumberGenerator.GetBytes(32);
    private readonly int _slots;

    public SignInThrottle(IOptions<SignInThrottleOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _slots = Math.Clamp(_options.MaxPartitions, 1, 1_000_000);
        var window = TimeSpan.FromSeconds(Math.Max(1, _options.WindowSeconds));
        _limiter = PartitionedRateLimiter.Create<int, int>(slot => RateLimitPartition.GetTokenBucketLimiter(slot, s => Bucket(s < _slots ? _options.AttemptsPerAddress : _options.AttemptsPerName, window)));
    }

    /// <summary>
    /// Takes one attempt from the client address's allowance; false (and how long to wait) when it is used up.
    /// Call it before reading anything else of the request.
    /// </summary>
    public bool TryAddress(HttpContext context, out TimeSpan retryAfter)
    {
        ArgumentNullException.ThrowIfNull(context);
        retryAfter = TimeSpan.Zero;
        return _options.AttemptsPerAddress <= 0 || TryAcquire(Slot("a|" + AddressKey(context.Connection.RemoteIpAddress)), out retryAfter);
    }

    /// <summary>Takes one attempt from a user name's or destination's allowance (<paramref name="name"/> is normalised by the caller).</summary>
    public bool TryName(string kind, string name, out TimeSpan retryAfter)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(name);
        retryAfter = TimeSpan.Zero;
        return _options.AttemptsPerName <= 0 || TryAcquire(_slots + Slot("n|" + kind + "|" + name), out retryAfter);
    }

    /// <summary>The 429 answer of a throttled API sign-in: ProblemDetails and <c>Retry-After</c> in seconds.</summary>
    public static IResult TooMany(HttpContext context, TimeSpan retryAfter)
    {
        ArgumentNullException.ThrowIfNull(context);
        var seconds = RetrySeconds(retryAfter);
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Results.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many sign-in attempts",
            detail: $"Too many sign-in attempts from this address or for this name; try again in {seconds} s.",
            extensions: new Dictionary<string, object?> { ["retryAfterSeconds"] = seconds });
    }

    /// <summary>Whole seconds to wait (at least 1).</summary>
    public static int RetrySeconds(TimeSpan retryAfter) => Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));

    /// <summary>The part of an address that identifies a client: the IPv4 address, or the /64 of an IPv6 one.</summary>
    internal static string AddressKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            return Convert.ToHexStringLower(bytes, 0, 8) + "/64";
        }

        return address.ToString();
    }

    public void Dispose() => _limiter.Dispose();

    private bool TryAcquire(int slot, out TimeSpan retryAfter)
    {
        using var lease = _limiter.AttemptAcquire(slot);
        if (lease.IsAcquired)
        {
            retryAfter = TimeSpan.Zero;
            return true;
        }

        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(Math.Max(1, _options.WindowSeconds));
        return false;
    }

    private int Slot(string key)
    {
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_slotKey, Encoding.UTF8.GetBytes(key), mac);
        return (int)(BitConverter.ToUInt64(mac) % (ulong)_slots);
    }

    private static TokenBucketRateLimiterOptions Bucket(int attempts, TimeSpan window)
    {
        attempts = Math.Max(1, attempts);
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = attempts,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = window / attempts,
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }
}
