using BeAlert.Cap.Geo;
using BeAlert.Dispatch.Tests.Population;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace BeAlert.Dispatch.Tests.Audiences;

public sealed class AudienceResolverTests
{
    private const DeliveryChannels Personal = DeliveryChannels.Sms | DeliveryChannels.Voice | DeliveryChannels.Email;
    private static readonly LanguageChooser Languages = new(["nl-BE", "fr-BE", "de-BE", "en"]);
    private static readonly AudienceResolver Resolver = new(TestPopulation.Directory);

    public static TheoryData<string> Municipalities => ["44064", "44021", "21004", "63023", "81001", "11002"];

    [Theory]
    [MemberData(nameof(Municipalities))]
    public void CountInArea_MunicipalityPolygon_EqualsPointByPointTest(string nis)
    {
        var area = TestPopulation.Municipality(nis);
        var expected = TestPopulation.NaiveInside(TestPopulation.Subscribers, area);
        var expectedAddresses = TestPopulation.Subscribers.SelectMany(s => s.Addresses).Count(a => area.Contains(a.Latitude, a.Longitude));

        var count = Resolver.CountInArea(area);

        Assert.Equal(expected.Count, count.People);
        Assert.Equal(expectedAddresses, count.Addresses);
        Assert.True(count.People > 0);
    }

    [Theory]
    [InlineData(51.0543, 3.7174, 10)]
    [InlineData(50.8466, 4.3528, 3)]
    [InlineData(50.6337, 5.5675, 0.8)]
    [InlineData(51.3, 2.6, 20)] // mostly sea: blocks without points are skipped
    public void Resolve_Circle_MembersAreTheReachablePeopleInside(double latitude, double longitude, double km)
    {
        var area = TestPopulation.Circle(latitude, longitude, km);
        var inside = TestPopulation.NaiveInside(TestPopulation.Subscribers, area);
        var expected = TestPopulation.Subscribers.Where(s => inside.Contains(s.Id) && NaiveChannels(s, Personal) != DeliveryChannels.None).Select(s => s.Id);

        var members = Resolver.Resolve(AudienceSpec.ForArea(area), Languages, Personal).ToList();

        Assert.Equal(expected, members.Select(m => m.RecipientId));
    }

    [Fact]
    public void Resolve_Members_CarryChannelsPhoneEmailLanguageAndHome()
    {
        var bySubscriber = TestPopulation.Subscribers.ToDictionary(s => s.Id);
        foreach (var member in Resolver.Resolve(AudienceSpec.ForMunicipalities(44021, 63023, 21004), Languages, Personal))
        {
            var subscriber = bySubscriber[member.RecipientId];
            Assert.Equal(NaiveChannels(subscriber, Personal), member.Channels);
            Assert.Equal((member.Channels & (DeliveryChannels.Sms | DeliveryChannels.Voice)) != 0 ? subscriber.Phones[0].ToString() : null, member.Phone);
            Assert.Equal(member.Channels.Includes(DeliveryChannel.Email) ? subscriber.Emails[0] : null, member.Email);
            Assert.Equal(subscriber.Addresses[0].MunicipalityNis, member.MunicipalityNis);
            Assert.Equal(Languages.Choose(subscriber.Languages, LanguageRegions.Of(subscriber.Addresses[0].MunicipalityNis)), member.Language);
        }
    }

    [Fact]
    public void Resolve_EastCantons_GermanForGermanSpeakers()
    {
        var members = Resolver.Resolve(AudienceSpec.ForMunicipalities(63023), Languages, Personal).ToList();
        Assert.NotEmpty(members);
        Assert.All(members.Where(m => m.MunicipalityNis == 63023), m => Assert.Equal("de-BE", m.Language));
    }

    [Theory]
    [MemberData(nameof(Municipalities))]
    public void Resolve_Municipality_PeopleWithAnAddressRegisteredThere(string nis)
    {
        var code = int.Parse(nis, System.Globalization.CultureInfo.InvariantCulture);
        var expected = TestPopulation.Subscribers.Where(s => s.Addresses.Any(a => a.MunicipalityNis == code) && NaiveChannels(s, Personal) != 0).Select(s => s.Id);

        var resolution = Resolver.Resolve(AudienceSpec.ForMunicipalities(code), Languages, Personal);

        Assert.Equal(expected, resolution.Select(m => m.RecipientId));
        Assert.Equal(TestPopulation.Subscribers.SelectMany(s => s.Addresses).Count(a => a.MunicipalityNis == code), resolution.AddressCount);
    }

