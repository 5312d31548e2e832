using BeAlert.Dispatch;

namespace BeAlert.Gateway.Citizens;

/// <summary>
/// Groups and contact lists an authority owns, as the dispatch engine's <see cref="Group"/> and
/// <see cref="ContactList"/>: what a campaign's audience names by id. Implemented by the citizens module
/// (groups: members and map-based; lists: CSV imports); used by the campaigns module.
/// </summary>
public interface IAudienceSources
{
    /// <summary>The group, or null when it does not exist or belongs to another authority.</summary>
    Task<Group?> FindGroupAsync(string authorityId, long groupId, CancellationToken cancellationToken = default);

    /// <summary>The contact list, or null when it does not exist or belongs to another authority.</summary>
    Task<ContactList?> FindListAsync(string authorityId, long listId, CancellationToken cancellationToken = default);
}
