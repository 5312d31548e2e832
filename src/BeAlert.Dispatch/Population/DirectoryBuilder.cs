using System.Text;

namespace BeAlert.Dispatch;

/// <summary>
/// The columns of a directory before it is indexed: subscribers in id order, their addresses in any order. Filled
/// from <see cref="Subscriber"/> records or directly by the generator (no record per person).
/// </summary>
internal sealed class DirectoryBuilder
{
    public const ushort NoMunicipality = ushort.MaxValue;

    private readonly Dictionary<string, byte> _languageIndex = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, ushort> _suffixIndex = new(StringComparer.Ordinal) { [string.Empty] = 0 };
    private readonly Dictionary<string, ushort>[] _streetIndex;

    public DirectoryBuilder(MunicipalityTable municipalities, int subscriberCapacity = 0, int addressCapacity = 0)
    {
        Municipalities = municipalities;
        Ids = new(subscriberCapacity);
        Phones = new(subscriberCapacity);
        EmailEnds = new(subscriberCapacity);
        Languages = new(subscriberCapacity);
        Channels = new(subscriberCapacity);
        Home = new(subscriberCapacity);
        Lat = new(addressCapacity);
        Lon = new(addressCapacity);
        Owner = new(addressCapacity);
        Municipality = new(addressCapacity);
        Street = new(addressCapacity);
        House = new(addressCapacity);
        Suffix = new(addressCapacity);
        Postcode = new(addressCapacity);
        Ordinal = new(addressCapacity);
        Streets = new List<string>[municipalities.Count];
        _streetIndex = new Dictionary<string, ushort>[municipalities.Count];
        for (var i = 0; i < Streets.Length; i++)
        {
            Streets[i] = [];
            _streetIndex[i] = new Dictionary<string, ushort>(StringComparer.OrdinalIgnoreCase);
        }
    }

    public MunicipalityTable Municipalities { get; }

#pragma warning disable SA1401, CA1051 // columns are plain fields on purpose: the generator and the directory fill and move them in bulk
    public GrowableArray<long> Ids;
    public GrowableArray<ulong> Phones;
    public GrowableArray<int> EmailEnds;
    public GrowableArray<byte> EmailBytes;
    public GrowableArray<uint> Languages;
    public GrowableArray<byte> Channels;
    public GrowableArray<ushort> Home;
    public GrowableArray<int> Lat;
    public GrowableArray<int> Lon;
    public GrowableArray<int> Owner;
    public GrowableArray<ushort> Municipality;
    public GrowableArray<ushort> Street;
    public GrowableArray<ushort> House;
    public GrowableArray<ushort> Suffix;
    public GrowableArray<ushort> Postcode;
    public GrowableArray<byte> Ordinal;
#pragma warning restore SA1401, CA1051

    public Dictionary<int, ulong[]> ExtraPhones { get; } = [];

    public Dictionary<int, string[]> ExtraEmails { get; } = [];

    public List<string> LanguageTable { get; } = [];

    public List<string> Suffixes { get; } = [string.Empty];

    public List<string>[] Streets { get; }

    public int Count => Ids.Count;

    /// <summary>Adds a validated subscriber; ids must come in increasing order.</summary>
    public void Add(Subscriber subscriber)
    {
        if (Ids.Count > 0 && subscriber.Id <= Ids.Span[^1])
        {
            throw new ArgumentException($"Subscriber id {subscriber.Id} is not greater than the previous one ({Ids.Span[^1]}); ids must be unique.");
        }

        var index = Ids.Count;
        var home = NoMunicipality;
        for (var a = 0; a < subscriber.Addresses.Count; a++)
        {
            var address = subscriber.Addresses[a];
            if (!Municipalities.TryGetIndex(address.MunicipalityNis, out var municipality))
            {
                throw new ArgumentException($"Subscriber {subscriber.Id}, address {a + 1}: {address.MunicipalityNis} is not the NIS code of a Belgian municipality.");
            }

            if (!AddressGrid.IsInside(address.Latitude, address.Longitude))
            {
                throw new ArgumentException($"Subscriber {subscriber.Id}, address {a + 1}: ({address.Latitude}, {address.Longitude}) lies outside Belgium's extent (latitude 49.4–51.6, longitude 2.4–6.5).");
            }

            if (address.Postcode is { } postcode && postcode is < 1000 or > 9999)
            {
                throw new ArgumentException($"Subscriber {subscriber.Id}, address {a + 1}: postcode {postcode} is not a Belgian postcode (1000–9999).");
            }

            var (number, suffix) = HouseNumbers.Split(address.HouseNumber);
            if (a == 0)
            {
                home = municipality;
            }

            AddAddress(index, (byte)a, AddressGrid.ToFixed(address.Latitude), AddressGrid.ToFixed(address.Longitude), municipality, StreetIndex(municipality, address.Street ?? string.Empty), (ushort)number, SuffixIndex(suffix), (ushort)(address.Postcode ?? 0));
        }

        var languages = 0u;
        for (var l = 0; l < subscriber.Languages.Count; l++)
        {
            languages |= (uint)LanguageIndex(subscriber.Languages[l]) << (8 * l);
        }

        AddSubscriber(
            subscriber.Id,
            subscriber.Phones.Count > 0 ? subscriber.Phones[0].Digits : 0,
            subscriber.Emails.Count > 0 ? subscriber.Emails[0] : null,
            languages,
            (byte)subscriber.Channels,
            home);
        if (subscriber.Phones.Count > 1)
        {
            ExtraPhones[index] = [.. subscriber.Phones.Skip(1).Select(p => p.Digits)];
        }

        if (subscriber.Emails.Count > 1)
        {
            ExtraEmails[index] = [.. subscriber.Emails.Skip(1)];
        }
    }

