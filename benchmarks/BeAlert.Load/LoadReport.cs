using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BeAlert.Load;

/// <summary>The measurements of one run: the common fields every scenario reports, and its own.</summary>
internal sealed class LoadReport(string scenario)
{
    private readonly JsonObject _fields = new() { ["scenario"] = scenario };

    public long Recipients { get; set; }

    public long Deliveries { get; set; }

    public double ElapsedSeconds { get; set; }

    /// <summary>A numeric field added before (0 when absent).</summary>
    public double Get(string name) => _fields[name] is JsonValue v && v.TryGetValue<double>(out var d) ? d : 0;

    /// <summary>Adds a scenario-specific field.</summary>
    public void Add(string name, JsonNode? value) => _fields[name] = value;

    /// <summary>Writes the report as the last line of stdout: scenario, recipients, deliveries, elapsed_s, per_s, peak_rss_mb and the rest.</summary>
    public void Write()
    {
        _fields["recipients"] = Recipients;
        _fields["deliveries"] = Deliveries;
        _fields["elapsed_s"] = Math.Round(ElapsedSeconds, 3);
        _fields["per_s"] = ElapsedSeconds > 0 ? Math.Round(Deliveries / ElapsedSeconds, 1) : 0;
        _fields["peak_rss_mb"] = Math.Round(PeakRssMegabytes(), 1);
        Console.Out.WriteLine(_fields.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
    }

    /// <summary>The process's peak resident set (VmHWM in /proc/self/status), or the current working set elsewhere.</summary>
    public static double PeakRssMegabytes()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    var kb = long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
                    return kb / 1024.0;
                }
            }
        }
        catch (IOException)
        {
        }

        using var self = Process.GetCurrentProcess();
        return self.PeakWorkingSet64 / (1024.0 * 1024.0);
    }

    /// <summary>The CPU time (user + system) a process has used so far, from /proc/PID/stat.</summary>
    public static TimeSpan ProcessCpu(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture); // utime, stime
        return TimeSpan.FromSeconds(ticks / 100.0); // USER_HZ is 100 on Linux
    }
}
