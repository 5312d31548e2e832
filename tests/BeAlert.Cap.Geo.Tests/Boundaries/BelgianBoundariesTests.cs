namespace BeAlert.Cap.Geo.Tests.Boundaries;

/// <summary>The embedded data against published facts about Belgium (Statbel), not against our own output.</summary>
public sealed class BelgianBoundariesTests
{
    private static readonly BelgianBoundaries Data = BelgianBoundaries.Default;

    private static AdministrativeUnit Unit(string code) => Data.TryFind(code, out var unit) ? unit : throw new InvalidOperationException(code);

    [Fact]
    public void Default_HasEveryLevel_WithStatbelCounts()
    {
        Assert.Equal(581, Data.Municipalities.Count);
        Assert.Equal(43, Data.Arrondissements.Count);
        Assert.Equal(10, Data.Provinces.Count);
        Assert.Equal(["02000", "03000", "04000"], Data.Regions.Select(r => r.Code));
        Assert.Equal("01000", Data.Country.Code);
    }

    [Fact]
    public void Country_Population_IsThe2020Total()
    {
        // The data set's README: 11,492,641 inhabitants on 1 January 2020.
        Assert.Equal(11_492_641, Data.Country.Population);
        Assert.Equal(11_492_641, Data.Municipalities.Sum(m => m.Population));
        Assert.Equal(1_218_255, Unit("04000").Population); // Brussels-Capital Region, Statbel 2020
    }

    [Fact]
    public void Country_AreaKm2_IsBelgiumsArea()
    {
        // Statbel: 30,689 km². The boundaries are simplified, so allow 0.5 %.
        Assert.InRange(Data.Country.AreaKm2, 30_689 * 0.995, 30_689 * 1.005);
    }

    [Fact]
    public void BrusselsCapital_Has19Municipalities_AndAboutItsArea()
    {
        var brussels = Unit("04000");
        var municipalities = Data.GetMunicipalities(brussels);

        Assert.Equal(19, municipalities.Count);
        Assert.All(municipalities, m => Assert.StartsWith("21", m.Code, StringComparison.Ordinal));
        // Official 161.4 km²; the simplified outline of this small region loses about 3 % (156.3 km²), so allow 4 %.
        Assert.InRange(brussels.AreaKm2, 161.4 * 0.96, 161.4 * 1.04);
        Assert.Equal(brussels.AreaKm2, municipalities.Sum(m => m.AreaKm2), 3);
    }

    [Fact]
    public void Levels_NestExactly_AreaAndPopulationAreSumsOfMunicipalities()
    {
        foreach (var unit in Data.Arrondissements.Concat(Data.Provinces).Concat(Data.Regions).Append(Data.Country))
        {
            var municipalities = Data.GetMunicipalities(unit);
            Assert.NotEmpty(municipalities);
            Assert.Equal(municipalities.Sum(m => m.Population), unit.Population);
            Assert.Equal(municipalities.Sum(m => m.AreaKm2), unit.AreaKm2, 1);
        }
    }

    [Fact]
    public void Municipalities_LieInTheArrondissementTheirCodeNames()
    {
        // REFNIS: the first two digits of a municipality's code are its arrondissement's (since the 2019 reform too).
        Assert.All(Data.Municipalities, m => Assert.Equal(m.Code[..2] + "000", m.ParentCode));
    }

