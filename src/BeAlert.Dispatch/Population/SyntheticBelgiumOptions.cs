using BeAlert.Cap.Geo;

namespace BeAlert.Dispatch;

/// <summary>Settings of <see cref="SyntheticBelgium"/>.</summary>
public sealed class SyntheticBelgiumOptions
{
    /// <summary>The most subscribers one call generates (25 million: twice Belgium).</summary>
    public const int MaxCount = 25_000_000;

    /// <summary>How many subscribers to generate. Default 10,000; at most <see cref="MaxCount"/>; Belgium has about 11.5 million people.</summary>
    public int Count { get; set; } = 10_000;

    /// <summary>The seed: the same seed and count give the same population, on any machine and runtime. Default 20260305.</summary>
    public ulong Seed { get; set; } = 20260305;

    /// <summary>The municipalities to spread people over; <see cref="BelgianBoundaries.Default"/> when <see langword="null"/>.</summary>
    public BelgianBoundaries? Boundaries { get; set; }

    /// <summary>How many threads generate at once (the result does not depend on it). Default: the processor count.</summary>
    public int MaxDegreeOfParallelism { get; set; } = Environment.ProcessorCount;

    /// <summary>Checks the settings, reporting every problem at once.</summary>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public void Validate()
    {
        var errors = new List<string>();
        if (Count is < 0 or > MaxCount)
        {
            errors.Add($"Count must be 0 to {MaxCount}; it is {Count}.");
        }

        if (MaxDegreeOfParallelism < 1)
        {
            errors.Add($"MaxDegreeOfParallelism must be at least 1; it is {MaxDegreeOfParallelism}.");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors));
        }
    }
}
