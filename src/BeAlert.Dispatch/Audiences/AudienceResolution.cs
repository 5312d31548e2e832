using System.Collections;

namespace BeAlert.Dispatch;

/// <summary>
/// The result of <see cref="AudienceResolver.Resolve(AudienceSpec, LanguageChooser, DeliveryChannels)"/>: a set of
/// people held as bits, streamed as <see cref="AudienceMember"/> values on enumeration (subscribers in id order, then
/// contacts), each built when it is reached. Enumerating twice gives the same members, except subscribers deleted in
/// between, who are left out.
/// </summary>
public sealed class AudienceResolution : IEnumerable<AudienceMember>
{
    private readonly SubscriberDirectory _directory;
    private readonly Subscriber[] _added;
    private readonly ulong[] _bits;
    private readonly LanguageChooser _languages;
    private readonly DeliveryChannels _channels;
    private readonly List<AudienceMember> _contacts;
    private readonly long _contactPeople;

    internal AudienceResolution(
        SubscriberDirectory directory,
        Subscriber[] added,
        ulong[] bits,
        long addresses,
        IReadOnlyList<ContactList> lists,
        LanguageChooser languages,
        DeliveryChannels channels)
    {
        _directory = directory;
        _added = added;
        _bits = bits;
        _languages = languages;
        _channels = channels;
        AddressCount = addresses;
        (_contacts, _contactPeople) = ResolveContacts(lists);
    }

    /// <summary>The channels members can be given: the campaign's channels that reach persons (SMS, voice, e-mail).</summary>
    public DeliveryChannels Channels => _channels;

    /// <summary>Address points matched by the area, municipality and street parts (before deduplication by person).</summary>
    public long AddressCount { get; }

    /// <summary>Counts the audience by channel and by language without building its members' strings.</summary>
    /// <returns>The counts.</returns>
    public AudienceCounts Count()
    {
        long people = 0, recipients = 0, sms = 0, voice = 0, email = 0;
        var byLanguage = new Dictionary<string, long>(StringComparer.Ordinal);
        var cache = new Dictionary<ulong, string>();
        var main = _directory.MainCount;
        for (var w = 0; w < _bits.Length; w++)
        {
            for (var word = _bits[w]; word != 0; word &= word - 1)
            {
                var index = (w << 6) + System.Numerics.BitOperations.TrailingZeroCount(word);
                DeliveryChannels channels;
                string language;
                if (index < main)
                {
                    if (_directory.IsRemoved(index))
                    {
                        continue;
                    }

                    channels = ChannelsOf(index);
                    language = channels == DeliveryChannels.None ? string.Empty : LanguageOf(index, cache);
                }
                else if (index - main < _added.Length)
                {
                    var member = MemberOf(_added[index - main]);
                    channels = member?.Channels ?? DeliveryChannels.None;
                    language = member?.Language ?? string.Empty;
                }
                else
                {
                    continue;
                }

                people++;
                if (channels == DeliveryChannels.None)
                {
                    continue;
                }

                recipients++;
                sms += (channels & DeliveryChannels.Sms) != 0 ? 1 : 0;
                voice += (channels & DeliveryChannels.Voice) != 0 ? 1 : 0;
                email += (channels & DeliveryChannels.Email) != 0 ? 1 : 0;
                byLanguage[language] = byLanguage.GetValueOrDefault(language) + 1;
            }
        }

        people += _contactPeople;
        foreach (var contact in _contacts)
        {
            recipients++;
            sms += (contact.Channels & DeliveryChannels.Sms) != 0 ? 1 : 0;
            voice += (contact.Channels & DeliveryChannels.Voice) != 0 ? 1 : 0;
            email += (contact.Channels & DeliveryChannels.Email) != 0 ? 1 : 0;
            byLanguage[contact.Language] = byLanguage.GetValueOrDefault(contact.Language) + 1;
        }

        return new AudienceCounts(people, recipients, sms, voice, email, byLanguage);
    }

