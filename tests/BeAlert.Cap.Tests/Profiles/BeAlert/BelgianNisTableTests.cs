namespace BeAlert.Cap.Tests.Profiles.BeAlert;

/// <summary>The embedded NIS table: complete for 2019 (581 municipalities), consistent, and with the language areas right.</summary>
public sealed class BelgianNisTableTests
{
    private static readonly IReadOnlyDictionary<string, BelgianNisUnit> All = BelgianNisTable.All;

    [Fact]
    public void Table_HasEveryLevelOfTheRefnis2019List()
    {
        var byLevel = All.Values.GroupBy(u => u.Level).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(581, byLevel[BelgianNisLevel.Municipality]);
        Assert.Equal(43, byLevel[BelgianNisLevel.Arrondissement]);
        Assert.Equal(10, byLevel[BelgianNisLevel.Province]);
        Assert.Equal(3, byLevel[BelgianNisLevel.Region]);
    }

    [Fact]
    public void Table_MunicipalitiesPerRegion_Are300FlemishAnd262WalloonAnd19InBrussels()
    {
        // Belgium's municipalities from 1 January 2019: 300 in Flanders, 262 in Wallonia, 19 in Brussels. (The source
        // data put the exclave Mesen in Wallonia; the generator follows its NIS code instead.)
        var perRegion = All.Values.Where(u => u.Level == BelgianNisLevel.Municipality).GroupBy(u => u.Region).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(300, perRegion[BelgianNisTable.FlemishRegion]);
        Assert.Equal(262, perRegion[BelgianNisTable.WalloonRegion]);
        Assert.Equal(19, perRegion[BelgianNisTable.BrusselsRegion]);
        Assert.Equal(BelgianNisTable.FlemishRegion, All["33016"].Region);
    }

    [Fact]
    public void Table_MunicipalityArrondissement_IsTheFirstTwoDigitsOfItsCode() =>
        Assert.All(All.Values.Where(u => u.Level == BelgianNisLevel.Municipality), m => Assert.Equal(m.Code[..2] + "000", m.Parent));

    [Fact]
    public void Table_EveryParentExistsOneLevelUpInTheSameRegion()
    {
        foreach (var unit in All.Values)
        {
            if (unit.Level == BelgianNisLevel.Region)
            {
                Assert.Null(unit.Parent);
                Assert.Equal(unit.Code, unit.Region);
                continue;
            }

            var parent = All[unit.Parent!];
            Assert.Equal(unit.Region, parent.Region);
            var expected = unit.Level switch
            {
                BelgianNisLevel.Municipality => [BelgianNisLevel.Arrondissement],
                BelgianNisLevel.Arrondissement => unit.Region == BelgianNisTable.BrusselsRegion ? [BelgianNisLevel.Region] : new[] { BelgianNisLevel.Province },
                _ => [BelgianNisLevel.Region],
            };
            Assert.Contains(parent.Level, expected);
        }
    }

    [Fact]
    public void Table_CodesAreFiveDigitsAndNamesArePresent() =>
        Assert.All(All.Values, u =>
        {
            Assert.Matches("^[0-9]{5}$", u.Code);
            Assert.False(string.IsNullOrWhiteSpace(u.NameNl));
            Assert.False(string.IsNullOrWhiteSpace(u.NameFr));
        });

    [Theory]
    [InlineData("71037", "Lummen", BelgianNisTable.FlemishRegion)]
    [InlineData("44064", "Sint-Martens-Latem", BelgianNisTable.FlemishRegion)]
    [InlineData("44048", "Nazareth", BelgianNisTable.FlemishRegion)]
    [InlineData("44020", "Gavere", BelgianNisTable.FlemishRegion)]
    [InlineData("44012", "De Pinte", BelgianNisTable.FlemishRegion)]
    [InlineData("25031", "Genappe", BelgianNisTable.WalloonRegion)]
    [InlineData("12041", "Puurs-Sint-Amands", BelgianNisTable.FlemishRegion)]
    public void Table_HasThe2018NationalTestMunicipalities(string code, string name, string region)
    {
        // The seven municipalities of the 2018 national test, as listed in the domain brief.
        var unit = All[code];
        Assert.Equal(BelgianNisLevel.Municipality, unit.Level);
        Assert.Contains(name, new[] { unit.NameNl, unit.NameFr });
        Assert.Equal(region, unit.Region);
    }

    [Fact]
    public void Languages_FollowTheLanguageAreas()
    {
        string[] german = ["63001", "63012", "63087", "63013", "63023", "63040", "63048", "63061", "63067"];
        foreach (var municipality in All.Values.Where(u => u.Level == BelgianNisLevel.Municipality))
        {
            string[] expected = german.Contains(municipality.Code) ? ["fr", "de"]
                : municipality.Region switch
                {
                    BelgianNisTable.FlemishRegion => ["nl"],
                    BelgianNisTable.WalloonRegion => ["fr"],
                    _ => ["nl", "fr"],
                };
            Assert.Equal(expected, municipality.Languages);
        }
    }

    [Theory]
    [InlineData("63000", new[] { "fr", "de" })] // arrondissement Verviers holds the German-language area
    [InlineData("60000", new[] { "fr", "de" })] // province of Liège
    [InlineData("03000", new[] { "fr", "de" })] // Walloon Region
    [InlineData("62000", new[] { "fr" })] // arrondissement Liège
    [InlineData("21000", new[] { "nl", "fr" })] // Brussels-Capital arrondissement
    [InlineData("20001", new[] { "nl" })] // Flemish Brabant
    [InlineData("58000", new[] { "fr" })] // La Louvière, created in 2019
    public void Languages_OfLargerUnits_AreTheUnionOfTheirMunicipalities(string code, string[] languages) =>
        Assert.Equal(languages, All[code].Languages);

    [Theory]
    [InlineData("44021", true)]
    [InlineData("04000", true)]
    [InlineData("44021 ", false)]
    [InlineData("4402", false)]
    [InlineData("99999", false)]
    [InlineData("", false)]
    public void TryGet_MatchesTheCodeExactly(string code, bool found) => Assert.Equal(found, BelgianNisTable.TryGet(code, out _));
}
