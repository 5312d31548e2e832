using BeAlert.Dispatch;
using BeAlert.Gateway.Campaigns;
using BeAlert.Gateway.Population;

namespace BeAlert.Gateway.Citizens;

/// <summary>
/// Erases citizens everywhere the gateway holds their data (GDPR art. 17), in this order: out of the in-memory
/// directory (no new campaign picks them); out of every campaign's plan in the dispatch store, past and running (their
/// contacts become tombstones, what had not gone out is cancelled and suppressed); the one-time codes in the stored
/// verification messages sent to them; then their rows (contacts, addresses, codes, consents, group memberships).
/// </summary>
/// <remarks>
/// The dispatch store is searched by recipient (the citizen's subscriber id, which every plan built from the directory,
/// a group or a verification message carries), not by phone number or address: another person who shares an address
/// (a family e-mail) must keep their alerts. Operators' own contact lists are the operators' data and are not touched.
/// </remarks>
internal sealed class CitizenErasure(CitizenStore store, CitizenPopulation population, DeliverySuppression suppression, VerificationSender sender, DispatchHost dispatch)
{
    /// <summary>Erases one citizen; answers what changed in the dispatch store and how many code messages were redacted.</summary>
    public Task<(RecipientErasureResult Dispatch, int Redacted)> EraseAsync(CitizenRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        return EraseAsync([record.Id], cancellationToken);
    }

    /// <summary>Erases registrations never confirmed within a day, dispatch data included.</summary>
    public async Task PurgeStalePendingAsync(CancellationToken cancellationToken)
    {
        var ids = await store.StalePendingIdsAsync(cancellationToken).ConfigureAwait(false);
        foreach (var chunk in ids.Chunk(RecipientErasure.MaxKeys))
        {
            await EraseAsync(chunk, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<(RecipientErasureResult Dispatch, int Redacted)> EraseAsync(IReadOnlyList<long> citizenIds, CancellationToken cancellationToken)
    {
        var subscriberIds = citizenIds.Select(id => PopulationService.CitizenIdBase + id).ToArray();
        foreach (var subscriberId in subscriberIds)
        {
            population.Remove(subscriberId);
        }

        var erased = await suppression.EraseRecipientAsync(dispatch.Store, new RecipientErasure { RecipientIds = subscriberIds }, cancellationToken).ConfigureAwait(false);
        var redacted = await sender.RedactAsync(erased.Campaigns, cancellationToken).ConfigureAwait(false);
        foreach (var id in citizenIds)
        {
            await store.DeleteAsync(id, cancellationToken).ConfigureAwait(false);
        }

        return (erased, redacted);
    }
}
