namespace BeAlert.Cap;

/// <summary>
/// Settings of <see cref="CapFeedReader"/>. The defaults are safe for untrusted input: any limit that is hit ends the
/// read with a <see cref="CapParseException"/> in bounded time and memory. Each embedded alert is read by
/// <see cref="Parser"/> (with its own limits) and checked by <see cref="Validator"/>.
/// </summary>
public sealed class CapFeedReaderOptions
{
    internal static readonly CapFeedReaderOptions Default = new();

    /// <summary>The largest feed accepted, in bytes. Default 64 MiB (room for a thousand embedded alerts).</summary>
    public long MaxDocumentBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>The deepest element nesting accepted, embedded alerts included. Default 48.</summary>
    public int MaxDepth { get; set; } = 48;

    /// <summary>The most entries (Atom), items (RSS) or content objects (EDXL-DE) in one feed. Default 10,000.</summary>
    public int MaxEntries { get; set; } = 10_000;

    /// <summary>The most child elements of one entry (links, CAP index elements, embedded alerts...). Default 10,000.</summary>
    public int MaxElementsPerEntry { get; set; } = 10_000;

    /// <summary>The parser for embedded alerts (strict or lenient, with its limits). Default <see cref="CapParser.Default"/>.</summary>
    public CapParser Parser { get; set; } = CapParser.Default;

    /// <summary>The validator for embedded alerts. Default <see cref="CapValidator.Default"/>.</summary>
    public CapValidator Validator { get; set; } = CapValidator.Default;

    /// <summary>Checks the options, listing every problem at once.</summary>
    /// <exception cref="ArgumentException">One or more settings are out of range.</exception>
    public void Validate()
    {
        var errors = new List<string>();
        if (MaxDocumentBytes <= 0)
        {
            errors.Add($"{nameof(MaxDocumentBytes)} must be positive (it is {MaxDocumentBytes}).");
        }

        if (MaxDepth < 8)
        {
            errors.Add($"{nameof(MaxDepth)} must be at least 8 to read a feed with an embedded alert (it is {MaxDepth}).");
        }

        if (MaxEntries <= 0)
        {
            errors.Add($"{nameof(MaxEntries)} must be positive (it is {MaxEntries}).");
        }

        if (MaxElementsPerEntry <= 0)
        {
            errors.Add($"{nameof(MaxElementsPerEntry)} must be positive (it is {MaxElementsPerEntry}).");
        }

        if (Parser is null)
        {
            errors.Add($"{nameof(Parser)} is required.");
        }

        if (Validator is null)
        {
            errors.Add($"{nameof(Validator)} is required.");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid CapFeedReaderOptions: " + string.Join(" ", errors));
        }
    }
}
