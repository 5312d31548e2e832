using System.Text;
using BeAlert.Cap.Geo;

namespace BeAlert.Dispatch;

/// <summary>
/// Every registered subscriber, held in columns (no object per person) with a spatial index over their address
/// points, ready for audience resolution over millions of people.
/// </summary>
/// <remarks>
/// <para>
/// Layout: subscribers are sorted by id (a subscriber's position is its index); their primary phone (8 bytes), primary
/// e-mail (ASCII bytes in one shared buffer), packed languages, channels and main municipality are arrays indexed by
/// it. Address points are sorted by the cell of a fixed grid over Belgium (about 550 m × 530 m cells), so one cell's
/// points are contiguous: an area query classifies blocks of cells against the area and tests single points only in
/// cells that the area's border crosses. A second permutation lists each municipality's addresses by street and
/// house number, for municipality and street targeting. About 60 bytes per subscriber and 26 per address.
/// </para>
/// <para>
/// Changes: <see cref="Add"/> keeps new subscribers in a small side list (searched point by point);
/// <see cref="Remove"/> marks a subscriber deleted at once and erases their phone and e-mail in place (GDPR), though
/// their address points stay in the index, owned by nobody, until <see cref="Compact"/> rebuilds the directory. Queries
/// and changes may run concurrently: a removal is seen by every query that reaches the person after it returned.
/// </para>
/// </remarks>
public sealed class SubscriberDirectory
{
    private readonly DirectoryColumns _columns;
    private readonly int[] _cellStart;
    private readonly int[] _municipalityStart;
    private readonly int[] _municipalityAddresses;
    private readonly Dictionary<string, ushort>[] _streetLookup;
    private readonly ulong[] _removed;
    private readonly Lock _gate = new();
    private Subscriber[] _added = [];
    private long _removedCount;
    private int[]? _ownerStart;
    private int[]? _ownerAddresses;

    internal SubscriberDirectory(DirectoryColumns columns)
    {
        _columns = columns;
        var ids = columns.Ids;
        for (var i = 1; i < ids.Length; i++)
        {
            if (ids[i] <= ids[i - 1])
            {
                throw new ArgumentException($"Subscriber id {ids[i]} appears twice or out of order.");
            }
        }

        _cellStart = SortAddressesByCell(columns);
        (_municipalityStart, _municipalityAddresses) = IndexByMunicipality(columns);
        _streetLookup = new Dictionary<string, ushort>[columns.Streets.Length];
        for (var m = 0; m < columns.Streets.Length; m++)
        {
            var lookup = new Dictionary<string, ushort>(columns.Streets[m].Length, StringComparer.OrdinalIgnoreCase);
            for (var s = 0; s < columns.Streets[m].Length; s++)
            {
                lookup.TryAdd(columns.Streets[m][s], (ushort)s);
            }

            _streetLookup[m] = lookup;
        }

        _removed = new ulong[(ids.Length + 63) / 64];
    }

    /// <summary>The number of subscribers (deleted ones excluded).</summary>
    public long Count => _columns.Ids.Length - Interlocked.Read(ref _removedCount) + Volatile.Read(ref _added).Length;

    /// <summary>The number of address points in the spatial index, including those of deleted subscribers not yet compacted away.</summary>
    public long AddressCount => _columns.Lat.Length + Volatile.Read(ref _added).Sum(s => (long)s.Addresses.Count);

    /// <summary>
    /// The memory the directory's columns and indexes hold, in bytes (arrays only; the boundary data and the side list
    /// of added subscribers are not counted).
    /// </summary>
    public long EstimatedMemoryBytes
    {
        get
        {
            var c = _columns;
            long n = c.Ids.Length, a = c.Lat.Length;
            return (n * (8 + 8 + 4 + 4 + 1 + 2)) + c.EmailBytes.Length + (a * (4 + 4 + 4 + 2 + 2 + 2 + 2 + 2 + 1 + 4))
                + ((long)_cellStart.Length * 4) + (_removed.Length * 8L)
                + (_ownerStart is null ? 0 : (n + a) * 4);
        }
    }

