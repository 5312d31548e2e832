namespace BeAlert.Cap.Geo;

/// <summary>The outcome of reading GeoJSON into a CAP area.</summary>
/// <param name="Area">The area, or <see langword="null"/> when no polygon could be read.</param>
/// <param name="Diagnostics">Every problem found, with JSONPath locations.</param>
public sealed record CapGeoJsonReadResult(CapArea? Area, IReadOnlyList<CapDiagnostic> Diagnostics)
{
    /// <summary>Whether any diagnostic is an error (some input was left out, or nothing could be read).</summary>
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}
