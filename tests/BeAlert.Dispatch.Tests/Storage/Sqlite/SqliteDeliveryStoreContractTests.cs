namespace BeAlert.Dispatch.Tests.Storage.Sqlite;

/// <summary>The contract suite against the SQLite store with its smallest chunks (64), so plans span several chunks.</summary>
public sealed class SqliteDeliveryStoreContractTests : DeliveryStoreContractTests, IDisposable
{
    private readonly TempDirectory _directory = new();

    protected override Task<IDeliveryStore> CreateStore() =>
        Task.FromResult<IDeliveryStore>(SqliteDeliveryStore.Open(new SqliteDeliveryStoreOptions { Path = _directory.File("store.db"), ChunkSize = 64, CachedChunks = 2 }));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _directory.Dispose();
    }

    public void Dispose() => _directory.Dispose();
}

/// <summary>The contract suite against the SQLite store with its default settings.</summary>
public sealed class SqliteDeliveryStoreDefaultsContractTests : DeliveryStoreContractTests, IDisposable
{
    private readonly TempDirectory _directory = new();

    protected override Task<IDeliveryStore> CreateStore() =>
        Task.FromResult<IDeliveryStore>(SqliteDeliveryStore.Open(new SqliteDeliveryStoreOptions { Path = _directory.File("store.db") }));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _directory.Dispose();
    }

    public void Dispose() => _directory.Dispose();
}
