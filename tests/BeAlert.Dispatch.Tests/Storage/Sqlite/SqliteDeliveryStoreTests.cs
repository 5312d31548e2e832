using Microsoft.Data.Sqlite;
using static BeAlert.Dispatch.Tests.Storage.StoreData;

namespace BeAlert.Dispatch.Tests.Storage.Sqlite;

/// <summary>What only a durable file store has to do: survive reopening, refuse bad files and bad options clearly.</summary>
public sealed class SqliteDeliveryStoreTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    private string DbPath => _directory.File("store.db");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Reopen_AfterEveryKindOfWrite_ReadsTheSameAsTheReferenceStore()
    {
        var reference = new InMemoryDeliveryStore();
        var a = Campaign("a");
        var b = Campaign("b") with { IsSimulation = true, SettingsJson = null, AlertXml = new byte[] { 1, 2, 3 } };
        await using (var store = Open(chunkSize: 64))
        {
            foreach (var target in new IDeliveryStore[] { reference, store })
            {
                await target.CreateCampaignAsync(a);
                await target.CreateCampaignAsync(b);
                await target.AppendPlanAsync(a.Id, Plan(0, 130));
                await target.AppendPlanAsync(a.Id, Plan(100, 100));
                await target.SealPlanAsync(a.Id, 200);
                await target.AppendPlanAsync(b.Id, Plan(0, 65));
                await target.RecordAsync(a.Id, new[]
                {
                    new DeliveryUpdate(0, DeliveryState.InFlight, Attempts: 1),
                    new DeliveryUpdate(63, DeliveryState.Sent, Attempts: 1, ProviderMessageId: "m-63"),
                    new DeliveryUpdate(64, DeliveryState.Delivered, Attempts: 2, ProviderMessageId: "m-64"),
                    new DeliveryUpdate(199, DeliveryState.Failed, DeliveryError.RetriesExhausted, 300),
                    new DeliveryUpdate(150, DeliveryState.InFlight, Attempts: 2, IsPossibleDuplicate: true),
                });
                await target.RecordAsync(b.Id, new[] { new DeliveryUpdate(64, DeliveryState.Skipped) });
                await target.SetCampaignStatusAsync(a.Id, CampaignStatus.Cancelled);
            }
        }

        await using var reopened = Open();

        Assert.Equal(64, reopened.ChunkSize);
        await StoreAssert.SameContentsAsync(reference, reopened, [(DeliveryChannel.Sms, "nothing")]);
        Assert.Equal(new DeliveryKey(a.Id, 63), await reopened.FindByProviderMessageIdAsync(Planned(63).Channel, "m-63"));
    }

    [Fact]
    public async Task Reopen_UnsealedPlan_ReplayAndContinue()
    {
        var campaign = Campaign();
        var plan = Plan(0, 300);
        await using (var store = Open(chunkSize: 64))
        {
            await store.CreateCampaignAsync(campaign);
            await store.AppendPlanAsync(campaign.Id, plan.AsMemory(0, 100));
        }

        await using (var store = Open())
        {
            await store.CreateCampaignAsync(campaign);
            await store.AppendPlanAsync(campaign.Id, plan.AsMemory(50, 250));
            await store.SealPlanAsync(campaign.Id, 300);
        }

        await using var reopened = Open();
        Assert.Equal(plan, (await ReadAllAsync(reopened, campaign.Id)).Select(x => x.Planned));
        Assert.Equal(CampaignStatus.Running, (await reopened.GetCampaignAsync(campaign.Id))!.Status);
    }

    [Fact]
    public async Task Open_EmptyFile_CreatesAStore()
    {
        await File.WriteAllBytesAsync(DbPath, []);

        await using var store = Open();

        await store.CreateCampaignAsync(Campaign());
        Assert.Single(await store.GetCampaignsAsync());
    }

    [Theory]
    [InlineData("hello, this is a text file and certainly not a database at all")]
    [InlineData("SQLite")]
    public async Task Open_NotASqliteFile_ThrowsDeliveryStoreException(string content)
    {
        await File.WriteAllTextAsync(DbPath, content);

        var error = Assert.Throws<DeliveryStoreException>(() => Open());

        Assert.Contains("not a SQLite database", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_ForeignSqliteDatabase_ThrowsDeliveryStoreException()
    {
        using (var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE orders (id INTEGER PRIMARY KEY, total REAL)";
            command.ExecuteNonQuery();
        }

        var error = Assert.Throws<DeliveryStoreException>(() => Open());

        Assert.Contains("something else", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_NewerSchema_ThrowsDeliveryStoreException()
    {
        await (await CreateStoreWithData()).DisposeAsync();
        Execute("PRAGMA user_version = 2");

        var error = Assert.Throws<DeliveryStoreException>(() => Open());

        Assert.Contains("newer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_DamagedPages_ThrowsDeliveryStoreException()
    {
        await (await CreateStoreWithData()).DisposeAsync();
        Assert.False(File.Exists(DbPath + "-wal") && new FileInfo(DbPath + "-wal").Length > 0, "the WAL should be checkpointed at close");
        await using (var file = new FileStream(DbPath, FileMode.Open, FileAccess.ReadWrite))
        {
            Assert.True(file.Length > 8 * 8192);
            file.Position = 3 * 8192;
            file.Write(Enumerable.Repeat((byte)0xA5, 4 * 8192).ToArray());
        }

        Assert.Throws<DeliveryStoreException>(() => Open());
    }

    [Fact]
    public async Task ReadDeliveries_DamagedPlanSegment_ThrowsDeliveryStoreException()
    {
        var campaign = await CreateStoreWithData();
        await campaign.DisposeAsync();
        Execute("UPDATE plan_segment SET data = x'01050203' WHERE first_seq = 64");
        await using var store = Open();
        var id = (await store.GetCampaignsAsync())[0].Id;

        var error = await Assert.ThrowsAsync<DeliveryStoreException>(() => ReadAllAsync(store, id));

        Assert.Contains("damaged", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("UPDATE status_chunk SET data = x'00' WHERE chunk = 1")]
    [InlineData("DELETE FROM status_chunk WHERE chunk = 1")]
    public async Task Record_DamagedStateRow_ThrowsDeliveryStoreException(string damage)
    {
        await (await CreateStoreWithData()).DisposeAsync();
        Execute(damage);
        await using var store = Open();
        var id = (await store.GetCampaignsAsync())[0].Id;

        await Assert.ThrowsAsync<DeliveryStoreException>(async () => await store.RecordAsync(id, new[] { new DeliveryUpdate(70, DeliveryState.Sent) }));
        await Assert.ThrowsAsync<DeliveryStoreException>(() => ReadAllAsync(store, id));
    }

    [Fact]
    public async Task ReadDeliveries_UndefinedStateByte_ThrowsDeliveryStoreException()
    {
        await (await CreateStoreWithData()).DisposeAsync();
        Execute("UPDATE status_chunk SET data = x'7F' || substr(data, 2) WHERE chunk = 0");
        await using var store = Open();
        var id = (await store.GetCampaignsAsync())[0].Id;

        await Assert.ThrowsAsync<DeliveryStoreException>(() => ReadAllAsync(store, id));
    }

    [Fact]
    public async Task Open_SameFileTwice_SecondThrowsInUse()
    {
        await using var first = Open();

        var error = Assert.Throws<DeliveryStoreException>(() => Open());

        Assert.Contains("in use", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_Directory_ThrowsDeliveryStoreException()
    {
        Assert.Throws<DeliveryStoreException>(() => SqliteDeliveryStore.Open(new SqliteDeliveryStoreOptions { Path = _directory.Path }));
    }

    [Fact]
    public void Open_MissingFolder_ThrowsDeliveryStoreException()
    {
        Assert.Throws<DeliveryStoreException>(() => SqliteDeliveryStore.Open(new SqliteDeliveryStoreOptions { Path = _directory.File("no/such/folder/x.db") }));
    }

    [Fact]
    public void Options_Validate_ListsEveryProblem()
    {
        var options = new SqliteDeliveryStoreOptions
        {
            Path = "",
            ChunkSize = 100,
            CachedChunks = 1,
            PageSize = 1024,
            WalAutoCheckpointPages = 0,
            Synchronous = (SqliteSynchronousMode)7,
        };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        foreach (var name in new[] { "Path", "ChunkSize", "CachedChunks", "PageSize", "WalAutoCheckpointPages", "Synchronous" })
        {
            Assert.Contains(name, error.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(":memory:")]
    [InlineData("   ")]
    public void Open_NotAFilePath_ThrowsArgumentException(string path)
    {
        Assert.Throws<ArgumentException>(() => SqliteDeliveryStore.Open(new SqliteDeliveryStoreOptions { Path = path }));
    }

    [Fact]
    public async Task AppendPlan_UnstorableDelivery_ThrowsAndStoresNothingOfTheBatch()
    {
        await using var store = Open();
        var campaign = Campaign();
        await store.CreateCampaignAsync(campaign);
        var batch = Plan(0, 10);
        batch[7] = batch[7] with { Destination = new string('x', 5000) };

        await Assert.ThrowsAsync<ArgumentException>(async () => await store.AppendPlanAsync(campaign.Id, batch));
        batch[7] = batch[7] with { Destination = null! };
        await Assert.ThrowsAsync<ArgumentException>(async () => await store.AppendPlanAsync(campaign.Id, batch));

        Assert.Empty(await ReadAllAsync(store, campaign.Id));
    }

    [Fact]
    public async Task Record_BatchWithOneBadUpdate_ChangesNothing()
    {
        await using var store = Open();
        var campaign = Campaign();
        await store.CreateCampaignAsync(campaign);
        await store.AppendPlanAsync(campaign.Id, Plan(0, 10));

        await Assert.ThrowsAsync<ArgumentException>(async () => await store.RecordAsync(campaign.Id, new[]
        {
            new DeliveryUpdate(1, DeliveryState.Sent, ProviderMessageId: "p1"),
            new DeliveryUpdate(2, (DeliveryState)42),
        }));
        await Assert.ThrowsAsync<ArgumentException>(async () => await store.RecordAsync(campaign.Id, new[] { new DeliveryUpdate(1, DeliveryState.Sent, Attempts: -1) }));
        await Assert.ThrowsAsync<ArgumentException>(async () => await store.RecordAsync(campaign.Id, new[]
        {
            new DeliveryUpdate(1, DeliveryState.Sent, ProviderMessageId: new string('p', 2000)),
        }));

        Assert.All(await ReadAllAsync(store, campaign.Id), x => Assert.Equal(DeliveryState.Pending, x.State));
        Assert.Null(await store.FindByProviderMessageIdAsync(Planned(1).Channel, "p1"));
    }

    [Fact]
    public async Task CreateCampaign_OversizedFields_ThrowArgumentException()
    {
        await using var store = Open();

        await Assert.ThrowsAsync<ArgumentException>(async () => await store.CreateCampaignAsync(Campaign(new string('n', 5000))));
        await Assert.ThrowsAsync<ArgumentException>(async () => await store.CreateCampaignAsync(Campaign() with { SettingsJson = new string('{', (1024 * 1024) + 1) }));

        Assert.Empty(await store.GetCampaignsAsync());
    }

    [Fact]
    public async Task Destinations_OfEveryShape_RoundTrip()
    {
        await using var store = Open();
        var campaign = Campaign();
        await store.CreateCampaignAsync(campaign);
        string[] destinations = ["+32470123456", "0032470123456", "+", "", "+0", "007", "+3247012345678901234567890123456789", "zone:BE-VLG", "émile@exemple.be", "+32 470 12 34 56", "١٢٣"];
        var plan = destinations
            .Select((d, i) => new PlannedDelivery(i, (DeliveryChannel)(i % 5), long.MaxValue - (i * 1_000_000_000_000L), d, i % 2 == 0 ? "nl-BE" : "", i - 5))
            .ToArray();

        await store.AppendPlanAsync(campaign.Id, plan);

        Assert.Equal(plan, (await ReadAllAsync(store, campaign.Id)).Select(x => x.Planned));
    }

    [Fact]
    public async Task Store_AfterDispose_ThrowsObjectDisposed()
    {
        var store = Open();
        await store.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await store.CreateCampaignAsync(Campaign()));
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await store.GetCampaignsAsync());
        await store.DisposeAsync();
    }

    [Fact]
    public async Task Reads_WhileWriting_SeeCompleteBatches()
    {
        await using var store = Open(chunkSize: 64);
        var campaign = Campaign();
        await store.CreateCampaignAsync(campaign);
        var writer = Task.Run(async () =>
        {
            for (var batch = 0; batch < 40; batch++)
            {
                await store.AppendPlanAsync(campaign.Id, Plan(batch * 50, 50));
            }
        });

        while (!writer.IsCompleted)
        {
            var read = await ReadAllAsync(store, campaign.Id);
            Assert.Equal(Enumerable.Range(0, read.Count).Select(i => (long)i), read.Select(x => x.Planned.Sequence));
        }

        await writer;
        Assert.Equal(2000, (await ReadAllAsync(store, campaign.Id)).Count);
    }

    private SqliteDeliveryStore Open(int chunkSize = 4096) =>
        SqliteDeliveryStore.Open(new SqliteDeliveryStoreOptions { Path = DbPath, ChunkSize = chunkSize });

    private async Task<SqliteDeliveryStore> CreateStoreWithData()
    {
        var store = Open(chunkSize: 64);
        var campaign = Campaign();
        await store.CreateCampaignAsync(campaign);
        await store.AppendPlanAsync(campaign.Id, Plan(0, 3000));
        await store.SealPlanAsync(campaign.Id, 3000);
        await store.RecordAsync(campaign.Id, Enumerable.Range(0, 3000).Select(i => new DeliveryUpdate(i, DeliveryState.Sent, Attempts: 1)).ToArray());
        return store;
    }

    private void Execute(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