    /// <inheritdoc />
    public IEnumerator<AudienceMember> GetEnumerator()
    {
        var cache = new Dictionary<ulong, string>();
        var main = _directory.MainCount;
        var columns = _directory.Columns;
        for (var w = 0; w < _bits.Length; w++)
        {
            for (var word = _bits[w]; word != 0; word &= word - 1)
            {
                var index = (w << 6) + System.Numerics.BitOperations.TrailingZeroCount(word);
                if (index < main)
                {
                    if (_directory.IsRemoved(index))
                    {
                        continue;
                    }

                    var channels = ChannelsOf(index);
                    if (channels == DeliveryChannels.None)
                    {
                        continue;
                    }

                    var home = columns.Home[index];
                    var phone = (channels & (DeliveryChannels.Sms | DeliveryChannels.Voice)) != 0 ? AudienceResolver.FormatPhone(columns.Phones[index]) : null;
                    var email = (channels & DeliveryChannels.Email) != 0 ? _directory.EmailAt(index) : null;
                    yield return new AudienceMember(
                        columns.Ids[index],
                        channels,
                        LanguageOf(index, cache),
                        phone,
                        email,
                        home == DirectoryBuilder.NoMunicipality ? 0 : columns.Municipalities.Nis[home]);
                }
                else if (index - main < _added.Length && MemberOf(_added[index - main]) is { } member)
                {
                    yield return member;
                }
            }
        }

        foreach (var contact in _contacts)
        {
            yield return contact;
        }
    }

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static DeliveryChannels Reachable(ulong phone, bool hasEmail)
    {
        var channels = DeliveryChannels.None;
        if (phone != 0)
        {
            channels |= DeliveryChannels.Voice;

            // A Belgian fixed line (+32, 8 national digits) cannot take an SMS; mobiles and foreign numbers can.
            if (!(phone / 100_000_000 == 32 && PhoneNumber.DigitCount(phone) == 10))
            {
                channels |= DeliveryChannels.Sms;
            }
        }

        return hasEmail ? channels | DeliveryChannels.Email : channels;
    }

    private DeliveryChannels ChannelsOf(int index)
    {
        var columns = _directory.Columns;
        return (DeliveryChannels)columns.Channels[index] & _channels & Reachable(columns.Phones[index], _directory.HasEmail(index));
    }

    private string LanguageOf(int index, Dictionary<ulong, string> cache)
    {
        var columns = _directory.Columns;
        var home = columns.Home[index];
        var region = home == DirectoryBuilder.NoMunicipality ? LanguageRegion.Unknown : columns.Municipalities.Regions[home];
        var packed = columns.Languages[index];
        var key = packed | ((ulong)region << 32);
        if (!cache.TryGetValue(key, out var language))
        {
            var preferences = new List<string>(4);
            for (; (packed & 0xFF) != 0; packed >>= 8)
            {
                preferences.Add(columns.LanguageTable[(packed & 0xFF) - 1]);
            }

            language = _languages.Choose(preferences, region);
            cache[key] = language;
        }

        return language;
    }

    private AudienceMember? MemberOf(Subscriber subscriber)
    {
        if (_directory.IsRemovedAdded(subscriber))
        {
            return null;
        }

        var phone = subscriber.Phones.Count > 0 ? subscriber.Phones[0].Digits : 0;
        var channels = subscriber.Channels & _channels & Reachable(phone, subscriber.Emails.Count > 0);
        if (channels == DeliveryChannels.None)
        {
            return null;
        }

        var home = subscriber.Addresses.Count > 0 ? subscriber.Addresses[0].MunicipalityNis : 0;
        var region = home == 0 ? LanguageRegion.Unknown : LanguageRegions.Of(home, _directory.Municipalities.Boundaries);
        return new AudienceMember(
            subscriber.Id,
            channels,
            _languages.Choose(subscriber.Languages, region),
            (channels & (DeliveryChannels.Sms | DeliveryChannels.Voice)) != 0 ? AudienceResolver.FormatPhone(phone) : null,
            (channels & DeliveryChannels.Email) != 0 ? subscriber.Emails[0] : null,
            home);
    }

