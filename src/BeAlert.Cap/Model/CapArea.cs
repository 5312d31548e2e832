using System.Diagnostics.CodeAnalysis;

namespace BeAlert.Cap;

/// <summary>A CAP <c>area</c>: the geographic area an <see cref="CapInfo"/> block applies to.</summary>
public sealed record CapArea
{
    /// <summary>Creates an area with its required description.</summary>
    /// <param name="areaDesc">A text description of the affected area.</param>
    public CapArea(string areaDesc) => AreaDesc = areaDesc;

    /// <summary>A text description of the affected area (<c>areaDesc</c>, required).</summary>
    public string AreaDesc { get; init => field = value ?? throw new ArgumentNullException(nameof(value)); }

    /// <summary>The polygons delineating the area (<c>polygon</c>, any number).</summary>
    [AllowNull]
    public IReadOnlyList<CapPolygon> Polygons { get; init => field = EquatableList<CapPolygon>.From(value); } = EquatableList<CapPolygon>.Empty;

    /// <summary>The circles delineating the area (<c>circle</c>, any number).</summary>
    [AllowNull]
    public IReadOnlyList<CapCircle> Circles { get; init => field = EquatableList<CapCircle>.From(value); } = EquatableList<CapCircle>.Empty;

    /// <summary>Geographic codes delineating the area (<c>geocode</c>, for example NIS codes).</summary>
    [AllowNull]
    public IReadOnlyList<CapNamedValue> Geocodes { get; init => field = EquatableList<CapNamedValue>.From(value); } = EquatableList<CapNamedValue>.Empty;

    /// <summary>The specific or minimum altitude of the area, in feet above mean sea level (<c>altitude</c>).</summary>
    public decimal? Altitude { get; init; }

    /// <summary>The maximum altitude of the area, in feet above mean sea level (<c>ceiling</c>; only with <see cref="Altitude"/>).</summary>
    public decimal? Ceiling { get; init; }
}
