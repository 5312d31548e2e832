using System.Globalization;
using System.Text.Json;

namespace BeAlert.Cap.Geo;

/// <summary>
/// The GeoJSON reader behind <see cref="CapGeoJson.ReadArea(ReadOnlySpan{byte}, string, CapGeoJsonReadOptions?)"/>: a
/// bounded <see cref="JsonDocument"/> walked by hand, so that every problem gets its own code and JSONPath and nothing
/// throws (GeoJSON4STJ, used for export, throws on an unclosed ring and reports no location).
/// </summary>
internal sealed class GeoJsonAreaReader
{
    private readonly CapGeoJsonReadOptions _options;
    private readonly List<CapPolygon> _polygons = [];
    private readonly List<CapDiagnostic> _diagnostics = [];
    private long _positions;
    private bool _stopped;

    private GeoJsonAreaReader(CapGeoJsonReadOptions options) => _options = options;

    internal static CapGeoJsonReadResult TooLarge(CapGeoJsonReadOptions options) =>
        new(null, [CapGeoRuleCatalog.Diagnostic(CapGeoDiagnosticCodes.GeoJsonTooLarge, string.Create(CultureInfo.InvariantCulture, $"the GeoJSON is larger than {options.MaxBytes} bytes (CapGeoJsonReadOptions.MaxBytes)."), "$")]);

