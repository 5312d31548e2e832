using System.Globalization;
using System.Reflection;
using System.Text;
using BeAlert.Cap;

namespace BeAlert.Dispatch.CrashChild;

/// <summary>How an <see cref="EngineCrashScenario"/> process starts.</summary>
public enum EngineCrashMode
{
    /// <summary>Start the engine, then start the campaign (plan, seal, send) and wait for its report.</summary>
    Start,

    /// <summary>Like <see cref="Start"/>, but each plan batch write is followed by a pause, so a kill lands while planning.</summary>
    SlowPlan,

    /// <summary>Start the engine only (it resumes what the store lists as Running) and wait for the resumed campaign's report.</summary>
    Resume,
}

/// <summary>
/// The dispatch engine on a <see cref="SqliteDeliveryStore"/>, in a process a test kills with SIGKILL. Two channels
/// (SMS, e-mail) go to <see cref="RecordingTransport"/>s that append every send they accept to a sink log
/// (<c>&lt;database&gt;.sink</c>) with one write(2) before answering, so the log is exactly what left, across all lives.
/// When the campaign finishes, its report goes to <c>&lt;database&gt;.report</c>.
/// </summary>
/// <remarks>
/// Protocol lines: <c>DONE n</c> for n = 1..<see cref="PlanSteps"/> after each plan batch is durable, then
/// <c>DONE <see cref="SendingBase"/>+k</c> once k x <see cref="ProgressEvery"/> sends have left in this life;
/// <c>FINISHED</c> once the report is written.
/// </remarks>
public sealed class EngineCrashScenario(EngineCrashMode mode) : ICrashScenario
{
    public const int Members = 20_000;
    public const int Planned = 2 * Members;
    public const int PlanBatchSize = 1_000;
    public const int PlanSteps = Planned / PlanBatchSize;
    public const int SendingBase = 1_000;
    public const int ProgressEvery = 100;
    public const int SliceSize = 64;
    public const int EndpointConcurrency = 8;
    public const int Seed = 20_261_126;
    public const double TransientFailureRate = 0.05;

    /// <summary>
    /// Deliveries that can be recorded InFlight at once, hence re-sent after one crash: per channel, the engine runs
    /// min(sum of the endpoints' MaxConcurrency, MaxWorkers) workers, each holding at most one slice of SliceSize
    /// (rate limits off; with a rate limit the slice is also capped by the token bucket's chunk) between its InFlight
    /// write and its outcome write. Two channels here: 2 x 8 x 64 = 1,024.
    /// </summary>
    public const int InFlightWindow = 2 * EndpointConcurrency * SliceSize;

    public static Guid CampaignId { get; } = Guid.Parse("6d1f3c9e-2b7a-4e55-9a0b-c0ffee000002");

    public static string SinkPath(string databasePath) => databasePath + ".sink";

    public static string ReportPath(string databasePath) => databasePath + ".report";

    /// <summary>The engine's settings in every life (the window above follows from them).</summary>
    public static DispatchOptions Options()
    {
        var options = new DispatchOptions
        {
            RateLimitsEnabled = false,
            SliceSize = SliceSize,
            PlanBatchSize = PlanBatchSize,
            QueueBatchSize = 512,
            QueueCapacityBatches = 4,
            ReceiptWait = TimeSpan.Zero,
        };
        foreach (var channel in Enum.GetValues<DeliveryChannel>())
        {
            options.Channels[channel] = new ChannelOptions
            {
                MaxAttempts = 10,
                RetryBaseDelay = TimeSpan.FromMilliseconds(2),
                RetryMaxDelay = TimeSpan.FromMilliseconds(10),
                BreakerMinimumThroughput = 100_000,
            };
        }

        return options;
    }

    /// <summary>The seeded audience: every member has a phone and an e-mail address, three languages, 30 municipalities.</summary>
    public static IEnumerable<AudienceMember> Audience()
    {
        string[] languages = ["nl", "fr", "de"];
        for (var i = 0; i < Members; i++)
        {
            var id = 1L + i;
            yield return new AudienceMember(
                id,
                DeliveryChannels.Sms | DeliveryChannels.Email,
                languages[(int)(Mix(Seed, id, 0, 9) % 3)],
                "+3247" + id.ToString("D7", CultureInfo.InvariantCulture),
                $"p{id.ToString(CultureInfo.InvariantCulture)}@example.org",
                44_000 + (int)(Mix(Seed, id, 0, 10) % 30));
        }
    }

