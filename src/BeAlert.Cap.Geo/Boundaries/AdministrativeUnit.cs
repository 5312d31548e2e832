using NetTopologySuite.Geometries;

namespace BeAlert.Cap.Geo;

/// <summary>
/// A Belgian administrative unit: its NIS (REFNIS) code, names, parent and population, and its boundary.
/// Instances come from <see cref="BelgianBoundaries"/> and are shared and immutable.
/// </summary>
public sealed class AdministrativeUnit
{
    private readonly Func<NetTopologySuite.Geometries.Geometry>? _compose;
    private NetTopologySuite.Geometries.Geometry? _geometry;
    private double _areaKm2 = double.NaN;

    internal AdministrativeUnit(
        AdministrativeLevel level,
        string code,
        string? parentCode,
        string? regionCode,
        string nameNl,
        string nameFr,
        NetTopologySuite.Geometries.Geometry? geometry,
        Func<NetTopologySuite.Geometries.Geometry>? compose)
    {
        Level = level;
        Code = code;
        ParentCode = parentCode;
        RegionCode = regionCode;
        NameNl = nameNl;
        NameFr = nameFr;
        _geometry = geometry;
        _compose = compose;
    }

    /// <summary>The level of the unit.</summary>
    public AdministrativeLevel Level { get; }

    /// <summary>The five-digit NIS (REFNIS) code, for example <c>44021</c>.</summary>
    public string Code { get; }

    /// <summary>
    /// The NIS code of the unit one level up: a municipality's arrondissement, an arrondissement's province (for
    /// Brussels-Capital, which has no province: the region 04000), a province's region, a region's country
    /// (01000); <see langword="null"/> for the country.
    /// </summary>
    public string? ParentCode { get; }

    /// <summary>The NIS code of the region the unit lies in (02000, 03000 or 04000); <see langword="null"/> for the country.</summary>
    public string? RegionCode { get; }

    /// <summary>The Dutch name, as in the source data.</summary>
    public string NameNl { get; }

    /// <summary>The French name, as in the source data.</summary>
    public string NameFr { get; }

    /// <summary>The population on 1 January 2020 (Statbel); for units above municipalities, the sum of their municipalities.</summary>
    public long Population { get; internal set; }

    /// <summary>The area in square kilometres, computed on the WGS 84 ellipsoid (see <see cref="CapGeometry.AreaKm2"/>).</summary>
    public double AreaKm2
    {
        get
        {
            var area = Volatile.Read(ref _areaKm2);
            if (double.IsNaN(area))
            {
                area = EllipsoidArea.SquareKilometres(Geometry);
                Volatile.Write(ref _areaKm2, area);
            }

            return area;
        }
    }

    /// <summary>The shared boundary (x = longitude, y = latitude, WGS 84); never modified after it is built.</summary>
    internal NetTopologySuite.Geometries.Geometry Geometry
    {
        get
        {
            var geometry = Volatile.Read(ref _geometry);
            if (geometry is null)
            {
                // Regions without an outline of their own and the country: the union of their children, built once.
                geometry = _compose!();
                geometry = Interlocked.CompareExchange(ref _geometry, geometry, null) ?? geometry;
            }

            return geometry;
        }
    }

    /// <summary>
    /// A copy of the boundary as a NetTopologySuite geometry (a <see cref="Polygon"/> or <see cref="MultiPolygon"/>,
    /// x = longitude, y = latitude, SRID 4326). The data is simplified (about 20 m): right for targeting and maps,
    /// not a surveyed boundary.
    /// </summary>
    /// <returns>A new geometry the caller may modify.</returns>
    public NetTopologySuite.Geometries.Geometry GetGeometry() => Geometry.Copy();

    /// <inheritdoc />
    public override string ToString() => $"{Code} {NameNl}" + (NameNl == NameFr ? string.Empty : " / " + NameFr);
}
