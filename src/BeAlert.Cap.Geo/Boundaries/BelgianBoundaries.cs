using System.Diagnostics.CodeAnalysis;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Index.Strtree;
using NetTopologySuite.Operation.OverlayNG;
using NetTopologySuite.Operation.RelateNG;

namespace BeAlert.Cap.Geo;

/// <summary>
/// Belgium's 581 municipalities, 43 arrondissements, 10 provinces, 3 regions and the country, with NIS (REFNIS) codes,
/// Dutch and French names, parents, 2020 populations and simplified boundaries (Statbel 2019 via the CC0
/// bmesuere/belgium-topojson data set, embedded in this assembly). <see cref="Default"/> reads them once, on first use,
/// thread-safely (about 240 KB compressed). Every query is thread-safe.
/// </summary>
public sealed class BelgianBoundaries
{
    private static readonly Lazy<BelgianBoundaries> LazyDefault = new(
        () => new BelgianBoundaries(BoundaryDataReader.ReadEmbedded(GeoServices.Factory)),
        LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<string, AdministrativeUnit> _byCode;
    private readonly STRtree<AdministrativeUnit> _municipalityIndex = new();
    private readonly Lazy<Dictionary<string, AdministrativeUnit[]>> _adjacency;
    private readonly Dictionary<AdministrativeUnit, PreparedOutline> _prepared = new(ReferenceEqualityComparer.Instance);

    internal BelgianBoundaries(IReadOnlyList<BoundaryDataReader.RawUnit> units)
    {
        _byCode = new Dictionary<string, AdministrativeUnit>(units.Count, StringComparer.Ordinal);
        foreach (var raw in units)
        {
            var code = raw.Code;
            var geometry = raw.Geometry;
            if (geometry is not null && !geometry.IsValid)
            {
                // Three simplified outlines (Stabroek, Asse, Koksijde) pinch or cross themselves; NTS repairs them without
                // moving any vertex, so borders shared with neighbours stay identical.
                geometry = GeometryFixer.Fix(geometry);
            }

            var unit = new AdministrativeUnit(raw.Level, code, raw.ParentCode, raw.RegionCode, raw.NameNl, raw.NameFr, geometry, () => Compose(code))
            {
                Population = raw.Population,
            };
            if (!_byCode.TryAdd(code, unit))
            {
                throw new InvalidDataException($"The boundary data lists NIS code {code} twice.");
            }
        }

        Municipalities = Select(AdministrativeLevel.Municipality);
        Arrondissements = Select(AdministrativeLevel.Arrondissement);
        Provinces = Select(AdministrativeLevel.Province);
        Regions = Select(AdministrativeLevel.Region);
        Country = Select(AdministrativeLevel.Country).Single();

        // Every unit above a municipality counts the people of the municipalities under it.
        foreach (var municipality in Municipalities)
        {
            for (var parent = Parent(municipality); parent is not null; parent = Parent(parent))
            {
                parent.Population += municipality.Population;
            }

            _municipalityIndex.Insert(municipality.Geometry.EnvelopeInternal, municipality);
            _prepared.Add(municipality, new PreparedOutline(municipality));
        }

        _municipalityIndex.Build();
        _adjacency = new Lazy<Dictionary<string, AdministrativeUnit[]>>(ComputeAdjacency, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The embedded data, read on first use.</summary>
    public static BelgianBoundaries Default => LazyDefault.Value;

    /// <summary>The 581 municipalities, by NIS code.</summary>
    public IReadOnlyList<AdministrativeUnit> Municipalities { get; }

    /// <summary>The 43 arrondissements, by NIS code.</summary>
    public IReadOnlyList<AdministrativeUnit> Arrondissements { get; }

    /// <summary>The 10 provinces, by NIS code (Brussels-Capital belongs to none).</summary>
    public IReadOnlyList<AdministrativeUnit> Provinces { get; }

    /// <summary>The 3 regions: Flemish (02000), Walloon (03000), Brussels-Capital (04000).</summary>
    public IReadOnlyList<AdministrativeUnit> Regions { get; }

    /// <summary>Belgium (01000).</summary>
    public AdministrativeUnit Country { get; }

    /// <summary>Finds the unit with a NIS code, at any level.</summary>
    /// <param name="nisCode">A five-digit NIS code, for example <c>44021</c> (Gent), <c>44000</c> (arrondissement Gent), <c>40000</c> (East Flanders).</param>
    /// <param name="unit">The unit, when found.</param>
    /// <returns>Whether the code is known.</returns>
    public bool TryFind(string nisCode, [NotNullWhen(true)] out AdministrativeUnit? unit)
    {
        ArgumentNullException.ThrowIfNull(nisCode);
        return _byCode.TryGetValue(nisCode, out unit);
    }

    /// <summary>The municipalities inside a unit (the unit itself for a municipality), by NIS code.</summary>
    /// <param name="unit">A unit of this data set.</param>
    /// <returns>The municipalities.</returns>
    public IReadOnlyList<AdministrativeUnit> GetMunicipalities(AdministrativeUnit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        if (unit.Level == AdministrativeLevel.Municipality)
        {
            return [unit];
        }

        return [.. Municipalities.Where(m => IsWithin(m, unit))];
    }

    /// <summary>
    /// The municipalities that share a stretch of border with a municipality: their boundaries meet along a line
    /// (DE-9IM boundary/boundary dimension 1, interiors apart). Municipalities that meet only at a corner point are
    /// not neighbours. Across provinces and regions too; sorted by NIS code.
    /// </summary>
    /// <param name="municipality">A municipality of this data set.</param>
    /// <returns>The neighbours; empty for a unit that is not a municipality.</returns>
    public IReadOnlyList<AdministrativeUnit> GetAdjacentMunicipalities(AdministrativeUnit municipality)
    {
        ArgumentNullException.ThrowIfNull(municipality);
        return _adjacency.Value.TryGetValue(municipality.Code, out var neighbours) ? neighbours : [];
    }

    /// <summary>The municipality a point lies in (on a shared border: the one with the lower NIS code), if any.</summary>
    /// <param name="latitude">WGS 84 latitude, degrees.</param>
    /// <param name="longitude">WGS 84 longitude, degrees.</param>
    /// <returns>The municipality, or <see langword="null"/> outside Belgium.</returns>
    public AdministrativeUnit? FindMunicipalityAt(double latitude, double longitude)
    {
        if (!double.IsFinite(latitude) || !double.IsFinite(longitude))
        {
            return null;
        }

        var point = GeoServices.Factory.CreatePoint(new Coordinate(longitude, latitude));
        AdministrativeUnit? found = null;
        foreach (var candidate in _municipalityIndex.Query(point.EnvelopeInternal))
        {
            if ((found is null || string.CompareOrdinal(candidate.Code, found.Code) < 0) && candidate.Geometry.Intersects(point))
            {
                found = candidate;
            }
        }

        return found;
    }

    /// <summary>
    /// The municipalities an alert's area reaches: those whose interior overlaps the area's interior. A municipality
    /// that only touches the area's edge (shares border points or lines but no surface) is not affected; a municipality
    /// overlapped by even a sliver is. For an area made of points only (zero-radius circles), the municipalities
    /// containing or bordering those points. Sorted by NIS code.
    /// </summary>
    /// <param name="area">The area, from <see cref="CapAreaLocator"/>.</param>
    /// <returns>The affected municipalities.</returns>
    public IReadOnlyList<AdministrativeUnit> FindAffectedMunicipalities(CapGeometry area)
    {
        ArgumentNullException.ThrowIfNull(area);
        if (area.IsEmpty)
        {
            return [];
        }

        // Each candidate's outline is prepared once (its edge index and point locator cached) and tested against the
        // area: the area is small next to a municipality's outline, so this costs a fraction of indexing every
        // candidate's outline anew for each area. Both predicates are symmetric (the interiors meet; the geometries
        // meet), so the answer is the one of testing the area against each municipality.
        var geometry = area.Geometry;
        var surface = geometry.Dimension == Dimension.Surface;
        var affected = new List<AdministrativeUnit>();
        foreach (var candidate in _municipalityIndex.Query(area.Envelope))
        {
            if (_prepared[candidate].Reaches(geometry, surface))
            {
                affected.Add(candidate);
            }
        }

        affected.Sort(static (a, b) => string.CompareOrdinal(a.Code, b.Code));
        return affected;
    }

    private List<AdministrativeUnit> Select(AdministrativeLevel level) =>
        [.. _byCode.Values.Where(u => u.Level == level).OrderBy(u => u.Code, StringComparer.Ordinal)];

    private AdministrativeUnit? Parent(AdministrativeUnit unit) =>
        unit.ParentCode is { } code && _byCode.TryGetValue(code, out var parent) ? parent : null;

    private bool IsWithin(AdministrativeUnit unit, AdministrativeUnit ancestor)
    {
        for (var parent = Parent(unit); parent is not null; parent = Parent(parent))
        {
            if (ReferenceEquals(parent, ancestor))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The outline of a unit above the municipalities: the union of its children (a country of regions, a region of
    /// provinces, a province of arrondissements, an arrondissement of municipalities), so that the levels nest exactly
    /// and each level is built once from the level below.
    /// </summary>
    private NetTopologySuite.Geometries.Geometry Compose(string code)
    {
        var children = _byCode.Values.Where(u => u.ParentCode == code).Select(u => u.Geometry).ToArray();
        if (children.Length == 0)
        {
            throw new InvalidDataException($"The boundary data has nothing inside NIS code {code}.");
        }

        // Children form a coverage (neighbours share their border vertex for vertex), which CoverageUnion merges in a
        // fraction of the time of a general union; where the simplified data breaks that, the robust union takes over.
        try
        {
            var union = NetTopologySuite.Operation.OverlayNG.CoverageUnion.Union(GeoServices.Factory.BuildGeometry(children));
            if (union.IsValid)
            {
                return union;
            }
        }
        catch (TopologyException)
        {
        }

        return OverlayNGRobust.Union(children, GeoServices.Factory);
    }

    private Dictionary<string, AdministrativeUnit[]> ComputeAdjacency()
    {
        var neighbours = Municipalities.ToDictionary(m => m.Code, _ => new List<AdministrativeUnit>(), StringComparer.Ordinal);
        foreach (var municipality in Municipalities)
        {
            var relate = RelateNG.Prepare(municipality.Geometry);
            foreach (var candidate in _municipalityIndex.Query(municipality.Geometry.EnvelopeInternal))
            {
                if (string.CompareOrdinal(candidate.Code, municipality.Code) > 0 && relate.Evaluate(candidate.Geometry, IntersectionMatrixPattern.Adjacent))
                {
                    neighbours[municipality.Code].Add(candidate);
                    neighbours[candidate.Code].Add(municipality);
                }
            }
        }

        return neighbours.ToDictionary(
            p => p.Key,
            p => p.Value.OrderBy(u => u.Code, StringComparer.Ordinal).ToArray(),
            StringComparer.Ordinal);
    }

    /// <summary>
    /// A municipality's outline prepared for repeated relate tests, made on first use. A prepared RelateNG caches its
    /// indexes lazily and is not documented as thread-safe, so each test rents an instance for itself: concurrent
    /// tests of the same municipality (every alert in one city) each get their own instead of queueing on a lock.
    /// At most <see cref="MaxIdle"/> instances are kept per municipality.
    /// </summary>
    private sealed class PreparedOutline(AdministrativeUnit unit)
    {
        private const int MaxIdle = 8;

        private readonly System.Collections.Concurrent.ConcurrentBag<RelateNG> _idle = [];
        private int _idleCount;

        /// <summary>Whether the interiors meet (<paramref name="surface"/> areas) or the geometries meet (points).</summary>
        public bool Reaches(NetTopologySuite.Geometries.Geometry area, bool surface)
        {
            RelateNG? relate = null;
            if (Volatile.Read(ref _idleCount) > 0 && _idle.TryTake(out relate))
            {
                Interlocked.Decrement(ref _idleCount);
            }

            relate ??= RelateNG.Prepare(unit.Geometry);
            var reaches = surface
                ? relate.Evaluate(area, IntersectionMatrixPattern.InteriorIntersects)
                : relate.Evaluate(area, RelatePredicate.Intersects());
            if (Interlocked.Increment(ref _idleCount) <= MaxIdle)
            {
                _idle.Add(relate);
            }
            else
            {
                Interlocked.Decrement(ref _idleCount);
            }

            return reaches;
        }
    }
}