    public void AddSubscriber(long id, ulong phone, string? email, uint languages, byte channels, ushort home)
    {
        Ids.Add(id);
        Phones.Add(phone);
        if (email is not null)
        {
            Span<byte> buffer = stackalloc byte[EmailAddress.MaxLength];
            var length = Encoding.ASCII.GetBytes(email, buffer);
            EmailBytes.AddRange(buffer[..length]);
        }

        EmailEnds.Add(EmailBytes.Count);
        Languages.Add(languages);
        Channels.Add(channels);
        Home.Add(home);
    }

    public void AddAddress(int owner, byte ordinal, int lat, int lon, ushort municipality, ushort street, ushort house, ushort suffix, ushort postcode)
    {
        Lat.Add(lat);
        Lon.Add(lon);
        Owner.Add(owner);
        Ordinal.Add(ordinal);
        Municipality.Add(municipality);
        Street.Add(street);
        House.Add(house);
        Suffix.Add(suffix);
        Postcode.Add(postcode);
    }

    public byte LanguageIndex(string tag)
    {
        if (_languageIndex.TryGetValue(tag, out var index))
        {
            return index;
        }

        if (LanguageTable.Count == byte.MaxValue)
        {
            throw new InvalidOperationException("A directory holds at most 255 distinct languages.");
        }

        LanguageTable.Add(tag);
        index = (byte)LanguageTable.Count; // 1-based: 0 means "no language"
        _languageIndex[tag] = index;
        return index;
    }

    public ushort StreetIndex(ushort municipality, string street)
    {
        var index = _streetIndex[municipality];
        if (index.TryGetValue(street, out var value))
        {
            return value;
        }

        var names = Streets[municipality];
        if (names.Count == ushort.MaxValue)
        {
            throw new InvalidOperationException($"Municipality {Municipalities.Nis[municipality]} has more than {ushort.MaxValue} street names.");
        }

        value = (ushort)names.Count;
        names.Add(street);
        index[street] = value;
        return value;
    }

    public ushort SuffixIndex(string suffix)
    {
        if (_suffixIndex.TryGetValue(suffix, out var value))
        {
            return value;
        }

        if (Suffixes.Count == ushort.MaxValue)
        {
            throw new InvalidOperationException($"A directory holds at most {ushort.MaxValue} distinct house-number suffixes.");
        }

        value = (ushort)Suffixes.Count;
        Suffixes.Add(suffix);
        _suffixIndex[suffix] = value;
        return value;
    }

    public DirectoryColumns ToColumns() => new()
    {
        Municipalities = Municipalities,
        Ids = Ids.ToArrayTrimmed(),
        Phones = Phones.ToArrayTrimmed(),
        EmailEnds = EmailEnds.ToArrayTrimmed(),
        EmailBytes = EmailBytes.ToArrayTrimmed(),
        Languages = Languages.ToArrayTrimmed(),
        Channels = Channels.ToArrayTrimmed(),
        Home = Home.ToArrayTrimmed(),
        Lat = Lat.ToArrayTrimmed(),
        Lon = Lon.ToArrayTrimmed(),
        Owner = Owner.ToArrayTrimmed(),
        Municipality = Municipality.ToArrayTrimmed(),
        Street = Street.ToArrayTrimmed(),
        House = House.ToArrayTrimmed(),
        Suffix = Suffix.ToArrayTrimmed(),
        Postcode = Postcode.ToArrayTrimmed(),
        Ordinal = Ordinal.ToArrayTrimmed(),
        ExtraPhones = ExtraPhones,
        ExtraEmails = ExtraEmails,
        LanguageTable = [.. LanguageTable],
        Streets = [.. Streets.Select(s => s.ToArray())],
        Suffixes = [.. Suffixes],
    };
}
