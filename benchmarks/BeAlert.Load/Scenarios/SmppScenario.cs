using System.Collections.Concurrent;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Text.Json;
using System.Text.Json.Nodes;
using BeAlert.Cap;
using BeAlert.Dispatch;
using BeAlert.Dispatch.Smpp;
using BeAlert.TestUtils;

namespace BeAlert.Load.Scenarios;

/// <summary>
/// <c>smpp</c>: sends N SMS through <see cref="SmppTransport"/> to an SMSC and measures throughput and CPU per message.
/// Against any SMSC: <c>--host H --port P --system-id ID --password PW</c>. With <c>--local</c> it starts
/// tests/peers/smsc.js (the npm smpp package) itself, can inject a round-trip delay, throttling and receipts, and with
/// <c>--baseline</c> also runs the npm smpp client (tests/peers/client-bench.js) against the same server, after ours,
/// so the JSON carries both rates and CPU costs and their ratios.
/// </summary>
internal sealed class SmppScenario : ILoadScenario
{
    public string Name => "smpp";

    public Command CreateCommand()
    {
        var host = new Option<string>("--host") { Description = "SMSC host (not with --local).", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "SMSC port (not with --local).", DefaultValueFactory = _ => 2775 };
        var systemId = new Option<string>("--system-id") { Description = "system_id of the bind.", DefaultValueFactory = _ => NodeSmscPeer.SystemId };
        var password = new Option<string>("--password") { Description = "password of the bind (never printed).", DefaultValueFactory = _ => NodeSmscPeer.Password };
        var messages = new Option<int>("--messages", "-n") { Description = "How many messages to send (1 to 10,000,000).", DefaultValueFactory = _ => 20_000 };
        var window = new Option<int>("--window", "-w") { Description = "Window per bind (1 to 10,000).", DefaultValueFactory = _ => 100 };
        var binds = new Option<int>("--binds") { Description = "Binds to the SMSC (1 to 64).", DefaultValueFactory = _ => 1 };
        var local = new Option<bool>("--local") { Description = "Start the local node SMSC (tests/peers/smsc.js) on 127.0.0.1." };
        var baseline = new Option<bool>("--baseline") { Description = "Also run the npm smpp client against the same SMSC and report the ratios." };
        var delay = new Option<int>("--delay-ms") { Description = "--local: delay before each submit_sm_resp (injected round-trip time), ms.", DefaultValueFactory = _ => 0 };
        var throttle = new Option<double>("--throttle") { Description = "--local: fraction of submits answered ESME_RTHROTTLED (0 to 1).", DefaultValueFactory = _ => 0 };
        var receipts = new Option<string>("--receipts") { Description = "--local: receipts the SMSC sends: none, text-hex, text-dec, tlv.", DefaultValueFactory = _ => "none" };
        receipts.AcceptOnlyFromAmong("none", "text-hex", "text-dec", "tlv");
        var coalescing = new Option<double>("--coalescing-ms") { Description = "Our client's SmppOptions.ReceiveCoalescingDelay in ms (0 turns receive coalescing off; otherwise 1 to 20).", DefaultValueFactory = _ => 4 };
        var timeout = new Option<int>("--timeout-s") { Description = "Stop after this many seconds whatever happens (10 to 3,600).", DefaultValueFactory = _ => 300 };

        var command = new Command(Name, "SMS over SMPP 3.4: our client (SmppTransport) against an SMSC, optionally beside the npm smpp client.")
        {
            host, port, systemId, password, messages, window, binds, local, baseline, delay, throttle, receipts, coalescing, timeout,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            // Checked here rather than in a command validator: there, options left at their defaults read as 0.
            var errors = new List<string>();
            CheckRange(errors, messages, parse.GetValue(messages), 1, 10_000_000);
            CheckRange(errors, window, parse.GetValue(window), 1, 10_000);
            CheckRange(errors, binds, parse.GetValue(binds), 1, 64);
            CheckRange(errors, delay, parse.GetValue(delay), 0, 10_000);
            CheckRange(errors, timeout, parse.GetValue(timeout), 10, 3_600);
            CheckRange(errors, port, parse.GetValue(port), 1, 65_535);
            if (parse.GetValue(coalescing) is not 0 and (< 1 or > 20))
            {
                errors.Add("--coalescing-ms must be 0 (off) or 1 to 20.");
            }

            if (parse.GetValue(throttle) is < 0 or > 1)
            {
                errors.Add("--throttle must be between 0 and 1.");
            }

            if (!parse.GetValue(local) && (parse.GetValue(delay) > 0 || parse.GetValue(throttle) > 0 || parse.GetValue(receipts) != "none"))
            {
                errors.Add("--delay-ms, --throttle and --receipts configure the local SMSC: add --local.");
            }

            if (errors.Count > 0)
            {
                foreach (var error in errors)
                {
                    await Console.Error.WriteLineAsync("smpp: " + error);
                }

                return 2;
            }

            using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bound.CancelAfter(TimeSpan.FromSeconds(parse.GetValue(timeout)));
            var settings = new Settings(
                parse.GetValue(host)!,
                parse.GetValue(port),
                parse.GetValue(systemId)!,
                parse.GetValue(password)!,
                parse.GetValue(messages),
                parse.GetValue(window),
                parse.GetValue(binds),
                parse.GetValue(local),
                parse.GetValue(baseline),
                parse.GetValue(delay),
                parse.GetValue(throttle),
                parse.GetValue(receipts)!,
                parse.GetValue(coalescing));
            try
            {
                return await RunAsync(settings, bound.Token);
            }
            catch (OperationCanceledException) when (bound.IsCancellationRequested)
            {
                await Console.Error.WriteLineAsync($"smpp: stopped after --timeout-s {parse.GetValue(timeout)} s.");
                return 1;
            }
            catch (SmppException ex)
            {
                await Console.Error.WriteLineAsync("smpp: " + ex.Message);
                return 1;
            }
        });
        return command;
    }

    private static void CheckRange(List<string> errors, Option<int> option, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add($"{option.Name} must be {min:N0} to {max:N0} (it is {value:N0}).");
        }
    }

    private static async Task<int> RunAsync(Settings settings, CancellationToken cancellationToken)
    {
        NodeSmscPeer? peer = null;
        try
        {
            var (host, port) = (settings.Host, settings.Port);
            if (settings.Local)
            {
                peer = await NodeSmscPeer.StartAsync(new Dictionary<string, string>
                {
                    ["SMSC_RECORD"] = "0",
                    ["SMSC_DELAY_MS"] = settings.DelayMs.ToString(CultureInfo.InvariantCulture),
                    ["SMSC_THROTTLE"] = settings.Throttle.ToString(CultureInfo.InvariantCulture),
                    ["SMSC_RECEIPTS"] = settings.Receipts,
                    ["SMSC_MAX_SECONDS"] = "3600",
                });
                (host, port) = ("127.0.0.1", peer.Port);
                await Console.Error.WriteLineAsync($"smpp: local SMSC (npm smpp) on 127.0.0.1:{port}, pid {peer.ProcessId}");
            }

            var report = new LoadReport("smpp") { Recipients = settings.Messages };
            var ours = await RunOursAsync(settings, host, port, peer, cancellationToken);
            report.Deliveries = ours.Accepted;
            report.ElapsedSeconds = ours.Elapsed.TotalSeconds;
            report.Add("window", settings.Window);
            report.Add("binds", settings.Binds);
            report.Add("failed", ours.Failed);
            report.Add("throttled_answers", ours.Throttled);
            report.Add("resubmitted", ours.Resubmitted);
            report.Add("cpu_s", Math.Round(ours.Cpu.TotalSeconds, 3));
            report.Add("cpu_us_per_msg", Math.Round(ours.Cpu.TotalMicroseconds / settings.Messages, 2));
            report.Add("warmup_messages", ours.WarmUpMessages);
            report.Add("allocated_bytes_per_msg", Math.Round((double)ours.AllocatedBytes / settings.Messages, 1));
            report.Add("gen0_collections", ours.Gen0Collections);
            report.Add("context_switches_per_msg", Math.Round((double)ours.ContextSwitches / settings.Messages, 3));
            report.Add("coalescing_ms", settings.CoalescingMs);
            report.Add("coalescing_timeouts", ours.CoalescingTimeouts);
            report.Add("coalescing_turned_off_binds", ours.CoalescingTurnedOff);
            report.Add("jit_methods_in_measurement", ours.JitMethods);
            report.Add("jit_ms_in_measurement", Math.Round(ours.JitTime.TotalMilliseconds, 1));
            if (ours.ServerCpu is { } serverCpu)
            {
                report.Add("server_cpu_share", Math.Round(serverCpu.TotalSeconds / ours.Elapsed.TotalSeconds, 3));
            }

            if (settings.DelayMs > 0)
            {
                var ceiling = settings.Window * settings.Binds * 1000.0 / settings.DelayMs;
                report.Add("rtt_ms", settings.DelayMs);
                report.Add("window_over_rtt_per_s", Math.Round(ceiling, 1));
                report.Add("fraction_of_window_over_rtt", Math.Round(ours.Accepted / ours.Elapsed.TotalSeconds / ceiling, 3));
            }

            if (settings.Receipts != "none")
            {
                report.Add("receipts", ours.Receipts);
                report.Add("receipts_matched", ours.ReceiptsMatched);
                report.Add("receipts_matched_fraction", Math.Round((double)ours.ReceiptsMatched / Math.Max(1, ours.Accepted), 5));
            }

            if (settings.Baseline)
            {
                var npm = await RunBaselineAsync(settings, host, port, peer, cancellationToken);
                var npmRate = npm.Json.GetProperty("per_s").GetDouble();
                var npmCpuPerMessage = npm.Json.GetProperty("cpu_us_per_msg").GetDouble();
                var baselineNode = new JsonObject
                {
                    ["client"] = "npm smpp 0.5.1 (tests/peers/client-bench.js)",
                    ["per_s"] = Math.Round(npmRate, 1),
                    ["cpu_us_per_msg"] = Math.Round(npmCpuPerMessage, 2),
                    ["accepted"] = npm.Json.GetProperty("accepted").GetInt64(),
                };
                if (npm.ServerCpu is { } npmServerCpu)
                {
                    baselineNode["server_cpu_share"] = Math.Round(npmServerCpu.TotalSeconds / npm.Json.GetProperty("elapsed_s").GetDouble(), 3);
                }

                report.Add("baseline", baselineNode);
                report.Add("rate_ratio", Math.Round(ours.Accepted / ours.Elapsed.TotalSeconds / npmRate, 3));
                report.Add("cpu_per_msg_ratio", Math.Round(ours.Cpu.TotalMicroseconds / settings.Messages / npmCpuPerMessage, 3));
            }

            report.Write();
            return ours.Failed == 0 ? 0 : 1;
        }
        finally
        {
            if (peer is not null)
            {
                await peer.DisposeAsync();
            }
        }
    }

    private static async Task<OurRun> RunOursAsync(Settings settings, string host, int port, NodeSmscPeer? peer, CancellationToken cancellationToken)
    {
        var options = new SmppOptions
        {
            Host = host,
            Port = port,
            SystemId = settings.SystemId,
            Password = settings.Password,
            WindowSize = settings.Window,
            BindsPerEndpoint = settings.Binds,
            RequestDeliveryReceipts = settings.Receipts != "none" || !settings.Local,
            ResponseTimeout = TimeSpan.FromSeconds(30),
            ReceiveCoalescingDelay = TimeSpan.FromMilliseconds(settings.CoalescingMs),
        };
        var sink = new CountingSink();
        var transport = new SmppTransport("load", options);
        await using (transport)
        {
            await transport.StartAsync(sink, cancellationToken);
            var alert = CapParser.Default.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Data", "be-small.xml"))).Alert;
            var content = new MessageContent(DeliveryChannel.Sms, "nl", "BE-Alert test: shelter in place, close windows and doors. 1789", alert);
            var campaign = Guid.NewGuid();

            // Warm up outside the measurement, as client-bench.js does: 5,000 messages or fewer. Then, because .NET
            // recompiles hot methods in the background in stages (tier 0, instrumented tier 1, tier 1) for a while
            // after they became hot, keep warming up in rounds of at least 0.5 s until two rounds in a row compiled no
            // method (for at most 30 s), so that the measurement holds the client's steady-state cost, not the JIT's.
            // What the JIT still did during the measurement is reported (jit_methods_in_measurement, jit_ms_in_measurement).
            var warm = Math.Min(5_000, settings.Messages);
            await SendAllAsync(transport, content, campaign, 0, warm, transport.MaxConcurrency, null, cancellationToken);
            var warmClock = Stopwatch.StartNew();
            var quietRounds = 0;
            while (quietRounds < 2 && warmClock.Elapsed < TimeSpan.FromSeconds(30))
            {
                var compiledBefore = JitInfo.GetCompiledMethodCount();
                var roundStart = warmClock.Elapsed;
                while (warmClock.Elapsed - roundStart < TimeSpan.FromMilliseconds(500))
                {
                    await SendAllAsync(transport, content, campaign, warm, 1_000, transport.MaxConcurrency, null, cancellationToken);
                    warm += 1_000;
                }

                quietRounds = JitInfo.GetCompiledMethodCount() == compiledBefore ? quietRounds + 1 : 0;
            }

            await Console.Error.WriteLineAsync($"smpp: ours: warmed up with {warm:N0} messages");
            var jitMethodsStart = JitInfo.GetCompiledMethodCount();
            var jitTimeStart = JitInfo.GetCompilationTime();

            using var self = Process.GetCurrentProcess();
            var switchesStart = ContextSwitches();
            var allocatedStart = GC.GetTotalAllocatedBytes(precise: false);
            var gcStart = GC.CollectionCount(0);
            var cpuStart = self.TotalProcessorTime;
            var serverStart = peer is null ? (TimeSpan?)null : LoadReport.ProcessCpu(peer.ProcessId);
            var stopwatch = Stopwatch.StartNew();
            var progress = new Progress(stopwatch, settings.Messages);
            var (accepted, failed) = await SendAllAsync(transport, content, campaign, warm, settings.Messages, transport.MaxConcurrency, progress, cancellationToken);
            stopwatch.Stop();
            self.Refresh();
            var cpu = self.TotalProcessorTime - cpuStart;
            var allocated = GC.GetTotalAllocatedBytes(precise: false) - allocatedStart;
            var gen0 = GC.CollectionCount(0) - gcStart;
            var switches = ContextSwitches() - switchesStart;
            var jitMethods = JitInfo.GetCompiledMethodCount() - jitMethodsStart;
            var jitTime = JitInfo.GetCompilationTime() - jitTimeStart;
            var serverCpu = peer is null ? (TimeSpan?)null : LoadReport.ProcessCpu(peer.ProcessId) - serverStart!.Value;
            await Console.Error.WriteLineAsync($"smpp: ours: {accepted:N0} accepted, {failed:N0} failed in {stopwatch.Elapsed.TotalSeconds:F2} s ({accepted / stopwatch.Elapsed.TotalSeconds:N0}/s), {cpu.TotalMicroseconds / settings.Messages:F1} µs CPU per message");

            if (settings.Receipts != "none")
            {
                var expected = warm + accepted;
                for (var i = 0; i < 200 && sink.Count < expected; i++)
                {
                    await Task.Delay(50, cancellationToken);
                }
            }

            return new OurRun(accepted, failed, stopwatch.Elapsed, cpu, serverCpu, transport.ThrottledCount, transport.ResubmittedCount, sink.Count, transport.ReceiptsMatched, warm, jitMethods, jitTime)
            {
                AllocatedBytes = allocated,
                Gen0Collections = gen0,
                ContextSwitches = switches,
                CoalescingTimeouts = transport.CoalescingTimeouts,
                CoalescingTurnedOff = transport.CoalescingTurnedOff,
            };
        }
    }

    private static async Task<(long Accepted, long Failed)> SendAllAsync(
        SmppTransport transport, MessageContent content, Guid campaign, int from, int count, int workers, Progress? progress, CancellationToken cancellationToken)
    {
        long next = -1;
        long accepted = 0;
        long failed = 0;
        var failures = new ConcurrentDictionary<string, int>();
        var tasks = Enumerable.Range(0, Math.Min(workers, count)).Select(async _ =>
        {
            long i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var sequence = from + i;
                var destination = string.Create(CultureInfo.InvariantCulture, $"+32470{sequence % 1_000_000:D6}");
                var message = new OutboundMessage(new DeliveryKey(campaign, sequence), destination, content, 1, false);
                var result = await transport.SendAsync(message, cancellationToken);
                if (result.Status == SendStatus.Accepted)
                {
                    Interlocked.Increment(ref accepted);
                }
                else
                {
                    Interlocked.Increment(ref failed);
                    failures.AddOrUpdate($"{result.Error}: {result.Reason}", 1, (_, n) => n + 1);
                }

                progress?.Tick(Interlocked.Read(ref accepted) + Interlocked.Read(ref failed));
            }
        }).ToArray();
        await Task.WhenAll(tasks);
        foreach (var (reason, n) in failures)
        {
            await Console.Error.WriteLineAsync($"smpp: {n:N0} failed: {reason}");
        }

        return (accepted, failed);
    }

    private static async Task<(JsonElement Json, TimeSpan? ServerCpu)> RunBaselineAsync(Settings settings, string host, int port, NodeSmscPeer? peer, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = NodeSmscPeer.PeersDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "client-bench.js", host, port.ToString(CultureInfo.InvariantCulture), settings.SystemId, settings.Password, settings.Messages.ToString(CultureInfo.InvariantCulture), settings.Window.ToString(CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(argument);
        }

        var serverStart = peer is null ? (TimeSpan?)null : LoadReport.ProcessCpu(peer.ProcessId);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("node could not be started.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var serverCpu = peer is null ? (TimeSpan?)null : LoadReport.ProcessCpu(peer.ProcessId) - serverStart!.Value;
        var lines = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (process.ExitCode != 0 || lines.Length == 0)
        {
            throw new InvalidOperationException($"client-bench.js exited {process.ExitCode}: {await stderr}");
        }

        var json = JsonDocument.Parse(lines[^1]).RootElement.Clone();
        await Console.Error.WriteLineAsync($"smpp: npm client: {lines[^1]}");
        return (json, serverCpu);
    }

    private sealed record Settings(
        string Host,
        int Port,
        string SystemId,
        string Password,
        int Messages,
        int Window,
        int Binds,
        bool Local,
        bool Baseline,
        int DelayMs,
        double Throttle,
        string Receipts,
        double CoalescingMs);

    private sealed record OurRun(
        long Accepted,
        long Failed,
        TimeSpan Elapsed,
        TimeSpan Cpu,
        TimeSpan? ServerCpu,
        long Throttled,
        long Resubmitted,
        long Receipts,
        long ReceiptsMatched,
        int WarmUpMessages,
        long JitMethods,
        TimeSpan JitTime)
    {
        /// <summary>Polls that ended on the receive coalescing delay during the whole run (warm-up included).</summary>
        public long CoalescingTimeouts { get; init; }

        /// <summary>Binds that turned receive coalescing off (their SMSC held responses back).</summary>
        public int CoalescingTurnedOff { get; init; }

        /// <summary>Bytes allocated by every thread of the load driver during the measurement.</summary>
        public long AllocatedBytes { get; init; }

        /// <summary>Gen 0 collections during the measurement.</summary>
        public int Gen0Collections { get; init; }

        /// <summary>Voluntary plus involuntary context switches of every thread of the load driver during the measurement.</summary>
        public long ContextSwitches { get; init; }
    }

    /// <summary>
    /// The context switches (voluntary and involuntary) of every thread of this process so far, from
    /// /proc/self/task/*/status; threads that ended are not counted, so this is a lower bound. 0 off Linux.
    /// </summary>
    private static long ContextSwitches()
    {
        if (!Directory.Exists("/proc/self/task"))
        {
            return 0;
        }

        long total = 0;
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                foreach (var line in File.ReadLines(Path.Combine(task, "status")))
                {
                    if (line.StartsWith("voluntary_ctxt_switches:", StringComparison.Ordinal) ||
                        line.StartsWith("nonvoluntary_ctxt_switches:", StringComparison.Ordinal))
                    {
                        total += long.Parse(line.AsSpan(line.IndexOf(':', StringComparison.Ordinal) + 1).Trim(), CultureInfo.InvariantCulture);
                    }
                }
            }
            catch (IOException)
            {
                // The thread ended while it was being read.
            }
        }

        return total;
    }

    private sealed class CountingSink : IDeliveryReceiptSink
    {
        private long _count;

        public long Count => Interlocked.Read(ref _count);

        public void OnReceipt(in DeliveryReceipt receipt) => Interlocked.Increment(ref _count);
    }

    /// <summary>Prints a progress line to stderr about once a second.</summary>
    private sealed class Progress(Stopwatch stopwatch, int total)
    {
        private long _lastPrinted;

        public void Tick(long done)
        {
            var now = stopwatch.ElapsedMilliseconds;
            var last = Interlocked.Read(ref _lastPrinted);
            if (now - last >= 1000 && Interlocked.CompareExchange(ref _lastPrinted, now, last) == last)
            {
                Console.Error.WriteLine($"smpp: {done:N0}/{total:N0} after {now / 1000.0:F1} s ({done * 1000.0 / Math.Max(1, now):N0}/s)");
            }
        }
    }
}
