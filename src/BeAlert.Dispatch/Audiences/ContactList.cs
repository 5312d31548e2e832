namespace BeAlert.Dispatch;

/// <summary>
/// An imported list of contacts (see <see cref="ContactListImporter"/>), owned by one operator. Contacts have no
/// subscriber id: their recipient ids are negative, derived from the list id and their position, so they never collide
/// with subscribers (whose ids are positive) nor with another list's contacts.
/// </summary>
public sealed class ContactList
{
    /// <summary>The most contacts one list holds (2²⁰), which keeps recipient ids of different lists apart.</summary>
    public const int MaxContacts = 1 << 20;

    /// <summary>The largest list id: recipient ids must fit in 63 bits.</summary>
    public const long MaxId = (1L << 42) - 1;

    /// <summary>Creates a list.</summary>
    /// <param name="id">The list id, 1 to <see cref="MaxId"/>.</param>
    /// <param name="name">The list's name.</param>
    /// <param name="ownerId">The owning operator.</param>
    /// <param name="contacts">The contacts, at most <see cref="MaxContacts"/>.</param>
    public ContactList(long id, string name, string ownerId, IEnumerable<Contact> contacts)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(id);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(id, MaxId);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerId);
        ArgumentNullException.ThrowIfNull(contacts);
        Id = id;
        Name = name;
        OwnerId = ownerId;
        Contacts = [.. contacts];
        if (Contacts.Count > MaxContacts)
        {
            throw new ArgumentException($"A contact list holds at most {MaxContacts} contacts.", nameof(contacts));
        }
    }

    /// <summary>The list id.</summary>
    public long Id { get; }

    /// <summary>The list's name.</summary>
    public string Name { get; }

    /// <summary>The operator that imported and owns the list.</summary>
    public string OwnerId { get; }

    /// <summary>The contacts, in file order.</summary>
    public IReadOnlyList<Contact> Contacts { get; }

    /// <summary>The recipient id of the contact at a position: −(list id × 2²⁰ + position + 1).</summary>
    /// <param name="position">The contact's position in <see cref="Contacts"/>.</param>
    /// <returns>A negative id, unique across lists.</returns>
    public long RecipientIdOf(int position)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(position, Contacts.Count);
        return -((Id * MaxContacts) + position + 1);
    }

    /// <inheritdoc />
    public override string ToString() => $"contact list {Id} '{Name}' of {OwnerId} ({Contacts.Count} contacts)";
}