    public async Task RunAsync(string path, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var progress = new ProgressWriter(output);
        await using var sqlite = SqliteDeliveryStore.Open(new SqliteDeliveryStoreOptions { Path = path });
        await using var store = new ReportingStore(sqlite, progress, mode == EngineCrashMode.SlowPlan ? TimeSpan.FromMilliseconds(150) : TimeSpan.Zero);
        using var sink = new SinkLog(SinkPath(path));
        await using var sms = new RecordingTransport(DeliveryChannel.Sms, sink, progress);
        await using var email = new RecordingTransport(DeliveryChannel.Email, sink, progress);
        await using var engine = new DispatchEngine(store, [sms, email], Options());
        var resumed = await engine.StartAsync();
        progress.Line("READY");
        CampaignHandle? handle;
        if (mode == EngineCrashMode.Resume)
        {
            handle = resumed.SingleOrDefault();
        }
        else
        {
            handle = await engine.StartCampaignAsync(new CampaignRequest(LoadAlert(), DeliveryChannels.Sms | DeliveryChannels.Email, Audience())
            {
                CampaignId = CampaignId,
                Name = "engine crash test",
            });
        }

        var report = new StringBuilder();
        if (handle is null)
        {
            report.Append("resumed none\n");
        }
        else
        {
            var result = await handle.Completion;
            report.Append(CultureInfo.InvariantCulture, $"status {result.Status}\n");
            foreach (var channel in result.Channels)
            {
                report.Append(CultureInfo.InvariantCulture, $"channel {channel.Channel} {channel.Targeted} {channel.Sent} {channel.Delivered} {channel.Failed} {channel.Cancelled} {channel.Unfinished} {channel.PossibleDuplicates}\n");
            }

            foreach (var key in result.PossibleDuplicates)
            {
                report.Append(CultureInfo.InvariantCulture, $"duplicate {key.Sequence}\n");
            }
        }

        await File.WriteAllTextAsync(ReportPath(path), report.ToString());
        progress.Line("FINISHED");
    }

    /// <summary>A deterministic 64-bit mix of the seed, a sequence, an attempt and a purpose (SplitMix64 finaliser).</summary>
    public static ulong Mix(int seed, long sequence, int attempt, int purpose)
    {
        var h = ((ulong)(uint)seed * 0x9E3779B97F4A7C15UL) ^ ((ulong)sequence * 0xD6E8FEB86659FD93UL) ^ (((ulong)(uint)attempt << 32) | (uint)purpose);
        h ^= h >> 30;
        h *= 0xBF58476D1CE4E5B9UL;
        h ^= h >> 27;
        h *= 0x94D049BB133111EBUL;
        h ^= h >> 31;
        return h;
    }

    private static CapAlert LoadAlert()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("crash-alert.xml")
            ?? throw new InvalidOperationException("The embedded alert is missing.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return CapParser.Default.Parse(buffer.ToArray()).Alert;
    }
}

/// <summary>Writes protocol lines from any thread, one whole line at a time.</summary>
internal sealed class ProgressWriter(TextWriter output)
{
    private readonly Lock _lock = new();
    private long _sent;

    /// <summary>Counts one send that left; every <see cref="EngineCrashScenario.ProgressEvery"/>th prints <c>DONE</c>.</summary>
    public void Sent()
    {
        var sent = Interlocked.Increment(ref _sent);
        if (sent % EngineCrashScenario.ProgressEvery == 0)
        {
            Line(string.Create(CultureInfo.InvariantCulture, $"DONE {EngineCrashScenario.SendingBase + (sent / EngineCrashScenario.ProgressEvery)}"));
        }
    }

    public void Line(string line)
    {
        lock (_lock)
        {
            output.WriteLine(line);
        }
    }
}

/// <summary>The append-only record of every send that left: one line per accepted send, <c>sequence channel attempt duplicateFlag</c>.</summary>
internal sealed class SinkLog : IDisposable
{
    private readonly Lock _lock = new();
    private readonly FileStream _file;

    public SinkLog(string path)
    {
        // Unbuffered: every Write is one write(2) to the kernel, which keeps it even if this process is killed next.
        _file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
    }

    public void Append(in OutboundMessage message, DeliveryChannel channel)
    {
        var line = Encoding.ASCII.GetBytes(string.Create(
            CultureInfo.InvariantCulture,
            $"{message.Key.Sequence} {channel} {message.Attempt} {(message.IsPossibleDuplicate ? 1 : 0)}\n"));
        lock (_lock)
        {
            _file.Write(line);
            _file.Flush();
        }
    }

    public void Dispose() => _file.Dispose();
}

/// <summary>
/// A simulation-like endpoint: a small latency, seeded transient failures (throttled: nothing left), and for every
/// send it accepts a line in the <see cref="SinkLog"/> written before <see cref="SendStatus.Accepted"/> is returned.
/// </summary>
internal sealed class RecordingTransport(DeliveryChannel channel, SinkLog sink, ProgressWriter progress) : IDeliveryTransport
{
    public DeliveryChannel Channel => channel;

    public string Name => "recording-" + channel.ToString().ToUpperInvariant();

    public int MaxConcurrency => EngineCrashScenario.EndpointConcurrency;

    public ValueTask StartAsync(IDeliveryReceiptSink receipts, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public async ValueTask<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        // A small latency (1 ms on a seeded quarter of the sends, a thread hop on the others): the campaign lasts a few
        // seconds. Seeded rather than by sequence parity, which would slow one channel only (SMS and e-mail alternate).
        if (EngineCrashScenario.Mix(EngineCrashScenario.Seed, message.Key.Sequence, message.Attempt, 2) % 4 == 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(1), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await Task.Yield();
        }

        var draw = EngineCrashScenario.Mix(EngineCrashScenario.Seed, message.Key.Sequence, message.Attempt, 1) >> 11;
        if (draw * (1.0 / (1UL << 53)) < EngineCrashScenario.TransientFailureRate)
        {
            return SendResult.Failure(DeliveryError.Throttled, "recording: throttled");
        }

        sink.Append(message, channel);
        progress.Sent();
        return SendResult.Accepted();
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
