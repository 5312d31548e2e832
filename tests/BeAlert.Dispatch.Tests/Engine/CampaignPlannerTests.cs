namespace BeAlert.Dispatch.Tests.Engine;

/// <summary>The plan's order: languages and municipalities interleaved, every member once, each lane in its own order.</summary>
public sealed class CampaignPlannerTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(5_000)] // many blocks per lane (blocks grow to 1,024 members)
    public void Interleave_LanesOfManyBlocks_EveryMemberOnceInLaneOrder(int perLane)
    {
        var audience = EngineTestKit.Members(perLane, "nl-BE", nis: 44021, firstId: 1_000_000)
            .Concat(EngineTestKit.Members(perLane / 2 + 1, "nl-BE", nis: 44022, firstId: 2_000_000))
            .Concat(EngineTestKit.Members(perLane, "fr-BE", nis: 52011, firstId: 3_000_000))
            .ToList();

        var lanes = CampaignPlanner.Group(audience, DeliveryChannels.Sms, long.MaxValue, CancellationToken.None);
        var order = CampaignPlanner.Interleave(lanes).ToList();

        Assert.Equal(audience.Select(m => m.RecipientId).Order(), order.Select(m => m.RecipientId).Order());
        foreach (var lane in order.GroupBy(m => m.MunicipalityNis))
        {
            Assert.Equal(lane.Select(m => m.RecipientId).Order(), lane.Select(m => m.RecipientId));
        }

        // The languages take turns from the first member on.
        Assert.Equal(["nl-BE", "fr-BE"], order.Take(2).Select(m => m.Language));
    }
}
