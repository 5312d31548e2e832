namespace BeAlert.Cap;

/// <summary>Composes a <see cref="CapArea"/>; used through <see cref="CapInfoBuilder.AddArea"/>.</summary>
public sealed class CapAreaBuilder
{
    private CapArea _area;

    internal CapAreaBuilder(CapArea area) => _area = area;

    /// <summary>Adds a polygon; the ring is closed for you when the last point differs from the first.</summary>
    /// <param name="points">At least three distinct points, in order.</param>
    /// <returns>The builder.</returns>
    public CapAreaBuilder AddPolygon(params IEnumerable<CapPoint> points)
    {
        var ring = points.ToList();
        if (ring.Count > 0 && ring[0] != ring[^1])
        {
            ring.Add(ring[0]);
        }

        _area = _area with { Polygons = [.. _area.Polygons, new CapPolygon(ring)] };
        return this;
    }

    /// <summary>Adds a circle.</summary>
    /// <param name="center">The centre.</param>
    /// <param name="radiusKm">The radius in kilometres.</param>
    /// <returns>The builder.</returns>
    public CapAreaBuilder AddCircle(CapPoint center, double radiusKm)
    {
        _area = _area with { Circles = [.. _area.Circles, new CapCircle(center, radiusKm)] };
        return this;
    }

    /// <summary>Adds a geocode, for example <c>AddGeocode("NIS", "44021")</c>.</summary>
    /// <param name="valueName">The code domain.</param>
    /// <param name="value">The code.</param>
    /// <returns>The builder.</returns>
    public CapAreaBuilder AddGeocode(string valueName, string value)
    {
        _area = _area with { Geocodes = [.. _area.Geocodes, new CapNamedValue(valueName, value)] };
        return this;
    }

    /// <summary>Sets the altitude and, optionally, the ceiling (feet above mean sea level).</summary>
    /// <param name="altitude">The altitude.</param>
    /// <param name="ceiling">The ceiling, not below the altitude.</param>
    /// <returns>The builder.</returns>
    public CapAreaBuilder Altitude(decimal altitude, decimal? ceiling = null)
    {
        _area = _area with { Altitude = altitude, Ceiling = ceiling };
        return this;
    }

    internal CapArea Build() => _area;
}
