using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using BeAlert.Cap;
using BeAlert.Cap.Geo;
using BeAlert.Dispatch;
using NetTopologySuite.Geometries;

namespace BeAlert.Load.Scenarios;

/// <summary>
/// The dispatch scenarios on a synthetic Belgium: <c>national</c> (everyone), <c>commune --nis N</c> (one municipality's
/// polygon) and <c>polygon</c> (a drawn polygon, by default about 10 km across around Gent). Each generates the
/// population (not timed as part of the campaign), times the targeting (median of several runs of counting the people
/// inside the area among every address point), then runs one campaign with the simulation transport and the SQLite
/// store (or the in-memory one) and times resolution + plan + sending + receipts + the final report.
/// </summary>
internal sealed class CampaignScenario(string name, string description) : ILoadScenario
{
    public string Name => name;

    public Command CreateCommand()
    {
        var subscribers = new Option<int>("--subscribers") { Description = "Synthetic subscribers (1,000 to 25,000,000).", DefaultValueFactory = _ => 11_500_000 };
        var channels = new Option<string>("--channels") { Description = "Channels, comma-separated: sms, email, voice.", DefaultValueFactory = _ => "sms,email,voice" };
        var store = new Option<string>("--store") { Description = "Delivery store: sqlite (a file in --data-dir) or memory.", DefaultValueFactory = _ => "sqlite" };
        store.AcceptOnlyFromAmong("sqlite", "memory");
        var dataDir = new Option<string?>("--data-dir") { Description = "Folder for the SQLite file (default: a new temporary folder, deleted at the end)." };
        var nis = new Option<int>("--nis") { Description = "commune: the municipality's NIS code.", DefaultValueFactory = _ => 44064 };
        var polygon = new Option<string?>("--polygon") { Description = "polygon: CAP polygon text 'lat,lon lat,lon ...' (closed)." };
        var rateLimits = new Option<bool>("--rate-limits") { Description = "Apply the configured rates (SMS 500/s, e-mail 2,500/s, voice 600/min) and report achieved/configured." };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the synthetic population.", DefaultValueFactory = _ => 20260305UL };
        var repeats = new Option<int>("--targeting-runs") { Description = "How many times the targeting is timed (1 to 50; the median is reported).", DefaultValueFactory = _ => 7 };
        var timeout = new Option<int>("--timeout-s") { Description = "Stop after this many seconds whatever happens (10 to 36,000).", DefaultValueFactory = _ => 1_800 };
        var command = new Command(Name, description) { subscribers, channels, store, dataDir, rateLimits, seed, repeats, timeout };
        if (Name == "commune")
        {
            command.Options.Add(nis);
        }

        if (Name == "polygon")
        {
            command.Options.Add(polygon);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var errors = new List<string>();
            var count = parse.GetValue(subscribers);
            if (count is < 1_000 or > 25_000_000)
            {
                errors.Add("--subscribers must be between 1,000 and 25,000,000.");
            }

            if (!TryParseChannels(parse.GetValue(channels)!, out var set, out var channelError))
            {
                errors.Add(channelError);
            }

            if (parse.GetValue(repeats) is < 1 or > 50)
            {
                errors.Add("--targeting-runs must be between 1 and 50.");
            }

            if (parse.GetValue(timeout) is < 10 or > 36_000)
            {
                errors.Add("--timeout-s must be between 10 and 36,000.");
            }

            Geometry? area = null;
            var locator = new CapAreaLocator();
            if (Name == "commune")
            {
                var code = parse.GetValue(nis).ToString(CultureInfo.InvariantCulture);
                if (locator.Boundaries.TryFind(code, out var unit) && unit!.Level == AdministrativeLevel.Municipality)
                {
                    area = unit.GetGeometry();
                }
                else
                {
                    errors.Add($"--nis {code} is not the NIS code of a Belgian municipality.");
                }
            }
            else if (Name == "polygon")
            {
                var text = parse.GetValue(polygon) ?? DefaultPolygon;
                var points = ParsePoints(text);
                var geometry = points is null ? null : locator.Locate(new CapArea("load polygon") { Polygons = [new CapPolygon(points)] });
                if (geometry is null)
                {
                    errors.Add("--polygon must be 'lat,lon lat,lon ...' with at most 10,000 points.");
                }
                else if (geometry.HasErrors || geometry.IsEmpty)
                {
                    errors.Add("--polygon is not a usable CAP polygon: " + string.Join("; ", geometry.Diagnostics.Select(d => d.Message)));
                }
                else
                {
                    area = geometry.GetGeometry();
                }
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
                return await RunAsync(
                    count, set, area, parse.GetValue(store) == "sqlite", parse.GetValue(dataDir), parse.GetValue(rateLimits),
                    parse.GetValue(seed), parse.GetValue(repeats), deadline.Token);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                Console.Error.WriteLine($"BeAlert.Load {Name}: stopped after --timeout-s {parse.GetValue(timeout)} s.");
                return 1;
            }
        });
        return command;
    }

    // About 10 km across, around Gent's centre (lat,lon pairs, closed).
    private const string DefaultPolygon = "51.10,3.65 51.10,3.80 51.01,3.80 51.01,3.65 51.10,3.65";

    private async Task<int> RunAsync(
        int count, DeliveryChannels channels, Geometry? area, bool sqlite, string? dataDir, bool rateLimits, ulong seed, int repeats, CancellationToken cancellationToken)
    {
        var report = new LoadReport(Name);
        var total = Stopwatch.StartNew();
        Console.Error.WriteLine($"generating {count:N0} synthetic subscribers (seed {seed})...");
        var directory = SyntheticBelgium.CreateDirectory(new SyntheticBelgiumOptions { Count = count, Seed = seed });
        var generate = total.Elapsed;
        Console.Error.WriteLine($"  {generate.TotalSeconds:F1} s; {LoadReport.PeakRssMegabytes():N0} MB peak so far");
        var resolver = new AudienceResolver(directory);
        var spec = area is null ? AudienceSpec.ForEveryone() : AudienceSpec.ForArea(area);

        if (area is not null)
        {
            var times = new double[repeats];
            AreaCount inside = default;
            for (var i = 0; i < repeats; i++)
            {
                var watch = Stopwatch.StartNew();
                inside = resolver.CountInArea(area);
                times[i] = watch.Elapsed.TotalMilliseconds;
            }

            Array.Sort(times);
            report.Add("targeting_median_ms", Math.Round(times[repeats / 2], 2));
            report.Add("targeting_min_ms", Math.Round(times[0], 2));
            report.Add("targeting_max_ms", Math.Round(times[^1], 2));
            report.Add("people_in_area", inside.People);
            report.Add("addresses_in_area", inside.Addresses);
            Console.Error.WriteLine($"targeting among {directory.AddressCount:N0} address points: median {times[repeats / 2]:F1} ms ({inside.People:N0} people)");
        }

        var alert = CapParser.Default.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Data", "be-fire-gent-nl-fr.xml"))).Alert;
        var folder = dataDir ?? Directory.CreateTempSubdirectory("bealert-load-").FullName;
        Directory.CreateDirectory(folder);
        var dbPath = Path.Combine(folder, $"dispatch-{Guid.NewGuid():N}.db");
        try
        {
            await using IDeliveryStore store = sqlite
                ? SqliteDeliveryStore.Open(new SqliteDeliveryStoreOptions { Path = dbPath })
                : new InMemoryDeliveryStore();
            var options = new DispatchOptions { RateLimitsEnabled = rateLimits };
            IDeliveryTransport[] transports =
            [
                new SimulationTransport(new SimulationOptions { Channel = DeliveryChannel.Sms }),
                new SimulationTransport(new SimulationOptions { Channel = DeliveryChannel.Email }),
                new SimulationTransport(new SimulationOptions { Channel = DeliveryChannel.Voice }),
            ];
            await using var engine = new DispatchEngine(store, transports, options);
            await engine.StartAsync(cancellationToken);

            var clock = Stopwatch.StartNew();
            var resolution = resolver.Resolve(spec, alert, channels);
            var resolveTime = clock.Elapsed;
            var handle = await engine.StartCampaignAsync(new CampaignRequest(alert, channels, resolution) { IsSimulation = true, Name = Name }, cancellationToken);
            var progress = Task.Run(
                async () =>
                {
                    await foreach (var snapshot in handle.Progress.WithCancellation(cancellationToken))
                    {
                        var line = string.Join("  ", snapshot.Channels.Select(c => $"{c.Channel} {c.Delivered + c.Failed + c.Skipped + c.Cancelled:N0}/{c.Targeted:N0}"));
                        Console.Error.WriteLine($"  {clock.Elapsed.TotalSeconds,6:F1} s  {line}  rss {LoadReport.PeakRssMegabytes():N0} MB");
                    }
                },
                cancellationToken);
            var campaign = await handle.Completion.WaitAsync(cancellationToken);
            var elapsed = clock.Elapsed;
            await progress.ConfigureAwait(false);

            report.Recipients = campaign.Channels.Count == 0 ? 0 : campaign.Channels.Max(c => c.Targeted);
            report.Deliveries = campaign.Channels.Sum(c => c.Targeted);
            report.ElapsedSeconds = elapsed.TotalSeconds;
            report.Add("store", sqlite ? "sqlite" : "memory");
            report.Add("subscribers", count);
            report.Add("address_points", directory.AddressCount);
            report.Add("generate_s", Math.Round(generate.TotalSeconds, 2));
            report.Add("resolve_setup_ms", Math.Round(resolveTime.TotalMilliseconds, 2));
            report.Add("delivered", campaign.Channels.Sum(c => c.Delivered));
            report.Add("failed", campaign.Channels.Sum(c => c.Failed));
            report.Add("unfinished", campaign.Channels.Sum(c => c.Unfinished));
            report.Add("status", campaign.Status.ToString());
            report.Add("cost_eur", (double)campaign.TotalCost);
            report.Add("rate_limits", rateLimits);
            var perChannel = new JsonObject();
            foreach (var c in campaign.Channels)
            {
                var configured = rateLimits ? options.Channels[c.Channel].RatePerSecond : null;
                perChannel[c.Channel.ToString().ToLowerInvariant()] = new JsonObject
                {
                    ["targeted"] = c.Targeted,
                    ["delivered"] = c.Delivered,
                    ["achieved_per_s"] = Math.Round(c.AchievedRate, 1),
                    ["configured_per_s"] = configured,
                    ["achieved_over_configured"] = configured is > 0 ? Math.Round(c.AchievedRate / configured.Value, 4) : null,
                    ["duration_s"] = Math.Round(c.Duration.TotalSeconds, 2),
                };
            }

            report.Add("channels", perChannel);
            if (sqlite)
            {
                // The database and its write-ahead log, before the store closes and checkpoints.
                var bytes = Directory.EnumerateFiles(folder, Path.GetFileName(dbPath) + "*").Sum(f => new FileInfo(f).Length);
                report.Add("sqlite_mb", Math.Round(bytes / (1024.0 * 1024.0), 1));
            }
        }
        finally
        {
            foreach (var file in Directory.EnumerateFiles(folder, Path.GetFileName(dbPath) + "*"))
            {
                File.Delete(file);
            }

            if (dataDir is null)
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        report.Write();
        return 0;
    }

    private static List<CapPoint>? ParsePoints(string text)
    {
        var pairs = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (pairs.Length > 10_000)
        {
            return null;
        }

        var points = new List<CapPoint>(pairs.Length);
        foreach (var pair in pairs)
        {
            var parts = pair.Split(',');
            if (parts.Length != 2
                || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
                || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon))
            {
                return null;
            }

            points.Add(new CapPoint(lat, lon));
        }

        return points;
    }

    private static bool TryParseChannels(string text, out DeliveryChannels channels, out string error)
    {
        channels = DeliveryChannels.None;
        error = string.Empty;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            switch (part.ToLowerInvariant())
            {
                case "sms": channels |= DeliveryChannels.Sms; break;
                case "email": channels |= DeliveryChannels.Email; break;
                case "voice": channels |= DeliveryChannels.Voice; break;
                default:
                    error = $"--channels: unknown channel '{part}' (use sms, email, voice).";
                    return false;
            }
        }

        if (channels == DeliveryChannels.None)
        {
            error = "--channels: give at least one of sms, email, voice.";
            return false;
        }

        return true;
    }
}
