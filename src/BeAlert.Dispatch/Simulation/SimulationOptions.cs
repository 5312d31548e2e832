namespace BeAlert.Dispatch;

/// <summary>
/// How a <see cref="SimulationTransport"/> behaves: its latency, failure rates and receipts, all drawn from
/// <see cref="Seed"/> so one seed gives the same outcome for the same delivery every time.
/// </summary>
public sealed class SimulationOptions
{
    /// <summary>The channel it simulates. Default SMS.</summary>
    public DeliveryChannel Channel { get; set; } = DeliveryChannel.Sms;

    /// <summary>The endpoint's name. Default <c>simulation</c>.</summary>
    public string Name { get; set; } = "simulation";

    /// <summary>Sends in flight at once (an SMSC window). Default 64.</summary>
    public int MaxConcurrency { get; set; } = 64;

    /// <summary>The time a send takes; <see cref="TimeSpan.Zero"/> completes synchronously (load tests). Default 0.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>A random extra latency, up to this much. Default 0.</summary>
    public TimeSpan LatencyJitter { get; set; }

    /// <summary>The share of attempts refused with a transient error (throttling, temporary failure). Default 0.</summary>
    public double TransientFailureRate { get; set; }

    /// <summary>The share of deliveries refused for good (invalid destination). Default 0.</summary>
    public double PermanentFailureRate { get; set; }

    /// <summary>The share of accepted deliveries whose receipt says undeliverable (with <see cref="ReceiptDelay"/>). Default 0.</summary>
    public double UndeliverableRate { get; set; }

    /// <summary>
    /// When set, sends are Accepted with a message id and a receipt follows after this delay (like an SMSC); when
    /// <see langword="null"/>, sends report Delivered at once and no receipt follows. Default <see langword="null"/>.
    /// </summary>
    public TimeSpan? ReceiptDelay { get; set; }

    /// <summary>The seed of every random draw. Default 1.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>Checks every setting and throws one exception listing every problem.</summary>
    /// <exception cref="ArgumentException">At least one setting is invalid.</exception>
    public void Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Name))
        {
            errors.Add("Name must not be empty.");
        }

        if (MaxConcurrency is < 1 or > 10_000)
        {
            errors.Add($"MaxConcurrency must be between 1 and 10,000; it is {MaxConcurrency}.");
        }

        if (Latency < TimeSpan.Zero || LatencyJitter < TimeSpan.Zero || ReceiptDelay < TimeSpan.Zero)
        {
            errors.Add("Latency, LatencyJitter and ReceiptDelay must not be negative.");
        }

        foreach (var (name, value) in new[] { ("TransientFailureRate", TransientFailureRate), ("PermanentFailureRate", PermanentFailureRate), ("UndeliverableRate", UndeliverableRate) })
        {
            if (double.IsNaN(value) || value is < 0 or > 1)
            {
                errors.Add($"{name} must be between 0 and 1; it is {value}.");
            }
        }

        if (TransientFailureRate + PermanentFailureRate > 1)
        {
            errors.Add("TransientFailureRate plus PermanentFailureRate must not exceed 1.");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid simulation options: " + string.Join(" ", errors));
        }
    }

    internal SimulationOptions Clone() => (SimulationOptions)MemberwiseClone();
}