    internal DirectoryColumns Columns => _columns;

    internal int MainCount => _columns.Ids.Length;

    internal MunicipalityTable Municipalities => _columns.Municipalities;

    /// <summary>Builds a directory from subscriber records (in any order; ids must be unique).</summary>
    /// <param name="subscribers">The subscribers.</param>
    /// <param name="boundaries">The municipalities addresses refer to; <see cref="BelgianBoundaries.Default"/> when <see langword="null"/>.</param>
    /// <returns>The directory.</returns>
    /// <exception cref="ArgumentException">A duplicate id, an unknown NIS code or an address outside Belgium's extent.</exception>
    public static SubscriberDirectory Create(IEnumerable<Subscriber> subscribers, BelgianBoundaries? boundaries = null)
    {
        ArgumentNullException.ThrowIfNull(subscribers);
        var sorted = subscribers.ToList();
        sorted.Sort(static (a, b) => a.Id.CompareTo(b.Id));
        var builder = new DirectoryBuilder(MunicipalityTable.For(boundaries), sorted.Count, sorted.Count * 2);
        foreach (var subscriber in sorted)
        {
            ArgumentNullException.ThrowIfNull(subscriber, nameof(subscribers));
            builder.Add(subscriber);
        }

        return new SubscriberDirectory(builder.ToColumns());
    }

    /// <summary>Whether a subscriber with this id is in the directory (and not deleted).</summary>
    /// <param name="id">The subscriber id.</param>
    /// <returns><see langword="true"/> when present.</returns>
    public bool Contains(long id) => IndexOf(id) >= 0 || Array.Exists(Volatile.Read(ref _added), s => s.Id == id);

    /// <summary>
    /// The subscriber with this id, rebuilt from the columns (coordinates rounded to 10⁻⁷ degree), or
    /// <see langword="null"/>. Finding the addresses of a subscriber builds an owner index on first use (4 bytes per
    /// subscriber and per address).
    /// </summary>
    /// <param name="id">The subscriber id.</param>
    /// <returns>The subscriber, or <see langword="null"/> when unknown or deleted.</returns>
    public Subscriber? Find(long id)
    {
        var index = IndexOf(id);
        if (index >= 0)
        {
            return Materialize(index);
        }

        return Array.Find(Volatile.Read(ref _added), s => s.Id == id);
    }

    /// <summary>Every subscriber (deleted ones excluded), in id order for those present when the directory was built, then the added ones.</summary>
    /// <returns>The subscribers, built one at a time.</returns>
    public IEnumerable<Subscriber> EnumerateSubscribers()
    {
        for (var i = 0; i < _columns.Ids.Length; i++)
        {
            if (!IsRemoved(i))
            {
                yield return Materialize(i);
            }
        }

        foreach (var subscriber in Volatile.Read(ref _added))
        {
            yield return subscriber;
        }
    }

    /// <summary>The street names registered in a municipality (empty for an unknown NIS code).</summary>
    /// <param name="municipalityNis">The municipality's NIS code.</param>
    /// <returns>The names, in order of first registration.</returns>
    public IReadOnlyList<string> GetStreets(int municipalityNis) =>
        _columns.Municipalities.TryGetIndex(municipalityNis, out var m) ? _columns.Streets[m] : [];

    /// <summary>Adds a subscriber registered after the directory was built.</summary>
    /// <param name="subscriber">The subscriber; its id must not be in use.</param>
    /// <exception cref="ArgumentException">The id is in use, or an address is outside Belgium or in an unknown municipality.</exception>
    public void Add(Subscriber subscriber)
    {
        ArgumentNullException.ThrowIfNull(subscriber);

        // Same checks as a build, on a throw-away builder.
        new DirectoryBuilder(_columns.Municipalities).Add(subscriber);
        lock (_gate)
        {
            if (Contains(subscriber.Id) || IndexOfAny(subscriber.Id) >= 0)
            {
                throw new ArgumentException($"Subscriber id {subscriber.Id} is already in use.", nameof(subscriber));
            }

            Volatile.Write(ref _added, [.. _added, subscriber]);
        }
    }

