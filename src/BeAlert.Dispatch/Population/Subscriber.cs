namespace BeAlert.Dispatch;

/// <summary>
/// A registered citizen: how to reach them (phone numbers, e-mail addresses, the channels they accept), where they
/// live or work (up to five addresses), and the languages they read, in order of preference.
/// </summary>
public sealed class Subscriber : IEquatable<Subscriber>
{
    /// <summary>The most addresses one subscriber may register.</summary>
    public const int MaxAddresses = 5;

    /// <summary>The most phone numbers, and separately the most e-mail addresses, one subscriber may register.</summary>
    public const int MaxContacts = 5;

    /// <summary>The most preferred languages kept per subscriber.</summary>
    public const int MaxLanguages = 4;

    /// <summary>Creates a subscriber, checking every field.</summary>
    /// <param name="id">The subscriber id: positive and unique in a directory (negative ids belong to imported contacts).</param>
    /// <param name="phones">Phone numbers, first = the one used for SMS and voice; at most <see cref="MaxContacts"/>.</param>
    /// <param name="emails">E-mail addresses (normalised here), first = the one used; at most <see cref="MaxContacts"/>.</param>
    /// <param name="addresses">Addresses, first = main residence (cost splitting, region); at most <see cref="MaxAddresses"/>.</param>
    /// <param name="languages">Preferred languages (RFC 5646 tags such as <c>nl</c>, <c>fr-BE</c>), best first; at most <see cref="MaxLanguages"/>.</param>
    /// <param name="channels">The channels the subscriber accepts (SMS, voice, e-mail).</param>
    /// <exception cref="ArgumentException">A field is out of range or invalid; the message says which.</exception>
    public Subscriber(
        long id,
        IEnumerable<PhoneNumber> phones,
        IEnumerable<string> emails,
        IEnumerable<SubscriberAddress> addresses,
        IEnumerable<string> languages,
        DeliveryChannels channels)
    {
        ArgumentNullException.ThrowIfNull(phones);
        ArgumentNullException.ThrowIfNull(emails);
        ArgumentNullException.ThrowIfNull(addresses);
        ArgumentNullException.ThrowIfNull(languages);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(id);
        Id = id;
        Phones = [.. phones];
        if (Phones.Count > MaxContacts || Phones.Any(p => p.IsEmpty))
        {
            throw new ArgumentException($"A subscriber has at most {MaxContacts} phone numbers, none empty.", nameof(phones));
        }

        var normalized = new List<string>();
        foreach (var email in emails)
        {
            normalized.Add(EmailAddress.TryNormalize(email, out var value, out var error)
                ? value
                : throw new ArgumentException($"Subscriber {id}: {error}", nameof(emails)));
        }

        Emails = normalized.Count <= MaxContacts ? normalized : throw new ArgumentException($"A subscriber has at most {MaxContacts} e-mail addresses.", nameof(emails));
        Addresses = [.. addresses];
        if (Addresses.Count > MaxAddresses || Addresses.Any(a => a is null))
        {
            throw new ArgumentException($"A subscriber has at most {MaxAddresses} addresses, none null.", nameof(addresses));
        }

        Languages = [.. languages];
        if (Languages.Count > MaxLanguages || Languages.Any(l => !LanguageTags.IsWellFormed(l)))
        {
            throw new ArgumentException($"A subscriber has at most {MaxLanguages} languages, each a tag such as 'nl' or 'fr-BE'.", nameof(languages));
        }

        Channels = (channels & ~DeliveryChannels.All) == DeliveryChannels.None
            ? channels
            : throw new ArgumentException("Unknown channel flags.", nameof(channels));
    }

    /// <summary>The subscriber id (positive).</summary>
    public long Id { get; }

    /// <summary>Phone numbers; the first is used for SMS and voice.</summary>
    public IReadOnlyList<PhoneNumber> Phones { get; }

    /// <summary>E-mail addresses (domain lowercased); the first is used.</summary>
    public IReadOnlyList<string> Emails { get; }

    /// <summary>Addresses; the first is the main residence.</summary>
    public IReadOnlyList<SubscriberAddress> Addresses { get; }

    /// <summary>Preferred languages, best first.</summary>
    public IReadOnlyList<string> Languages { get; }

    /// <summary>The channels the subscriber accepts.</summary>
    public DeliveryChannels Channels { get; }

    /// <inheritdoc />
    public bool Equals(Subscriber? other) =>
        other is not null
        && Id == other.Id
        && Channels == other.Channels
        && Phones.SequenceEqual(other.Phones)
        && Emails.SequenceEqual(other.Emails, StringComparer.Ordinal)
        && Addresses.SequenceEqual(other.Addresses)
        && Languages.SequenceEqual(other.Languages, StringComparer.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Subscriber);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, Channels, Phones.Count, Addresses.Count);

    /// <inheritdoc />
    public override string ToString() =>
        $"Subscriber {Id}: {Phones.Count} phone(s), {Emails.Count} e-mail(s), {Addresses.Count} address(es), languages {string.Join(",", Languages)}, {Channels}";
}
