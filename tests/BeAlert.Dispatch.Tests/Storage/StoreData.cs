namespace BeAlert.Dispatch.Tests.Storage;

/// <summary>Campaigns and planned deliveries for store tests: realistic destinations, several languages and channels.</summary>
internal static class StoreData
{
    private static readonly string[] Languages = ["nl", "fr", "de", "en"];

    public static CampaignRecord Campaign(string name = "Flood warning Ghent", Guid? id = null) =>
        new(
            id ?? Guid.NewGuid(),
            name,
            "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"/>"u8.ToArray(),
            DeliveryChannels.Sms | DeliveryChannels.Email,
            7,
            false,
            new DateTimeOffset(2026, 11, 26, 4, 30, 15, 123, TimeSpan.FromHours(1)))
        {
            SettingsJson = "{\"smsPerSecond\":500}",
        };

    /// <summary>Delivery <paramref name="sequence"/> of a plan: even ones are SMS to a phone, odd ones e-mail, every seventh voice.</summary>
    public static PlannedDelivery Planned(long sequence)
    {
        var recipient = 1_000_000 + (sequence / 2);
        return (sequence % 7) switch
        {
            0 => new PlannedDelivery(sequence, DeliveryChannel.Voice, recipient, "+324" + (70_000_000 + sequence), Languages[sequence % 4], 44021),
            _ when sequence % 2 == 0 => new PlannedDelivery(sequence, DeliveryChannel.Sms, recipient, "+324" + (70_000_000 + sequence), Languages[sequence % 4], 44021),
            _ => new PlannedDelivery(sequence, DeliveryChannel.Email, recipient, $"person{sequence}@example.be", Languages[sequence % 4], 11002),
        };
    }

    public static PlannedDelivery[] Plan(long first, int count) =>
        Enumerable.Range(0, count).Select(i => Planned(first + i)).ToArray();

    public static async Task<List<StoredDelivery>> ReadAllAsync(IDeliveryStore store, Guid campaignId, bool onlyUnfinished = false)
    {
        var list = new List<StoredDelivery>();
        await foreach (var delivery in store.ReadDeliveriesAsync(campaignId, onlyUnfinished))
        {
            list.Add(delivery);
        }

        return list;
    }

    public static void AssertSameCampaign(CampaignRecord expected, CampaignRecord? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.AlertXml.ToArray(), actual.AlertXml.ToArray());
        Assert.Equal(expected.Channels, actual.Channels);
        Assert.Equal(expected.Priority, actual.Priority);
        Assert.Equal(expected.IsSimulation, actual.IsSimulation);
        Assert.Equal(expected.CreatedAt, actual.CreatedAt);
        Assert.Equal(expected.CreatedAt.Offset, actual.CreatedAt.Offset);
        Assert.Equal(expected.Status, actual.Status);
        Assert.Equal(expected.PlannedCount, actual.PlannedCount);
        Assert.Equal(expected.SettingsJson, actual.SettingsJson);
    }
}