    [Fact]
    public void Resolve_StreetWithHouseRange_OnlyThoseHouses()
    {
        var streets = TestPopulation.Subscribers.SelectMany(s => s.Addresses)
            .GroupBy(a => (a.MunicipalityNis, a.Street)).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Take(5).ToList();
        Assert.All(streets, g => Assert.True(g.Count() >= 3));
        foreach (var street in streets)
        {
            var target = new StreetTarget(street.Key.MunicipalityNis, street.Key.Street.ToUpperInvariant()) { FromHouseNumber = 20, ToHouseNumber = 90 };
            var expected = TestPopulation.Subscribers.Where(s => NaiveChannels(s, Personal) != 0 && s.Addresses.Any(a =>
                a.MunicipalityNis == target.MunicipalityNis && string.Equals(a.Street, street.Key.Street, StringComparison.Ordinal)
                && a.HouseNumberValue is >= 20 and <= 90)).Select(s => s.Id);

            Assert.Equal(expected, Resolver.Resolve(AudienceSpec.ForStreets(target), Languages, Personal).Select(m => m.RecipientId));
        }
    }

    [Fact]
    public void Resolve_UnknownStreetOrMunicipality_Nobody()
    {
        Assert.Empty(Resolver.Resolve(AudienceSpec.ForStreets(new StreetTarget(44021, "Nowhere Lane")), Languages, Personal));
        Assert.Empty(Resolver.Resolve(AudienceSpec.ForMunicipalities(99999), Languages, Personal));
        Assert.Empty(Resolver.Resolve(AudienceSpec.Empty, Languages, Personal));
    }

    [Fact]
    public void Resolve_Everyone_EveryReachableSubscriberOnceInIdOrder()
    {
        var expected = TestPopulation.Subscribers.Where(s => NaiveChannels(s, Personal) != 0).Select(s => s.Id);

        var members = Resolver.Resolve(AudienceSpec.ForEveryone(), Languages, Personal).Select(m => m.RecipientId);

        Assert.Equal(expected, members);
    }

    [Fact]
    public void Resolve_PersonWithSeveralAddressesInside_OneMember()
    {
        var both = SubscriberDirectoryTests.Person(1, SubscriberDirectoryTests.Latem("Dorp", "1"), SubscriberDirectoryTests.Latem("Dorp", "3"), SubscriberDirectoryTests.Arlon());
        var resolver = new AudienceResolver(SubscriberDirectory.Create([both, SubscriberDirectoryTests.Person(2, SubscriberDirectoryTests.Arlon())]));
        var spec = AudienceSpec.ForArea(TestPopulation.Municipality("44064")).Union(AudienceSpec.ForMunicipalities(44064, 81001));

        var resolution = resolver.Resolve(spec, Languages, Personal);

        Assert.Equal([1L, 2L], resolution.Select(m => m.RecipientId));
        Assert.Equal(2 + 3 + 1, resolution.AddressCount); // two points in the area, then three registered in Latem or Arlon for 1, one for 2
    }