    /// <summary>
    /// Deletes a subscriber (GDPR erasure): from now on no query returns them, and their phone number and e-mail
    /// address are overwritten in memory. Their address points stay in the index without an owner until <see cref="Compact"/>.
    /// </summary>
    /// <param name="id">The subscriber id.</param>
    /// <returns><see langword="true"/> when a subscriber was deleted; <see langword="false"/> when there was none.</returns>
    public bool Remove(long id)
    {
        lock (_gate)
        {
            var index = IndexOf(id);
            if (index >= 0)
            {
                Interlocked.Or(ref _removed[index >> 6], 1UL << index);
                _removedCount++;
                _columns.Phones[index] = 0;
                var start = index == 0 ? 0 : _columns.EmailEnds[index - 1];
                _columns.EmailBytes.AsSpan(start, _columns.EmailEnds[index] - start).Clear();
                _columns.Languages[index] = 0;
                _columns.ExtraPhones.Remove(index);
                _columns.ExtraEmails.Remove(index);
                return true;
            }

            var position = Array.FindIndex(_added, s => s.Id == id);
            if (position < 0)
            {
                return false;
            }

            Volatile.Write(ref _added, [.. _added.Where((_, i) => i != position)]);
            return true;
        }
    }

    /// <summary>A new directory holding the current subscribers only: deleted ones and their addresses gone, added ones indexed.</summary>
    /// <returns>The rebuilt directory.</returns>
    public SubscriberDirectory Compact() => Create(EnumerateSubscribers(), _columns.Municipalities.Boundaries);

    internal bool IsRemoved(int index) => (Volatile.Read(ref _removed[index >> 6]) & (1UL << index)) != 0;

    internal bool HasRemovals => Interlocked.Read(ref _removedCount) > 0;

    internal Subscriber[] AddedSnapshot() => Volatile.Read(ref _added);

    /// <summary>Whether a subscriber of an earlier snapshot of the added ones has been removed since.</summary>
    internal bool IsRemovedAdded(Subscriber subscriber) => !Array.Exists(Volatile.Read(ref _added), s => ReferenceEquals(s, subscriber));

    /// <summary>The index of a live subscriber, or -1.</summary>
    internal int IndexOf(long id)
    {
        var index = IndexOfAny(id);
        return index >= 0 && !IsRemoved(index) ? index : -1;
    }

    internal int IndexOfAny(long id)
    {
        var index = Array.BinarySearch(_columns.Ids, id);
        return index >= 0 ? index : -1;
    }

    internal ulong PhoneAt(int index) => _columns.Phones[index];

    internal string? EmailAt(int index)
    {
        var start = index == 0 ? 0 : _columns.EmailEnds[index - 1];
        var end = _columns.EmailEnds[index];
        return end == start ? null : Encoding.ASCII.GetString(_columns.EmailBytes, start, end - start);
    }

    internal bool HasEmail(int index) => _columns.EmailEnds[index] != (index == 0 ? 0 : _columns.EmailEnds[index - 1]);

