namespace BeAlert.Cap;

/// <summary>
/// Settings of <see cref="CapParser"/>. The defaults are safe for untrusted input: any limit that is hit ends
/// the parse with a <see cref="CapParseException"/> in bounded time and memory.
/// </summary>
public sealed class CapParserOptions
{
    /// <summary>The shared default options (strict, default limits). Do not modify.</summary>
    internal static readonly CapParserOptions Default = new();

    /// <summary>Strict (default) or lenient reading.</summary>
    public CapParseMode Mode { get; set; } = CapParseMode.Strict;

    /// <summary>The largest document accepted, in bytes. Default 5 MiB (room for embedded derefUri content).</summary>
    public long MaxDocumentBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>The deepest element nesting accepted. Default 32 (CAP itself needs 5; signatures about 8).</summary>
    public int MaxDepth { get; set; } = 32;

    /// <summary>The most info blocks in one alert. Default 64.</summary>
    public int MaxInfoBlocks { get; set; } = 64;

    /// <summary>The most areas in one info block. Default 1,000.</summary>
    public int MaxAreasPerInfo { get; set; } = 1000;

    /// <summary>The most resources in one info block. Default 100.</summary>
    public int MaxResourcesPerInfo { get; set; } = 100;

    /// <summary>The most points in one polygon. Default 100,000.</summary>
    public int MaxPolygonPoints { get; set; } = 100_000;

    /// <summary>The most occurrences of any other repeated element under one parent (codes, parameters, geocodes, polygons, circles...). Default 10,000.</summary>
    public int MaxRepeatedElements { get; set; } = 10_000;

    /// <summary>The longest text of one element, in characters. Default 4 Mi characters.</summary>
    public int MaxValueLength { get; set; } = 4 * 1024 * 1024;

    /// <summary>Checks the options, listing every problem at once.</summary>
    /// <exception cref="ArgumentException">One or more settings are out of range.</exception>
    public void Validate()
    {
        var errors = new List<string>();
        Positive(MaxDocumentBytes, nameof(MaxDocumentBytes), errors);
        Positive(MaxDepth, nameof(MaxDepth), errors);
        Positive(MaxInfoBlocks, nameof(MaxInfoBlocks), errors);
        Positive(MaxAreasPerInfo, nameof(MaxAreasPerInfo), errors);
        Positive(MaxResourcesPerInfo, nameof(MaxResourcesPerInfo), errors);
        Positive(MaxPolygonPoints, nameof(MaxPolygonPoints), errors);
        Positive(MaxRepeatedElements, nameof(MaxRepeatedElements), errors);
        Positive(MaxValueLength, nameof(MaxValueLength), errors);
        if (MaxDepth is > 0 and < 6)
        {
            errors.Add($"{nameof(MaxDepth)} must be at least 6 to read any CAP alert (it is {MaxDepth}).");
        }

        if (!Enum.IsDefined(Mode))
        {
            errors.Add($"{nameof(Mode)} has the undefined value {(int)Mode}.");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid CapParserOptions: " + string.Join(" ", errors));
        }
    }

    private static void Positive(long value, string name, List<string> errors)
    {
        if (value <= 0)
        {
            errors.Add($"{name} must be positive (it is {value}).");
        }
    }
}