    [Fact]
    public void Resolve_Channels_OnlyWhatThePersonAcceptsAndCanReceive()
    {
        var fixedLine = new Subscriber(1, [PhoneNumber.Parse("09 123 45 67")], [], [SubscriberDirectoryTests.Latem()], ["nl"], DeliveryChannels.Sms | DeliveryChannels.Voice | DeliveryChannels.Email);
        var noEmail = new Subscriber(2, [PhoneNumber.Parse("0470 00 00 02")], [], [SubscriberDirectoryTests.Latem()], ["nl"], DeliveryChannels.Sms | DeliveryChannels.Email);
        var emailOnly = new Subscriber(3, [PhoneNumber.Parse("0470 00 00 03")], ["c@example.org"], [SubscriberDirectoryTests.Latem()], ["nl"], DeliveryChannels.Email);
        var nothing = new Subscriber(4, [], [], [SubscriberDirectoryTests.Latem()], ["nl"], DeliveryChannels.Sms | DeliveryChannels.Email);
        var resolver = new AudienceResolver(SubscriberDirectory.Create([fixedLine, noEmail, emailOnly, nothing]));

        var members = resolver.Resolve(AudienceSpec.ForMunicipalities(44064), Languages, DeliveryChannels.All).ToDictionary(m => m.RecipientId);
        var counts = resolver.Resolve(AudienceSpec.ForMunicipalities(44064), Languages, DeliveryChannels.All).Count();

        Assert.Equal(DeliveryChannels.Voice, members[1].Channels);
        Assert.Equal("+3291234567", members[1].Phone);
        Assert.Equal(DeliveryChannels.Sms, members[2].Channels);
        Assert.Equal(DeliveryChannels.Email, members[3].Channels);
        Assert.Null(members[3].Phone);
        Assert.False(members.ContainsKey(4));
        Assert.Equal(new AudienceCounts(4, 3, 1, 1, 1, counts.ByLanguage), counts);
        Assert.Equal(1, counts.Unreachable);
        Assert.Equal(3, counts.ByLanguage["nl-BE"]);
        Assert.Equal([3L], resolver.Resolve(AudienceSpec.ForMunicipalities(44064), Languages, DeliveryChannels.Email | DeliveryChannels.CellBroadcast).Select(m => m.RecipientId));
    }

    [Fact]
    public void Count_MatchesTheEnumeratedMembers()
    {
        var resolution = Resolver.Resolve(AudienceSpec.ForArea(TestPopulation.Circle(51.0543, 3.7174, 15)), Languages, Personal);
        var members = resolution.ToList();

        var counts = resolution.Count();

        Assert.Equal(members.Count, counts.Recipients);
        Assert.Equal(members.Count(m => m.Channels.Includes(DeliveryChannel.Sms)), counts.Sms);
        Assert.Equal(members.Count(m => m.Channels.Includes(DeliveryChannel.Voice)), counts.Voice);
        Assert.Equal(members.Count(m => m.Channels.Includes(DeliveryChannel.Email)), counts.Email);
        Assert.Equal(members.GroupBy(m => m.Language).ToDictionary(g => g.Key, g => (long)g.Count()), counts.ByLanguage);
        Assert.True(counts.People >= counts.Recipients);
        Assert.Equal(counts.Sms + counts.Voice + counts.Email, counts.Deliveries);
    }

    [Fact]
    public void Resolve_Groups_MembersAndAreas()
    {
        var members = Group.OfMembers(1, "volunteers", "op", [5, 7, 7, 29_999, 123_456_789]);
        var area = Group.OfArea(2, "Latem", "op", TestPopulation.Municipality("44064").GetGeometry());
        var expectedArea = TestPopulation.NaiveInside(TestPopulation.Subscribers, TestPopulation.Municipality("44064"));

        var ids = Resolver.Resolve(AudienceSpec.ForGroups(members, area), Languages, Personal).Select(m => m.RecipientId).ToHashSet();
        var reachable = TestPopulation.Subscribers.Where(s => NaiveChannels(s, Personal) != 0).Select(s => s.Id).ToHashSet();

        Assert.Equal(new[] { 5L, 7L, 29_999L }.Concat(expectedArea).Where(reachable.Contains).ToHashSet(), ids);
    }

