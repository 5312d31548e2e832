using System.Globalization;
using NetTopologySuite.Operation.OverlayNG;

namespace BeAlert.Cap.Geo;

/// <summary>
/// Places CAP areas on the map. An area is the union of its polygons (CAP writes latitude,longitude; the geometry has
/// x = longitude, y = latitude), its circles (geodesic, see <see cref="CapGeoOptions.CircleVertices"/>) and its
/// Belgian NIS geocodes (the boundaries of <see cref="BelgianBoundaries"/>); an info block is the union of its areas,
/// and an alert the union of its info blocks (CAP 1.2 §3.2.4). Problems are diagnostics, never exceptions.
/// Thread-safe.
/// </summary>
public sealed class CapAreaLocator
{
    private readonly CapGeoOptions _options;
    private readonly BelgianBoundaries? _boundaries;

    /// <summary>Creates a locator.</summary>
    /// <param name="options">The settings (checked here); <see langword="null"/> for the defaults.</param>
    /// <param name="boundaries">The boundaries for geocodes; <see langword="null"/> for <see cref="BelgianBoundaries.Default"/> (loaded on first use).</param>
    /// <exception cref="ArgumentException">The options are out of range.</exception>
    public CapAreaLocator(CapGeoOptions? options = null, BelgianBoundaries? boundaries = null)
    {
        options?.Validate();
        // A snapshot: changing the options afterwards does not change this locator; names compare without case.
        var source = options ?? CapGeoOptions.Default;
        _options = new CapGeoOptions
        {
            CircleVertices = source.CircleVertices,
            MaxCircleRadiusKm = source.MaxCircleRadiusKm,
            MaxVertices = source.MaxVertices,
            NisValueNames = new HashSet<string>(source.NisValueNames.Select(n => n.Trim()), StringComparer.OrdinalIgnoreCase),
        };
        _boundaries = boundaries;
    }

    /// <summary>A locator with the default settings and the embedded Belgian boundaries.</summary>
    public static CapAreaLocator Default { get; } = new();

    /// <summary>The boundaries used for geocodes.</summary>
    public BelgianBoundaries Boundaries => _boundaries ?? BelgianBoundaries.Default;

    /// <summary>The union of every area of every info block of <paramref name="alert"/>.</summary>
    /// <param name="alert">The alert.</param>
    /// <returns>The geometry and its diagnostics (paths <c>/alert/info[i]/area[j]/...</c>).</returns>
    public CapGeometry Locate(CapAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var run = new Run(this);
        for (var i = 0; i < alert.Infos.Count; i++)
        {
            run.AddInfo(alert.Infos[i], $"/alert/info[{i + 1}]");
        }

        return run.Finish();
    }

    /// <summary>The union of the areas of one info block of <paramref name="alert"/>.</summary>
    /// <param name="alert">The alert.</param>
    /// <param name="infoIndex">The 0-based index of the info block.</param>
    /// <returns>The geometry and its diagnostics.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="infoIndex"/> is not an index of <see cref="CapAlert.Infos"/>.</exception>
    public CapGeometry Locate(CapAlert alert, int infoIndex)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentOutOfRangeException.ThrowIfNegative(infoIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(infoIndex, alert.Infos.Count);
        var run = new Run(this);
        run.AddInfo(alert.Infos[infoIndex], $"/alert/info[{infoIndex + 1}]");
        return run.Finish();
    }

    /// <summary>One area on its own (diagnostic paths start at <c>/area</c>).</summary>
    /// <param name="area">The area.</param>
    /// <returns>The geometry and its diagnostics.</returns>
    public CapGeometry Locate(CapArea area)
    {
        ArgumentNullException.ThrowIfNull(area);
        var run = new Run(this);
        run.AddArea(area, "/area");
        return run.Finish();
    }

    /// <summary>One call's state: the shapes so far, the vertex budget and the diagnostics.</summary>
    private sealed class Run(CapAreaLocator locator)
    {
        private readonly CapGeoOptions _options = locator._options;
        private readonly List<NetTopologySuite.Geometries.Geometry> _shapes = [];
        private readonly List<CapDiagnostic> _diagnostics = [];
        private readonly HashSet<string> _unitsAdded = new(StringComparer.Ordinal);
        private long _vertices;
        private bool _overBudget;

        internal void AddInfo(CapInfo info, string path)
        {
            for (var a = 0; a < info.Areas.Count; a++)
            {
                AddArea(info.Areas[a], $"{path}/area[{a + 1}]");
            }
        }

