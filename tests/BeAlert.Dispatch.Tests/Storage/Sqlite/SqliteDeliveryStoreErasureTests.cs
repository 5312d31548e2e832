using System.Text;
using BeAlert.TestUtils;
using static BeAlert.Dispatch.Tests.Storage.StoreData;

namespace BeAlert.Dispatch.Tests.Storage.Sqlite;

/// <summary>
/// GDPR erasure on the SQLite store, read at the byte level: after <see cref="IDeliveryStore.EraseRecipientAsync"/> the
/// person's phone number (stored as packed decimal digits) and e-mail address (UTF-8) are in neither the database file
/// nor its WAL, though they were before, and a redacted campaign's old alert text is gone too.
/// </summary>
public sealed class SqliteDeliveryStoreErasureTests : IDisposable
{
    private const string Phone = "+32478123987";
    private const string Email = "erase.me.please@example.be";
    private const string Code = "BE-Alert: your code is 918273";
    private const long Person = 7_000_001;

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task EraseRecipient_ManyCampaignsAndPageSplits_ContactBytesLeaveTheFileAndTheWal()
    {
        var path = _directory.File("store.db");
        await using var store = SqliteDeliveryStore.Open(new SqliteDeliveryStoreOptions { Path = path, ChunkSize = 64, PageSize = 4096 });

        // A large campaign (many segments, many page splits) with the person in several places, and many one-delivery
        // campaigns (verification messages) to them, some finished with an alert that holds a code.
        var big = Campaign("big");
        await store.CreateCampaignAsync(big);
        var plan = Plan(0, 5_000);
        foreach (var sequence in new[] { 3, 1_234, 4_999 })
        {
            plan[sequence] = plan[sequence] with { RecipientId = Person, Destination = sequence % 2 == 0 ? Phone : Email };
        }

        for (var i = 0; i < plan.Length; i += 700)
        {
            await store.AppendPlanAsync(big.Id, plan.AsMemory(i, Math.Min(700, plan.Length - i)));
        }

        await store.SealPlanAsync(big.Id, plan.Length);
        var codes = new List<Guid>();
        for (var i = 0; i < 40; i++)
        {
            var single = Campaign("verification") with { AlertXml = Encoding.UTF8.GetBytes($"<alert><headline>{Code}</headline></alert>") };
            await store.CreateCampaignAsync(single);
            await store.AppendPlanAsync(single.Id, new[] { new PlannedDelivery(0, i % 2 == 0 ? DeliveryChannel.Sms : DeliveryChannel.Email, Person, i % 2 == 0 ? Phone : Email, "nl", 44021) });
            await store.SealPlanAsync(single.Id, 1);
            await store.RecordAsync(single.Id, new[] { new DeliveryUpdate(0, DeliveryState.Delivered, Attempts: 1) });
            await store.SetCampaignStatusAsync(single.Id, CampaignStatus.Completed);
            codes.Add(single.Id);
        }

        Assert.True(Contains(path, Encoding.UTF8.GetBytes(Email)));
        Assert.True(Contains(path, PackedDigits(Phone)));
        Assert.True(Contains(path, Encoding.UTF8.GetBytes(Code)));

        var result = await store.EraseRecipientAsync(new RecipientErasure { RecipientIds = [Person] });
        foreach (var id in codes)
        {
            await store.RedactCampaignAlertAsync(id, "<alert><headline>BE-Alert: your code is [redacted]</headline></alert>"u8.ToArray());
        }

        Assert.Equal(43, result.Erased);
        Assert.Equal(41, result.Campaigns.Count);
        Assert.Null(Find(path, Encoding.UTF8.GetBytes(Email)));
        Assert.Null(Find(path, PackedDigits(Phone)));
        Assert.Null(Find(path, Encoding.UTF8.GetBytes(Phone)));
        Assert.Null(Find(path, Encoding.UTF8.GetBytes(Code)));
        var read = new List<StoredDelivery>();
        await foreach (var delivery in store.ReadDeliveriesAsync(big.Id, onlyUnfinished: false))
        {
            read.Add(delivery);
        }

        Assert.Equal(5_000, read.Count);
        Assert.Equal(DeliveryState.Cancelled, read[1_234].State);
        Assert.Equal(RecipientErasure.ErasedDestination, read[4_999].Planned.Destination);
    }

    private static byte[] PackedDigits(string phone) => RawFileSearch.PackedDigits(phone);

    /// <summary>Whether the database file or its WAL holds <paramref name="needle"/> (read while the store is open).</summary>
    internal static bool Contains(string databasePath, byte[] needle) => Find(databasePath, needle) is not null;

    /// <summary>Where the database file or its WAL holds <paramref name="needle"/>: "file @ offset (page n)", or null.</summary>
    internal static string? Find(string databasePath, byte[] needle)
    {
        foreach (var file in new[] { databasePath, databasePath + "-wal", databasePath + "-journal" })
        {
            if (RawFileSearch.Find(file, needle) is { } hit)
            {
                return $"{Path.GetFileName(file)} @ {hit.Offset} of {hit.Length}";
            }
        }

        return null;
    }
}
