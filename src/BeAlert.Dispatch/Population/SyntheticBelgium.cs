using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using BeAlert.Cap.Geo;

namespace BeAlert.Dispatch;

/// <summary>
/// A made-up but realistic Belgian population for tests, benchmarks and demos: N subscribers spread over the 581
/// municipalities in proportion to their 2020 population, each with 1–5 address points inside municipality
/// boundaries, synthetic street names and house numbers, phone numbers, e-mail addresses at reserved example domains,
/// and languages by region. The same seed and count give the same population on any machine.
/// </summary>
/// <remarks>
/// <para>
/// What the generator draws, per person: 1 address (70 %), 2 (20 %), 3 (6 %), 4 (3 %) or 5 (1 %); the first in the
/// home municipality, each further one there (half the time) or in a municipality drawn by population (a workplace,
/// a second home). Points are uniform inside the municipality; the street follows the point's neighbourhood (about
/// 300 m × 330 m blocks share a name), so a street targets a cluster of houses. Languages: Dutch in Flanders, French in
/// Wallonia, German in the East Cantons, French or Dutch (or English) in Brussels, some with a second language. A phone
/// for 93 % (mostly Belgian mobiles, some Belgian fixed lines and foreign mobiles), an e-mail for 75 %; channels SMS,
/// voice and e-mail as each person opted in. Phones and e-mails are unique.
/// </para>
/// <para>
/// Subscriber ids run from 1 to N, municipality by municipality in NIS order. Municipalities are generated in
/// parallel, each from its own random stream derived from the seed, so the result does not depend on scheduling.
/// Nothing is materialised per person: the columns of a <see cref="SubscriberDirectory"/> are written directly.
/// </para>
/// </remarks>
public static class SyntheticBelgium
{
    private const uint Nl = 1;
    private const uint Fr = 2;
    private const uint De = 3;
    private const uint En = 4;
    private static readonly string[] LanguageTable = ["nl", "fr", "de", "en"];
    private static readonly string[] SuffixTable = [string.Empty, "A", "B", "C", "bus 1", "bus 2", "bus 3", "bus 4", "bus 5", "bus 6"];
    private static readonly ConditionalWeakTable<BelgianBoundaries, Model> Models = [];

    /// <summary>Generates a population as a directory.</summary>
    /// <param name="options">Count, seed, boundaries; defaults when <see langword="null"/>.</param>
    /// <returns>The directory.</returns>
    public static SubscriberDirectory CreateDirectory(SyntheticBelgiumOptions? options)
    {
        options ??= new SyntheticBelgiumOptions();
        options.Validate();
        var boundaries = options.Boundaries ?? BelgianBoundaries.Default;
        var model = Models.GetValue(boundaries, b => new Model(b, MunicipalityTable.For(b)));
        return new SubscriberDirectory(Generate(model, options));
    }

    /// <summary>Generates a population as a directory.</summary>
    /// <param name="count">How many subscribers.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>The directory.</returns>
    public static SubscriberDirectory CreateDirectory(int count, ulong seed) =>
        CreateDirectory(new SyntheticBelgiumOptions { Count = count, Seed = seed });

    /// <summary>Generates a population as subscriber records (for small populations: each record is an object).</summary>
    /// <param name="count">How many subscribers.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>The subscribers in id order.</returns>
    public static IReadOnlyList<Subscriber> Generate(int count, ulong seed) =>
        [.. CreateDirectory(count, seed).EnumerateSubscribers()];

    /// <summary>How many of <paramref name="count"/> people each municipality gets (largest remainder on 2020 populations), by NIS code.</summary>
    /// <param name="count">The population size.</param>
    /// <param name="boundaries">The municipalities; <see cref="BelgianBoundaries.Default"/> when <see langword="null"/>.</param>
    /// <returns>NIS code to number of people; sums to <paramref name="count"/>.</returns>
    public static IReadOnlyDictionary<int, int> Allocate(int count, BelgianBoundaries? boundaries = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var table = MunicipalityTable.For(boundaries);
        var shares = Allocate(count, table);
        return Enumerable.Range(0, table.Count).ToDictionary(m => table.Nis[m], m => shares[m]);
    }

