using BeAlert.Dispatch;
using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;

namespace BeAlert.Benchmarks.Dispatch;

/// <summary>
/// One campaign of 1,000,000 planned deliveries (two thirds SMS to Belgian mobile numbers, one third e-mail) appended
/// in batches of 4,096, then 4,000,000 state changes recorded in batches of 4,096 in sequence order: InFlight, Sent,
/// InFlight again (a resend), Delivered. Each invocation starts from a new file. Baseline: what a developer writes
/// today: one row per delivery, an INSERT per delivery and an UPDATE per state change, prepared statements, one
/// transaction per batch, the same WAL and synchronous=NORMAL settings. Ours: <see cref="SqliteDeliveryStore"/>.
/// </summary>
[MemoryDiagnoser]
public class StoreBenchmarks
{
    private const int Deliveries = 1_000_000;
    private const int Batch = 4096;

    private static readonly string[] InsertParameters = ["$c", "$s", "$ch", "$r", "$d", "$l", "$n"];
    private static readonly string[] UpdateParameters = ["$st", "$e", "$a", "$pid", "$dup", "$c", "$s"];
    private static readonly Guid CampaignId = Guid.Parse("b3a1e1f0-0000-4000-8000-000000000001");

    private PlannedDelivery[] _plan = [];
    private DeliveryUpdate[][] _passes = [];
    private string _directory = "";
    private string _path = "";

    [GlobalSetup]
    public void Setup()
    {
        _plan = new PlannedDelivery[Deliveries];
        for (var i = 0; i < Deliveries; i++)
        {
            var recipient = 10_000_000L + (i / 3 * 2) + (i % 3 == 2 ? 1 : 0);
            _plan[i] = i % 3 == 2
                ? new PlannedDelivery(i, DeliveryChannel.Email, recipient, $"citizen{recipient}@example.be", i % 5 == 0 ? "fr" : "nl", 44021)
                : new PlannedDelivery(i, DeliveryChannel.Sms, recipient, "+3247" + (3_000_000 + i), i % 5 == 0 ? "fr" : "nl", 44021);
        }

        DeliveryUpdate Make(int i, int pass) => pass switch
        {
            0 => new DeliveryUpdate(i, DeliveryState.InFlight, Attempts: 1),
            1 => new DeliveryUpdate(i, DeliveryState.Sent, Attempts: 1),
            2 => new DeliveryUpdate(i, DeliveryState.InFlight, Attempts: 2, IsPossibleDuplicate: i % 1000 == 0),
            _ => new DeliveryUpdate(i, DeliveryState.Delivered, Attempts: 2),
        };

        _passes = [.. Enumerable.Range(0, 4).Select(pass => Enumerable.Range(0, Deliveries).Select(i => Make(i, pass)).ToArray())];
    }

    [IterationSetup]
    public void NewFile()
    {
        _directory = Directory.CreateTempSubdirectory("bealert-store-bench-").FullName;
        _path = Path.Combine(_directory, "store.db");
    }

    [IterationCleanup]
    public void DeleteFile()
    {
        SqliteConnection.ClearAllPools();
        var bytes = Directory.GetFiles(_directory).Where(f => !f.EndsWith(".lock", StringComparison.Ordinal)).Sum(f => new FileInfo(f).Length);
        Console.WriteLine($"// store files: {bytes:N0} bytes for {Deliveries:N0} deliveries");
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Baseline = true, Description = "row per delivery: INSERT + UPDATE per change")]
    public long RowPerDelivery()
    {
        using var connection = new SqliteConnection($"Data Source={_path};Pooling=False");
        connection.Open();
        Execute(connection, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
        Execute(connection, """
            CREATE TABLE delivery (
                campaign BLOB NOT NULL, seq INTEGER NOT NULL, channel INTEGER NOT NULL, recipient INTEGER NOT NULL,
                destination TEXT NOT NULL, language TEXT NOT NULL, nis INTEGER NOT NULL,
                state INTEGER NOT NULL, error INTEGER NOT NULL, attempts INTEGER NOT NULL, provider_id TEXT, duplicate INTEGER NOT NULL,
                PRIMARY KEY (campaign, seq));
            """);
        var campaign = CampaignId.ToByteArray();
        using var insert = connection.CreateCommand();
        insert.CommandText = """
            INSERT OR IGNORE INTO delivery (campaign, seq, channel, recipient, destination, language, nis, state, error, attempts, provider_id, duplicate)
            VALUES ($c, $s, $ch, $r, $d, $l, $n, 0, 0, 0, NULL, 0)
            """;
        var p = InsertParameters.Select(name => insert.Parameters.Add(new SqliteParameter { ParameterName = name })).ToArray();
        p[0].Value = campaign;
        for (var start = 0; start < Deliveries; start += Batch)
        {
            using var transaction = connection.BeginTransaction();
            insert.Transaction = transaction;
            for (var i = start; i < Math.Min(start + Batch, Deliveries); i++)
            {
                var d = _plan[i];
                p[1].Value = d.Sequence;
                p[2].Value = (int)d.Channel;
                p[3].Value = d.RecipientId;
                p[4].Value = d.Destination;
                p[5].Value = d.Language;
                p[6].Value = d.MunicipalityNis;
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        using var update = connection.CreateCommand();
        update.CommandText = """
            UPDATE delivery SET state = $st, error = $e, attempts = max(attempts, $a),
                provider_id = coalesce($pid, provider_id), duplicate = duplicate | $dup
            WHERE campaign = $c AND seq = $s AND state < 3
            """;
        var u = UpdateParameters.Select(name => update.Parameters.Add(new SqliteParameter { ParameterName = name })).ToArray();
        u[5].Value = campaign;
        foreach (var pass in _passes)
        {
            for (var start = 0; start < Deliveries; start += Batch)
            {
                using var transaction = connection.BeginTransaction();
                update.Transaction = transaction;
                for (var i = start; i < Math.Min(start + Batch, Deliveries); i++)
                {
                    var x = pass[i];
                    u[0].Value = (int)x.State;
                    u[1].Value = (int)x.Error;
                    u[2].Value = x.Attempts;
                    u[3].Value = (object?)x.ProviderMessageId ?? DBNull.Value;
                    u[4].Value = x.IsPossibleDuplicate ? 1 : 0;
                    u[6].Value = x.Sequence;
                    update.ExecuteNonQuery();
                }

                transaction.Commit();
            }
        }

        return Deliveries;
    }

    [Benchmark(Description = "SqliteDeliveryStore: chunked plan + state arrays")]
    public long ChunkedStore() => RunStore().GetAwaiter().GetResult();

    private async Task<long> RunStore()
    {
        await using var store = SqliteDeliveryStore.Open(new SqliteDeliveryStoreOptions { Path = _path, VerifyOnOpen = false });
        await store.CreateCampaignAsync(new CampaignRecord(CampaignId, "bench", "<alert/>"u8.ToArray(), DeliveryChannels.Sms | DeliveryChannels.Email, 1, true, default));
        for (var start = 0; start < Deliveries; start += Batch)
        {
            await store.AppendPlanAsync(CampaignId, _plan.AsMemory(start, Math.Min(Batch, Deliveries - start)));
        }

        await store.SealPlanAsync(CampaignId, Deliveries);
        foreach (var pass in _passes)
        {
            for (var start = 0; start < Deliveries; start += Batch)
            {
                await store.RecordAsync(CampaignId, pass.AsMemory(start, Math.Min(Batch, Deliveries - start)));
            }
        }

        return Deliveries;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
