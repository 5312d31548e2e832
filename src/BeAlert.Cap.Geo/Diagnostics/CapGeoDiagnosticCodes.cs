namespace BeAlert.Cap.Geo;

/// <summary>
/// The stable codes of the diagnostics of BeAlert.Cap.Geo (range CAP1101–CAP1149). Codes never change meaning;
/// docs/specs.md maps each to its reason and tests. CAP1101–CAP1119: turning CAP areas into geometry;
/// CAP1121–CAP1139: reading GeoJSON.
/// </summary>
public static class CapGeoDiagnosticCodes
{
    /// <summary>CAP1101: A polygon's ring crosses or touches itself; the area used is its repair (a bow-tie becomes two triangles).</summary>
    public const string SelfIntersection = "CAP1101";

    /// <summary>CAP1102: A coordinate is not a finite number, or a latitude is outside -90..90 or a longitude outside -180..180; the shape is left out.</summary>
    public const string CoordinateOutOfRange = "CAP1102";

    /// <summary>CAP1103: A polygon has fewer than three distinct points or no area; it covers nothing and is left out.</summary>
    public const string DegenerateRing = "CAP1103";

    /// <summary>CAP1104: A ring does not end on its first point; it was closed by repeating the first point.</summary>
    public const string RingNotClosed = "CAP1104";

    /// <summary>CAP1105: A circle's radius is negative, not a number, or larger than the configured maximum; the circle is left out.</summary>
    public const string InvalidRadius = "CAP1105";

    /// <summary>CAP1106: A NIS geocode value is not a five-digit code; it is left out.</summary>
    public const string MalformedNisCode = "CAP1106";

    /// <summary>CAP1107: A NIS geocode names no Belgian municipality, arrondissement, province, region or the country; it is left out.</summary>
    public const string UnknownNisCode = "CAP1107";

    /// <summary>CAP1108: A geocode scheme (valueName) this package does not resolve; it is ignored.</summary>
    public const string UnsupportedGeocode = "CAP1108";

    /// <summary>CAP1109: An area has no shape that could be placed on the map (no polygon, circle or resolvable geocode).</summary>
    public const string AreaNotLocated = "CAP1109";

    /// <summary>CAP1110: More vertices than the configured limit; the shapes past it are left out.</summary>
    public const string TooManyVertices = "CAP1110";

    /// <summary>CAP1121: The input is not GeoJSON: not JSON, too deeply nested, or a member has the wrong type or is missing.</summary>
    public const string InvalidGeoJson = "CAP1121";

    /// <summary>CAP1122: The GeoJSON is larger than the configured limits (bytes, polygons or positions).</summary>
    public const string GeoJsonTooLarge = "CAP1122";

    /// <summary>CAP1123: A GeoJSON geometry is not a Polygon or MultiPolygon (CAP areas are polygons); it is left out.</summary>
    public const string UnsupportedGeometryType = "CAP1123";

    /// <summary>CAP1124: A GeoJSON polygon has holes, which CAP polygons cannot express; the holes were dropped, so the area is larger.</summary>
    public const string HolesDropped = "CAP1124";

    /// <summary>CAP1125: The GeoJSON holds no usable polygon, so no area can be made of it.</summary>
    public const string NoPolygon = "CAP1125";
}