    private static int[] Allocate(int count, MunicipalityTable table)
    {
        var populations = table.Units.Select(u => Math.Max(0, u.Population)).ToArray();
        var total = populations.Sum();
        var shares = new int[populations.Length];
        if (total == 0 || count == 0)
        {
            return shares;
        }

        var remainders = new (double Remainder, int Index)[populations.Length];
        var given = 0;
        for (var m = 0; m < populations.Length; m++)
        {
            var exact = (double)count * populations[m] / total;
            shares[m] = (int)Math.Floor(exact);
            given += shares[m];
            remainders[m] = (exact - shares[m], m);
        }

        // Largest remainders first; ties to the lower NIS code, so the split is deterministic.
        Array.Sort(remainders, static (a, b) => a.Remainder != b.Remainder ? b.Remainder.CompareTo(a.Remainder) : a.Index.CompareTo(b.Index));
        for (var k = 0; given < count; k++, given++)
        {
            shares[remainders[k % remainders.Length].Index]++;
        }

        return shares;
    }

    private static DirectoryColumns Generate(Model model, SyntheticBelgiumOptions options)
    {
        var table = model.Table;
        var count = options.Count;
        var shares = Allocate(count, table);
        var firstIndex = new int[table.Count + 1];
        for (var m = 0; m < table.Count; m++)
        {
            firstIndex[m + 1] = firstIndex[m] + shares[m];
        }

        var ids = new long[count];
        var phones = new ulong[count];
        var languages = new uint[count];
        var channels = new byte[count];
        var home = new ushort[count];
        var emailLengths = new int[count];
        var chunks = new Chunk[table.Count];
        Parallel.For(
            0,
            table.Count,
            new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism },
            m =>
            {
                var chunk = new Chunk(shares[m]);
                var random = new SyntheticRandom(options.Seed ^ ((ulong)(m + 1) * 0x9E3779B97F4A7C15));
                for (var i = firstIndex[m]; i < firstIndex[m + 1]; i++)
                {
                    GeneratePerson(model, (ushort)m, i, ref random, chunk, ids, phones, languages, channels, home, emailLengths);
                }

                chunks[m] = chunk;
            });

        // Stitch the per-municipality chunks together (address owners are global indices already).
        var addressCount = chunks.Sum(c => c.Lat.Count);
        var emailTotal = chunks.Sum(c => (long)c.Email.Count);
        if (emailTotal > Array.MaxLength)
        {
            throw new InvalidOperationException("The generated e-mail addresses exceed one buffer; generate fewer subscribers.");
        }

        var emailBytes = new byte[emailTotal];
        var emailEnds = new int[count];
        var lat = new int[addressCount];
        var lon = new int[addressCount];
        var owner = new int[addressCount];
        var municipality = new ushort[addressCount];
        var street = new ushort[addressCount];
        var house = new ushort[addressCount];
        var suffix = new ushort[addressCount];
        var ordinal = new byte[addressCount];
        int at = 0, emailAt = 0;
        foreach (var chunk in chunks)
        {
            chunk.Lat.Span.CopyTo(lat.AsSpan(at));
            chunk.Lon.Span.CopyTo(lon.AsSpan(at));
            chunk.Owner.Span.CopyTo(owner.AsSpan(at));
            chunk.Municipality.Span.CopyTo(municipality.AsSpan(at));
            chunk.Street.Span.CopyTo(street.AsSpan(at));
            chunk.House.Span.CopyTo(house.AsSpan(at));
            chunk.Suffix.Span.CopyTo(suffix.AsSpan(at));
            chunk.Ordinal.Span.CopyTo(ordinal.AsSpan(at));
            at += chunk.Lat.Count;
            chunk.Email.Span.CopyTo(emailBytes.AsSpan(emailAt));
            emailAt += chunk.Email.Count;
        }

        var end = 0;
        for (var i = 0; i < count; i++)
        {
            end += emailLengths[i];
            emailEnds[i] = end;
        }

