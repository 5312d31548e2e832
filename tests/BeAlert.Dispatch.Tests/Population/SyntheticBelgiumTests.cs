using BeAlert.Cap.Geo;
using FsCheck.Xunit;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace BeAlert.Dispatch.Tests.Population;

public sealed class SyntheticBelgiumTests
{
    [Property(MaxTest = 5)]
    public void Generate_SameSeed_SamePopulation(ulong seed)
    {
        var first = SyntheticBelgium.Generate(300, seed);
        var second = SyntheticBelgium.Generate(300, seed);

        Assert.Equal(first, second);
    }

    [Fact]
    public void Generate_OtherSeed_OtherPopulation()
    {
        var first = SyntheticBelgium.Generate(300, 1);
        var second = SyntheticBelgium.Generate(300, 2);

        Assert.NotEqual(first.Select(s => s.Addresses[0]), second.Select(s => s.Addresses[0]));
    }

    [Fact]
    public void CreateDirectory_DegreeOfParallelism_DoesNotChangeThePopulation()
    {
        var serial = SyntheticBelgium.CreateDirectory(new SyntheticBelgiumOptions { Count = 2_000, Seed = 9, MaxDegreeOfParallelism = 1 });
        var parallel = SyntheticBelgium.CreateDirectory(new SyntheticBelgiumOptions { Count = 2_000, Seed = 9, MaxDegreeOfParallelism = 4 });

        Assert.Equal(serial.EnumerateSubscribers(), parallel.EnumerateSubscribers());
    }

    [Fact]
    public void Generate_EveryAddressPoint_LiesInsideItsMunicipality()
    {
        var prepared = new Dictionary<int, IPreparedGeometry>();
        var factory = new GeometryFactory(new PrecisionModel(), 4326);
        var checkedPoints = 0;
        foreach (var subscriber in TestPopulation.Subscribers)
        {
            foreach (var address in subscriber.Addresses)
            {
                if (!prepared.TryGetValue(address.MunicipalityNis, out var boundary))
                {
                    Assert.True(BelgianBoundaries.Default.TryFind(address.MunicipalityNis.ToString(System.Globalization.CultureInfo.InvariantCulture), out var unit));
                    boundary = prepared[address.MunicipalityNis] = PreparedGeometryFactory.Prepare(unit.GetGeometry());
                }

                Assert.True(boundary.Intersects(factory.CreatePoint(new Coordinate(address.Longitude, address.Latitude))), $"{subscriber.Id}: {address}");
                checkedPoints++;
            }
        }

        Assert.True(checkedPoints > TestPopulation.Count);
    }

