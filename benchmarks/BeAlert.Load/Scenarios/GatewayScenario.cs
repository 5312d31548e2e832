using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using BeAlert.Gateway.Hosting;
using BeAlert.Gateway.Security;
using BeAlert.TestUtils.Peers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace BeAlert.Load.Scenarios;

/// <summary>
/// The gateway under HTTP load on loopback, each measurement side by side with <c>/_load/baseline</c> (the same
/// Kestrel, middleware and connection, a constant answer of the same size, no work), so the ratio says what the
/// endpoint itself costs:
/// <list type="bullet">
/// <item><c>gateway-ingest</c>: N clients POST distinct valid CAP alerts (a sample with unique identifiers) to
/// <c>/api/alerts</c> with an operator key for a fixed time; alerts/s, p50/p95/p99, errors; SQLite in a temp folder.</item>
/// <item><c>gateway-feeds</c>: a vendor key GETs <c>/api/feeds/atom</c> without and with <c>If-None-Match</c>, and
/// anyone GETs <c>/api/public/alerts.geojson</c>, after some alerts were posted; then both again with
/// <c>Accept-Encoding: gzip</c> (<c>atom_gzip</c>, <c>geojson_gzip</c>; the body is not decompressed); req/s, p99.</item>
/// <item><c>gateway-template</c>: an operator saves a template (the Gent sample, SMS + e-mail to Gent) and sends it
/// <c>--runs</c> times, one after the other; each run is timed from just before <c>POST /api/templates/{id}/send</c> to
/// the moment the simulation transport accepts the campaign's first message (the issue's "call to first message handed
/// to a transport"), then the campaign is cancelled so the next run starts on an idle engine.</item>
/// <item><c>gateway-startup</c>: starts the real process (<c>dotnet BeAlert.Gateway.dll</c>) with N synthetic
/// subscribers and times it to a 200 from <c>/health/ready</c>.</item>
/// </list>
/// </summary>
internal sealed class GatewayScenario(string name, string description) : ILoadScenario
{
    public string Name => name;

