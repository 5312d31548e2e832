namespace BeAlert.Dispatch;

/// <summary>
/// One signage vendor's webhook: where to push alerts, the secret that signs them, and how hard to try. Validated once
/// by <see cref="Validate"/> (the transport's constructor calls it), listing every problem together.
/// </summary>
public sealed class SignageOptions
{
    /// <summary>The endpoint's name (the vendor), unique among signage endpoints; used in reports and dead letters.</summary>
    public string Name { get; set; } = "signage";

    /// <summary>The vendor's webhook URL (http or https). Required.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>
    /// The vendor's secret for the <see cref="SignageSignature"/> header (16 to 1,024 characters). Required. Never
    /// logged, never put in a reason or a dead letter.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>Requests per push before it becomes a dead letter, the first included (1 to 20). Default 5.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The wait before the first retry; each next wait doubles, with ±20 % jitter (1 ms to 1 hour). Default 1 s.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two attempts, a vendor's Retry-After included (1 ms to 1 hour). Default 1 minute.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The deadline of one request, answer included (100 ms to 5 minutes). Default 10 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The largest answer read from the vendor, in bytes (0 to 1 MiB); a larger one is a failed attempt. Default 64 KiB.</summary>
    public int MaxResponseBytes { get; set; } = 64 * 1024;

    /// <summary>Pushes in flight at once (1 to 256). Default 4.</summary>
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>Checks the options, listing every problem at once.</summary>
    /// <exception cref="ArgumentException">One or more settings are missing or out of range.</exception>
    public void Validate()
    {
        var errors = new List<string>();
        TransportOptionChecks.Name(Name, errors);
        TransportOptionChecks.HttpUri(Endpoint, nameof(Endpoint), errors);
        TransportOptionChecks.Secret(Secret, nameof(Secret), errors);
        TransportOptionChecks.Range(MaxAttempts, 1, 20, nameof(MaxAttempts), errors);
        TransportOptionChecks.Range(InitialBackoff, TimeSpan.FromMilliseconds(1), TimeSpan.FromHours(1), nameof(InitialBackoff), errors);
        TransportOptionChecks.Range(MaxBackoff, TimeSpan.FromMilliseconds(1), TimeSpan.FromHours(1), nameof(MaxBackoff), errors);
        if (MaxBackoff < InitialBackoff)
        {
            errors.Add($"{nameof(MaxBackoff)} must not be shorter than {nameof(InitialBackoff)}.");
        }

        TransportOptionChecks.Range(Timeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(5), nameof(Timeout), errors);
        TransportOptionChecks.Range(MaxResponseBytes, 0, 1024 * 1024, nameof(MaxResponseBytes), errors);
        TransportOptionChecks.Range(MaxConcurrency, 1, 256, nameof(MaxConcurrency), errors);
        TransportOptionChecks.Throw("signage options", errors);
    }
}
