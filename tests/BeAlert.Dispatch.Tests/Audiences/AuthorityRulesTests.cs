using BeAlert.Cap.Geo;
using BeAlert.Dispatch.Tests.Population;

namespace BeAlert.Dispatch.Tests.Audiences;

public sealed class AuthorityRulesTests
{
    private static readonly AuthorityRules Rules = new();
    private static readonly AdministrativeUnit Latem = Unit("44064");
    private static readonly int Neighbour = Nis(BelgianBoundaries.Default.GetAdjacentMunicipalities(Latem)[0]);
    private static readonly OperatorAuthority Commune = new("latem", AgreementType.PopulationAlerting) { OwnMunicipalities = [44064], IsTrained = true };
    private static readonly OperatorAuthority School = new("school-1", AgreementType.GroupAlerting);

    [Fact]
    public void Check_OwnMunicipalityStreetAndArea_Allowed()
    {
        var spec = AudienceSpec.ForMunicipalities(44064)
            .Union(AudienceSpec.ForStreets(new StreetTarget(44064, "Kerkstraat")))
            .Union(AudienceSpec.ForArea(TestPopulation.Municipality("44064")))
            .Union(AudienceSpec.ForGroups(Group.OfMembers(1, "firemen", "latem", [1, 2])));

        Assert.Empty(Rules.Check(spec, DeliveryChannels.All, Commune));
    }

    [Fact]
    public void Check_NeighbourMunicipality_AllowedOnlyWithAdHocCooperation()
    {
        var spec = AudienceSpec.ForMunicipalities(Neighbour);

        Assert.Empty(Rules.Check(spec, DeliveryChannels.Sms, Commune));
        var violation = Assert.Single(Rules.Check(spec, DeliveryChannels.Sms, new OperatorAuthority("latem", AgreementType.PopulationAlerting) { OwnMunicipalities = [44064], AllowsAdHocCooperation = false }));
        Assert.Equal(AuthorityViolationCode.NeighbourWithoutCooperation, violation.Code);
    }

    [Fact]
    public void Check_FarMunicipalityOrAreaCrossingFar_OutsideTerritory()
    {
        var arlon = Assert.Single(Rules.Check(AudienceSpec.ForStreets(new StreetTarget(81001, "Grand-Rue")), DeliveryChannels.Sms, Commune));
        Assert.Equal(AuthorityViolationCode.OutsideTerritory, arlon.Code);
        Assert.Contains("81001", arlon.Message, StringComparison.Ordinal);

        // A 12 km circle around Latem reaches municipalities beyond its neighbours (Gent's far side, Deinze's neighbours...).
        var violations = Rules.Check(AudienceSpec.ForArea(TestPopulation.Circle(51.02, 3.63, 12)), DeliveryChannels.Sms, Commune);
        Assert.NotEmpty(violations);
        Assert.All(violations, v => Assert.Equal(AuthorityViolationCode.OutsideTerritory, v.Code));
        var affected = BelgianBoundaries.Default.FindAffectedMunicipalities(TestPopulation.Circle(51.02, 3.63, 12)).Select(Nis).ToHashSet();
        var allowed = BelgianBoundaries.Default.GetAdjacentMunicipalities(Latem).Select(Nis).Append(44064).ToHashSet();
        Assert.Equal(affected.Except(allowed).Count(), violations.Count);
    }

    [Fact]
    public void Check_Everyone_NationalOnly()
    {
        Assert.Equal(AuthorityViolationCode.NationalOnly, Assert.Single(Rules.Check(AudienceSpec.ForEveryone(), DeliveryChannels.Sms, Commune)).Code);
        Assert.Empty(Rules.Check(AudienceSpec.ForEveryone(), DeliveryChannels.All, new OperatorAuthority("ncca", AgreementType.PopulationAlerting) { IsNational = true, IsTrained = true }));
    }

    [Fact]
    public void Check_CellBroadcast_NeedsTraining()
    {
        var untrained = new OperatorAuthority("latem", AgreementType.PopulationAlerting) { OwnMunicipalities = [44064] };
        var spec = AudienceSpec.ForMunicipalities(44064);

        Assert.Equal(AuthorityViolationCode.NotTrained, Assert.Single(Rules.Check(spec, DeliveryChannels.Sms | DeliveryChannels.CellBroadcast, untrained)).Code);
        Assert.Empty(Rules.Check(spec, DeliveryChannels.Sms | DeliveryChannels.Email | DeliveryChannels.Voice, untrained));
    }

    [Fact]
    public void Check_GroupAlerting_OwnGroupsAndListsOnly()
    {
        var own = Group.OfMembers(1, "parents", "school-1", [1]);
        var list = new ContactList(2, "staff", "school-1", [new Contact(null, PhoneNumber.Parse("0470000001"), null, null)]);
        Assert.Empty(Rules.Check(AudienceSpec.ForGroups(own).Union(AudienceSpec.ForLists(list)), DeliveryChannels.Sms | DeliveryChannels.Email, School));

        var others = Group.OfMembers(3, "other parents", "school-2", [1]);
        var otherList = new ContactList(4, "other staff", "school-2", [new Contact(null, PhoneNumber.Parse("0470000001"), null, null)]);
        var violations = Rules.Check(AudienceSpec.ForGroups(others).Union(AudienceSpec.ForLists(otherList)), DeliveryChannels.Sms, School);
        Assert.Equal([AuthorityViolationCode.NotOwnGroup, AuthorityViolationCode.NotOwnList], violations.Select(v => v.Code));
    }

    [Fact]
    public void Check_GroupAlerting_NoPlacesNoPopulationChannels_EveryViolationReported()
    {
        var spec = AudienceSpec.ForMunicipalities(44064).Union(AudienceSpec.ForGroups(Group.OfArea(1, "zone", "school-1", TestPopulation.Municipality("44064").GetGeometry())));

        var violations = Rules.Check(spec, DeliveryChannels.Sms | DeliveryChannels.CellBroadcast, School);

        Assert.Equal([AuthorityViolationCode.GroupAlertingOnly, AuthorityViolationCode.GroupAlertingOnly], violations.Select(v => v.Code));
        Assert.All(violations, v => Assert.Contains("type 2", v.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Check_PopulationOperator_OtherOperatorsGroup_NotOwnGroup()
    {
        var violations = Rules.Check(AudienceSpec.ForGroups(Group.OfMembers(1, "g", "someone-else", [1])), DeliveryChannels.Sms, Commune);
        Assert.Equal(AuthorityViolationCode.NotOwnGroup, Assert.Single(violations).Code);
    }

    [Fact]
    public void Check_UnknownMunicipality_Reported()
    {
        Assert.Equal(AuthorityViolationCode.UnknownMunicipality, Assert.Single(Rules.Check(AudienceSpec.ForMunicipalities(12345), DeliveryChannels.Sms, Commune)).Code);
    }

    [Fact]
    public void OperatorAuthority_UnknownAgreement_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new OperatorAuthority("x", (AgreementType)3));
    }

    private static AdministrativeUnit Unit(string nis)
    {
        Assert.True(BelgianBoundaries.Default.TryFind(nis, out var unit));
        return unit;
    }

    private static int Nis(AdministrativeUnit unit) => int.Parse(unit.Code, System.Globalization.CultureInfo.InvariantCulture);
}
