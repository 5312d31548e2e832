using BeAlert.Cap.Geo;
using NetTopologySuite.Geometries;

namespace BeAlert.Dispatch;

/// <summary>
/// Who a campaign is for: the union of its parts (areas, municipalities, streets, groups, imported lists, or
/// everyone). A person reached by several parts, or by several of their addresses, is one recipient.
/// Immutable; combine specs with <see cref="Union"/>.
/// </summary>
public sealed class AudienceSpec
{
    /// <summary>An audience of nobody.</summary>
    public static AudienceSpec Empty { get; } = new();

    /// <summary>Areas on the map (x = longitude, y = latitude): everyone with an address point inside or on the border. Only polygons count; points and lines hold no address.</summary>
    public IReadOnlyList<Geometry> Areas { get; init; } = [];

    /// <summary>Municipalities by NIS code: everyone with an address registered in them.</summary>
    public IReadOnlyList<int> Municipalities { get; init; } = [];

    /// <summary>Streets, whole or by house-number range.</summary>
    public IReadOnlyList<StreetTarget> Streets { get; init; } = [];

    /// <summary>Groups (member lists or areas).</summary>
    public IReadOnlyList<Group> Groups { get; init; } = [];

    /// <summary>Imported contact lists.</summary>
    public IReadOnlyList<ContactList> Lists { get; init; } = [];

    /// <summary>Every subscriber of the directory.</summary>
    public bool Everyone { get; init; }

    /// <summary>Whether the spec has no part at all.</summary>
    public bool IsEmpty => !Everyone && Areas.Count == 0 && Municipalities.Count == 0 && Streets.Count == 0 && Groups.Count == 0 && Lists.Count == 0;

    /// <summary>Whether a part targets by place (an area, a municipality, a street, an area group or everyone) rather than by list.</summary>
    public bool IsLocationBased => Everyone || Areas.Count > 0 || Municipalities.Count > 0 || Streets.Count > 0 || Groups.Any(g => g.IsArea);

    /// <summary>Everyone with an address in an alert's area (from <see cref="CapAreaLocator"/>).</summary>
    /// <param name="area">The located area.</param>
    /// <returns>The spec.</returns>
    public static AudienceSpec ForArea(CapGeometry area)
    {
        ArgumentNullException.ThrowIfNull(area);
        return new AudienceSpec { Areas = [area.GetGeometry()] };
    }

    /// <summary>Everyone with an address in an area.</summary>
    /// <param name="area">A polygonal geometry (x = longitude, y = latitude); it is copied.</param>
    /// <returns>The spec.</returns>
    public static AudienceSpec ForArea(Geometry area)
    {
        ArgumentNullException.ThrowIfNull(area);
        return new AudienceSpec { Areas = [area.Copy()] };
    }

    /// <summary>Everyone with an address in these municipalities.</summary>
    /// <param name="nisCodes">NIS codes.</param>
    /// <returns>The spec.</returns>
    public static AudienceSpec ForMunicipalities(params IEnumerable<int> nisCodes)
    {
        ArgumentNullException.ThrowIfNull(nisCodes);
        return new AudienceSpec { Municipalities = [.. nisCodes] };
    }

    /// <summary>Everyone with an address on these streets (or house-number ranges).</summary>
    /// <param name="streets">The streets.</param>
    /// <returns>The spec.</returns>
    public static AudienceSpec ForStreets(params IEnumerable<StreetTarget> streets)
    {
        ArgumentNullException.ThrowIfNull(streets);
        return new AudienceSpec { Streets = [.. streets] };
    }

    /// <summary>The members of these groups.</summary>
    /// <param name="groups">The groups.</param>
    /// <returns>The spec.</returns>
    public static AudienceSpec ForGroups(params IEnumerable<Group> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        return new AudienceSpec { Groups = [.. groups] };
    }

    /// <summary>The contacts of these imported lists.</summary>
    /// <param name="lists">The lists.</param>
    /// <returns>The spec.</returns>
    public static AudienceSpec ForLists(params IEnumerable<ContactList> lists)
    {
        ArgumentNullException.ThrowIfNull(lists);
        return new AudienceSpec { Lists = [.. lists] };
    }

    /// <summary>Every subscriber.</summary>
    /// <returns>The spec.</returns>
    public static AudienceSpec ForEveryone() => new() { Everyone = true };

    /// <summary>The union of this spec and another: every part of both.</summary>
    /// <param name="other">The other spec.</param>
    /// <returns>A new spec.</returns>
    public AudienceSpec Union(AudienceSpec other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new AudienceSpec
        {
            Areas = [.. Areas, .. other.Areas],
            Municipalities = [.. Municipalities, .. other.Municipalities],
            Streets = [.. Streets, .. other.Streets],
            Groups = [.. Groups, .. other.Groups],
            Lists = [.. Lists, .. other.Lists],
            Everyone = Everyone || other.Everyone,
        };
    }

    /// <inheritdoc />
    public override string ToString() =>
        IsEmpty ? "nobody" : string.Join(" ∪ ", Parts());

    private IEnumerable<string> Parts()
    {
        if (Everyone)
        {
            yield return "everyone";
        }

        if (Areas.Count > 0)
        {
            yield return $"{Areas.Count} area(s)";
        }

        if (Municipalities.Count > 0)
        {
            yield return "municipalities " + string.Join(",", Municipalities);
        }

        if (Streets.Count > 0)
        {
            yield return $"{Streets.Count} street(s)";
        }

        if (Groups.Count > 0)
        {
            yield return $"{Groups.Count} group(s)";
        }

        if (Lists.Count > 0)
        {
            yield return $"{Lists.Count} list(s)";
        }
    }
}
