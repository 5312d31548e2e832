namespace BeAlert.Gateway.Campaigns;

/// <summary>
/// How the simulation transports behave (configuration <c>BeAlert:Simulation</c>): a latency per send and a share of
/// transient failures (so tests and exercises can slow a campaign down), and an optional sink file where every message
/// they accept is appended as <c>campaignId&lt;TAB&gt;sequence&lt;TAB&gt;channel&lt;TAB&gt;recipient</c>, flushed before the
/// send is reported successful (so a test can count per-recipient messages across a kill -9).
/// </summary>
public sealed class SimulationSettings
{
    /// <summary>The time each simulated send takes. Default 0 (synchronous).</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>The share (0 to 1) of send attempts refused with a transient error (the engine retries them). Default 0.</summary>
    public double FailureRate { get; set; }

    /// <summary>A file to append every accepted simulated message to; none by default.</summary>
    public string? SinkFile { get; set; }

    internal static IEnumerable<string> Validate(SimulationSettings settings)
    {
        if (settings.Latency < TimeSpan.Zero || settings.Latency > TimeSpan.FromMinutes(1))
        {
            yield return $"BeAlert:Simulation:Latency must be between 0 and 1 minute (was {settings.Latency}).";
        }

        if (double.IsNaN(settings.FailureRate) || settings.FailureRate is < 0 or > 0.9)
        {
            yield return $"BeAlert:Simulation:FailureRate must be between 0 and 0.9 (was {settings.FailureRate}).";
        }

        if (settings.SinkFile is { } file && (string.IsNullOrWhiteSpace(file) || file.IndexOfAny(Path.GetInvalidPathChars()) >= 0))
        {
            yield return "BeAlert:Simulation:SinkFile must be a file path.";
        }
    }
}