    /// <summary>Marks (in <paramref name="bits"/>) the owners of every address point inside the area; returns the number of live address points inside.</summary>
    internal long MarkArea(AreaQuery area, ulong[] bits)
    {
        if (area.IsEmpty)
        {
            return 0;
        }

        var envelope = area.Envelope;
        var r0 = AddressGrid.RowOf(envelope.MinY);
        var r1 = AddressGrid.RowOf(envelope.MaxY) + 1;
        var c0 = AddressGrid.ColOf(envelope.MinX);
        var c1 = AddressGrid.ColOf(envelope.MaxX) + 1;
        var addresses = VisitBlock(area, bits, r0, r1, c0, c1);
        var added = Volatile.Read(ref _added);
        for (var k = 0; k < added.Length; k++)
        {
            var inside = false;
            foreach (var address in added[k].Addresses)
            {
                if (area.Contains(AddressGrid.ToFixed(address.Latitude), AddressGrid.ToFixed(address.Longitude)))
                {
                    addresses++;
                    inside = true;
                }
            }

            if (inside)
            {
                Mark(bits, MainCount + k);
            }
        }

        return addresses;
    }

    /// <summary>Marks the owners of every address registered in a municipality; returns the number of live address points.</summary>
    internal long MarkMunicipality(int nis, ulong[] bits) => MarkStreet(nis, null, null, null, bits);

    /// <summary>Marks the owners of the addresses of a municipality, optionally on one street and within a house-number range.</summary>
    internal long MarkStreet(int nis, string? street, int? from, int? to, ulong[] bits)
    {
        long count = 0;
        if (!_columns.Municipalities.TryGetIndex(nis, out var m))
        {
            return 0;
        }

        var start = _municipalityStart[m];
        var end = _municipalityStart[m + 1];
        if (street is not null)
        {
            if (_streetLookup[m].TryGetValue(street, out var s))
            {
                var low = ((uint)s << 16) | (uint)Math.Clamp(from ?? 0, 0, ushort.MaxValue);
                var high = ((uint)s << 16) | (uint)Math.Clamp(to ?? ushort.MaxValue, 0, ushort.MaxValue);
                var first = LowerBound(start, end, low);
                var last = LowerBound(first, end, high + 1);
                start = first;
                end = last;
            }
            else
            {
                start = end;
            }
        }

        var owner = _columns.Owner;
        var check = HasRemovals;
        for (var i = start; i < end; i++)
        {
            var o = owner[_municipalityAddresses[i]];
            if (!check || !IsRemoved(o))
            {
                Mark(bits, o);
                count++;
            }
        }

        var added = Volatile.Read(ref _added);
        for (var k = 0; k < added.Length; k++)
        {
            var inside = false;
            foreach (var address in added[k].Addresses)
            {
                if (address.MunicipalityNis == nis
                    && (street is null || string.Equals(address.Street, street, StringComparison.OrdinalIgnoreCase))
                    && (from is null || address.HouseNumberValue >= from)
                    && (to is null || address.HouseNumberValue <= to))
                {
                    count++;
                    inside = true;
                }
            }

            if (inside)
            {
                Mark(bits, MainCount + k);
            }
        }

        return count;
    }

    /// <summary>Marks subscribers by id (unknown and deleted ids are skipped); returns how many were found.</summary>
    internal long MarkIds(IEnumerable<long> ids, ulong[] bits)
    {
        long found = 0;
        Subscriber[]? added = null;
        foreach (var id in ids)
        {
            var index = IndexOf(id);
            if (index < 0)
            {
                added ??= Volatile.Read(ref _added);
                index = Array.FindIndex(added, s => s.Id == id);
                if (index < 0)
                {
                    continue;
                }

                index += MainCount;
            }

            Mark(bits, index);
            found++;
        }

        return found;
    }

    internal static void Mark(ulong[] bits, int index) => bits[index >> 6] |= 1UL << index;

    private static int[] SortAddressesByCell(DirectoryColumns c)
    {
        var n = c.Lat.Length;
        var cellStart = new int[AddressGrid.CellCount + 1];
        var cells = new int[n];
        for (var i = 0; i < n; i++)
        {
            var cell = AddressGrid.CellOf(c.Lat[i], c.Lon[i]);
            cells[i] = cell;
            cellStart[cell + 1]++;
        }

        for (var k = 0; k < AddressGrid.CellCount; k++)
        {
            cellStart[k + 1] += cellStart[k];
        }

        var next = (int[])cellStart.Clone();
        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            order[next[cells[i]]++] = i;
        }

