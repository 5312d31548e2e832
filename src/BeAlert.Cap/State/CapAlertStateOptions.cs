namespace BeAlert.Cap;

/// <summary>Settings of a <see cref="CapAlertState"/>.</summary>
public sealed class CapAlertStateOptions
{
    /// <summary>
    /// Whether an Update or Cancel from <c>replacingSender</c> may replace an alert of <c>originalSender</c>.
    /// CAP lets any sender reference any message; whether that reference may change another authority's alert is a
    /// policy decision (in Belgium, a provincial or federal crisis centre takes over a commune's alert). The default
    /// allows it only for the same sender; set a rule for the hierarchy you trust.
    /// </summary>
    public Func<string, string, bool> MayReplace { get; set; } = static (replacingSender, originalSender) =>
        string.Equals(replacingSender, originalSender, StringComparison.Ordinal);

    /// <summary>
    /// How long an alert without any <c>expires</c> stays active after its <c>sent</c> time (default 24 hours): an
    /// alert nobody cancels must not stay on public screens for ever.
    /// </summary>
    public TimeSpan DefaultLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How long the keys of expired, superseded or cancelled messages are remembered (default 7 days), so that a late
    /// duplicate or an original arriving after its Cancel is recognised and kept out.
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The most messages remembered at once (default 100,000); past it, the oldest expired ones are forgotten first.</summary>
    public int MaxMessages { get; set; } = 100_000;

    /// <summary>Checks the settings.</summary>
    /// <exception cref="ArgumentException">A setting is out of range; the message lists every problem.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        if (MayReplace is null)
        {
            problems.Add("MayReplace must be set.");
        }

        if (DefaultLifetime <= TimeSpan.Zero)
        {
            problems.Add($"DefaultLifetime must be positive (was {DefaultLifetime}).");
        }

        if (Retention < TimeSpan.Zero)
        {
            problems.Add($"Retention must not be negative (was {Retention}).");
        }

        if (MaxMessages < 1)
        {
            problems.Add($"MaxMessages must be at least 1 (was {MaxMessages}).");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid CapAlertStateOptions: " + string.Join(" ", problems));
        }
    }
}
