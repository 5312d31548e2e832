namespace BeAlert.Dispatch;

/// <summary>
/// Who to erase from a delivery store's plans (GDPR art. 17, see <see cref="IDeliveryStore.EraseRecipientAsync"/>): a
/// planned delivery matches when its recipient is one of <see cref="RecipientIds"/> or its destination is one of
/// <see cref="Destinations"/> (compared ignoring case, as e-mail addresses are). Matching on destinations also erases
/// other people who share the phone number or address (a family e-mail address), and cancels their unsent alerts:
/// prefer recipient ids where the plan has them.
/// </summary>
public sealed class RecipientErasure
{
    /// <summary>The destination every erased delivery gets instead of the phone number or address: no personal data.</summary>
    public const string ErasedDestination = "erased";

    /// <summary>The recipient id every erased delivery gets (0 stays for zone deliveries).</summary>
    public const long ErasedRecipientId = -1;

    /// <summary>The most recipient ids plus destinations one erasure takes.</summary>
    public const int MaxKeys = 1024;

    private HashSet<long>? _ids;
    private HashSet<string>? _destinations;

    /// <summary>The subscriber or contact ids to erase (each at least 1).</summary>
    public IReadOnlyCollection<long> RecipientIds { get; init; } = [];

    /// <summary>Phone numbers (E.164) and e-mail addresses to erase wherever they were planned.</summary>
    public IReadOnlyCollection<string> Destinations { get; init; } = [];

    /// <summary>Throws <see cref="ArgumentException"/> when the request matches nothing or too much.</summary>
    /// <exception cref="ArgumentException">No recipient and no destination, a recipient id below 1, too many keys, an empty destination.</exception>
    public void Validate()
    {
        if (RecipientIds is null || Destinations is null || RecipientIds.Count + Destinations.Count == 0)
        {
            throw new ArgumentException("An erasure needs at least one recipient id or destination.");
        }

        if (RecipientIds.Count + Destinations.Count > MaxKeys)
        {
            throw new ArgumentException($"An erasure takes at most {MaxKeys} recipient ids and destinations together.");
        }

        if (RecipientIds.Any(id => id < 1))
        {
            throw new ArgumentException("The recipient ids to erase must be positive.");
        }

        if (Destinations.Any(d => string.IsNullOrWhiteSpace(d) || string.Equals(d, ErasedDestination, StringComparison.OrdinalIgnoreCase)))
        {
            throw new ArgumentException("A destination to erase must not be empty or the erased mark.");
        }
    }

    /// <summary>Whether a planned delivery is for the person being erased.</summary>
    /// <param name="delivery">A planned delivery.</param>
    /// <returns><see langword="true"/> when its recipient or destination matches.</returns>
    public bool Matches(in PlannedDelivery delivery)
    {
        _ids ??= [.. RecipientIds];
        _destinations ??= new HashSet<string>(Destinations, StringComparer.OrdinalIgnoreCase);
        return _ids.Contains(delivery.RecipientId) || (_destinations.Count > 0 && delivery.Destination is not null && _destinations.Contains(delivery.Destination));
    }

    /// <summary>The tombstone of a matching delivery: same sequence, channel, language and municipality; no recipient or destination.</summary>
    /// <param name="delivery">A matching delivery.</param>
    /// <returns>The erased delivery.</returns>
    public static PlannedDelivery Tombstone(in PlannedDelivery delivery) =>
        delivery with { RecipientId = ErasedRecipientId, Destination = ErasedDestination };
}