    [Fact]
    public void Generate_Shape_AsDocumented()
    {
        var subscribers = TestPopulation.Subscribers;

        Assert.Equal(TestPopulation.Count, subscribers.Count);
        Assert.Equal(Enumerable.Range(1, TestPopulation.Count).Select(i => (long)i), subscribers.Select(s => s.Id));
        Assert.All(subscribers, s => Assert.InRange(s.Addresses.Count, 1, 5));
        var multi = subscribers.Count(s => s.Addresses.Count > 1) / (double)subscribers.Count;
        Assert.InRange(multi, 0.25, 0.35);
        Assert.Contains(subscribers, s => s.Addresses.Count == 5);
        var phones = subscribers.SelectMany(s => s.Phones).ToList();
        Assert.Equal(phones.Count, phones.Distinct().Count());
        Assert.All(phones, p => Assert.Equal(p, PhoneNumber.Parse(p.ToString())));
        Assert.InRange(phones.Count / (double)subscribers.Count, 0.9, 0.96);
        Assert.Contains(phones, p => !p.IsBelgian);
        Assert.Contains(phones, p => p.IsBelgian && !p.IsBelgianMobile);
        var emails = subscribers.SelectMany(s => s.Emails).ToList();
        Assert.Equal(emails.Count, emails.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(emails, e => Assert.True(EmailAddress.IsValid(e) && e.EndsWith(".example.com", StringComparison.Ordinal) is false));
        Assert.All(emails, e => Assert.Matches("@example\\.(com|org|net)$", e));
        Assert.Contains(subscribers, s => s.Addresses.Any(a => a.HouseNumber.Contains("bus", StringComparison.Ordinal)));
    }

    [Fact]
    public void Generate_LanguagesFollowTheRegionOfTheMainResidence()
    {
        var byRegion = TestPopulation.Subscribers.GroupBy(s => LanguageRegions.Of(s.Addresses[0].MunicipalityNis)).ToDictionary(g => g.Key, g => g.ToList());

        Assert.True(byRegion[LanguageRegion.Flanders].Count(s => s.Languages[0] == "nl") > 0.75 * byRegion[LanguageRegion.Flanders].Count);
        Assert.True(byRegion[LanguageRegion.Wallonia].Count(s => s.Languages[0] == "fr") > 0.8 * byRegion[LanguageRegion.Wallonia].Count);
        Assert.All(byRegion[LanguageRegion.EastCantons], s => Assert.Equal("de", s.Languages[0]));
        var brussels = byRegion[LanguageRegion.Brussels];
        Assert.Contains(brussels, s => s.Languages[0] == "fr");
        Assert.Contains(brussels, s => s.Languages[0] == "nl");
        Assert.DoesNotContain(byRegion[LanguageRegion.Flanders].Concat(byRegion[LanguageRegion.Wallonia]), s => s.Languages.Contains("de"));
    }

    [Fact]
    public void Allocate_SumsToCount_InProportionToPopulation()
    {
        var shares = SyntheticBelgium.Allocate(1_150_000);

        Assert.Equal(581, shares.Count);
        Assert.Equal(1_150_000, shares.Values.Sum());
        var total = BelgianBoundaries.Default.Municipalities.Sum(m => m.Population);
        foreach (var municipality in BelgianBoundaries.Default.Municipalities)
        {
            var exact = 1_150_000.0 * municipality.Population / total;
            Assert.InRange(shares[int.Parse(municipality.Code, System.Globalization.CultureInfo.InvariantCulture)], Math.Floor(exact), Math.Ceiling(exact));
        }
    }

    [Fact]
    public void Generate_StreetNames_DistinctWithinEachMunicipality()
    {
        foreach (var municipality in BelgianBoundaries.Default.Municipalities)
        {
            var streets = TestPopulation.Directory.GetStreets(int.Parse(municipality.Code, System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(streets.Count >= 12, municipality.ToString());
            Assert.Equal(streets.Count, streets.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        }
    }

    [Fact]
    public void Options_Invalid_ReportsEveryProblem()
    {
        var e = Assert.Throws<ArgumentException>(() => SyntheticBelgium.CreateDirectory(new SyntheticBelgiumOptions { Count = -1, MaxDegreeOfParallelism = 0 }));
        Assert.Contains("Count", e.Message, StringComparison.Ordinal);
        Assert.Contains("MaxDegreeOfParallelism", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GermanSpeakingMunicipalities_AreTheNineOfTheEastCantons()
    {
        string[] names = ["Amel", "Büllingen", "Bütgenbach", "Eupen", "Kelmis", "Lontzen", "Raeren", "Sankt Vith", "Burg-Reuland"];
        var found = LanguageRegions.GermanSpeakingMunicipalities
            .Select(n => BelgianBoundaries.Default.TryFind(n.ToString(System.Globalization.CultureInfo.InvariantCulture), out var unit) ? unit.NameNl : null)
            .ToList();

        Assert.Equal(names.Order(StringComparer.Ordinal), found.Order(StringComparer.Ordinal));
        Assert.All(LanguageRegions.GermanSpeakingMunicipalities, n => Assert.Equal(LanguageRegion.EastCantons, LanguageRegions.Of(n)));
        Assert.Equal(LanguageRegion.Wallonia, LanguageRegions.Of(63057)); // Olne: same arrondissement, French-speaking
        Assert.Equal(19, BelgianBoundaries.Default.Municipalities.Count(m => LanguageRegions.Of(m) == LanguageRegion.Brussels));
        Assert.Equal(LanguageRegion.Flanders, LanguageRegions.Of(44064));
        Assert.Equal(LanguageRegion.Unknown, LanguageRegions.Of(44000));
        Assert.Equal(LanguageRegion.Unknown, LanguageRegions.Of(1));
    }
}