        internal void AddArea(CapArea area, string path)
        {
            var located = false;
            var errorsBefore = _diagnostics.Count(d => d.IsError);
            for (var p = 0; p < area.Polygons.Count; p++)
            {
                var polygonPath = $"{path}/polygon[{p + 1}]";
                var points = area.Polygons[p].Points;
                if (!Spend(points.Count, polygonPath))
                {
                    return;
                }

                located |= Add(ShapeBuilder.Polygon(points, "<polygon>", Reporter(polygonPath)));
            }

            for (var c = 0; c < area.Circles.Count; c++)
            {
                var circlePath = $"{path}/circle[{c + 1}]";
                if (!Spend(_options.CircleVertices, circlePath))
                {
                    return;
                }

                located |= Add(ShapeBuilder.Circle(area.Circles[c], _options.CircleVertices, _options.MaxCircleRadiusKm, "<circle>", Reporter(circlePath)));
            }

            for (var g = 0; g < area.Geocodes.Count; g++)
            {
                located |= AddGeocode(area.Geocodes[g], $"{path}/geocode[{g + 1}]");
            }

            if (!located && _diagnostics.Count(d => d.IsError) == errorsBefore)
            {
                // Only when no error already says why (one mistake, one diagnostic).
                Report(CapGeoDiagnosticCodes.AreaNotLocated, $"the area '{area.AreaDesc}' has no polygon, circle or NIS geocode that could be placed on the map; it is not part of the geometry.", path);
            }
        }

        private bool AddGeocode(CapNamedValue geocode, string path)
        {
            if (!_options.NisValueNames.Contains(geocode.ValueName.Trim()))
            {
                Report(CapGeoDiagnosticCodes.UnsupportedGeocode, $"geocode scheme '{geocode.ValueName}' is not resolved (known: {string.Join(", ", _options.NisValueNames.Order(StringComparer.Ordinal))}); it is ignored.", path);
                return false;
            }

            var code = geocode.Value.Trim();
            if (code.Length != 5 || !code.All(char.IsAsciiDigit))
            {
                Report(CapGeoDiagnosticCodes.MalformedNisCode, $"'{geocode.Value}' is not a NIS code: NIS (REFNIS) codes have exactly five digits, for example 44021 for Gent or 04000 for the Brussels-Capital Region.", path);
                return false;
            }

            if (!locator.Boundaries.TryFind(code, out var unit))
            {
                Report(CapGeoDiagnosticCodes.UnknownNisCode, $"NIS code {code} names no Belgian municipality, arrondissement, province or region of the 2019 REFNIS boundaries (merged municipalities keep their new code); it is left out.", path);
                return false;
            }

            // A unit named again (in another area, or by every language's info block) adds nothing to the union: once is
            // enough, which also bounds the work at the 638 units of the data, however many geocodes an alert repeats.
            if (_unitsAdded.Add(unit.Code))
            {
                _shapes.Add(unit.Geometry);
            }

            return true;
        }

        private bool Add(NetTopologySuite.Geometries.Geometry? shape)
        {
            if (shape is not null)
            {
                _shapes.Add(shape);
            }

            return shape is not null;
        }

        private bool Spend(int vertices, string path)
        {
            if (_overBudget)
            {
                return false;
            }

            _vertices += vertices;
            if (_vertices > _options.MaxVertices)
            {
                _overBudget = true;
                Report(CapGeoDiagnosticCodes.TooManyVertices, string.Create(CultureInfo.InvariantCulture, $"more than {_options.MaxVertices} vertices (CapGeoOptions.MaxVertices) in polygons and circles; this shape and all after it are left out."), path);
                return false;
            }

            return true;
        }

        private ShapeBuilder.Report Reporter(string path) => (code, message) => Report(code, message, path);

        private void Report(string code, string message, string path)
        {
            _diagnostics.Add(CapGeoRuleCatalog.Diagnostic(code, message, path));
        }

        internal CapGeometry Finish()
        {
            NetTopologySuite.Geometries.Geometry geometry = _shapes.Count switch
            {
                0 => GeoServices.Factory.CreateGeometryCollection(),
                1 => _shapes[0],
                _ => OverlayNGRobust.Union(_shapes, GeoServices.Factory),
            };
            return new CapGeometry(geometry, _diagnostics.ToArray());
        }
    }
}
