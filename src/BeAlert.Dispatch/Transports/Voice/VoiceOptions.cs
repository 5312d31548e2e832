namespace BeAlert.Dispatch;

/// <summary>
/// One voice-call provider and how calls are made through it. Validated once by <see cref="Validate"/> (the transport's
/// constructor calls it), listing every problem together. The HTTP contract a provider implements is described in
/// docs/specs.md ("Voice provider contract").
/// </summary>
public sealed class VoiceOptions
{
    /// <summary>The endpoint's name, unique among voice endpoints.</summary>
    public string Name { get; set; } = "voice";

    /// <summary>The provider's base URL (http or https); calls are originated with <c>POST calls</c> under it. Required.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>The provider's API key, sent as a bearer token (never logged, never in a reason); <see langword="null"/> for none.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The number calls come from, in E.164. Default <c>+32477777755</c> (BE-Alert's 0477 77 77 55).</summary>
    public string CallerId { get; set; } = "+32477777755";

    /// <summary>The provider's voice name, when it should not choose by language; <see langword="null"/> by default.</summary>
    public string? Voice { get; set; }

    /// <summary>Where the provider posts status callbacks (the host's listener, which calls <see cref="VoiceTransport.HandleCallbackAsync"/>). Required.</summary>
    public Uri? CallbackUrl { get; set; }

    /// <summary>The secret the provider signs callbacks with (the <see cref="SignageSignature"/> scheme; 16 to 1,024 characters). Required.</summary>
    public string? CallbackSecret { get; set; }

    /// <summary>How far a callback's signed time may be from now (1 s to 1 hour). Default 5 minutes.</summary>
    public TimeSpan CallbackTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Calls per delivery when the line is busy or nobody answers, the first included (1 to 10). Default 3.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>The wait before calling again after busy or no answer (0 to 1 hour). Default 2 minutes.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Calls in progress at once, ringing or talking (1 to 100,000). Sends wait for a free line. Default 100.</summary>
    public int MaxConcurrentCalls { get; set; } = 100;

    /// <summary>Calls started in any 60 seconds, retries included (1 to 100,000). Default 600.</summary>
    public int CallsPerMinute { get; set; } = 600;

    /// <summary>How long the phone rings before the call counts as not answered (5 s to 2 minutes). Default 30 s.</summary>
    public TimeSpan RingTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long to wait for a call's final status callback after it started (1 s to 2 hours); then the line is freed
    /// and the delivery fails as undeliverable. Default 10 minutes.
    /// </summary>
    public TimeSpan CallbackWait { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The deadline of one originate request (100 ms to 5 minutes). Default 10 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The largest answer read from the provider, in bytes (0 to 1 MiB). Default 64 KiB.</summary>
    public int MaxResponseBytes { get; set; } = 64 * 1024;

    /// <summary>The largest status callback accepted, in bytes (256 to 1 MiB). Default 16 KiB.</summary>
    public int MaxCallbackBytes { get; set; } = 16 * 1024;

    /// <summary>Sends the engine may keep in flight (1 to 100,000); each waits for a line, the rate limit and the originate request. Default 100.</summary>
    public int MaxConcurrency { get; set; } = 100;

    /// <summary>Text, or audio rendered by espeak-ng. Default <see cref="VoiceAudioMode.Text"/>.</summary>
    public VoiceAudioMode AudioMode { get; set; } = VoiceAudioMode.Text;

    /// <summary>The espeak-ng program (a name on PATH or a full path). Default <c>espeak-ng</c>.</summary>
    public string EspeakPath { get; set; } = "espeak-ng";

    /// <summary>The largest rendered audio, in bytes (64 KiB to 64 MiB). Default 16 MiB.</summary>
    public int MaxAudioBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Checks the options, listing every problem at once.</summary>
    /// <exception cref="ArgumentException">One or more settings are missing or out of range.</exception>
    public void Validate()
    {
        var errors = new List<string>();
        TransportOptionChecks.Name(Name, errors);
        TransportOptionChecks.HttpUri(Endpoint, nameof(Endpoint), errors);
        TransportOptionChecks.HttpUri(CallbackUrl, nameof(CallbackUrl), errors);
        TransportOptionChecks.Secret(CallbackSecret, nameof(CallbackSecret), errors);
        if (ApiKey is not null && (ApiKey.Length is 0 or > 4096 || ApiKey.Any(c => char.IsControl(c) || c == ' ')))
        {
            errors.Add($"{nameof(ApiKey)} must be 1 to 4,096 characters without spaces or control characters (its value is not shown).");
        }

        if (!VoiceNumbers.IsE164(CallerId))
        {
            errors.Add($"{nameof(CallerId)} must be an E.164 number such as +32477777755 (it is '{CallerId}').");
        }

        if (Voice is not null && (Voice.Length is 0 or > 100 || Voice.Any(char.IsControl)))
        {
            errors.Add($"{nameof(Voice)} must be 1 to 100 characters without control characters.");
        }

        TransportOptionChecks.Range(CallbackTolerance, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1), nameof(CallbackTolerance), errors);
        TransportOptionChecks.Range(MaxAttempts, 1, 10, nameof(MaxAttempts), errors);
        TransportOptionChecks.Range(RetryDelay, TimeSpan.Zero, TimeSpan.FromHours(1), nameof(RetryDelay), errors);
        TransportOptionChecks.Range(MaxConcurrentCalls, 1, 100_000, nameof(MaxConcurrentCalls), errors);
        TransportOptionChecks.Range(CallsPerMinute, 1, 100_000, nameof(CallsPerMinute), errors);
        TransportOptionChecks.Range(RingTimeout, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(2), nameof(RingTimeout), errors);
        TransportOptionChecks.Range(CallbackWait, TimeSpan.FromSeconds(1), TimeSpan.FromHours(2), nameof(CallbackWait), errors);
        TransportOptionChecks.Range(Timeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(5), nameof(Timeout), errors);
        TransportOptionChecks.Range(MaxResponseBytes, 0, 1024 * 1024, nameof(MaxResponseBytes), errors);
        TransportOptionChecks.Range(MaxCallbackBytes, 256, 1024 * 1024, nameof(MaxCallbackBytes), errors);
        TransportOptionChecks.Range(MaxConcurrency, 1, 100_000, nameof(MaxConcurrency), errors);
        if (!Enum.IsDefined(AudioMode))
        {
            errors.Add($"{nameof(AudioMode)} is not a known mode ({AudioMode}).");
        }

        if (string.IsNullOrWhiteSpace(EspeakPath))
        {
            errors.Add($"{nameof(EspeakPath)} must not be empty.");
        }

        TransportOptionChecks.Range(MaxAudioBytes, 64 * 1024, 64 * 1024 * 1024, nameof(MaxAudioBytes), errors);
        TransportOptionChecks.Throw("voice options", errors);
    }
}
