namespace BeAlert.Cap.Geo;

/// <summary>One catalogue entry: a code, its severity, where the rule comes from and what it says.</summary>
internal sealed record CapGeoRuleInfo(string Code, CapDiagnosticSeverity Severity, string Clause, string Title);

/// <summary>Every diagnostic code of this package with its severity; the source of docs/specs.md's table.</summary>
internal static class CapGeoRuleCatalog
{
    internal static readonly IReadOnlyList<CapGeoRuleInfo> All =
    [
        new(CapGeoDiagnosticCodes.SelfIntersection, CapDiagnosticSeverity.Error, "OGC Simple Features §6.1.11 (a polygon's ring is simple); CAP 1.2 §3.2.4 polygon", "A polygon's ring crosses or touches itself; the area used is its repair (a bow-tie becomes two triangles)."),
        new(CapGeoDiagnosticCodes.CoordinateOutOfRange, CapDiagnosticSeverity.Error, "CAP 1.2 §3.3.1 (WGS 84); RFC 7946 §4", "A coordinate is not a finite number, or a latitude is outside -90..90 or a longitude outside -180..180; the shape is left out."),
        new(CapGeoDiagnosticCodes.DegenerateRing, CapDiagnosticSeverity.Error, "CAP 1.2 §3.2.4 polygon ('a minimum of four coordinate pairs'); OGC SF §6.1.11", "A polygon has fewer than three distinct points or no area; it covers nothing and is left out."),
        new(CapGeoDiagnosticCodes.RingNotClosed, CapDiagnosticSeverity.Warning, "CAP 1.2 §3.2.4 polygon (first and last pairs equal); RFC 7946 §3.1.6", "A ring does not end on its first point; it was closed by repeating the first point."),
        new(CapGeoDiagnosticCodes.InvalidRadius, CapDiagnosticSeverity.Error, "CAP 1.2 §3.2.4 circle (radius in kilometres); CapGeoOptions.MaxCircleRadiusKm", "A circle's radius is negative, not a number, or larger than the configured maximum; the circle is left out."),
        new(CapGeoDiagnosticCodes.MalformedNisCode, CapDiagnosticSeverity.Error, "Statbel REFNIS (five digits)", "A NIS geocode value is not a five-digit code; it is left out."),
        new(CapGeoDiagnosticCodes.UnknownNisCode, CapDiagnosticSeverity.Error, "Statbel REFNIS 2019 boundaries (embedded data)", "A NIS geocode names no Belgian municipality, arrondissement, province, region or the country; it is left out."),
        new(CapGeoDiagnosticCodes.UnsupportedGeocode, CapDiagnosticSeverity.Info, "CAP 1.2 §3.2.4 geocode (valueName names the scheme)", "A geocode scheme (valueName) this package does not resolve; it is ignored."),
        new(CapGeoDiagnosticCodes.AreaNotLocated, CapDiagnosticSeverity.Warning, "CAP 1.2 §3.2.4 area", "An area has no shape that could be placed on the map (no polygon, circle or resolvable geocode)."),
        new(CapGeoDiagnosticCodes.TooManyVertices, CapDiagnosticSeverity.Error, "BeAlert limit (CapGeoOptions.MaxVertices)", "More vertices than the configured limit; the shapes past it are left out."),
        new(CapGeoDiagnosticCodes.InvalidGeoJson, CapDiagnosticSeverity.Error, "RFC 8259 (JSON); RFC 7946 §3 (GeoJSON objects)", "The input is not GeoJSON: not JSON, too deeply nested, or a member has the wrong type or is missing."),
        new(CapGeoDiagnosticCodes.GeoJsonTooLarge, CapDiagnosticSeverity.Error, "BeAlert limit (CapGeoJsonReadOptions)", "The GeoJSON is larger than the configured limits (bytes, polygons or positions)."),
        new(CapGeoDiagnosticCodes.UnsupportedGeometryType, CapDiagnosticSeverity.Error, "RFC 7946 §3.1; CAP 1.2 §3.2.4 (areas are polygons)", "A GeoJSON geometry is not a Polygon or MultiPolygon (CAP areas are polygons); it is left out."),
        new(CapGeoDiagnosticCodes.HolesDropped, CapDiagnosticSeverity.Warning, "RFC 7946 §3.1.6 (interior rings); CAP 1.2 §3.2.4 (no holes)", "A GeoJSON polygon has holes, which CAP polygons cannot express; the holes were dropped, so the area is larger."),
        new(CapGeoDiagnosticCodes.NoPolygon, CapDiagnosticSeverity.Error, "CAP 1.2 §3.2.4 area", "The GeoJSON holds no usable polygon, so no area can be made of it."),
    ];

    private static readonly Dictionary<string, CapGeoRuleInfo> ByCode = All.ToDictionary(r => r.Code, StringComparer.Ordinal);

    internal static CapDiagnosticSeverity Severity(string code) => ByCode[code].Severity;

    internal static CapDiagnostic Diagnostic(string code, string message, string path) => new(code, Severity(code), message, path);
}
