using System.Collections.Concurrent;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using BeAlert.Cap;
using BeAlert.Dispatch;
using BeAlert.TestUtils.Peers;

namespace BeAlert.Load.Scenarios;

/// <summary>
/// <c>cbc</c>: N broadcasts through <see cref="CellBroadcastTransport"/> to a cell broadcast centre, as an operator runs
/// them: each starts (CAP Alert → new), every second one is updated (CAP Update → replace, update number raised), and
/// each is then killed (CAP Cancel). Against any CBC at <c>--url</c> (ECBE base URL, or the CAP endpoint with
/// <c>--format cap</c>), or with <c>--local</c> against the test CBC (<see cref="TestCbcPeer"/>, which validates every
/// request) started in-process on 127.0.0.1. Reports per operation the count, rate and latency p50/p99, and errors by
/// reason. Broadcasts alternate between Dutch and French; the alert identifiers are chosen so that broadcasts running at
/// once never share a message code (the CBC would refuse the second as a duplicate).
/// </summary>
internal sealed class CbcScenario : ILoadScenario
{
    private const string TemplateIdentifier = "BE-GENT-2026-0412";
    private const string Zone = "load-zone";

    public string Name => "cbc";

    public Command CreateCommand()
    {
        var url = new Option<string>("--url") { Description = "The CBC: ECBE base URL, or the CAP endpoint with --format cap (not with --local)." };
        var messages = new Option<int>("--messages", "-n") { Description = "Broadcasts to run (1 to 1,000,000): each is new, half are updated, all are killed.", DefaultValueFactory = _ => 1_000 };
        var format = new Option<string>("--format") { Description = "Wire format: ecbe (osmo-cbc's REST JSON) or cap (CAP over HTTP).", DefaultValueFactory = _ => "ecbe" };
        format.AcceptOnlyFromAmong("ecbe", "cap");
        var concurrency = new Option<int>("--concurrency", "-c") { Description = "Broadcasts in progress at once, and the transport's requests in flight (1 to 64).", DefaultValueFactory = _ => 2 };
        var local = new Option<bool>("--local") { Description = "Start the test CBC in-process on 127.0.0.1." };
        var allowRemote = new Option<bool>("--allow-remote") { Description = "Allow a --url that is not a loopback address." };
        var timeout = new Option<int>("--timeout-s") { Description = "Stop after this many seconds whatever happens (5 to 3,600).", DefaultValueFactory = _ => 300 };

        var command = new Command(Name, "Cell broadcast: CellBroadcastTransport runs new, update and kill of N broadcasts against a CBC (ECBE JSON or CAP).")
        {
            url, messages, format, concurrency, local, allowRemote, timeout,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var errors = new List<string>();
            Check(errors, messages.Name, parse.GetValue(messages), 1, 1_000_000);
            Check(errors, concurrency.Name, parse.GetValue(concurrency), 1, 64);
            Check(errors, timeout.Name, parse.GetValue(timeout), 5, 3_600);
            var target = parse.GetValue(url);
            if (parse.GetValue(local) == (target is not null))
            {
                errors.Add("give either --url U or --local.");
            }
            else if (target is not null && CbcVoiceCommon.CheckUrl("--url", target, parse.GetValue(allowRemote)) is { } problem)
            {
                errors.Add(problem);
            }

            if (errors.Count > 0)
            {
                foreach (var error in errors)
                {
                    await Console.Error.WriteLineAsync("cbc: " + error);
                }

                return 2;
            }

            using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bound.CancelAfter(TimeSpan.FromSeconds(parse.GetValue(timeout)));
            try
            {
                return await RunAsync(target, parse.GetValue(messages), parse.GetValue(format) == "cap", parse.GetValue(concurrency), bound.Token);
            }
            catch (OperationCanceledException) when (bound.IsCancellationRequested)
            {
                await Console.Error.WriteLineAsync($"cbc: stopped after --timeout-s {parse.GetValue(timeout)} s.");
                return 1;
            }
        });
        return command;
    }

    /// <summary>The operations of broadcast <paramref name="index"/>: new, an update for every second one, then kill.</summary>
    internal static IReadOnlyList<string> Operations(int index) => index % 2 == 0 ? ["new", "update", "kill"] : ["new", "kill"];

    /// <summary>
    /// An alert identifier for broadcast <paramref name="index"/> whose message code in <paramref name="language"/>
    /// leaves remainder <paramref name="slot"/> modulo <paramref name="slots"/>: broadcasts run by different workers at
    /// once then never share a code.
    /// </summary>
    internal static string Identifier(string run, int index, string sender, string language, int slot, int slots)
    {
        for (var k = 0; ; k++)
        {
            var identifier = string.Create(CultureInfo.InvariantCulture, $"LOAD-{run}-{index}-{k}");
            if (CellBroadcastMapping.MessageCode(sender, identifier, language) % slots == slot)
            {
                return identifier;
            }
        }
    }

    private static void Check(List<string> errors, string name, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add($"{name} must be {min:N0} to {max:N0} (it is {value:N0}).");
        }
    }

    private static async Task<int> RunAsync(string? url, int broadcasts, bool cap, int concurrency, CancellationToken cancellationToken)
    {
        TestCbcPeer? peer = null;
        try
        {
            Uri endpoint;
            if (url is null)
            {
                peer = await TestCbcPeer.StartAsync();
                endpoint = cap ? peer.CapEndpoint : peer.Address;
                await Console.Error.WriteLineAsync($"cbc: local test CBC on {peer.Address}");
            }
            else
            {
                endpoint = new Uri(url);
            }

            var options = new CellBroadcastOptions
            {
                Name = "load-cbc",
                Endpoint = endpoint,
                WireFormat = cap ? CellBroadcastWireFormat.CapXml : CellBroadcastWireFormat.EcbeJson,
                MaxConcurrency = concurrency,
                Zones = { new CellBroadcastZone { Name = Zone, Cells = ["206-01-1001-11", "206-01-1001-12", "206-01-1002-21"] } },
            };
            var templates = new Templates();
            await using var transport = new CellBroadcastTransport(options);

            // Warm-up (JIT, connections), not measured: a few broadcasts of their own.
            var warm = Math.Min(broadcasts, 2 * concurrency);
            await RunBroadcastsAsync(transport, templates, "W" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture), warm, concurrency, null, cancellationToken);

            var run = new Run();
            var clock = Stopwatch.StartNew();
            await RunBroadcastsAsync(transport, templates, "R" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture), broadcasts, concurrency, run, cancellationToken);
            clock.Stop();
            var elapsed = clock.Elapsed.TotalSeconds;

            var report = new LoadReport("cbc");
            var operations = new JsonObject();
            long total = 0, delivered = 0;
            foreach (var name in new[] { "new", "update", "kill" })
            {
                var latencies = run.Latencies.GetOrAdd(name, _ => []);
                var ok = run.Delivered.GetValueOrDefault(name);
                lock (latencies)
                {
                    operations[name] = CbcVoiceCommon.Summary(latencies, ok, elapsed);
                    total += latencies.Count;
                }

                delivered += ok;
            }

            var errors = new JsonObject();
            foreach (var (reason, count) in run.Errors.OrderByDescending(e => e.Value))
            {
                errors[reason] = count;
                await Console.Error.WriteLineAsync($"cbc: {count:N0} failed: {reason}");
            }

            report.Recipients = total;
            report.Deliveries = delivered;
            report.ElapsedSeconds = elapsed;
            report.Add("format", cap ? "cap" : "ecbe");
            report.Add("broadcasts", broadcasts);
            report.Add("concurrency", concurrency);
            report.Add("operations", operations);
            report.Add("failed", total - delivered);
            report.Add("errors", errors);
            if (peer is not null)
            {
                report.Add("peer_running_after", cap ? peer.CapBroadcasts.Count : peer.EcbeBroadcasts.Count);
            }

            await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"cbc: {total:N0} operations ({delivered:N0} delivered) for {broadcasts:N0} broadcasts in {elapsed:F2} s ({total / elapsed:N0} operations/s)"));
            report.Write();
            return total == delivered ? 0 : 1;
        }
        finally
        {
            if (peer is not null)
            {
                await peer.DisposeAsync();
            }
        }
    }

    private static async Task RunBroadcastsAsync(CellBroadcastTransport transport, Templates templates, string runTag, int broadcasts, int workers, Run? run, CancellationToken cancellationToken)
    {
        var campaign = Guid.NewGuid();
        long sequence = -1;
        var clock = Stopwatch.StartNew();
        long lastPrint = 0;
        long done = 0;
        var tasks = Enumerable.Range(0, Math.Min(workers, broadcasts)).Select(async slot =>
        {
            await Task.Yield();

            // Worker 'slot' runs broadcasts slot, slot + workers, ... one after another.
            for (var index = slot; index < broadcasts; index += workers)
            {
                var language = index % 2 == 0 ? "nl" : "fr";
                var identifier = Identifier(runTag, index, templates.Sender, language, slot, workers);
                foreach (var operation in Operations(index))
                {
                    var alert = templates.Alert(operation, identifier);
                    var message = new OutboundMessage(new DeliveryKey(campaign, Interlocked.Increment(ref sequence)), Zone, new MessageContent(DeliveryChannel.CellBroadcast, language, "cbc", alert), 1, false);
                    var started = Stopwatch.GetTimestamp();
                    var result = await transport.SendAsync(message, cancellationToken).ConfigureAwait(false);
                    var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    if (run is null)
                    {
                        continue;
                    }

                    var latencies = run.Latencies.GetOrAdd(operation, _ => []);
                    lock (latencies)
                    {
                        latencies.Add(ms);
                    }

                    if (result.Status == SendStatus.Delivered)
                    {
                        run.Delivered.AddOrUpdate(operation, 1, (_, n) => n + 1);
                    }
                    else
                    {
                        run.Errors.AddOrUpdate(CbcVoiceCommon.Reason(operation, result.Error, result.Reason), 1, (_, n) => n + 1);
                    }
                }

                var finished = Interlocked.Increment(ref done);
                var now = clock.ElapsedMilliseconds;
                var last = Interlocked.Read(ref lastPrint);
                if (run is not null && now - last >= 1000 && Interlocked.CompareExchange(ref lastPrint, now, last) == last)
                {
                    await Console.Error.WriteLineAsync($"cbc: {finished:N0}/{broadcasts:N0} broadcasts after {now / 1000.0:F1} s");
                }
            }
        }).ToArray();
        await Task.WhenAll(tasks);
    }

    /// <summary>The three messages of the Gent fire sample (Alert, Update, Cancel), with the identifier replaced per broadcast.</summary>
    private sealed class Templates
    {
        private readonly Dictionary<string, string> _xml = new(StringComparer.Ordinal)
        {
            ["new"] = Read("be-fire-gent-nl-fr.xml"),
            ["update"] = Read("be-fire-gent-update.xml"),
            ["kill"] = Read("be-fire-gent-cancel.xml"),
        };

        public string Sender => "brandweer@gent.be";

        public CapAlert Alert(string operation, string identifier) =>
            CapParser.Default.Parse(Encoding.UTF8.GetBytes(_xml[operation].Replace(TemplateIdentifier, identifier, StringComparison.Ordinal))).Alert;

        private static string Read(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", file));
    }

    private sealed class Run
    {
        public ConcurrentDictionary<string, List<double>> Latencies { get; } = new(StringComparer.Ordinal);

        public ConcurrentDictionary<string, long> Delivered { get; } = new(StringComparer.Ordinal);

        public ConcurrentDictionary<string, long> Errors { get; } = new(StringComparer.Ordinal);
    }
}
