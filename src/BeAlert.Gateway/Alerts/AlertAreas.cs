using System.Globalization;
using BeAlert.Cap;
using BeAlert.Cap.Geo;
using BeAlert.Dispatch;
using NetTopologySuite.Geometries;

namespace BeAlert.Gateway.Alerts;

/// <summary>
/// What an alert's areas reach: the municipalities named by NIS geocodes (a province, arrondissement or region code
/// stands for its municipalities), the shapes drawn as polygons and circles, and the municipalities those shapes
/// overlap (<see cref="BelgianBoundaries.FindAffectedMunicipalities"/>). The same area repeated in several language
/// blocks is computed once.
/// </summary>
internal sealed record AlertAreas(IReadOnlyList<int> GeocodeMunicipalities, IReadOnlyList<Geometry> Shapes, IReadOnlyList<int> Municipalities, bool HasAreas, IReadOnlyList<CapDiagnostic> Diagnostics)
{
    private static readonly CapGeoOptions GeoOptions = new();

    public static AlertAreas Of(CapAlert alert)
    {
        var boundaries = BelgianBoundaries.Default;
        var geocoded = new SortedSet<int>();
        var reached = new SortedSet<int>();
        var shapes = new List<Geometry>();
        var diagnostics = new List<CapDiagnostic>();
        var seen = new HashSet<CapArea>();
        var hasAreas = false;
        for (var i = 0; i < alert.Infos.Count; i++)
        {
            for (var j = 0; j < alert.Infos[i].Areas.Count; j++)
            {
                var area = alert.Infos[i].Areas[j];
                hasAreas = true;
                if (!seen.Add(area))
                {
                    continue;
                }

                foreach (var geocode in area.Geocodes)
                {
                    if (GeoOptions.NisValueNames.Contains(geocode.ValueName) && boundaries.TryFind(geocode.Value.Trim(), out var unit))
                    {
                        var units = unit.Level == AdministrativeLevel.Municipality ? [unit] : boundaries.GetMunicipalities(unit);
                        foreach (var m in units)
                        {
                            geocoded.Add(int.Parse(m.Code, CultureInfo.InvariantCulture));
                        }
                    }
                }

                if (area.Polygons.Count == 0 && area.Circles.Count == 0)
                {
                    continue;
                }

                var located = CapAreaLocator.Default.Locate(area with { Geocodes = [] });
                foreach (var d in located.Diagnostics)
                {
                    diagnostics.Add(d with { Path = $"/alert/info[{i + 1}]" + d.Path });
                }

                if (located.IsEmpty || located.HasErrors)
                {
                    continue;
                }

                shapes.Add(located.GetGeometry());
                foreach (var m in boundaries.FindAffectedMunicipalities(located))
                {
                    reached.Add(int.Parse(m.Code, CultureInfo.InvariantCulture));
                }
            }
        }

        reached.UnionWith(geocoded);
        return new AlertAreas([.. geocoded], shapes, [.. reached], hasAreas, diagnostics);
    }

    /// <summary>
    /// The audience the authority rules judge: every municipality reached (geocoded, or overlapped by a drawn shape —
    /// the same interior-overlap test AuthorityRules applies to areas, done once here instead of twice), or everyone
    /// when there is no area.
    /// </summary>
    public AudienceSpec ToAudience() => HasAreas
        ? AudienceSpec.ForMunicipalities(Municipalities)
        : AudienceSpec.ForEveryone();
}
