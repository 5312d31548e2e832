namespace BeAlert.Cap.Geo;

/// <summary>Limits for <see cref="CapGeoJson.ReadArea(ReadOnlySpan{byte}, string, CapGeoJsonReadOptions?)"/>; the defaults suit untrusted input.</summary>
public sealed class CapGeoJsonReadOptions
{
    /// <summary>The shared default options. Do not modify.</summary>
    internal static readonly CapGeoJsonReadOptions Default = new();

    /// <summary>The largest input accepted, in bytes. Default 16 MiB.</summary>
    public long MaxBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>The deepest JSON nesting accepted. Default 32 (a FeatureCollection of MultiPolygons needs 8).</summary>
    public int MaxDepth { get; set; } = 32;

    /// <summary>The most polygons read. Default 10,000 (the CAP parser's limit of polygons in one area).</summary>
    public int MaxPolygons { get; set; } = 10_000;

    /// <summary>The most positions read, over all rings. Default 1,000,000.</summary>
    public int MaxPositions { get; set; } = 1_000_000;

    /// <summary>Checks the options, listing every problem at once.</summary>
    /// <exception cref="ArgumentException">One or more settings are out of range.</exception>
    public void Validate()
    {
        var errors = new List<string>();
        if (MaxBytes is <= 0 or > int.MaxValue)
        {
            errors.Add($"{nameof(MaxBytes)} must be between 1 and {int.MaxValue} (it is {MaxBytes}).");
        }

        if (MaxDepth is < 8 or > 1000)
        {
            errors.Add($"{nameof(MaxDepth)} must be between 8 and 1000 (it is {MaxDepth}).");
        }

        if (MaxPolygons <= 0)
        {
            errors.Add($"{nameof(MaxPolygons)} must be positive (it is {MaxPolygons}).");
        }

        if (MaxPositions <= 0)
        {
            errors.Add($"{nameof(MaxPositions)} must be positive (it is {MaxPositions}).");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid CapGeoJsonReadOptions: " + string.Join(" ", errors));
        }
    }
}
