using BeAlert.Dispatch;
using BeAlert.Dispatch.Tests.Storage;

namespace BeAlert.Gateway.Tests.Stores;

/// <summary>
/// The dispatch store contract suite (linked from BeAlert.Dispatch.Tests) against the gateway's delivery store:
/// SQLite in the default run, <see cref="Gateway.Storage.PostgresDeliveryStore"/> in the PostgreSQL run (small read
/// pages, so reads cross page boundaries as SQLite's small chunks do).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "Disposed in IAsyncLifetime.DisposeAsync, which xunit calls.")]
public sealed class SelectedStoreContractTests : DeliveryStoreContractTests
{
    private readonly TestStores _stores = new();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _stores.DisposeAsync();
    }

    [Fact]
    public void Store_IsTheOneBealertTestStoreSelects()
    {
        Assert.Equal(TestStores.IsPostgres ? typeof(Gateway.Storage.PostgresDeliveryStore) : typeof(SqliteDeliveryStore), Store.GetType());
    }

    protected override Task<IDeliveryStore> CreateStore() => _stores.OpenAsync();
}
