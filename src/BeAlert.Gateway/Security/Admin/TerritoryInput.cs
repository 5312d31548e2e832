using System.Globalization;
using BeAlert.Cap;
using BeAlert.Cap.Geo;

namespace BeAlert.Gateway.Security.Admin;

/// <summary>
/// Checks the areas an admin gives for an authority or a vendor key: NIS codes that exist in
/// <see cref="BelgianBoundaries"/> (a province's code stands for all its municipalities) and a CAP polygon
/// (<c>"lat,lon lat,lon …"</c>, closed, not self-intersecting, inside Belgium) checked by <see cref="CapAreaLocator"/>.
/// Errors go into a ValidationProblem dictionary under the request's field names.
/// </summary>
internal static class TerritoryInput
{
    /// <summary>More codes than Belgium has municipalities is a mistake, not a territory.</summary>
    public const int MaxCodes = 1_000;

    /// <summary>Longest polygon text accepted (about 1,000 points at full precision).</summary>
    public const int MaxPolygonChars = 40_000;

    private static readonly CapAreaLocator Locator = new(boundaries: BelgianBoundaries.Default);

    /// <summary>Municipality NIS codes (sorted, distinct) for <paramref name="codes"/>, expanding province codes.</summary>
    public static int[] ExpandCodes(IReadOnlyList<string>? codes, string field, Dictionary<string, string[]> errors)
    {
        if (codes is null || codes.Count == 0)
        {
            return [];
        }

        if (codes.Count > MaxCodes)
        {
            errors[field] = [$"At most {MaxCodes} codes."];
            return [];
        }

        var boundaries = BelgianBoundaries.Default;
        var result = new SortedSet<int>();
        var problems = new List<string>();
        foreach (var raw in codes)
        {
            var code = raw?.Trim() ?? string.Empty;
            if (code.Length != 5 || !code.All(char.IsAsciiDigit))
            {
                problems.Add($"'{Truncate(code)}' is not a NIS code (five digits).");
            }
            else if (!boundaries.TryFind(code, out var unit) || unit is null)
            {
                problems.Add($"{code} is not a Belgian municipality or province NIS code.");
            }
            else if (unit.Level == AdministrativeLevel.Municipality)
            {
                result.Add(int.Parse(code, CultureInfo.InvariantCulture));
            }
            else if (unit.Level == AdministrativeLevel.Province)
            {
                foreach (var m in boundaries.GetMunicipalities(unit))
                {
                    result.Add(int.Parse(m.Code, CultureInfo.InvariantCulture));
                }
            }
            else
            {
                problems.Add($"{code} is a {unit.Level.ToString().ToLowerInvariant()}: give municipality codes or a province code.");
            }
        }

        if (problems.Count > 0)
        {
            errors[field] = [.. problems];
        }

        return [.. result];
    }

    /// <summary>The polygon as given, with its points separated by single spaces, or null with an error recorded.</summary>
    public static string? CheckPolygon(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (text.Length > MaxPolygonChars)
        {
            errors[field] = [$"At most {MaxPolygonChars} characters."];
            return null;
        }

        var points = new List<CapPoint>();
        var pairs = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        foreach (var pair in pairs)
        {
            var parts = pair.Split(',');
            if (parts.Length != 2
                || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
                || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon))
            {
                errors[field] = [$"'{Truncate(pair)}' is not a 'latitude,longitude' pair: a polygon is \"lat,lon lat,lon …\" (WGS 84, first point repeated last)."];
                return null;
            }

            points.Add(new CapPoint(lat, lon));
        }

        if (points.Count < 4)
        {
            errors[field] = ["A polygon needs at least four points, the first repeated as the last."];
            return null;
        }

        if (points[0] != points[^1])
        {
            errors[field] = ["The polygon is not closed: repeat the first point as the last."];
            return null;
        }

        var geometry = Locator.Locate(new CapArea("vendor area") { Polygons = [new CapPolygon(points)] });
        var problems = geometry.Diagnostics.Where(d => d.IsError).Select(d => $"{d.Code}: {d.Message}").ToList();
        if (problems.Count == 0 && Locator.Boundaries.FindAffectedMunicipalities(geometry).Count == 0)
        {
            problems.Add("The polygon does not reach any Belgian municipality.");
        }

        if (problems.Count > 0)
        {
            errors[field] = [.. problems];
            return null;
        }

        return string.Join(' ', pairs);
    }

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
