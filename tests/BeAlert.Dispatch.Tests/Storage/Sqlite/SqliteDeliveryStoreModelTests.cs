using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace BeAlert.Dispatch.Tests.Storage.Sqlite;

/// <summary>
/// A model-based property: any sequence of creates, appends (with replays and gaps), seals, records, status changes and
/// reopenings leaves the SQLite store answering every read exactly as the in-memory reference store, and every call
/// that one of them rejects is rejected by the other with the same exception type.
/// </summary>
public sealed class SqliteDeliveryStoreModelTests
{
    private static readonly Guid[] CampaignIds = [Guid.Parse("00000000-0000-0000-0000-00000000000a"), Guid.Parse("00000000-0000-0000-0000-00000000000b"), Guid.Parse("00000000-0000-0000-0000-00000000000c")];
    private static readonly DeliveryState[] NonFinalHeavy =
    [
        DeliveryState.Pending, DeliveryState.InFlight, DeliveryState.InFlight, DeliveryState.Sent, DeliveryState.Sent,
        DeliveryState.Delivered, DeliveryState.Failed, DeliveryState.Cancelled, DeliveryState.Skipped,
    ];

    private static readonly string?[] ProviderIds = [null, null, null, "a", "b", "c"];

    [Property(MaxTest = 80)]
    public Property AnyOperations_ReadTheSameAsTheReferenceStore() =>
        Prop.ForAll(Arb.From(Operation.ListOf()), operations => RunAsync(operations).GetAwaiter().GetResult());

    private static Gen<Op> Operation => Gen.OneOf(
        Gen.Choose(0, 2).Select(c => (Op)new CreateOp(c)),
        Append,
        Append,
        Gen.Choose(0, 2).Zip(Gen.Elements(0, 0, 0, 1)).Select(t => (Op)new SealOp(t.Item1, t.Item2)),
        Gen.Choose(0, 2).Zip(Update.ListOf()).Select(t => (Op)new RecordOp(t.Item1, [.. t.Item2])),
        Gen.Choose(0, 2).Zip(Update.ListOf()).Select(t => (Op)new RecordOp(t.Item1, [.. t.Item2])),
        Gen.Choose(0, 2).Select(c => (Op)new RecordOutOfRangeOp(c)),
        Gen.Choose(0, 2).Zip(Gen.Elements(Enum.GetValues<CampaignStatus>())).Select(t => (Op)new StatusOp(t.Item1, t.Item2)),
        Gen.Constant((Op)new ReopenOp()));

    /// <summary>Appends: mostly continuing or replaying, sometimes leaving a gap (offset 1).</summary>
    private static Gen<Op> Append { get; } =
        from campaign in Gen.Choose(0, 2)
        from offset in Gen.OneOf(Gen.Choose(-40, 0), Gen.Constant(0), Gen.Constant(1))
        from count in Gen.Choose(0, 150)
        select (Op)new AppendOp(campaign, offset, count);

    /// <summary>An update whose sequence is a fraction of the plan appended so far (resolved when applied).</summary>
    private static Gen<UpdateSpec> Update { get; } =
        from position in Gen.OneOf(Gen.Choose(0, 9999), Gen.Choose(0, 7))
        from state in Gen.Elements(NonFinalHeavy)
        from error in Gen.Elements(DeliveryError.None, DeliveryError.None, DeliveryError.Timeout, DeliveryError.Rejected)
        from attempts in Gen.OneOf(Gen.Choose(0, 4), Gen.Choose(250, 300))
        from providerId in Gen.Elements(ProviderIds)
        from duplicate in Gen.Elements(false, true)
        select new UpdateSpec(position, state, error, attempts, providerId, duplicate);

