namespace BeAlert.Dispatch.Tests.Population;

public sealed class SubscriberDirectoryTests
{
    private static readonly LanguageChooser Languages = new(["nl", "fr", "de", "en"]);

    internal static Subscriber Person(long id, params SubscriberAddress[] addresses) => new(
        id,
        [PhoneNumber.Parse("0470" + id.ToString("D6", System.Globalization.CultureInfo.InvariantCulture))],
        [$"p{id}@example.org"],
        addresses,
        ["nl"],
        DeliveryChannels.Sms | DeliveryChannels.Email);

    private static readonly NetTopologySuite.Geometries.Coordinate LatemPoint = InteriorPoint("44064");
    private static readonly NetTopologySuite.Geometries.Coordinate ArlonPoint = InteriorPoint("81001");

    internal static SubscriberAddress Latem(string street = "Kerkstraat", string house = "1") => new(street, house, 44064, LatemPoint.Y, LatemPoint.X);

    internal static SubscriberAddress Arlon(string street = "Grand-Rue", string house = "1") => new(street, house, 81001, ArlonPoint.Y, ArlonPoint.X);

    internal static NetTopologySuite.Geometries.Coordinate InteriorPoint(string nis)
    {
        Assert.True(BeAlert.Cap.Geo.BelgianBoundaries.Default.TryFind(nis, out var unit));
        var point = unit.GetGeometry().InteriorPoint.Coordinate;
        return new NetTopologySuite.Geometries.Coordinate(Math.Round(point.X, 6), Math.Round(point.Y, 6));
    }

    [Fact]
    public void Find_AfterCreate_ReturnsEqualSubscriber()
    {
        var subscriber = new Subscriber(
            7,
            [PhoneNumber.Parse("0470 12 34 56"), PhoneNumber.Parse("+31 6 12345678")],
            ["Jan@Example.BE", "jan.work@example.org"],
            [new SubscriberAddress("Kerkstraat", "12 bus 3", 44064, 51.0123456, 3.6312345) { Postcode = 9830 }, Arlon("Grand-Rue", "7A"), Latem("Dorp", "100")],
            ["nl-BE", "en"],
            DeliveryChannels.Sms | DeliveryChannels.Voice | DeliveryChannels.Email);
        var directory = SubscriberDirectory.Create([Person(3, Latem()), subscriber, Person(11, Arlon())]);

        var found = directory.Find(7);

        Assert.Equal(subscriber, found);
        Assert.Equal("Jan@example.be", found!.Emails[0]);
        Assert.Equal(3, directory.Count);
        Assert.Equal(5, directory.AddressCount);
        Assert.Null(directory.Find(8));
    }

