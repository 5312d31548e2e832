using System.Collections.Concurrent;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using BeAlert.Cap;
using BeAlert.Dispatch;
using BeAlert.TestUtils.Peers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace BeAlert.Load.Scenarios;

/// <summary>
/// <c>voice</c>: N calls through <see cref="VoiceTransport"/> to a voice provider at <c>--url</c>, or with <c>--local</c>
/// to the test provider (<see cref="TestVoiceProvider"/>) started in-process on 127.0.0.1, which answers every call
/// with a signed status callback (with the scripted mix: most answered, some busy once, some never answering, some
/// failed). The driver runs the callback listener itself (127.0.0.1) and hands callbacks to the transport. It records
/// when each originate request leaves and reports calls/s, the calls started per minute against the configured limit
/// (the most in any 60 s and the rate over the whole minutes since the first call), outcome counts and retries.
/// </summary>
internal sealed class VoiceScenario : ILoadScenario
{
    private const string CallbackPath = "voice/callback";

    public string Name => "voice";

    public Command CreateCommand()
    {
        var url = new Option<string>("--url") { Description = "The provider's base URL (calls are POST calls under it; not with --local)." };
        var calls = new Option<int>("--calls", "-n") { Description = "Calls to make, one per number (1 to 1,000,000).", DefaultValueFactory = _ => 1_000 };
        var concurrency = new Option<int>("--concurrency", "-c") { Description = "Sends in flight, and the transport's MaxConcurrency (1 to 100,000).", DefaultValueFactory = _ => 100 };
        var lines = new Option<int>("--lines") { Description = "Calls in progress at once (MaxConcurrentCalls, 1 to 100,000).", DefaultValueFactory = _ => 100 };
        var perMinute = new Option<int>("--calls-per-minute") { Description = "The transport's limit of calls started in any 60 s, retries included (1 to 100,000).", DefaultValueFactory = _ => 600 };
        var attempts = new Option<int>("--max-attempts") { Description = "Calls per number when busy or not answered (1 to 10).", DefaultValueFactory = _ => 3 };
        var retryDelay = new Option<int>("--retry-delay-ms") { Description = "The wait before calling again (0 to 600,000 ms).", DefaultValueFactory = _ => 1_000 };
        var callMs = new Option<int>("--call-ms") { Description = "--local: how long each call lasts before its callback (0 to 60,000 ms).", DefaultValueFactory = _ => 10 };
        var outcomes = new Option<string>("--outcomes") { Description = "--local: 'mix' (5% busy then answered, 5% never answering, 5% failed) or 'answered'.", DefaultValueFactory = _ => "mix" };
        outcomes.AcceptOnlyFromAmong("mix", "answered");
        var apiKey = new Option<string>("--api-key") { Description = "The provider's API key (never printed).", DefaultValueFactory = _ => "load-provider-key" };
        var secret = new Option<string>("--callback-secret") { Description = "The secret the provider signs callbacks with (16+ characters; never printed).", DefaultValueFactory = _ => "load-callback-secret-0123456789" };
        var callbackUrl = new Option<string>("--callback-url") { Description = "The callback URL to give the provider when it cannot reach the listener on 127.0.0.1 directly (a tunnel)." };
        var local = new Option<bool>("--local") { Description = "Start the test provider in-process on 127.0.0.1." };
        var allowRemote = new Option<bool>("--allow-remote") { Description = "Allow a --url that is not a loopback address." };
        var timeout = new Option<int>("--timeout-s") { Description = "Stop after this many seconds whatever happens (5 to 7,200).", DefaultValueFactory = _ => 600 };

        var command = new Command(Name, "Voice calls: VoiceTransport against a provider, with status callbacks; calls/s and calls per minute against the limit.")
        {
            url, calls, concurrency, lines, perMinute, attempts, retryDelay, callMs, outcomes, apiKey, secret, callbackUrl, local, allowRemote, timeout,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var errors = new List<string>();
            Check(errors, calls.Name, parse.GetValue(calls), 1, 1_000_000);
            Check(errors, concurrency.Name, parse.GetValue(concurrency), 1, 100_000);
            Check(errors, lines.Name, parse.GetValue(lines), 1, 100_000);
            Check(errors, perMinute.Name, parse.GetValue(perMinute), 1, 100_000);
            Check(errors, attempts.Name, parse.GetValue(attempts), 1, 10);
            Check(errors, retryDelay.Name, parse.GetValue(retryDelay), 0, 600_000);
            Check(errors, callMs.Name, parse.GetValue(callMs), 0, 60_000);
            Check(errors, timeout.Name, parse.GetValue(timeout), 5, 7_200);
            if (parse.GetValue(secret) is not { Length: >= 16 and <= 1024 })
            {
                errors.Add("--callback-secret must be 16 to 1,024 characters.");
            }

            var target = parse.GetValue(url);
            var isLocal = parse.GetValue(local);
            if (isLocal == (target is not null))
            {
                errors.Add("give either --url U or --local.");
            }
            else if (target is not null && CbcVoiceCommon.CheckUrl("--url", target, parse.GetValue(allowRemote)) is { } problem)
            {
                errors.Add(problem);
            }

            if (parse.GetValue(callbackUrl) is { } callback && CbcVoiceCommon.CheckUrl("--callback-url", callback, parse.GetValue(allowRemote)) is { } callbackProblem)
            {
                errors.Add(callbackProblem);
            }

            if (!isLocal && (parse.GetResult(callMs) is { Implicit: false } || parse.GetResult(outcomes) is { Implicit: false }))
            {
                errors.Add("--call-ms and --outcomes configure the local provider: add --local.");
            }

            if (errors.Count > 0)
            {
                foreach (var error in errors)
                {
                    await Console.Error.WriteLineAsync("voice: " + error);
                }

                return 2;
            }

            var settings = new Settings(
                target,
                parse.GetValue(calls),
                parse.GetValue(concurrency),
                parse.GetValue(lines),
                parse.GetValue(perMinute),
                parse.GetValue(attempts),
                TimeSpan.FromMilliseconds(parse.GetValue(retryDelay)),
                TimeSpan.FromMilliseconds(parse.GetValue(callMs)),
                parse.GetValue(outcomes) == "mix",
                parse.GetValue(apiKey)!,
                parse.GetValue(secret)!,
                parse.GetValue(callbackUrl));
            using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bound.CancelAfter(TimeSpan.FromSeconds(parse.GetValue(timeout)));
            try
            {
                return await RunAsync(settings, bound.Token);
            }
            catch (OperationCanceledException) when (bound.IsCancellationRequested)
            {
                await Console.Error.WriteLineAsync($"voice: stopped after --timeout-s {parse.GetValue(timeout)} s.");
                return 1;
            }
        });
        return command;
    }

    /// <summary>The number called for call <paramref name="index"/>.</summary>
    internal static string Number(int index) => string.Create(CultureInfo.InvariantCulture, $"+3247{index % 10_000_000:D7}");

    /// <summary>The local provider's outcomes for call <paramref name="index"/> in the 'mix': 1 in 20 busy then answered, 1 in 20 never answered, 1 in 20 failed, the rest answered.</summary>
    internal static string[] MixOutcomes(int index, int maxAttempts) => (index % 20) switch
    {
        3 => ["busy", "answered:45"],
        7 => [.. Enumerable.Repeat("no-answer", maxAttempts)],
        11 => ["failed"],
        _ => ["answered:30"],
    };

    /// <summary>
    /// The calls started per minute: the most starts in any 60-second window, and the starts in the whole minutes from
    /// the first start divided by their number (<see langword="null"/> when the starts span less than a minute).
    /// </summary>
    internal static (int MaxInAnyMinute, double? PerMinuteOverWholeMinutes, int WholeMinutes) PerMinute(IReadOnlyList<long> sortedStartTicks, long ticksPerSecond)
    {
        if (sortedStartTicks.Count == 0)
        {
            return (0, null, 0);
        }

        var minute = 60 * ticksPerSecond;
        var max = 0;
        var from = 0;
        for (var to = 0; to < sortedStartTicks.Count; to++)
        {
            while (sortedStartTicks[to] - sortedStartTicks[from] >= minute)
            {
                from++;
            }

            max = Math.Max(max, to - from + 1);
        }

        var first = sortedStartTicks[0];
        var whole = (int)((sortedStartTicks[^1] - first) / minute);
        if (whole == 0)
        {
            return (max, null, 0);
        }

        var inWhole = sortedStartTicks.Count(t => t - first < whole * minute);
        return (max, (double)inWhole / whole, whole);
    }

    private static void Check(List<string> errors, string name, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add($"{name} must be {min:N0} to {max:N0} (it is {value:N0}).");
        }
    }

    private static async Task<int> RunAsync(Settings settings, CancellationToken cancellationToken)
    {
        TestVoiceProvider? provider = null;
        LocalHttpPeer? listener = null;
        VoiceTransport? transport = null;
        var sink = new OutcomeSink(settings.Calls);
        var callbacks = new ConcurrentDictionary<VoiceCallbackResult, long>();
        try
        {
            var endpoint = settings.Url is null ? null : new Uri(settings.Url);
            if (endpoint is null)
            {
                provider = await TestVoiceProvider.StartAsync(settings.ApiKey, settings.CallbackSecret);
                provider.CallDuration = settings.CallDuration;
                endpoint = provider.Address;
                for (var i = 0; i < settings.Calls; i++)
                {
                    provider.Outcomes(Number(i), settings.Mix ? MixOutcomes(i, settings.MaxAttempts) : ["answered:30"]);
                }

                await Console.Error.WriteLineAsync($"voice: local test provider on {endpoint}, calls last {settings.CallDuration.TotalMilliseconds:0} ms");
            }

            listener = await LocalHttpPeer.StartAsync(app => app.MapPost("/" + CallbackPath, async (HttpContext context) =>
            {
                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body, context.RequestAborted);
                var result = await transport!.HandleCallbackAsync(body.ToArray(), context.Request.Headers["X-BeAlert-Signature"], context.RequestAborted);
                callbacks.AddOrUpdate(result, 1, (_, n) => n + 1);
                context.Response.StatusCode = result switch
                {
                    VoiceCallbackResult.BadSignature => 401,
                    VoiceCallbackResult.Malformed => 400,
                    _ => 200,
                };
            }));

            var starts = new ConcurrentQueue<long>();
            var handler = new StartRecorder(starts) { InnerHandler = new SocketsHttpHandler { MaxConnectionsPerServer = Math.Min(settings.Concurrency, 256), PooledConnectionLifetime = TimeSpan.FromMinutes(5) } };
            using var client = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
            transport = new VoiceTransport(
                new VoiceOptions
                {
                    Name = "load-voice",
                    Endpoint = endpoint,
                    ApiKey = settings.ApiKey,
                    CallbackUrl = settings.CallbackUrl is { } advertised ? new Uri(advertised) : new Uri(listener.Address, CallbackPath),
                    CallbackSecret = settings.CallbackSecret,
                    MaxAttempts = settings.MaxAttempts,
                    RetryDelay = settings.RetryDelay,
                    MaxConcurrentCalls = settings.Lines,
                    CallsPerMinute = settings.CallsPerMinute,
                    MaxConcurrency = settings.Concurrency,
                    CallbackWait = TimeSpan.FromMinutes(10),
                },
                client);
            await transport.StartAsync(sink, cancellationToken);

            var alert = CapParser.Default.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Data", "be-small.xml"))).Alert;
            var content = new MessageContent(DeliveryChannel.Voice, "nl-BE", "Dit is een bericht van BE-Alert. Blijf binnen, sluit ramen en deuren. Meer informatie op be-alert.be.", alert);
            var campaign = Guid.NewGuid();
            long next = -1;
            long accepted = 0;
            var sendErrors = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
            var clock = Stopwatch.StartNew();
            using var progress = new Timer(_ => Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"voice: {starts.Count:N0} calls started, {sink.Finished:N0}/{settings.Calls:N0} finished after {clock.Elapsed.TotalSeconds:F1} s, {transport.ActiveCalls} in progress")), null, 2_000, 2_000);
            var workers = Enumerable.Range(0, Math.Min(settings.Concurrency, settings.Calls)).Select(async _ =>
            {
                await Task.Yield();
                long i;
                while ((i = Interlocked.Increment(ref next)) < settings.Calls)
                {
                    var message = new OutboundMessage(new DeliveryKey(campaign, i), Number((int)i), content, 1, false);
                    var result = await transport.SendAsync(message, cancellationToken).ConfigureAwait(false);
                    if (result.Status == SendStatus.Accepted)
                    {
                        Interlocked.Increment(ref accepted);
                    }
                    else
                    {
                        sendErrors.AddOrUpdate(CbcVoiceCommon.Reason("originate", result.Error, result.Reason), 1, (_, n) => n + 1);
                        sink.NotStarted();
                    }
                }
            }).ToArray();
            await Task.WhenAll(workers);
            var sent = clock.Elapsed;
            await sink.AllFinished.WaitAsync(cancellationToken);
            var elapsed = clock.Elapsed;

            var sorted = starts.OrderBy(t => t).ToList();
            var (maxInMinute, perMinute, wholeMinutes) = PerMinute(sorted, Stopwatch.Frequency);
            var startSpan = sorted.Count > 1 ? (sorted[^1] - sorted[0]) / (double)Stopwatch.Frequency : 0;
            var report = new LoadReport("voice")
            {
                Recipients = settings.Calls,
                Deliveries = sink.Answered,
                ElapsedSeconds = elapsed.TotalSeconds,
            };
            report.Add("calls_started", sorted.Count);
            report.Add("retries", sorted.Count - accepted);
            report.Add("calls_per_s", Math.Round(sorted.Count / elapsed.TotalSeconds, 1));
            report.Add("starts_span_s", Math.Round(startSpan, 3));
            report.Add("send_phase_s", Math.Round(sent.TotalSeconds, 3));
            report.Add("limit_per_min", settings.CallsPerMinute);
            report.Add("max_started_in_any_60s", maxInMinute);
            if (perMinute is { } rate)
            {
                report.Add("whole_minutes", wholeMinutes);
                report.Add("per_min_over_whole_minutes", Math.Round(rate, 1));
                report.Add("per_min_vs_limit", Math.Round(rate / settings.CallsPerMinute, 4));
            }

            report.Add("lines", settings.Lines);
            report.Add("concurrency", settings.Concurrency);
            report.Add("outcomes", new JsonObject
            {
                ["answered"] = sink.Answered,
                ["busy"] = sink.Busy,
                ["no_answer"] = sink.NoAnswer,
                ["failed"] = sink.Failed,
                ["not_started"] = sink.NotStartedCount,
            });
            report.Add("billed_minutes", sink.BilledMinutes);
            var callbackNode = new JsonObject();
            foreach (var (result, count) in callbacks)
            {
                callbackNode[result.ToString()] = count;
            }

            report.Add("callbacks", callbackNode);
            var errorNode = new JsonObject();
            foreach (var (reason, count) in sendErrors.Concat(sink.Reasons).OrderByDescending(e => e.Value))
            {
                errorNode[reason] = count;
            }

            report.Add("errors", errorNode);
            if (provider is not null)
            {
                report.Add("provider_max_active_calls", provider.MaxActiveCalls);
            }

            await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"voice: {settings.Calls:N0} numbers, {sorted.Count:N0} calls started in {startSpan:F1} s, all finished after {elapsed.TotalSeconds:F1} s; answered {sink.Answered:N0}, busy {sink.Busy:N0}, no answer {sink.NoAnswer:N0}, failed {sink.Failed:N0}"));
            report.Write();
            var expectedFailures = settings.Mix && provider is not null;
            return sink.NotStartedCount == 0 && (expectedFailures || sink.Answered == settings.Calls) ? 0 : 1;
        }
        finally
        {
            if (transport is not null)
            {
                await transport.DisposeAsync();
            }

            if (listener is not null)
            {
                await listener.DisposeAsync();
            }

            if (provider is not null)
            {
                await provider.DisposeAsync();
            }
        }
    }

    private sealed record Settings(
        string? Url,
        int Calls,
        int Concurrency,
        int Lines,
        int CallsPerMinute,
        int MaxAttempts,
        TimeSpan RetryDelay,
        TimeSpan CallDuration,
        bool Mix,
        string ApiKey,
        string CallbackSecret,
        string? CallbackUrl);

    /// <summary>Records when each originate request (POST .../calls) leaves.</summary>
    private sealed class StartRecorder(ConcurrentQueue<long> starts) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method == HttpMethod.Post)
            {
                starts.Enqueue(Stopwatch.GetTimestamp());
            }

            return base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>Counts the final outcome of every number; completes when all have one.</summary>
    private sealed class OutcomeSink(int expected) : IDeliveryReceiptSink
    {
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private long _finished;
        private long _answered;
        private long _busy;
        private long _noAnswer;
        private long _failed;
        private long _notStarted;
        private long _minutes;

        public Task AllFinished => _all.Task;

        public long Finished => Interlocked.Read(ref _finished);

        public long Answered => Interlocked.Read(ref _answered);

        public long Busy => Interlocked.Read(ref _busy);

        public long NoAnswer => Interlocked.Read(ref _noAnswer);

        public long Failed => Interlocked.Read(ref _failed);

        public long NotStartedCount => Interlocked.Read(ref _notStarted);

        public long BilledMinutes => Interlocked.Read(ref _minutes);

        public ConcurrentDictionary<string, long> Reasons { get; } = new(StringComparer.Ordinal);

        public void OnReceipt(in DeliveryReceipt receipt)
        {
            if (receipt.Delivered)
            {
                Interlocked.Increment(ref _answered);
                Interlocked.Add(ref _minutes, receipt.BillableUnits);
            }
            else if (receipt.Error == DeliveryError.NotAnswered)
            {
                Interlocked.Increment(ref (receipt.Reason ?? string.Empty).StartsWith("busy", StringComparison.Ordinal) ? ref _busy : ref _noAnswer);
            }
            else
            {
                Interlocked.Increment(ref _failed);
                Reasons.AddOrUpdate(CbcVoiceCommon.Reason("call", receipt.Error, receipt.Reason), 1, (_, n) => n + 1);
            }

            Done();
        }

        public void NotStarted()
        {
            Interlocked.Increment(ref _notStarted);
            Done();
        }

        private void Done()
        {
            if (Interlocked.Increment(ref _finished) == expected)
            {
                _all.TrySetResult();
            }
        }
    }
}