    private static async Task<bool> RunAsync(List<Op> operations)
    {
        using var directory = new TempDirectory();
        var options = new SqliteDeliveryStoreOptions { Path = directory.File("model.db"), ChunkSize = 64, CachedChunks = 2 };
        var reference = new InMemoryDeliveryStore();
        var store = SqliteDeliveryStore.Open(options);
        try
        {
            foreach (var operation in operations)
            {
                if (operation is ReopenOp)
                {
                    await store.DisposeAsync();
                    store = SqliteDeliveryStore.Open(options);
                    continue;
                }

                var appended = await CountAsync(reference, operation.Campaign);
                var expected = await Outcome(() => operation.ApplyAsync(reference, appended));
                var actual = await Outcome(() => operation.ApplyAsync(store, appended));
                Assert.True(expected == actual, $"{operation}: reference store {expected?.Name ?? "succeeded"}, SQLite store {actual?.Name ?? "succeeded"}");
            }

            var probes = Enum.GetValues<DeliveryChannel>().SelectMany(c => new[] { "a", "b", "c" }.Select(id => (c, id)));
            await StoreAssert.SameContentsAsync(reference, store, probes);
            return true;
        }
        finally
        {
            await store.DisposeAsync();
        }
    }

    private static async Task<Type?> Outcome(Func<Task> action)
    {
        try
        {
            await action();
            return null;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or KeyNotFoundException)
        {
            return e.GetType();
        }
    }

    private static async Task<long> CountAsync(InMemoryDeliveryStore reference, int campaign)
    {
        if (campaign < 0 || await reference.GetCampaignAsync(CampaignIds[campaign]) is null)
        {
            return 0;
        }

        return await reference.ReadDeliveriesAsync(CampaignIds[campaign], false).CountAsync();
    }

    internal sealed record UpdateSpec(int Position, DeliveryState State, DeliveryError Error, int Attempts, string? ProviderId, bool Duplicate);

    internal abstract record Op(int Campaign)
    {
        protected Guid Id => CampaignIds[Campaign];

        public abstract Task ApplyAsync(IDeliveryStore store, long appended);
    }

    internal sealed record CreateOp(int Campaign) : Op(Campaign)
    {
        public override Task ApplyAsync(IDeliveryStore store, long appended) =>
            store.CreateCampaignAsync(StoreData.Campaign("campaign " + Campaign, Id)).AsTask();
    }

    /// <summary>Appends <paramref name="Count"/> deliveries starting <paramref name="Offset"/> from the end (negative: a replay, positive: a gap).</summary>
    internal sealed record AppendOp(int Campaign, int Offset, int Count) : Op(Campaign)
    {
        public override Task ApplyAsync(IDeliveryStore store, long appended) =>
            store.AppendPlanAsync(Id, StoreData.Plan(Math.Max(0, appended + Offset), Count)).AsTask();
    }

    internal sealed record SealOp(int Campaign, int Extra) : Op(Campaign)
    {
        public override Task ApplyAsync(IDeliveryStore store, long appended) => store.SealPlanAsync(Id, appended + Extra).AsTask();
    }

    internal sealed record RecordOp(int Campaign, UpdateSpec[] Updates) : Op(Campaign)
    {
        public override Task ApplyAsync(IDeliveryStore store, long appended) =>
            appended == 0
                ? Task.CompletedTask
                : store.RecordAsync(
                    Id,
                    Updates.Select(u => new DeliveryUpdate(u.Position % appended, u.State, u.Error, u.Attempts, u.ProviderId, u.Duplicate)).ToArray()).AsTask();
    }

    internal sealed record RecordOutOfRangeOp(int Campaign) : Op(Campaign)
    {
        public override Task ApplyAsync(IDeliveryStore store, long appended) =>
            store.RecordAsync(Id, new[] { new DeliveryUpdate(appended, DeliveryState.Sent) }).AsTask();
    }

    internal sealed record StatusOp(int Campaign, CampaignStatus Status) : Op(Campaign)
    {
        public override Task ApplyAsync(IDeliveryStore store, long appended) => store.SetCampaignStatusAsync(Id, Status).AsTask();
    }

    internal sealed record ReopenOp() : Op(-1)
    {
        public override Task ApplyAsync(IDeliveryStore store, long appended) => Task.CompletedTask;
    }
}
