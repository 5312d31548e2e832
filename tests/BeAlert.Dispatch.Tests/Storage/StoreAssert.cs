namespace BeAlert.Dispatch.Tests.Storage;

/// <summary>Compares everything two stores can be asked: campaigns, every delivery, unfinished filters and provider-id lookups.</summary>
internal static class StoreAssert
{
    public static async Task SameContentsAsync(IDeliveryStore expected, IDeliveryStore actual, IEnumerable<(DeliveryChannel Channel, string Id)>? providerIds = null)
    {
        var expectedCampaigns = await expected.GetCampaignsAsync();
        var actualCampaigns = await actual.GetCampaignsAsync();
        Assert.Equal(expectedCampaigns.Count, actualCampaigns.Count);
        var probes = new HashSet<(DeliveryChannel, string)>(providerIds ?? []);
        for (var i = 0; i < expectedCampaigns.Count; i++)
        {
            StoreData.AssertSameCampaign(expectedCampaigns[i], actualCampaigns[i]);
            var id = expectedCampaigns[i].Id;
            var deliveries = await StoreData.ReadAllAsync(expected, id);
            Assert.Equal(deliveries, await StoreData.ReadAllAsync(actual, id));
            Assert.Equal(await StoreData.ReadAllAsync(expected, id, onlyUnfinished: true), await StoreData.ReadAllAsync(actual, id, onlyUnfinished: true));
            foreach (var delivery in deliveries)
            {
                if (delivery.ProviderMessageId is not null)
                {
                    probes.Add((delivery.Planned.Channel, delivery.ProviderMessageId));
                }
            }
        }

        foreach (var status in Enum.GetValues<CampaignStatus>())
        {
            Assert.Equal(
                (await expected.GetCampaignsAsync(status)).Select(x => x.Id),
                (await actual.GetCampaignsAsync(status)).Select(x => x.Id));
        }

        foreach (var (channel, providerId) in probes)
        {
            Assert.Equal(await expected.FindByProviderMessageIdAsync(channel, providerId), await actual.FindByProviderMessageIdAsync(channel, providerId));
        }
    }
}