        return new DirectoryColumns
        {
            Municipalities = table,
            Ids = ids,
            Phones = phones,
            EmailEnds = emailEnds,
            EmailBytes = emailBytes,
            Languages = languages,
            Channels = channels,
            Home = home,
            Lat = lat,
            Lon = lon,
            Owner = owner,
            Municipality = municipality,
            Street = street,
            House = house,
            Suffix = suffix,
            Postcode = new ushort[addressCount],
            Ordinal = ordinal,
            ExtraPhones = [],
            ExtraEmails = [],
            LanguageTable = LanguageTable,
            Streets = model.Streets,
            Suffixes = SuffixTable,
        };
    }

    private static void GeneratePerson(
        Model model, ushort m, int index, ref SyntheticRandom random, Chunk chunk,
        long[] ids, ulong[] phones, uint[] languages, byte[] channels, ushort[] home, int[] emailLengths)
    {
        var table = model.Table;
        var region = table.Regions[m];
        ids[index] = index + 1L;
        home[index] = m;

        var roll = random.Next(100);
        var addressCount = roll < 70 ? 1 : roll < 90 ? 2 : roll < 96 ? 3 : roll < 99 ? 4 : 5;
        for (var a = 0; a < addressCount; a++)
        {
            var where = a == 0 || random.Next(2) == 0 ? m : model.PickMunicipality(ref random);
            var (lat, lon) = model.Samplers[where].Sample(ref random);
            chunk.Lat.Add(lat);
            chunk.Lon.Add(lon);
            chunk.Owner.Add(index);
            chunk.Municipality.Add(where);
            chunk.Street.Add(model.StreetAt(where, lat, lon));
            chunk.House.Add((ushort)(1 + random.Next(random.Next(4) == 0 ? 400 : 120)));
            var suffixRoll = random.Next(100);
            chunk.Suffix.Add((ushort)(suffixRoll < 4 ? 1 + random.Next(3) : suffixRoll < 7 ? 4 + random.Next(6) : 0));
            chunk.Ordinal.Add((byte)a);
        }

        languages[index] = PickLanguages(region, random.Next(100));

        var wanted = DeliveryChannels.None;
        roll = random.Next(100);
        if (roll < 93)
        {
            phones[index] = roll < 88 ? 32_450_000_000UL + Permute(index, 50_000_000UL) // Belgian mobile 045x–049x
                : roll < 90 ? 3_250_000_000UL + Permute(index, 50_000_000UL) // Belgian fixed line, 8 national digits (05x–09x)
                : Foreign(index, random.Next(4));
            wanted |= random.Next(100) < 95 ? DeliveryChannels.Sms : DeliveryChannels.None;
            wanted |= random.Next(100) < 35 ? DeliveryChannels.Voice : DeliveryChannels.None;
        }

        if (random.Next(100) < 75)
        {
            var before = chunk.Email.Count;
            var surnames = SyntheticNames.Surnames[(int)region];
            WriteEmail(ref chunk.Email, (char)('a' + random.Next(26)), surnames[random.Next(surnames.Length)], index + 1L, SyntheticNames.Domains[random.Next(SyntheticNames.Domains.Length)]);
            emailLengths[index] = chunk.Email.Count - before;
            wanted |= random.Next(100) < 95 ? DeliveryChannels.Email : DeliveryChannels.None;
        }

        channels[index] = (byte)wanted;
    }

    private static uint PickLanguages(LanguageRegion region, int roll) => region switch
    {
        LanguageRegion.Flanders => roll < 80 ? Nl : roll < 95 ? Nl | (En << 8) : Fr | (Nl << 8),
        LanguageRegion.Wallonia => roll < 85 ? Fr : roll < 95 ? Fr | (En << 8) : Nl | (Fr << 8),
        LanguageRegion.EastCantons => roll < 75 ? De : De | (Fr << 8),
        LanguageRegion.Brussels => roll < 45 ? Fr : roll < 60 ? Nl : roll < 75 ? Fr | (Nl << 8) : roll < 90 ? En : En | (Fr << 8),
        _ => En,
    };

    /// <summary>A bijection of [0, modulus) (multiplier coprime with the modulus), so distinct people get distinct numbers.</summary>
    private static ulong Permute(int index, ulong modulus) => ((ulong)index * 7_919_131UL + 12_345UL) % modulus;

    private static ulong Foreign(int index, int country) => country switch
    {
        0 => 31_600_000_000UL + Permute(index, 100_000_000UL), // Netherlands, 06 mobiles
        1 => 33_600_000_000UL + Permute(index, 100_000_000UL), // France, 06 mobiles
        2 => 4_915_100_000_000UL + Permute(index, 100_000_000UL), // Germany, 0151 mobiles
        _ => 393_000_000_000UL + Permute(index, 1_000_000_000UL), // Italy, 3xx mobiles
    };

    private static void WriteEmail(ref GrowableArray<byte> email, char initial, string surname, long number, string domain)
    {
        Span<byte> buffer = stackalloc byte[96];
        var length = 0;
        buffer[length++] = (byte)initial;
        buffer[length++] = (byte)'.';
        foreach (var c in surname)
        {
            buffer[length++] = (byte)c;
        }

        number.TryFormat(buffer[length..], out var written, default, System.Globalization.CultureInfo.InvariantCulture);
        length += written;
        buffer[length++] = (byte)'@';
        foreach (var c in domain)
        {
            buffer[length++] = (byte)c;
        }

        email.AddRange(buffer[..length]);
    }

    private sealed class Chunk(int people)
    {
#pragma warning disable SA1401, CA1051 // filled in place by the generator
        public GrowableArray<int> Lat = new(people * 3 / 2);
        public GrowableArray<int> Lon = new(people * 3 / 2);
        public GrowableArray<int> Owner = new(people * 3 / 2);
        public GrowableArray<ushort> Municipality = new(people * 3 / 2);
        public GrowableArray<ushort> Street = new(people * 3 / 2);
        public GrowableArray<ushort> House = new(people * 3 / 2);
        public GrowableArray<ushort> Suffix = new(people * 3 / 2);
        public GrowableArray<byte> Ordinal = new(people * 3 / 2);
        public GrowableArray<byte> Email = new(people * 24);
#pragma warning restore SA1401, CA1051
    }

    /// <summary>What the generator needs per boundary data set, built once: samplers, street tables, a population-weighted pick.</summary>
    private sealed class Model
    {
        private readonly double[] _cumulativePopulation;

        public Model(BelgianBoundaries boundaries, MunicipalityTable table)
        {
            Table = table;
            var samplers = new ConcurrentDictionary<int, MunicipalitySampler>();
            Parallel.For(0, table.Count, m => samplers[m] = new MunicipalitySampler(table.Units[m].GetGeometry()));
            Samplers = [.. Enumerable.Range(0, table.Count).Select(m => samplers[m])];
            Streets = new string[table.Count][];
            for (var m = 0; m < table.Count; m++)
            {
                var streets = (int)Math.Clamp(table.Units[m].Population / 250, 12, 4000);
                Streets[m] = [.. Enumerable.Range(0, streets).Select(k => SyntheticNames.Street(table.Regions[m], k))];
            }

            _cumulativePopulation = new double[table.Count];
            var total = 0.0;
            for (var m = 0; m < table.Count; m++)
            {
                total += Math.Max(1, table.Units[m].Population);
                _cumulativePopulation[m] = total;
            }

            _ = boundaries;
        }

        public MunicipalityTable Table { get; }

        public MunicipalitySampler[] Samplers { get; }

        public string[][] Streets { get; }

        public ushort PickMunicipality(ref SyntheticRandom random)
        {
            var target = random.NextDouble() * _cumulativePopulation[^1];
            var m = Array.BinarySearch(_cumulativePopulation, target);
            return (ushort)Math.Min(m < 0 ? ~m : m + 1, _cumulativePopulation.Length - 1);
        }

        /// <summary>The street of a point: blocks of 0.003° latitude × 0.0045° longitude hash to one of the municipality's names.</summary>
        public ushort StreetAt(ushort m, int lat, int lon)
        {
            var key = ((ulong)(uint)(lat / 30_000) << 32) | (uint)(lon / 45_000);
            key *= 0x9E3779B97F4A7C15;
            return (ushort)((key >> 40) % (ulong)Streets[m].Length);
        }
    }
}
