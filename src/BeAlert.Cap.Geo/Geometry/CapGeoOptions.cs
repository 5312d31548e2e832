namespace BeAlert.Cap.Geo;

/// <summary>
/// Settings of <see cref="CapAreaLocator"/>. The defaults suit untrusted alerts: every limit bounds the time and memory
/// of one call, and hitting it is reported as a diagnostic (<see cref="CapGeoDiagnosticCodes.TooManyVertices"/>), never thrown.
/// </summary>
public sealed class CapGeoOptions
{
    /// <summary>The shared default options. Do not modify.</summary>
    internal static readonly CapGeoOptions Default = new();

    /// <summary>
    /// The number of vertices of the polygon that stands for a CAP circle. Default 128: the polygon's edges then lie
    /// within 0.03 % of the radius of the true circle (3 m for a 10 km circle). 16 to 4,096.
    /// </summary>
    public int CircleVertices { get; set; } = 128;

    /// <summary>
    /// The largest circle radius accepted, in kilometres. Default 5,000 km (larger circles in CAP are almost always
    /// metres written as kilometres). At most 10,000 km: the construction needs the circle to be smaller than a hemisphere.
    /// </summary>
    public double MaxCircleRadiusKm { get; set; } = 5_000;

    /// <summary>
    /// The most vertices one <see cref="CapAreaLocator.Locate(CapAlert)"/> call builds, counting polygon points and
    /// <see cref="CircleVertices"/> per circle (geocoded boundaries are not counted: they are bounded by the embedded
    /// data). Default 250,000. Shapes past the limit are left out and reported.
    /// </summary>
    public int MaxVertices { get; set; } = 250_000;

    /// <summary>
    /// The geocode <c>valueName</c>s read as Belgian NIS (REFNIS) codes, compared without regard to case.
    /// Default <c>NIS</c>, <c>NIS5</c>, <c>REFNIS</c> and <c>INS</c> (the French abbreviation). Geocodes with
    /// other names are reported as not understood (<see cref="CapGeoDiagnosticCodes.UnsupportedGeocode"/>) and ignored.
    /// </summary>
#pragma warning disable CA2227 // Options are plain settable bags, validated once by the locator's constructor.
    public ISet<string> NisValueNames { get; set; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "NIS", "NIS5", "REFNIS", "INS" };
#pragma warning restore CA2227

    /// <summary>Checks the options, listing every problem at once.</summary>
    /// <exception cref="ArgumentException">One or more settings are out of range.</exception>
    public void Validate()
    {
        var errors = new List<string>();
        if (CircleVertices is < 16 or > 4096)
        {
            errors.Add($"{nameof(CircleVertices)} must be between 16 and 4096 (it is {CircleVertices}).");
        }

        if (!(MaxCircleRadiusKm > 0 && MaxCircleRadiusKm <= 10_000))
        {
            errors.Add($"{nameof(MaxCircleRadiusKm)} must be more than 0 and at most 10000 (it is {MaxCircleRadiusKm}).");
        }

        if (MaxVertices <= 0)
        {
            errors.Add($"{nameof(MaxVertices)} must be positive (it is {MaxVertices}).");
        }

        if (NisValueNames is null)
        {
            errors.Add($"{nameof(NisValueNames)} must not be null.");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid CapGeoOptions: " + string.Join(" ", errors));
        }
    }
}
