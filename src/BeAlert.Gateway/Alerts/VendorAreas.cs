using BeAlert.Cap;
using BeAlert.Cap.Geo;
using BeAlert.Gateway.Security;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace BeAlert.Gateway.Alerts;

/// <summary>
/// A vendor key's areas as a filter: an alert matches when it is for public channels (scope Public, not from a
/// simulation account, not a draft) and is nationwide, reaches one of the vendor's municipalities, or overlaps the
/// vendor's polygon.
/// </summary>
internal sealed class VendorAreas
{
    private readonly HashSet<int> _municipalities;
    private readonly IPreparedGeometry? _polygon;

    private VendorAreas(VendorScope scope)
    {
        _municipalities = [.. scope.Municipalities];
        if (!string.IsNullOrWhiteSpace(scope.Polygon) && TryPolygon(scope.Polygon, out var polygon))
        {
            _polygon = PreparedGeometryFactory.Prepare(polygon);
        }

        CacheKey = "m:" + string.Join(',', scope.Municipalities.Order()) + "|p:" + (scope.Polygon ?? string.Empty);
    }

    /// <summary>Identifies the filter in the rendered-feed cache.</summary>
    public string CacheKey { get; }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, VendorAreas> Cache = new(StringComparer.Ordinal);

    /// <summary>The filter for a vendor key's scope (cached: vendors are few, their areas rarely change).</summary>
    public static VendorAreas For(VendorScope? scope)
    {
        // A key's scope object lives as long as its cached Caller (AccessKeyStore): found by reference without
        // rebuilding the filter (its set, its cache key and any polygon) on each request.
        if (scope is not null && ByScope.TryGetValue(scope, out var known))
        {
            return known;
        }

        var made = new VendorAreas(scope ?? new VendorScope([], null));
        if (!Cache.TryGetValue(made.CacheKey, out var cached))
        {
            if (Cache.Count > 10_000)
            {
                Cache.Clear();
            }

            cached = Cache.GetOrAdd(made.CacheKey, made);
        }

        if (scope is not null)
        {
            ByScope.AddOrUpdate(scope, cached);
        }

        return cached;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<VendorScope, VendorAreas> ByScope = [];

    public bool Matches(StoredAlert alert)
    {
        if (!alert.IsForPublicChannels)
        {
            return false;
        }

        if (alert.Nationwide)
        {
            return true;
        }

        foreach (var code in alert.Municipalities)
        {
            if (_municipalities.Contains(code))
            {
                return true;
            }
        }

        if (_polygon is null)
        {
            return false;
        }

        var geometry = alert.Geometry;
        return !geometry.IsEmpty && _polygon.Intersects(geometry);
    }

    /// <summary>Reads a CAP polygon ("lat,lon lat,lon …") into a geometry; false when it is not one.</summary>
    private static bool TryPolygon(string text, out Geometry polygon)
    {
        polygon = Polygon.Empty;
        var points = new List<CapPoint>();
        foreach (var pair in text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var comma = pair.IndexOf(',', StringComparison.Ordinal);
            if (comma < 0
                || !double.TryParse(pair.AsSpan(0, comma), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var lat)
                || !double.TryParse(pair.AsSpan(comma + 1), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var lon))
            {
                return false;
            }

            points.Add(new CapPoint(lat, lon));
        }

        var located = CapAreaLocator.Default.Locate(new CapArea("vendor area") { Polygons = [new CapPolygon(points)] });
        if (located.IsEmpty || located.HasErrors)
        {
            return false;
        }

        polygon = located.GetGeometry();
        return true;
    }
}