    /// <summary>
    /// The contacts of the lists, each channel given once per destination: not to a phone or e-mail that a subscriber
    /// of the audience already receives on, nor twice to the same phone or e-mail across rows and lists.
    /// </summary>
    private (List<AudienceMember> Members, long People) ResolveContacts(IReadOnlyList<ContactList> lists)
    {
        var members = new List<AudienceMember>();
        if (lists.Count == 0)
        {
            return (members, 0);
        }

        var phones = new Dictionary<ulong, bool>();
        var emails = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
        foreach (var list in lists)
        {
            ArgumentNullException.ThrowIfNull(list, nameof(lists));
            foreach (var contact in list.Contacts)
            {
                if (!contact.Phone.IsEmpty)
                {
                    phones[contact.Phone.Digits] = false;
                }

                if (contact.Email is not null)
                {
                    emails[contact.Email] = false;
                }
            }
        }

        // Which of those destinations a subscriber of the audience already has (one pass over the set; lookups only).
        var main = _directory.MainCount;
        for (var w = 0; w < _bits.Length; w++)
        {
            for (var word = _bits[w]; word != 0; word &= word - 1)
            {
                var index = (w << 6) + System.Numerics.BitOperations.TrailingZeroCount(word);
                if (index < main)
                {
                    if (_directory.IsRemoved(index))
                    {
                        continue;
                    }

                    var channels = ChannelsOf(index);
                    var phone = _directory.Columns.Phones[index];
                    if ((channels & (DeliveryChannels.Sms | DeliveryChannels.Voice)) != 0 && phones.ContainsKey(phone))
                    {
                        phones[phone] = true;
                    }

                    if ((channels & DeliveryChannels.Email) != 0 && emails.Count > 0 && _directory.EmailAt(index) is { } email && emails.ContainsKey(email))
                    {
                        emails[email] = true;
                    }
                }
                else if (index - main < _added.Length && MemberOf(_added[index - main]) is { } member)
                {
                    if (member.Phone is not null && PhoneNumber.TryParse(member.Phone, out var number, out _) && phones.ContainsKey(number.Digits))
                    {
                        phones[number.Digits] = true;
                    }

                    if (member.Email is not null && emails.ContainsKey(member.Email))
                    {
                        emails[member.Email] = true;
                    }
                }
            }
        }

        long people = 0;
        foreach (var list in lists)
        {
            for (var i = 0; i < list.Contacts.Count; i++)
            {
                var contact = list.Contacts[i];
                var channels = DeliveryChannels.None;
                if (!contact.Phone.IsEmpty && !phones[contact.Phone.Digits])
                {
                    channels |= Reachable(contact.Phone.Digits, false) & _channels;
                    phones[contact.Phone.Digits] = true;
                }

                if (contact.Email is not null && !emails[contact.Email])
                {
                    channels |= DeliveryChannels.Email & _channels;
                    emails[contact.Email] = true;
                }

                if (channels == DeliveryChannels.None)
                {
                    continue; // reached already through another row, list or subscriber, or on no requested channel
                }

                people++;
                members.Add(new AudienceMember(
                    list.RecipientIdOf(i),
                    channels,
                    _languages.Choose(contact.Language is null ? [] : [contact.Language], LanguageRegion.Unknown),
                    (channels & (DeliveryChannels.Sms | DeliveryChannels.Voice)) != 0 ? contact.Phone.ToString() : null,
                    (channels & DeliveryChannels.Email) != 0 ? contact.Email : null,
                    0));
            }
        }

        return (members, people);
    }
}
