using System.Text;

namespace BeAlert.Gateway.Population;

/// <summary>One street of a municipality as the index knows it.</summary>
/// <param name="Name">The street name as registered (first spelling seen).</param>
/// <param name="Addresses">Address points on the street.</param>
/// <param name="People">Distinct people with at least one address on the street.</param>
/// <param name="FromHouseNumber">The lowest house number present (numeric part), or null when no address has one.</param>
/// <param name="ToHouseNumber">The highest house number present (numeric part), or null.</param>
public sealed record StreetInfo(string Name, int Addresses, int People, int? FromHouseNumber, int? ToHouseNumber);

/// <summary>
/// Street names per municipality, built from the <see cref="PopulationService"/>'s directory: for each municipality an
/// array sorted by the folded name (lower case, accents removed), so a prefix query is a binary search and a substring
/// query a scan of one municipality's streets (hundreds, not millions). Built on first use; rebuilt when the
/// population changed (a citizen registered or left) — at most once per <see cref="RebuildInterval"/>, the previous
/// index answering meanwhile.
/// </summary>
public sealed partial class StreetIndex(PopulationService population, TimeProvider time, ILogger<StreetIndex> logger)
{
    public static readonly TimeSpan RebuildInterval = TimeSpan.FromSeconds(2);

    private readonly Lock _gate = new();
    private Snapshot? _snapshot;
    private bool _rebuilding;

    /// <summary>How the index was last built (for the architecture notes and the measurements).</summary>
    public (int Municipalities, int Streets, TimeSpan BuildTime) Stats
    {
        get
        {
            var s = Current();
            return (s.ByMunicipality.Count, s.ByMunicipality.Values.Sum(a => a.Length), s.BuildTime);
        }
    }

    /// <summary>Streets of a municipality whose folded name starts with, then contains, the folded query; prefix matches first.</summary>
    public IReadOnlyList<StreetInfo> Search(int nis, string query, int limit)
    {
        ArgumentNullException.ThrowIfNull(query);
        var folded = Fold(query);
        if (limit <= 0 || folded.Length == 0 || !Current().ByMunicipality.TryGetValue(nis, out var streets))
        {
            return [];
        }

        var result = new List<StreetInfo>(Math.Min(limit, 64));
        var first = LowerBound(streets, folded);
        var i = first;
        for (; i < streets.Length && result.Count < limit && streets[i].Folded.StartsWith(folded, StringComparison.Ordinal); i++)
        {
            result.Add(streets[i].Info);
        }

        var prefixEnd = i;
        for (var j = 0; j < streets.Length && result.Count < limit; j++)
        {
            if ((j < first || j >= prefixEnd) && streets[j].Folded.Contains(folded, StringComparison.Ordinal))
            {
                result.Add(streets[j].Info);
            }
        }

        return result;
    }

    /// <summary>The street of a municipality with this name (compared ignoring case, as the audience resolver does), or null.</summary>
    public StreetInfo? Find(int nis, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (Current().ByMunicipality.TryGetValue(nis, out var streets))
        {
            var folded = Fold(name);
            for (var i = LowerBound(streets, folded); i < streets.Length && streets[i].Folded == folded; i++)
            {
                if (string.Equals(streets[i].Info.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    return streets[i].Info;
                }
            }
        }

        // Not in the index (yet): a citizen may have registered it a moment ago; the directory's own list decides.
        return population.Read(d => d.GetStreets(nis).FirstOrDefault(s => string.Equals(s, name, StringComparison.OrdinalIgnoreCase))) is { } known
            ? new StreetInfo(known, 0, 0, null, null)
            : null;
    }

    /// <summary>Lower case, accents and other diacritics removed, apostrophes and hyphens kept (for matching only).</summary>
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Trim())
        {
            var lower = char.ToLowerInvariant(c);
            switch (lower)
            {
                case 'ß':
                    builder.Append("ss");
                    break;
                case 'æ':
                    builder.Append("ae");
                    break;
                case 'œ':
                    builder.Append("oe");
                    break;
                case '’' or '‘' or '`':
                    builder.Append('\'');
                    break;
                default:
                    builder.Append(lower < 'à' ? lower : Plain(lower));
                    break;
            }
        }

