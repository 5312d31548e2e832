namespace BeAlert.Dispatch.Tests.Storage;

/// <summary>The contract suite against the reference store.</summary>
public sealed class InMemoryDeliveryStoreContractTests : DeliveryStoreContractTests
{
    protected override Task<IDeliveryStore> CreateStore() => Task.FromResult<IDeliveryStore>(new InMemoryDeliveryStore());
}