    public Command CreateCommand()
    {
        var clients = new Option<int>("--clients") { Description = "Concurrent HTTP clients (1 to 1,024), each its own connection.", DefaultValueFactory = _ => name == "gateway-feeds" ? 64 : 32 };
        var duration = new Option<double>("--duration-s") { Description = "Seconds each phase runs (0.5 to 600).", DefaultValueFactory = _ => 10 };
        var requests = new Option<int>("--requests") { Description = "Stop each phase after this many requests instead (0: by time only).", DefaultValueFactory = _ => 0 };
        var baseline = new Option<bool>("--no-baseline") { Description = "Skip the baseline phase." };
        var subscribers = new Option<int>("--subscribers") { Description = "Synthetic subscribers at start.", DefaultValueFactory = _ => name is "gateway-startup" or "gateway-template" ? 100_000 : 0 };
        var runs = new Option<int>("--runs") { Description = name == "gateway-template" ? "How many sends (1 to 1,000; median, p95 and max are reported)." : "How many starts (1 to 20; the median is reported).", DefaultValueFactory = _ => name == "gateway-template" ? 50 : 3 };
        var warmup = new Option<double>("--warmup-s") { Description = "Seconds of warm-up before each measured phase, baseline included (0 to 120): the JIT's tiered compilation reaches its optimised code only after a few thousand calls, and a server runs warm.", DefaultValueFactory = _ => 10 };
        var timeout = new Option<int>("--timeout-s") { Description = "Stop after this many seconds whatever happens (10 to 36,000).", DefaultValueFactory = _ => 600 };
        var command = new Command(Name, description) { clients, duration, requests, baseline, subscribers, timeout };
        if (name is "gateway-ingest" or "gateway-feeds")
        {
            command.Options.Add(warmup);
        }

        if (name is "gateway-startup" or "gateway-template")
        {
            command.Options.Add(runs);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = new Settings(
                parse.GetValue(clients), parse.GetValue(duration), parse.GetValue(requests), !parse.GetValue(baseline), parse.GetValue(subscribers), name is "gateway-startup" or "gateway-template" ? parse.GetValue(runs) : 1,
                name is "gateway-ingest" or "gateway-feeds" ? parse.GetValue(warmup) : 0);
            var errors = settings.Validate();
            if (parse.GetValue(timeout) is < 10 or > 36_000)
            {
                errors.Add("--timeout-s must be between 10 and 36,000.");
            }

            foreach (var error in errors)
            {
                Console.Error.WriteLine("BeAlert.Load " + Name + ": " + error);
            }

            if (errors.Count > 0)
            {
                return 2;
            }

            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(TimeSpan.FromSeconds(parse.GetValue(timeout)));
            try
            {
                return name switch
                {
                    "gateway-startup" when settings.Runs > 20 => Refuse("--runs must be between 1 and 20 for gateway-startup."),
                    "gateway-startup" => await StartupAsync(settings, deadline.Token),
                    _ => await HttpLoadAsync(settings, deadline.Token),
                };
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                Console.Error.WriteLine($"BeAlert.Load {Name}: stopped after --timeout-s {parse.GetValue(timeout)} s.");
                return 1;
            }
        });
        return command;
    }

    private int Refuse(string error)
    {
        Console.Error.WriteLine("BeAlert.Load " + Name + ": " + error);
        return 2;
    }

    private sealed record Settings(int Clients, double DurationSeconds, int Requests, bool Baseline, int Subscribers, int Runs, double WarmupSeconds)
    {
        public List<string> Validate()
        {
            var errors = new List<string>();
            if (Clients is < 1 or > 1_024)
            {
                errors.Add("--clients must be between 1 and 1,024.");
            }

            if (DurationSeconds is < 0.5 or > 600)
            {
                errors.Add("--duration-s must be between 0.5 and 600.");
            }

            if (Requests is < 0 or > 100_000_000)
            {
                errors.Add("--requests must be between 0 and 100,000,000.");
            }

            if (Subscribers is < 0 or > 20_000_000)
            {
                errors.Add("--subscribers must be between 0 and 20,000,000.");
            }

            if (WarmupSeconds is < 0 or > 120)
            {
                errors.Add("--warmup-s must be between 0 and 120.");
            }

            if (Runs is < 1 or > 1_000)
            {
                errors.Add("--runs must be between 1 and 1,000 (gateway-startup: 20).");
            }

            return errors;
        }
    }

    private async Task<int> StartupAsync(Settings settings, CancellationToken cancellationToken)
    {
        var report = new LoadReport(Name);
        var times = new List<double>();
        var banners = new List<double>();
        for (var run = 0; run < settings.Runs; run++)
        {
            var data = Directory.CreateTempSubdirectory("bealert-load-startup-").FullName;
            try
            {
                await using var gateway = await GatewayProcess.StartAsync(
                    new GatewayProcessOptions
                    {
                        DataDirectory = data,
                        Settings = new Dictionary<string, string> { ["BeAlert:Demo:Subscribers"] = settings.Subscribers.ToString(CultureInfo.InvariantCulture) },
                    },
                    cancellationToken);
                times.Add(gateway.TimeToReady.TotalSeconds);
                banners.Add(gateway.BannerSeconds);
                Console.Error.WriteLine($"run {run + 1}: ready in {gateway.TimeToReady.TotalSeconds:F2} s (banner {gateway.BannerSeconds:F1} s)");
                await gateway.StopAsync(TimeSpan.FromSeconds(20));
            }
            finally
            {
                Directory.Delete(data, recursive: true);
            }
        }

        times.Sort();
        report.Recipients = settings.Subscribers;
        report.ElapsedSeconds = times[times.Count / 2];
        report.Add("subscribers", settings.Subscribers);
        report.Add("runs", settings.Runs);
        report.Add("time_to_ready_median_s", Math.Round(times[times.Count / 2], 3));
        report.Add("time_to_ready_min_s", Math.Round(times[0], 3));
        report.Add("time_to_ready_max_s", Math.Round(times[^1], 3));
        report.Add("banner_median_s", Math.Round(banners.Order().ElementAt(banners.Count / 2), 1));
        report.Write();
        return 0;
    }

    private async Task<int> HttpLoadAsync(Settings settings, CancellationToken cancellationToken)
    {
        var data = Directory.CreateTempSubdirectory("bealert-load-gw-").FullName;
        var operatorKey = AccessKeyFormat.NewKey();
        var vendorKey = AccessKeyFormat.NewKey();
        var app = GatewayApp.Build(
            [
                "--urls=http://127.0.0.1:0",
                "--BeAlert:DataDirectory=" + data,
                "--BeAlert:Demo:Subscribers=" + settings.Subscribers.ToString(CultureInfo.InvariantCulture),
                $"--BeAlert:Demo:Keys:{DemoKeyNames.Commune}={operatorKey}",
                $"--BeAlert:Demo:Keys:{DemoKeyNames.Vendor}={vendorKey}",
                "--BeAlert:Load:Baseline=true",
                "--BeAlert:Limits:RequestsPerSecondPerKey=1000000",
                "--BeAlert:Limits:AnonymousRequestsPerSecond=1000000",
                "--Logging:LogLevel:Default=Warning",
                "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning",
                // Logs go to stderr with the progress: stdout's last line is the JSON report.
                "--Logging:Console:LogToStandardErrorThreshold=Trace",
            ]);
        try
        {
            await app.StartAsync(cancellationToken);
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            Console.Error.WriteLine($"gateway in-process on {address} (SQLite in {data}), {settings.Clients} clients");
            // The sample, in force now (sent now, expires in 6 h), so that the alerts are active and the feeds full.
            var now = TimeProvider.System.GetUtcNow();
            var sample = (await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Data", "be-fire-gent-nl-fr.xml"), cancellationToken))
                .Replace("2026-11-20T09:12:00+01:00", now.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + "-00:00", StringComparison.Ordinal)
                .Replace("2026-11-20T15:00:00+01:00", now.AddHours(6).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + "-00:00", StringComparison.Ordinal);
            var run = Guid.NewGuid().ToString("N")[..8];
            var report = new LoadReport(Name);
            report.Add("clients", settings.Clients);
            report.Add("store", "sqlite");
            int result;
            if (Name == "gateway-template")
            {
                result = await TemplateAsync(app, address, operatorKey, sample, settings, report, cancellationToken);
            }
            else if (Name == "gateway-ingest")
            {
                var next = 0L;
                HttpRequestMessage Alert(string path)
                {
                    var id = $"BE-LOAD-{run}-{Interlocked.Increment(ref next):D9}";
                    return new HttpRequestMessage(HttpMethod.Post, path)
                    {
                        Content = new StringContent(sample.Replace("BE-GENT-2026-0412", id, StringComparison.Ordinal), Encoding.UTF8, "application/cap+xml"),
                    };
                }

                await WarmUpAsync("warm-up ingest", address, operatorKey, settings, () => Alert("/api/alerts"), cancellationToken);
                var measured = await PhaseAsync("ingest", address, operatorKey, settings, () => Alert("/api/alerts"), cancellationToken);
                measured.AddTo(report, "");
                report.Deliveries = measured.Ok;
                report.ElapsedSeconds = measured.Elapsed.TotalSeconds;
                report.Add("alerts_per_s", Math.Round(measured.PerSecond, 1));
                result = measured.Errors == 0 && measured.Ok > 0 ? 0 : 1;
                if (settings.Baseline)
                {
                    await WarmUpAsync("warm-up baseline", address, operatorKey, settings, () => Alert("/_load/baseline"), cancellationToken);
                    var baseline = await PhaseAsync("baseline", address, operatorKey, settings, () => Alert("/_load/baseline"), cancellationToken);
                    baseline.AddTo(report, "baseline_");
                    report.Add("ratio", baseline.PerSecond > 0 ? Math.Round(measured.PerSecond / baseline.PerSecond, 3) : 0);
                }
            }
            else
            {
                // Some alerts to serve.
                using (var seed = Client(address, operatorKey))
                {
                    for (var i = 0; i < 20; i++)
                    {
                        using var content = new StringContent(sample.Replace("BE-GENT-2026-0412", $"BE-LOAD-{run}-FEED-{i:D3}", StringComparison.Ordinal), Encoding.UTF8, "application/cap+xml");
                        using var response = await seed.PostAsync(new Uri("/api/alerts", UriKind.Relative), content, cancellationToken);
                        if (!response.IsSuccessStatusCode)
                        {
                            Console.Error.WriteLine($"seeding alert {i}: {(int)response.StatusCode}");
                        }
                    }
                }

                string? etag;
                using (var probe = Client(address, vendorKey))
                {
                    using var first = await probe.GetAsync(new Uri("/api/feeds/atom", UriKind.Relative), cancellationToken);
                    etag = first.Headers.ETag?.ToString();
                    Console.Error.WriteLine($"atom feed: {(int)first.StatusCode}, ETag {etag ?? "(none)"}");
                }

                result = 0;
                var phases = new (string Label, string Key, Func<HttpRequestMessage> Request)[]
                {
                    ("atom", vendorKey, () => new HttpRequestMessage(HttpMethod.Get, "/api/feeds/atom")),
                    ("atom_304", vendorKey, () =>
                    {
                        var r = new HttpRequestMessage(HttpMethod.Get, "/api/feeds/atom");
                        if (etag is not null)
                        {
                            r.Headers.TryAddWithoutValidation("If-None-Match", etag);
                        }

                        return r;
                    }),
                    ("geojson", string.Empty, () => new HttpRequestMessage(HttpMethod.Get, "/api/public/alerts.geojson")),

                    // Feed readers and browsers send Accept-Encoding: the same feeds, served from the cached gzip bytes.
                    ("atom_gzip", vendorKey, () => Gzip(new HttpRequestMessage(HttpMethod.Get, "/api/feeds/atom"))),
                    ("geojson_gzip", string.Empty, () => Gzip(new HttpRequestMessage(HttpMethod.Get, "/api/public/alerts.geojson"))),
                };
                long total = 0;
                var elapsed = 0.0;
                foreach (var (label, key, request) in phases)
                {
                    await WarmUpAsync("warm-up " + label, address, key, settings, request, cancellationToken);
                    var measured = await PhaseAsync(label, address, key, settings, request, cancellationToken);
                    measured.AddTo(report, label + "_");
                    total += measured.Ok;
                    elapsed += measured.Elapsed.TotalSeconds;
                    result |= measured.Errors == 0 && measured.Ok > 0 ? 0 : 1;
                }

                report.Deliveries = total;
                report.ElapsedSeconds = elapsed;
                if (settings.Baseline)
                {
                    await WarmUpAsync("warm-up baseline", address, vendorKey, settings, () => new HttpRequestMessage(HttpMethod.Get, "/_load/baseline"), cancellationToken);
                    var baseline = await PhaseAsync("baseline", address, vendorKey, settings, () => new HttpRequestMessage(HttpMethod.Get, "/_load/baseline"), cancellationToken);
                    baseline.AddTo(report, "baseline_");
                    foreach (var (label, _, _) in phases)
                    {
                        var perSecond = report.Get(label + "_req_per_s");
                        report.Add(label + "_ratio", baseline.PerSecond > 0 ? Math.Round(perSecond / baseline.PerSecond, 3) : 0);
                    }
                }
            }

            report.Write();
            return result;
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>Template sends, one after the other: call to the first message accepted by the simulation transport.</summary>
    private static async Task<int> TemplateAsync(WebApplication app, Uri address, string operatorKey, string sample, Settings settings, LoadReport report, CancellationToken cancellationToken)
    {
        var sink = app.Services.GetRequiredService<BeAlert.Gateway.Campaigns.SimulationSink>();
        using var client = Client(address, operatorKey);
        var template = new JsonObject
        {
            ["name"] = "Load: haven fire",
            ["capXml"] = sample,
            ["channels"] = new JsonArray("sms", "email"),
            ["audience"] = new JsonObject { ["municipalities"] = new JsonArray(44021) },
        };
        string id;
        using (var created = await client.PostAsync(new Uri("/api/templates", UriKind.Relative), new StringContent(template.ToJsonString(), Encoding.UTF8, "application/json"), cancellationToken))
        {
            var body = await created.Content.ReadAsStringAsync(cancellationToken);
            if (created.StatusCode != HttpStatusCode.Created)
            {
                Console.Error.WriteLine($"creating the template: {(int)created.StatusCode} {body}");
                return 1;
            }

            id = JsonNode.Parse(body)!["id"]!.GetValue<string>();
        }

        var times = new List<double>();
        long people = 0;
        var errors = 0;
        var total = Stopwatch.StartNew();
        for (var i = 0; i < settings.Runs; i++)
        {
            var start = Stopwatch.GetTimestamp();
            using var sent = await client.PostAsync(new Uri($"/api/templates/{id}/send", UriKind.Relative), new StringContent("{}", Encoding.UTF8, "application/json"), cancellationToken);
            var body = await sent.Content.ReadAsStringAsync(cancellationToken);
            if (sent.StatusCode != HttpStatusCode.Accepted)
            {
                Console.Error.WriteLine($"  send {i + 1}: {(int)sent.StatusCode} {body}");
                errors++;
                continue;
            }

            var json = JsonNode.Parse(body)!;
            people = json["audience"]?["people"]?.GetValue<long>() ?? 0;
            var campaign = Guid.Parse(json["id"]!.GetValue<string>());
            var first = await sink.FirstMessageAsync(campaign).WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
            var ms = Stopwatch.GetElapsedTime(start, first).TotalMilliseconds;
            times.Add(ms);
            Console.Error.WriteLine($"  send {i + 1,4}: first message after {ms,8:F1} ms ({people:N0} people)");
            using var cancel = await client.PostAsync(new Uri($"/api/campaigns/{campaign}/cancel", UriKind.Relative), new StringContent("{}", Encoding.UTF8, "application/json"), cancellationToken);
        }

        times.Sort();
        double At(double p) => times.Count == 0 ? 0 : times[Math.Min(times.Count - 1, (int)Math.Ceiling(p / 100 * times.Count) - 1)];
        Console.Error.WriteLine($"template send, call to first message at the transport, {times.Count} runs: median {At(50):F1} ms, p95 {At(95):F1} ms, max {(times.Count == 0 ? 0 : times[^1]):F1} ms");
        report.Recipients = people;
        report.Deliveries = times.Count;
        report.ElapsedSeconds = total.Elapsed.TotalSeconds;
        report.Add("subscribers", settings.Subscribers);
        report.Add("runs", settings.Runs);
        report.Add("people_per_send", people);
        report.Add("errors", errors);
        report.Add("first_message_median_ms", Math.Round(At(50), 1));
        report.Add("first_message_p95_ms", Math.Round(At(95), 1));
        report.Add("first_message_max_ms", Math.Round(times.Count == 0 ? 0 : times[^1], 1));
        return errors == 0 && times.Count > 0 ? 0 : 1;
    }

    private static HttpRequestMessage Gzip(HttpRequestMessage request)
    {
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");
        return request;
    }

    private static HttpClient Client(Uri address, string key)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1, UseCookies = false, AutomaticDecompression = DecompressionMethods.None })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromSeconds(30),
        };
        if (!string.IsNullOrEmpty(key))
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    /// <summary>
    /// Warms a phase up by time (<c>--warmup-s</c>), whatever <c>--requests</c> says: the first seconds of a fresh process
    /// run partly in the JIT's unoptimised tier, which is not what a running server does. Not measured.
    /// </summary>
    private static Task WarmUpAsync(string label, Uri address, string key, Settings settings, Func<HttpRequestMessage> request, CancellationToken cancellationToken) =>
        settings.WarmupSeconds <= 0
            ? Task.CompletedTask
            : PhaseAsync(label, address, key, settings with { DurationSeconds = settings.WarmupSeconds, Requests = 0 }, request, cancellationToken);

    /// <summary>Runs one phase: every client sends one request after the other until the time or the count is up.</summary>
    private static async Task<Phase> PhaseAsync(string label, Uri address, string key, Settings settings, Func<HttpRequestMessage> request, CancellationToken cancellationToken)
    {
        var clients = Enumerable.Range(0, settings.Clients).Select(_ => Client(address, key)).ToArray();
        var latencies = new List<double>[settings.Clients];
        var statuses = new System.Collections.Concurrent.ConcurrentDictionary<int, long>();
        long issued = 0, bytes = 0;
        var clock = Stopwatch.StartNew();
        var until = TimeSpan.FromSeconds(settings.DurationSeconds);
        try
        {
            await Task.WhenAll(clients.Select((client, index) => Task.Run(
                async () =>
                {
                    var mine = latencies[index] = new List<double>(4096);

                    // Bodies are read to the end and dropped into one buffer per client, as load tools (wrk, h2load)
                    // do: a body bought as a fresh array per response would make the driver's own allocations (large
                    // object heap for feeds over 85 KB) the ceiling instead of the server.
                    var sink = new byte[64 * 1024];
                    while (!cancellationToken.IsCancellationRequested)
                    {
                        if (settings.Requests > 0 ? Interlocked.Increment(ref issued) > settings.Requests : clock.Elapsed >= until)
                        {
                            break;
                        }

                        using var message = request();
                        var start = Stopwatch.GetTimestamp();
                        int status;
                        try
                        {
                            using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                            long length = 0;
                            int read;
                            while ((read = await body.ReadAsync(sink, cancellationToken)) > 0)
                            {
                                length += read;
                            }

                            Interlocked.Add(ref bytes, length);
                            status = (int)response.StatusCode;
                        }
                        catch (HttpRequestException)
                        {
                            status = 0;
                        }

                        mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                        statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                    }
                },
                cancellationToken)));
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }

        var elapsed = clock.Elapsed;
        var all = latencies.Where(l => l is not null).SelectMany(l => l).Order().ToArray();
        var ok = statuses.Where(s => s.Key is >= 200 and < 400).Sum(s => s.Value);
        var phase = new Phase(label, elapsed, ok, all.Length - ok, all, statuses.ToDictionary(), all.Length == 0 ? 0 : bytes / all.Length);
        Console.Error.WriteLine(
            $"  {label,-12} {all.Length,8:N0} requests in {elapsed.TotalSeconds,5:F1} s: {phase.PerSecond,9:N0}/s  p50 {phase.Percentile(50):F2} ms  p95 {phase.Percentile(95):F2} ms  p99 {phase.Percentile(99):F2} ms  "
            + $"status {string.Join(' ', phase.Statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}x{s.Value}"))}");
        return phase;
    }

    private sealed record Phase(string Label, TimeSpan Elapsed, long Ok, long Errors, double[] Sorted, Dictionary<int, long> Statuses, long MeanResponseBytes)
    {
        public double PerSecond => Elapsed.TotalSeconds > 0 ? Sorted.Length / Elapsed.TotalSeconds : 0;

        public double Percentile(double p) => Sorted.Length == 0 ? 0 : Sorted[Math.Min(Sorted.Length - 1, (int)Math.Ceiling(p / 100 * Sorted.Length) - 1)];

        public void AddTo(LoadReport report, string prefix)
        {
            report.Add(prefix + "requests", Sorted.Length);
            report.Add(prefix + "req_per_s", Math.Round(PerSecond, 1));
            report.Add(prefix + "p50_ms", Math.Round(Percentile(50), 3));
            report.Add(prefix + "p95_ms", Math.Round(Percentile(95), 3));
            report.Add(prefix + "p99_ms", Math.Round(Percentile(99), 3));
            report.Add(prefix + "errors", Errors);
            report.Add(prefix + "response_bytes", MeanResponseBytes);
            var statuses = new JsonObject();
            foreach (var (status, count) in Statuses.OrderBy(s => s.Key))
            {
                statuses[status.ToString(CultureInfo.InvariantCulture)] = count;
            }

            report.Add(prefix + "statuses", statuses);
        }
    }
}