    [Fact]
    public void Create_DuplicateId_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => SubscriberDirectory.Create([Person(1, Latem()), Person(1, Arlon())]));
        Assert.Contains("1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_UnknownMunicipality_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => SubscriberDirectory.Create([Person(1, new SubscriberAddress("x", "1", 99999, 51, 4))]));
        Assert.Contains("99999", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_AddressOutsideBelgium_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => SubscriberDirectory.Create([Person(1, new SubscriberAddress("Rue", "1", 81001, 48.85, 2.35))]));
        Assert.Contains("outside", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Subscriber_SixAddresses_Throws()
    {
        Assert.Throws<ArgumentException>(() => Person(1, Latem(), Latem(), Latem(), Latem(), Latem(), Latem()));
    }

    [Fact]
    public void Remove_Subscriber_GoneFromFindQueriesAndCount()
    {
        var directory = SubscriberDirectory.Create([Person(1, Latem()), Person(2, Latem("Dorp", "5"))]);
        var resolver = new AudienceResolver(directory);

        Assert.True(directory.Remove(1));

        Assert.False(directory.Remove(1));
        Assert.Null(directory.Find(1));
        Assert.False(directory.Contains(1));
        Assert.Equal(1, directory.Count);
        Assert.Equal([2L], resolver.Resolve(AudienceSpec.ForMunicipalities(44064), Languages, DeliveryChannels.All).Select(m => m.RecipientId));
        Assert.Equal(new AreaCount(1, 1), resolver.CountInArea(TestPopulation.Circle(LatemPoint.Y, LatemPoint.X, 0.5)));
        Assert.DoesNotContain(directory.EnumerateSubscribers(), s => s.Id == 1);
    }

    [Fact]
    public void Remove_DuringEnumeration_LaterMembersLeftOut()
    {
        var directory = SubscriberDirectory.Create([Person(1, Latem()), Person(2, Latem()), Person(3, Latem())]);
        var members = new List<long>();
        foreach (var member in new AudienceResolver(directory).Resolve(AudienceSpec.ForEveryone(), Languages, DeliveryChannels.All))
        {
            members.Add(member.RecipientId);
            if (member.RecipientId == 1)
            {
                directory.Remove(3);
            }
        }

        Assert.Equal([1L, 2L], members);
    }

    [Fact]
    public void Add_NewSubscriber_ResolvedByAreaMunicipalityStreetAndId()
    {
        var directory = SubscriberDirectory.Create([Person(1, Arlon())]);
        directory.Add(Person(5, Latem("Kerkstraat", "8")));
        var resolver = new AudienceResolver(directory);

        Assert.Throws<ArgumentException>(() => directory.Add(Person(5, Latem())));
        Assert.Throws<ArgumentException>(() => directory.Add(Person(1, Latem())));
        Assert.Equal([5L], Ids(resolver, AudienceSpec.ForArea(TestPopulation.Municipality("44064"))));
        Assert.Equal([5L], Ids(resolver, AudienceSpec.ForMunicipalities(44064)));
        Assert.Equal([5L], Ids(resolver, AudienceSpec.ForStreets(new StreetTarget(44064, "kerkstraat") { FromHouseNumber = 8, ToHouseNumber = 8 })));
        Assert.Empty(Ids(resolver, AudienceSpec.ForStreets(new StreetTarget(44064, "Kerkstraat") { FromHouseNumber = 9 })));
        Assert.Equal([1L, 5L], Ids(resolver, AudienceSpec.ForEveryone()));
        Assert.Equal(2, directory.Count);
        Assert.True(directory.Remove(5));
        Assert.Equal([1L], Ids(resolver, AudienceSpec.ForEveryone()));
    }

    [Fact]
    public void Compact_AfterChanges_HoldsCurrentSubscribersOnly()
    {
        var directory = SubscriberDirectory.Create([Person(1, Latem()), Person(2, Arlon())]);
        directory.Remove(1);
        directory.Add(Person(9, Latem()));

        var compacted = directory.Compact();

        Assert.Equal([2L, 9L], compacted.EnumerateSubscribers().Select(s => s.Id));
        Assert.Equal(2, compacted.AddressCount);
        Assert.Equal(directory.Find(9), compacted.Find(9));
    }

    [Fact]
    public void GetStreets_KnownAndUnknownMunicipality()
    {
        var directory = SubscriberDirectory.Create([Person(1, Latem("Dorp")), Person(2, Latem("Kerkstraat"))]);
        Assert.Equal(["Dorp", "Kerkstraat"], directory.GetStreets(44064).Order());
        Assert.Empty(directory.GetStreets(12345));
    }

    [Fact]
    public void EstimatedMemoryBytes_GrowsWithSize()
    {
        var small = SyntheticBelgium.CreateDirectory(1_000, 1);
        var perSubscriber = (TestPopulation.Directory.EstimatedMemoryBytes - small.EstimatedMemoryBytes) / (double)(TestPopulation.Count - 1_000);

        Assert.InRange(perSubscriber, 40, 150);
    }

    private static List<long> Ids(AudienceResolver resolver, AudienceSpec spec) =>
        [.. resolver.Resolve(spec, Languages, DeliveryChannels.All).Select(m => m.RecipientId)];
}