        cells = null;
        Permute(c.Lat, order);
        Permute(c.Lon, order);
        Permute(c.Owner, order);
        Permute(c.Municipality, order);
        Permute(c.Street, order);
        Permute(c.House, order);
        Permute(c.Suffix, order);
        Permute(c.Postcode, order);
        Permute(c.Ordinal, order);
        return cellStart;
    }

    private static void Permute<T>(T[] column, int[] order)
    {
        var copy = new T[column.Length];
        for (var i = 0; i < order.Length; i++)
        {
            copy[i] = column[order[i]];
        }

        copy.CopyTo(column, 0);
    }

    private static (int[] Start, int[] Addresses) IndexByMunicipality(DirectoryColumns c)
    {
        var municipalities = c.Municipalities.Count;
        var start = new int[municipalities + 1];
        foreach (var m in c.Municipality)
        {
            start[m + 1]++;
        }

        for (var m = 0; m < municipalities; m++)
        {
            start[m + 1] += start[m];
        }

        var next = (int[])start.Clone();
        var addresses = new int[c.Municipality.Length];
        for (var i = 0; i < c.Municipality.Length; i++)
        {
            addresses[next[c.Municipality[i]]++] = i;
        }

        Parallel.For(0, municipalities, m =>
        {
            var slice = addresses.AsSpan(start[m], start[m + 1] - start[m]);
            var keys = new uint[slice.Length];
            for (var i = 0; i < slice.Length; i++)
            {
                keys[i] = ((uint)c.Street[slice[i]] << 16) | c.House[slice[i]];
            }

            keys.AsSpan().Sort(slice);
        });
        return (start, addresses);
    }

    private int LowerBound(int start, int end, uint key)
    {
        while (start < end)
        {
            var middle = start + ((end - start) / 2);
            var slot = _municipalityAddresses[middle];
            var value = ((uint)_columns.Street[slot] << 16) | _columns.House[slot];
            if (value < key)
            {
                start = middle + 1;
            }
            else
            {
                end = middle;
            }
        }

        return start;
    }

    private long VisitBlock(AreaQuery area, ulong[] bits, int r0, int r1, int c0, int c1)
    {
        if (r0 >= r1 || c0 >= c1)
        {
            return 0;
        }

        var points = 0L;
        for (var r = r0; r < r1; r++)
        {
            points += _cellStart[(r * AddressGrid.Cols) + c1] - _cellStart[(r * AddressGrid.Cols) + c0];
        }

        if (points == 0)
        {
            return 0;
        }

        var placement = area.Place(AddressGrid.BlockEnvelope(r0, r1, c0, c1));
        if (placement == AreaQuery.Placement.Outside)
        {
            return 0;
        }

        var single = r1 - r0 == 1 && c1 - c0 == 1;
        if (placement == AreaQuery.Placement.Inside || single)
        {
            var test = placement == AreaQuery.Placement.Across;
            var check = HasRemovals;
            var owner = _columns.Owner;
            var lat = _columns.Lat;
            var lon = _columns.Lon;
            long count = 0;
            for (var r = r0; r < r1; r++)
            {
                var end = _cellStart[(r * AddressGrid.Cols) + c1];
                for (var i = _cellStart[(r * AddressGrid.Cols) + c0]; i < end; i++)
                {
                    var o = owner[i];
                    if ((test && !area.Contains(lat[i], lon[i])) || (check && IsRemoved(o)))
                    {
                        continue;
                    }

                    bits[o >> 6] |= 1UL << o;
                    count++;
                }
            }

            return count;
        }

        // Across the border: split the longer side in two and look again.
        if (r1 - r0 >= c1 - c0)
        {
            var middle = (r0 + r1) / 2;
            return VisitBlock(area, bits, r0, middle, c0, c1) + VisitBlock(area, bits, middle, r1, c0, c1);
        }
        else
        {
            var middle = (c0 + c1) / 2;
            return VisitBlock(area, bits, r0, r1, c0, middle) + VisitBlock(area, bits, r0, r1, middle, c1);
        }
    }

    private Subscriber Materialize(int index)
    {
        var c = _columns;
        EnsureOwnerIndex();
        var phones = new List<PhoneNumber>();
        if (c.Phones[index] != 0)
        {
            phones.Add(PhoneNumber.FromDigits(c.Phones[index]));
        }

        if (c.ExtraPhones.TryGetValue(index, out var extraPhones))
        {
            phones.AddRange(extraPhones.Select(PhoneNumber.FromDigits));
        }

        var emails = new List<string>();
        if (EmailAt(index) is { } email)
        {
            emails.Add(email);
        }

        if (c.ExtraEmails.TryGetValue(index, out var extraEmails))
        {
            emails.AddRange(extraEmails);
        }

        var addresses = new List<SubscriberAddress>();
        for (var k = _ownerStart![index]; k < _ownerStart[index + 1]; k++)
        {
            var i = _ownerAddresses![k];
            var m = c.Municipality[i];
            var house = c.House[i] == 0 ? c.Suffixes[c.Suffix[i]] : c.Suffix[i] == 0 ? c.House[i].ToString(System.Globalization.CultureInfo.InvariantCulture) : HouseText(c.House[i], c.Suffixes[c.Suffix[i]]);
            addresses.Add(new SubscriberAddress(c.Streets[m][c.Street[i]], house, c.Municipalities.Nis[m], AddressGrid.ToDegrees(c.Lat[i]), AddressGrid.ToDegrees(c.Lon[i]))
            {
                Postcode = c.Postcode[i] == 0 ? null : c.Postcode[i],
            });
        }

        var languages = new List<string>();
        for (var packed = c.Languages[index]; (packed & 0xFF) != 0; packed >>= 8)
        {
            languages.Add(c.LanguageTable[(packed & 0xFF) - 1]);
        }

        return new Subscriber(c.Ids[index], phones, emails, addresses, languages, (DeliveryChannels)c.Channels[index]);
    }

    private static string HouseText(int number, string suffix) =>
        suffix.Length > 0 && char.IsAsciiLetter(suffix[0]) && suffix.Length == 1
            ? number.ToString(System.Globalization.CultureInfo.InvariantCulture) + suffix
            : number.ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + suffix;

    /// <summary>Builds, once, the list of each subscriber's addresses in registration order (the main residence first).</summary>
    private void EnsureOwnerIndex()
    {
        if (Volatile.Read(ref _ownerAddresses) is not null)
        {
            return;
        }

        lock (_gate)
        {
            if (_ownerAddresses is not null)
            {
                return;
            }

            var c = _columns;
            var start = new int[c.Ids.Length + 1];
            foreach (var o in c.Owner)
            {
                start[o + 1]++;
            }

            for (var i = 0; i < c.Ids.Length; i++)
            {
                start[i + 1] += start[i];
            }

            var next = (int[])start.Clone();
            var addresses = new int[c.Owner.Length];
            for (var i = 0; i < c.Owner.Length; i++)
            {
                addresses[next[c.Owner[i]]++] = i;
            }

            // Registration order (the main residence first): at most five addresses each, so an insertion sort.
            for (var s = 0; s < c.Ids.Length; s++)
            {
                var slice = addresses.AsSpan(start[s], start[s + 1] - start[s]);
                for (var i = 1; i < slice.Length; i++)
                {
                    var slot = slice[i];
                    var j = i - 1;
                    for (; j >= 0 && c.Ordinal[slice[j]] > c.Ordinal[slot]; j--)
                    {
                        slice[j + 1] = slice[j];
                    }

                    slice[j + 1] = slot;
                }
            }

            _ownerStart = start;
            Volatile.Write(ref _ownerAddresses, addresses);
        }
    }
}
