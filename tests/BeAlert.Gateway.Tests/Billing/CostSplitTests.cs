using BeAlert.Gateway.Billing;
using FsCheck;
using FsCheck.Xunit;

namespace BeAlert.Gateway.Tests.Billing;

public sealed class CostSplitTests
{
    [Fact]
    public void Split_ThreeWays_RoundsPartnersDownToTheCentAndGivesTheRemainderToTheOwner()
    {
        var parts = CostSplit.Split("gent", 1.00m, [new("a", 33.33m), new("b", 33.33m), new("gent", 33.34m)]);

        Assert.Equal([("gent", 0.34m), ("a", 0.33m), ("b", 0.33m)], parts);
    }

    [Fact]
    public void Split_OneSms_KeepsTheSubCentRemainderWithTheOwner()
    {
        var parts = CostSplit.Split("gent", 0.055m, [new("a", 50m), new("b", 50m)]);

        Assert.Equal([("gent", 0.015m), ("a", 0.02m), ("b", 0.02m)], parts); // 0.0275 each, rounded down
        Assert.Equal(0.055m, parts.Sum(p => p.Amount));
    }

    [Fact]
    public void Split_NoShares_IsAllTheOwners() =>
        Assert.Equal([("gent", 12.345m)], CostSplit.Split("gent", 12.345m, []));

    [Property(MaxTest = 500)]
    public bool Split_AnyTotalAndSharesSummingTo100_PartsSumExactlyToTheTotal(NonNegativeInt e4, PositiveInt[] cutSeeds, bool ownerListed)
    {
        var total = e4.Get / 10_000m; // up to EUR 214,748.3647, with sub-cent amounts like 0.055
        var shares = SharesSummingTo100(cutSeeds, ownerListed);

        var parts = CostSplit.Split("owner", total, shares);

        var exact = shares.Where(s => s.Partner != "owner").ToDictionary(s => s.Partner, s => total * s.Percentage / 100m);
        return parts.Sum(p => p.Amount) == total
            && parts.All(p => p.Amount >= 0)
            && parts[0].Authority == "owner"
            && parts.Skip(1).All(p => p.Amount <= exact[p.Authority] && exact[p.Authority] - p.Amount < 0.01m && decimal.Round(p.Amount, 2) == p.Amount);
    }

    /// <summary>Cuts 0..10000 basis points at distinct random places: every share is positive and they sum to exactly 100 %.</summary>
    private static List<CostShare> SharesSummingTo100(PositiveInt[] cutSeeds, bool ownerListed)
    {
        var cuts = cutSeeds.Take(30).Select(c => 1 + (c.Get % 9_999)).Distinct().Order().Append(10_000).ToList();
        var shares = new List<CostShare>();
        var previous = 0;
        for (var i = 0; i < cuts.Count; i++)
        {
            var partner = ownerListed && i == cuts.Count - 1 ? "owner" : $"p{i}";
            shares.Add(new CostShare(partner, (cuts[i] - previous) / 100m));
            previous = cuts[i];
        }

        return shares;
    }
}