    [Theory]
    [InlineData("44021", "Gent", "Gand", "44000", "02000")]
    [InlineData("21004", "Brussel", "Bruxelles", "21000", "04000")]
    [InlineData("62063", "Luik", "Liège", "62000", "03000")]
    [InlineData("33016", "Mesen", "Messines", "33000", "02000")] // the source file puts it in Hainaut; REFNIS and the map say West Flanders
    [InlineData("58001", "La Louvière", "La Louvière", "58000", "03000")] // arrondissement La Louvière since 2019
    [InlineData("51000", "Arrondissement Aat", "Arrondissement d'Ath", "50000", "03000")]
    [InlineData("21000", "Arrondissement Brussel Hoofdstad", "Arrondissement de Bruxelles-Capitale", "04000", "04000")]
    [InlineData("40000", "Provincie Oost-Vlaanderen", "Province de Flandre Orientale", "02000", "02000")]
    public void TryFind_KnownCode_GivesNamesAndParent(string code, string nameNl, string nameFr, string parent, string region)
    {
        Assert.True(Data.TryFind(code, out var unit));
        Assert.Equal(nameNl, unit.NameNl);
        Assert.Equal(nameFr, unit.NameFr);
        Assert.Equal(parent, unit.ParentCode);
        Assert.Equal(region, unit.RegionCode);
    }

    [Theory]
    [InlineData("99999")]
    [InlineData("44")]
    [InlineData("")]
    public void TryFind_UnknownCode_False(string code) => Assert.False(Data.TryFind(code, out _));

    [Fact]
    public void Geometries_AreValidAndInsideBelgiumsBox()
    {
        foreach (var unit in Data.Municipalities.Concat(Data.Provinces).Append(Data.Country))
        {
            var geometry = unit.GetGeometry();
            Assert.True(geometry.IsValid, unit.Code);
            Assert.Equal(4326, geometry.SRID);
            var box = geometry.EnvelopeInternal;
            Assert.True(box.MinX >= 2.5 && box.MaxX <= 6.5 && box.MinY >= 49.4 && box.MaxY <= 51.6, $"{unit.Code}: {box}");
        }
    }

    [Theory]
    [InlineData(50.8467, 4.3525, "21004")] // Grand-Place, Brussels
    [InlineData(51.0538, 3.7250, "44021")] // Belfry of Gent
    [InlineData(51.2203, 4.4015, "11002")] // Cathedral of Our Lady, Antwerp
    [InlineData(50.6412, 5.5718, "62063")] // Place Saint-Lambert, Liège
    [InlineData(49.6833, 5.8167, "81001")] // Arlon
    public void FindMunicipalityAt_Landmark_GivesItsMunicipality(double latitude, double longitude, string code) =>
        Assert.Equal(code, Data.FindMunicipalityAt(latitude, longitude)?.Code);

    [Theory]
    [InlineData(48.8566, 2.3522)] // Paris
    [InlineData(4.3525, 50.8467)] // Grand-Place with latitude and longitude swapped: Somalia
    [InlineData(double.NaN, 4.35)]
    public void FindMunicipalityAt_OutsideBelgium_Null(double latitude, double longitude) =>
        Assert.Null(Data.FindMunicipalityAt(latitude, longitude));

    [Fact]
    public void GetAdjacentMunicipalities_IsSymmetricAndNeverSelf()
    {
        foreach (var municipality in Data.Municipalities)
        {
            foreach (var neighbour in Data.GetAdjacentMunicipalities(municipality))
            {
                Assert.NotEqual(municipality.Code, neighbour.Code);
                Assert.Contains(municipality, Data.GetAdjacentMunicipalities(neighbour));
            }
        }
    }

    [Fact]
    public void GetAdjacentMunicipalities_Brussels_IncludesItsRealNeighbours()
    {
        var neighbours = Data.GetAdjacentMunicipalities(Unit("21004")).Select(n => n.Code).ToList();

        // Ixelles, Etterbeek and Schaerbeek border the City of Brussels; so do Vilvoorde and Zaventem (Flemish Brabant).
        Assert.Contains("21009", neighbours);
        Assert.Contains("21005", neighbours);
        Assert.Contains("21015", neighbours);
        Assert.Contains("23088", neighbours);
        Assert.Contains("23094", neighbours);
        Assert.DoesNotContain("11002", neighbours); // Antwerp
        Assert.DoesNotContain("21004", neighbours);
    }

    [Fact]
    public void GetMunicipalities_OfAMunicipality_IsItself() =>
        Assert.Equal([Unit("44021")], Data.GetMunicipalities(Unit("44021")));
}