    internal static CapGeoJsonReadResult Read(ReadOnlySpan<byte> utf8Json, string areaDesc, CapGeoJsonReadOptions options)
    {
        if (utf8Json.Length > options.MaxBytes)
        {
            return TooLarge(options);
        }

        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = options.MaxDepth, CommentHandling = JsonCommentHandling.Disallow });
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? string.Create(CultureInfo.InvariantCulture, $" (line {line + 1}, byte {e.BytePositionInLine + 1})") : string.Empty;
            return new CapGeoJsonReadResult(null, [CapGeoRuleCatalog.Diagnostic(CapGeoDiagnosticCodes.InvalidGeoJson, $"the input is not valid JSON{where}: {e.Message}", e.Path ?? "$")]);
        }

        using (document)
        {
            var reader = new GeoJsonAreaReader(options);
            reader.Object(document.RootElement, "$", depth: 0);
            if (reader._polygons.Count == 0 && !reader._diagnostics.Any(d => d.IsError))
            {
                // Only when no error already says why (one mistake, one diagnostic).
                reader.Report(CapGeoDiagnosticCodes.NoPolygon, "the GeoJSON holds no usable Polygon or MultiPolygon, so no CAP area can be made of it.", "$");
            }

            var area = reader._polygons.Count == 0 ? null : new CapArea(areaDesc) { Polygons = reader._polygons };
            return new CapGeoJsonReadResult(area, reader._diagnostics.ToArray());
        }
    }

    /// <summary>Any GeoJSON object: a FeatureCollection, a Feature or a geometry.</summary>
    private void Object(JsonElement element, string path, int depth)
    {
        if (_stopped)
        {
            return;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            Report(CapGeoDiagnosticCodes.InvalidGeoJson, $"expected a GeoJSON object, found {Kind(element)}.", path);
            return;
        }

        if (!element.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
        {
            Report(CapGeoDiagnosticCodes.InvalidGeoJson, "a GeoJSON object needs a \"type\" string member (RFC 7946 §3).", path);
            return;
        }

        var type = typeElement.GetString();
        switch (type)
        {
            case "FeatureCollection":
                if (Array(element, "features", path) is { } features)
                {
                    var i = 0;
                    foreach (var feature in features.EnumerateArray())
                    {
                        Feature(feature, $"{path}.features[{i++}]");
                    }
                }

                break;
            case "Feature":
                Feature(element, path);
                break;
            case "GeometryCollection":
                if (depth > 4)
                {
                    Report(CapGeoDiagnosticCodes.InvalidGeoJson, "GeometryCollections nested this deep are not read (RFC 7946 §3.1.8 advises against nesting them).", path);
                    break;
                }

                if (Array(element, "geometries", path) is { } geometries)
                {
                    var i = 0;
                    foreach (var geometry in geometries.EnumerateArray())
                    {
                        Object(geometry, $"{path}.geometries[{i++}]", depth + 1);
                    }
                }

                break;
            case "Polygon":
                if (Array(element, "coordinates", path) is { } rings)
                {
                    Polygon(rings, $"{path}.coordinates");
                }

                break;
            case "MultiPolygon":
                if (Array(element, "coordinates", path) is { } polygons)
                {
                    var i = 0;
                    foreach (var polygon in polygons.EnumerateArray())
                    {
                        var polygonPath = $"{path}.coordinates[{i++}]";
                        if (polygon.ValueKind == JsonValueKind.Array)
                        {
                            Polygon(polygon, polygonPath);
                        }
                        else
                        {
                            Report(CapGeoDiagnosticCodes.InvalidGeoJson, $"a MultiPolygon's coordinates are arrays of polygons; found {Kind(polygon)}.", polygonPath);
                        }
                    }
                }

                break;
            case "Point" or "MultiPoint" or "LineString" or "MultiLineString":
                Report(CapGeoDiagnosticCodes.UnsupportedGeometryType, $"a {type} has no area, and CAP areas are polygons: draw the area as a Polygon (or give a CAP circle for a point and radius). It is left out.", path);
                break;
            default:
                Report(CapGeoDiagnosticCodes.InvalidGeoJson, $"\"{type}\" is not a GeoJSON type (RFC 7946 §1.4).", path + ".type");
                break;
        }
    }

    private void Feature(JsonElement feature, string path)
    {
        if (_stopped)
        {
            return;
        }

        if (feature.ValueKind != JsonValueKind.Object
            || !feature.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "Feature")
        {
            Report(CapGeoDiagnosticCodes.InvalidGeoJson, "expected a Feature object (\"type\": \"Feature\").", path);
            return;
        }

        if (!feature.TryGetProperty("geometry", out var geometry))
        {
            Report(CapGeoDiagnosticCodes.InvalidGeoJson, "a Feature needs a \"geometry\" member (RFC 7946 §3.2), null when unlocated.", path);
            return;
        }

        if (geometry.ValueKind == JsonValueKind.Null)
        {
            Report(CapGeoDiagnosticCodes.UnsupportedGeometryType, "the Feature has a null geometry: it has no area. It is left out.", path + ".geometry");
            return;
        }

        if (geometry.ValueKind == JsonValueKind.Object && geometry.TryGetProperty("type", out var geometryType) && geometryType.ValueKind == JsonValueKind.String
            && geometryType.GetString() is "Feature" or "FeatureCollection")
        {
            Report(CapGeoDiagnosticCodes.InvalidGeoJson, "a Feature's geometry must be a geometry, not a Feature or FeatureCollection.", path + ".geometry");
            return;
        }

        Object(geometry, path + ".geometry", depth: 1);
    }

    /// <summary>A Polygon's coordinates: the outer ring becomes a CAP polygon; holes are dropped.</summary>
    private void Polygon(JsonElement rings, string path)
    {
        var ringCount = rings.GetArrayLength();
        if (ringCount == 0)
        {
            Report(CapGeoDiagnosticCodes.DegenerateRing, "the Polygon has no rings; it covers nothing and is left out.", path);
            return;
        }

        if (ringCount > 1)
        {
            Report(CapGeoDiagnosticCodes.HolesDropped, string.Create(CultureInfo.InvariantCulture, $"the Polygon has {ringCount - 1} hole(s); CAP polygons cannot have holes, so they were dropped and the area covers them too."), path);
        }

        var shellPath = path + "[0]";
        var shell = rings[0];
        if (shell.ValueKind != JsonValueKind.Array)
        {
            Report(CapGeoDiagnosticCodes.InvalidGeoJson, $"a ring is an array of positions; found {Kind(shell)}.", shellPath);
            return;
        }

        if (_polygons.Count >= _options.MaxPolygons)
        {
            Stop(string.Create(CultureInfo.InvariantCulture, $"more than {_options.MaxPolygons} polygons (CapGeoJsonReadOptions.MaxPolygons); the rest is not read."), path);
            return;
        }

        var count = shell.GetArrayLength();
        _positions += count;
        if (_positions > _options.MaxPositions)
        {
            Stop(string.Create(CultureInfo.InvariantCulture, $"more than {_options.MaxPositions} positions (CapGeoJsonReadOptions.MaxPositions); the rest is not read."), shellPath);
            return;
        }

        var points = new List<CapPoint>(count + 1);
        var i = 0;
        foreach (var position in shell.EnumerateArray())
        {
            if (!TryPosition(position, out var point))
            {
                Report(CapGeoDiagnosticCodes.InvalidGeoJson, "a position is an array of two or three numbers: longitude, latitude[, altitude] (RFC 7946 §3.1.1). The polygon is left out.", $"{shellPath}[{i}]");
                return;
            }

            points.Add(point);
            i++;
        }

        var errors = false;
        var shape = ShapeBuilder.Polygon(points, "the ring", (code, message) =>
        {
            errors |= CapGeoRuleCatalog.Severity(code) == CapDiagnosticSeverity.Error;
            Report(code, message, shellPath);
        });
        if (shape is null || errors)
        {
            return; // reported; a repaired self-intersecting ring is not what the author drew, so it is not taken
        }

        if (points[0] != points[^1])
        {
            points.Add(points[0]);
        }

        _polygons.Add(new CapPolygon(points));
    }

    private static bool TryPosition(JsonElement position, out CapPoint point)
    {
        point = default;
        if (position.ValueKind != JsonValueKind.Array || position.GetArrayLength() is < 2 or > 3)
        {
            return false;
        }

        foreach (var ordinate in position.EnumerateArray())
        {
            if (ordinate.ValueKind != JsonValueKind.Number)
            {
                return false;
            }
        }

        // A number too large for a double reads as infinity or fails; both end up as an out-of-range coordinate.
        var longitude = position[0].TryGetDouble(out var x) ? x : double.NaN;
        var latitude = position[1].TryGetDouble(out var y) ? y : double.NaN;
        point = new CapPoint(latitude, longitude);
        return true;
    }

    private JsonElement? Array(JsonElement element, string member, string path)
    {
        if (!element.TryGetProperty(member, out var value) || value.ValueKind != JsonValueKind.Array)
        {
            Report(CapGeoDiagnosticCodes.InvalidGeoJson, $"the \"{member}\" member must be an array (RFC 7946 §3).", path + "." + member);
            return null;
        }

        return value;
    }

    private void Stop(string message, string path)
    {
        _stopped = true;
        Report(CapGeoDiagnosticCodes.GeoJsonTooLarge, message, path);
    }

    private void Report(string code, string message, string path) => _diagnostics.Add(CapGeoRuleCatalog.Diagnostic(code, message, path));

    private static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
