using NetTopologySuite.Geometries;

namespace BeAlert.Dispatch;

/// <summary>
/// A group an operator built: a list of subscribers (a school's parents, a volunteer corps) or an area on the map
/// whose residents belong to it. Owned by one operator; see <see cref="AuthorityRules"/>.
/// </summary>
public sealed class Group
{
    private Group(long id, string name, string ownerId, IReadOnlyList<long> memberIds, Geometry? area)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerId);
        Id = id;
        Name = name;
        OwnerId = ownerId;
        MemberIds = memberIds;
        Area = area;
    }

    /// <summary>The group id.</summary>
    public long Id { get; }

    /// <summary>The group's name, for operators.</summary>
    public string Name { get; }

    /// <summary>The operator (organisation) that owns the group.</summary>
    public string OwnerId { get; }

    /// <summary>The subscriber ids of a member group (distinct, sorted); empty for an area group.</summary>
    public IReadOnlyList<long> MemberIds { get; }

    /// <summary>The area of an area group (x = longitude, y = latitude); <see langword="null"/> for a member group.</summary>
    public Geometry? Area { get; }

    /// <summary>Whether the group is defined by an area rather than by a member list.</summary>
    public bool IsArea => Area is not null;

    /// <summary>A group of listed subscribers.</summary>
    /// <param name="id">The group id (positive).</param>
    /// <param name="name">Its name.</param>
    /// <param name="ownerId">The owning operator.</param>
    /// <param name="memberIds">Subscriber ids; duplicates are dropped.</param>
    /// <returns>The group.</returns>
    public static Group OfMembers(long id, string name, string ownerId, IEnumerable<long> memberIds)
    {
        ArgumentNullException.ThrowIfNull(memberIds);
        return new Group(id, name, ownerId, [.. memberIds.Distinct().Order()], null);
    }

    /// <summary>A group of the people with an address inside an area.</summary>
    /// <param name="id">The group id (positive).</param>
    /// <param name="name">Its name.</param>
    /// <param name="ownerId">The owning operator.</param>
    /// <param name="area">A polygonal area (x = longitude, y = latitude); it is copied.</param>
    /// <returns>The group.</returns>
    public static Group OfArea(long id, string name, string ownerId, Geometry area)
    {
        ArgumentNullException.ThrowIfNull(area);
        return new Group(id, name, ownerId, [], area.Copy());
    }

    /// <inheritdoc />
    public override string ToString() => $"group {Id} '{Name}' of {OwnerId}";
}
