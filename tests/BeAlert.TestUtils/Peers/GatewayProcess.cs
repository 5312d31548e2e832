using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace BeAlert.TestUtils.Peers;

/// <summary>How to start a <see cref="GatewayProcess"/>.</summary>
public sealed class GatewayProcessOptions
{
    /// <summary>The data directory (<c>BeAlert:DataDirectory</c>); required, so that a restart finds the same data.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>More configuration, passed as <c>--key=value</c> on the command line (e.g. <c>BeAlert:Demo:Subscribers</c>).</summary>
    public IDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The gateway's dll; default <see cref="GatewayProcess.LocateGatewayDll"/>.</summary>
    public string? GatewayDll { get; init; }

    /// <summary>How long to wait for the ready banner and a 200 from <c>/health/ready</c>.</summary>
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(90);
}

/// <summary>
/// The real gateway as a child process (<c>dotnet BeAlert.Gateway.dll --urls http://127.0.0.1:0 …</c>): started,
/// waited for until its banner line "ready … on http://127.0.0.1:NNNN" and a 200 from <c>/health/ready</c>, then
/// stopped gracefully (SIGTERM) or killed (SIGKILL, for crash tests). Its output is kept for failure messages.
/// </summary>
public sealed partial class GatewayProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<Uri> _address = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private GatewayProcess(Process process) => _process = process;

    /// <summary>Where it listens, e.g. http://127.0.0.1:41234.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>From starting the process to the first 200 from <c>/health/ready</c>.</summary>
    public TimeSpan TimeToReady { get; private set; }

    /// <summary>The seconds the gateway itself reported in its banner (process start to listening).</summary>
    public double BannerSeconds { get; private set; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Everything the process wrote so far (stdout and stderr, interleaved by line).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the gateway and waits until it is ready; throws with its output when it is not in time.</summary>
    public static async Task<GatewayProcess> StartAsync(GatewayProcessOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var dll = options.GatewayDll ?? LocateGatewayDll();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(dll))!, // as when run from its folder: its appsettings.json applies
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        start.ArgumentList.Add("--BeAlert:DataDirectory=" + options.DataDirectory);
        foreach (var (key, value) in options.Settings)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
        Directory.CreateDirectory(options.DataDirectory);

        var clock = Stopwatch.StartNew();
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var gateway = new GatewayProcess(process);
        process.OutputDataReceived += (_, e) => gateway.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => gateway.OnLine(e.Data);
        process.Exited += (_, _) => gateway._address.TrySetException(new InvalidOperationException("The gateway exited before it was ready."));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.ReadyTimeout);
            gateway.BaseAddress = await gateway._address.Task.WaitAsync(timeout.Token).ConfigureAwait(false);
            using var http = new HttpClient { BaseAddress = gateway.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
            while (true)
            {
                using var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative), timeout.Token).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    break;
                }

                await Task.Delay(50, timeout.Token).ConfigureAwait(false);
            }

            gateway.TimeToReady = clock.Elapsed;
            return gateway;
        }
        catch (Exception e) when (e is OperationCanceledException or InvalidOperationException or HttpRequestException)
        {
            var output = gateway.Output;
            await gateway.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"The gateway did not become ready ({e.Message}). Its output:\n{output}", e);
        }
    }

    /// <summary>
    /// src/BeAlert.Gateway/bin/&lt;configuration&gt;/net10.0/BeAlert.Gateway.dll, the configuration being the running
    /// assembly's (Release or Debug).
    /// </summary>
    public static string LocateGatewayDll()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        var bin = Path.Combine(TestPaths.RepositoryRoot, "src", "BeAlert.Gateway", "bin");
        foreach (var candidate in new[] { configuration, configuration == "Release" ? "Debug" : "Release" })
        {
            var path = Path.Combine(bin, candidate, "net10.0", "BeAlert.Gateway.dll");
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException($"BeAlert.Gateway.dll not found under {bin}: build src/BeAlert.Gateway first.");
    }

    /// <summary>SIGKILL: no shutdown code runs, as in a crash or an OOM kill.</summary>
    public async Task KillHardAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
        }

        await _process.WaitForExitAsync().ConfigureAwait(false);
    }

    /// <summary>SIGTERM and wait (a graceful stop); SIGKILL after <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_process.HasExited)
        {
            return;
        }

        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", _process.Id.ToString(CultureInfo.InvariantCulture) }, UseShellExecute = false });
            await kill!.WaitForExitAsync().ConfigureAwait(false);
        }
        else
        {
            _process.Kill();
        }

        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await KillHardAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // never started
        }

        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        var match = ReadyLine().Match(line);
        if (match.Success)
        {
            BannerSeconds = double.Parse(match.Groups["s"].Value, CultureInfo.InvariantCulture);
            _address.TrySetResult(new Uri(match.Groups["url"].Value));
        }
    }

    [GeneratedRegex(@"ready (?<s>[0-9.]+) s after process start, on (?<url>http://127\.0\.0\.1:[0-9]+)")]
    private static partial Regex ReadyLine();
}
