using BeAlert.Dispatch;
using BeAlert.Gateway.Population;

namespace BeAlert.Gateway.Citizens;

/// <summary>
/// Keeps the population directory in step with the database: confirmed citizens (ids above
/// <see cref="PopulationService.CitizenIdBase"/>) and group contacts (ids above <see cref="GroupContact.DirectoryIdBase"/>).
/// Loaded once at start (after the gateway's start-up: tables exist), then updated on every change.
/// </summary>
internal sealed class CitizenPopulation(PopulationService population, CitizenStore citizens, GroupStore groups) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var id in await citizens.ActiveIdsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await citizens.FindAsync(id, cancellationToken).ConfigureAwait(false) is { } record)
            {
                Put(record);
            }
        }

        var contacts = await groups.AllContactsAsync(cancellationToken).ConfigureAwait(false);
        population.Mutate(d =>
        {
            foreach (var contact in contacts)
            {
                if (!d.Contains(contact.SubscriberId))
                {
                    d.Add(contact.ToSubscriber());
                }
            }
        });
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Adds, replaces or removes the citizen's directory entry to match the record (null removes it).</summary>
    public void Put(CitizenRecord record)
    {
        var subscriber = record.ToSubscriber();
        population.Mutate(d =>
        {
            d.Remove(record.SubscriberId);
            if (subscriber is not null)
            {
                d.Add(subscriber);
            }
        });
    }

    public void Remove(long subscriberId) => population.Mutate(d => d.Remove(subscriberId));

    public bool Contains(long subscriberId) => population.Read(d => d.Contains(subscriberId));

    /// <summary>Replaces a group's contacts in the directory.</summary>
    public void SyncGroupContacts(IReadOnlyList<GroupContact>? before, IReadOnlyList<GroupContact>? after) =>
        population.Mutate(d =>
        {
            foreach (var contact in before ?? [])
            {
                d.Remove(contact.SubscriberId);
            }

            foreach (var contact in after ?? [])
            {
                if (!d.Contains(contact.SubscriberId))
                {
                    d.Add(contact.ToSubscriber());
                }
            }
        });
}

/// <summary>The groups and contact lists campaigns name, as dispatch objects (see <see cref="IAudienceSources"/>).</summary>
internal sealed class AudienceSources(GroupStore groups) : IAudienceSources
{
    public async Task<Group?> FindGroupAsync(string authorityId, long groupId, CancellationToken cancellationToken = default) =>
        (await groups.FindAsync(authorityId, groupId, cancellationToken).ConfigureAwait(false))?.ToDispatchGroup();

    public Task<ContactList?> FindListAsync(string authorityId, long listId, CancellationToken cancellationToken = default) =>
        groups.FindListAsync(authorityId, listId, cancellationToken);
}
