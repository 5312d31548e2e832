using System.Diagnostics;
using System.Globalization;
using BeAlert.Cap;
using BeAlert.Cap.Geo;
using BeAlert.Dispatch;

namespace BeAlert.Benchmarks.Dispatch;

/// <summary>
/// One-off measurement at national scale (not a BenchmarkDotNet run: building 11.5 million subscribers takes seconds,
/// too long to repeat per iteration). Run from the repository root:
/// <c>dotnet run -c Release --project benchmarks/BeAlert.Benchmarks -- population-scale [count]</c>.
/// Prints generation time, directory memory, and resolution times (median of several runs, after a warm-up) for
/// municipality 44064 (Sint-Martens-Latem) as a polygon, a 10 km circle around Gent, the municipality by NIS code,
/// and "everyone" streamed.
/// </summary>
internal static class PopulationScale
{
    public static int Run(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 11_500_000;
        _ = BelgianBoundaries.Default.Municipalities.Count;
        GC.Collect();
        var before = GC.GetTotalMemory(true);
        var stopwatch = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        _ = SyntheticBelgium.CreateDirectory(new SyntheticBelgiumOptions { Count = 1 }); // boundaries, triangles, street tables: once per process
        var model = stopwatch.Elapsed;
        var modelCpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        stopwatch.Restart();
        cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var directory = SyntheticBelgium.CreateDirectory(new SyntheticBelgiumOptions { Count = count });
        var generate = stopwatch.Elapsed;
        var generateCpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var after = GC.GetTotalMemory(true);
        Console.WriteLine($"subscribers {directory.Count:N0}, address points {directory.AddressCount:N0}");
        Console.WriteLine($"one-time model (triangulate 581 municipalities, street tables): {model.TotalSeconds:F2} s wall, {modelCpu.TotalSeconds:F2} s CPU");
        Console.WriteLine($"generate + index: {generate.TotalSeconds:F2} s wall, {generateCpu.TotalSeconds:F2} s CPU (all threads)");
        Console.WriteLine($"directory memory: managed heap growth {(after - before) / 1048576.0:F0} MiB; columns estimate {directory.EstimatedMemoryBytes / 1048576.0:F0} MiB; process peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MiB");

        var resolver = new AudienceResolver(directory);
        var languages = new LanguageChooser(["nl-BE", "fr-BE", "de-BE", "en-US"]);
        var channels = DeliveryChannels.Sms | DeliveryChannels.Voice | DeliveryChannels.Email;
        var latem = CapAreaLocator.Default.Locate(new CapArea("Sint-Martens-Latem") { Geocodes = [new CapNamedValue("NIS", "44064")] });
        var circle = CapAreaLocator.Default.Locate(new CapArea("10 km around Gent") { Circles = [new CapCircle(new CapPoint(51.0543, 3.7174), 10)] });

        Measure("area: polygon of 44064 (count people)", () => resolver.CountInArea(latem).People);
        Measure("area: 10 km circle around Gent (count people)", () => resolver.CountInArea(circle).People);
        Measure("resolve polygon 44064 + count by channel/language", () => resolver.Resolve(AudienceSpec.ForArea(latem), languages, channels).Count().Recipients);
        Measure("resolve 10 km circle + stream members", () => resolver.Resolve(AudienceSpec.ForArea(circle), languages, channels).LongCount());
        Measure("resolve municipality 44064 by NIS + stream members", () => resolver.Resolve(AudienceSpec.ForMunicipalities(44064), languages, channels).LongCount());
        Measure("resolve everyone + stream members", () => resolver.Resolve(AudienceSpec.ForEveryone(), languages, channels).LongCount(), runs: 3);
        Console.WriteLine($"process peak working set after queries: {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MiB");
        return 0;
    }

    private static void Measure(string what, Func<long> action, int runs = 9)
    {
        var result = action(); // warm-up
        var times = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            result = action();
            times[i] = stopwatch.Elapsed.TotalMilliseconds;
        }

        Array.Sort(times);
        Console.WriteLine($"{what}: median {times[runs / 2]:F1} ms (min {times[0]:F1}, max {times[^1]:F1}) -> {result:N0}");
    }
}