    [Fact]
    public void Resolve_ContactLists_DeduplicatedAgainstSubscribersAndEachOther()
    {
        var subscriber = SubscriberDirectoryTests.Person(1, SubscriberDirectoryTests.Latem()); // +32470000001, p1@example.org
        var resolver = new AudienceResolver(SubscriberDirectory.Create([subscriber]));
        var first = new ContactList(3, "parents", "op", [
            new Contact("same phone, own e-mail", subscriber.Phones[0], "other@example.org", "fr"),
            new Contact("new", PhoneNumber.Parse("0470 99 99 99"), null, null),
            new Contact("same e-mail only", default, "P1@example.org", null),
        ]);
        var second = new ContactList(4, "staff", "op", [new Contact("again", PhoneNumber.Parse("0470 99 99 99"), "new@example.org", "de")]);

        var members = resolver.Resolve(AudienceSpec.ForEveryone().Union(AudienceSpec.ForLists(first, second)), Languages, Personal).ToList();

        Assert.Equal(4, members.Count);
        Assert.Equal(1, members[0].RecipientId);
        Assert.Equal((first.RecipientIdOf(0), DeliveryChannels.Email, "other@example.org", (string?)null, "fr-BE"), (members[1].RecipientId, members[1].Channels, members[1].Email, members[1].Phone, members[1].Language));
        Assert.Equal((first.RecipientIdOf(1), DeliveryChannels.Sms | DeliveryChannels.Voice, "+32470999999"), (members[2].RecipientId, members[2].Channels, members[2].Phone));
        Assert.Equal((second.RecipientIdOf(0), DeliveryChannels.Email, "de-BE"), (members[3].RecipientId, members[3].Channels, members[3].Language));
        Assert.All(members.Skip(1), m => Assert.True(m.RecipientId < 0));
        Assert.Equal(members.Count, members.Select(m => m.RecipientId).Distinct().Count());
    }

    [Property(MaxTest = 25, Arbitrary = [typeof(AudienceResolverTests)])]
    public void Resolve_Union_EqualsTheSetUnionOfItsParts_NoRecipientTwice(AudienceSpec[] parts)
    {
        var union = parts.Aggregate(AudienceSpec.Empty, (a, b) => a.Union(b));

        var ids = Resolver.Resolve(union, Languages, Personal).Select(m => m.RecipientId).ToList();
        var expected = parts.SelectMany(p => Resolver.Resolve(p, Languages, Personal).Select(m => m.RecipientId)).ToHashSet();

        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(expected.Order(), ids.Order());
    }

    public static Arbitrary<AudienceSpec[]> Specs()
    {
        var municipalities = BelgianBoundaries.Default.Municipalities.Select(m => int.Parse(m.Code, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var streets = TestPopulation.Subscribers.SelectMany(s => s.Addresses).Select(a => (a.MunicipalityNis, a.Street)).Distinct().Take(2_000).ToArray();
        var municipality = Gen.Elements(municipalities).Select(n => AudienceSpec.ForMunicipalities(n));
        var circle = Gen.Choose(49_500, 51_500).SelectMany(lat => Gen.Choose(2_550, 6_400).SelectMany(lon => Gen.Choose(1, 20).Select(km =>
            AudienceSpec.ForArea(TestPopulation.Circle(lat / 1000.0, lon / 1000.0, km)))));
        var street = Gen.Elements(streets).SelectMany(s => Gen.Choose(0, 150).Select(from => AudienceSpec.ForStreets(new StreetTarget(s.MunicipalityNis, s.Street) { FromHouseNumber = from, ToHouseNumber = from + 60 })));
        var group = Gen.ArrayOf(Gen.Choose(1, TestPopulation.Count + 10)).Select(ids => AudienceSpec.ForGroups(Group.OfMembers(1, "g", "op", ids.Select(i => (long)i))));
        var part = Gen.Frequency((4, municipality), (3, circle), (3, street), (2, group));
        return Gen.Choose(1, 5).SelectMany(n => Gen.ArrayOf(part, n)).ToArbitrary();
    }

    /// <summary>The channels a subscriber gets, straight from the documented rules.</summary>
    internal static DeliveryChannels NaiveChannels(Subscriber subscriber, DeliveryChannels requested)
    {
        var can = DeliveryChannels.None;
        if (subscriber.Phones.Count > 0)
        {
            can |= DeliveryChannels.Voice;
            if (!subscriber.Phones[0].IsBelgian || subscriber.Phones[0].IsBelgianMobile)
            {
                can |= DeliveryChannels.Sms;
            }
        }

        if (subscriber.Emails.Count > 0)
        {
            can |= DeliveryChannels.Email;
        }

        return can & subscriber.Channels & requested & Personal;
    }
}