        return builder.ToString();
    }

    private static char Plain(char c) => c switch
    {
        'à' or 'á' or 'â' or 'ã' or 'ä' or 'å' or 'ā' or 'ă' or 'ą' => 'a',
        'ç' or 'ć' or 'č' or 'ĉ' or 'ċ' => 'c',
        'è' or 'é' or 'ê' or 'ë' or 'ē' or 'ĕ' or 'ė' or 'ę' or 'ě' => 'e',
        'ì' or 'í' or 'î' or 'ï' or 'ĩ' or 'ī' or 'į' or 'ı' => 'i',
        'ñ' or 'ń' or 'ň' => 'n',
        'ò' or 'ó' or 'ô' or 'õ' or 'ö' or 'ø' or 'ō' or 'ő' => 'o',
        'ù' or 'ú' or 'û' or 'ü' or 'ũ' or 'ū' or 'ů' or 'ű' or 'ų' => 'u',
        'ý' or 'ÿ' => 'y',
        'š' or 'ś' or 'ş' => 's',
        'ž' or 'ź' or 'ż' => 'z',
        'đ' or 'ď' => 'd',
        'ł' or 'ľ' or 'ĺ' => 'l',
        'ř' or 'ŕ' => 'r',
        'ť' or 'ţ' => 't',
        'ğ' => 'g',
        _ => c,
    };

    private static int LowerBound(Entry[] streets, string folded)
    {
        int low = 0, high = streets.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (string.CompareOrdinal(streets[mid].Folded, folded) < 0)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    private Snapshot Current()
    {
        var version = population.Version;
        var snapshot = Volatile.Read(ref _snapshot);
        if (snapshot is null)
        {
            lock (_gate)
            {
                snapshot = _snapshot;
                if (snapshot is null)
                {
                    snapshot = Build();
                    Volatile.Write(ref _snapshot, snapshot);
                }
            }

            return snapshot;
        }

        if (snapshot.Version != version && time.GetUtcNow() - snapshot.BuiltAt >= RebuildInterval)
        {
            lock (_gate)
            {
                if (_rebuilding)
                {
                    return snapshot;
                }

                _rebuilding = true;
            }

            _ = Task.Run(() =>
            {
                try
                {
                    Volatile.Write(ref _snapshot, Build());
                }
                finally
                {
                    lock (_gate)
                    {
                        _rebuilding = false;
                    }
                }
            });
        }

        return snapshot;
    }

    private Snapshot Build()
    {
        var started = time.GetTimestamp();
        var version = population.Version;
        var streets = new Dictionary<int, Dictionary<string, Accumulator>>();
        population.Read(directory =>
        {
            foreach (var subscriber in directory.EnumerateSubscribers())
            {
                foreach (var address in subscriber.Addresses)
                {
                    if (string.IsNullOrWhiteSpace(address.Street))
                    {
                        continue;
                    }

                    if (!streets.TryGetValue(address.MunicipalityNis, out var byName))
                    {
                        byName = new Dictionary<string, Accumulator>(StringComparer.OrdinalIgnoreCase);
                        streets[address.MunicipalityNis] = byName;
                    }

                    if (!byName.TryGetValue(address.Street, out var street))
                    {
                        street = new Accumulator(address.Street);
                        byName[address.Street] = street;
                    }

                    street.Addresses++;
                    if (street.LastOwner != subscriber.Id)
                    {
                        street.People++;
                        street.LastOwner = subscriber.Id;
                    }

                    var number = address.HouseNumberValue;
                    if (number > 0)
                    {
                        street.From = Math.Min(street.From, number);
                        street.To = Math.Max(street.To, number);
                    }
                }
            }

            return 0;
        });

        var index = new Dictionary<int, Entry[]>(streets.Count);
        foreach (var (nis, byName) in streets)
        {
            var entries = byName.Values
                .Select(a => new Entry(Fold(a.Name), new StreetInfo(a.Name, a.Addresses, a.People, a.To == 0 ? null : a.From, a.To == 0 ? null : a.To)))
                .ToArray();
            Array.Sort(entries, (x, y) => x.Folded == y.Folded ? string.CompareOrdinal(x.Info.Name, y.Info.Name) : string.CompareOrdinal(x.Folded, y.Folded));
            index[nis] = entries;
        }

        var built = new Snapshot(index, version, time.GetUtcNow(), time.GetElapsedTime(started));
        var streetCount = 0;
        foreach (var entries in index.Values)
        {
            streetCount += entries.Length;
        }

        LogBuilt(logger, index.Count, streetCount, (long)built.BuildTime.TotalMilliseconds);
        return built;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Street index built: {Municipalities} municipalities, {Streets} streets in {Milliseconds} ms")]
    private static partial void LogBuilt(ILogger logger, int municipalities, int streets, long milliseconds);

    private sealed record Entry(string Folded, StreetInfo Info);

    private sealed record Snapshot(Dictionary<int, Entry[]> ByMunicipality, long Version, DateTimeOffset BuiltAt, TimeSpan BuildTime);

    private sealed class Accumulator(string name)
    {
        public string Name { get; } = name;

        public int Addresses { get; set; }

        public int People { get; set; }

        public long LastOwner { get; set; } = long.MinValue;

        public int From { get; set; } = int.MaxValue;

        public int To { get; set; }
    }
}
