using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;

namespace BeAlert.TestUtils;

/// <summary>
/// Starts tests/peers/smsc.js (an SMSC built on the npm <c>smpp</c> package, not our code) on 127.0.0.1 and a free
/// port, talks to it through its stdin/stdout control channel, and kills it on dispose. Every wait is bounded.
/// </summary>
public sealed class NodeSmscPeer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(10);
    private readonly Process _process;
    private readonly Channel<string> _replies = Channel.CreateUnbounded<string>();
    private readonly TaskCompletionSource<int> _port = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _commandLock = new(1, 1);
    private readonly List<string> _stderr = [];

    private NodeSmscPeer(Process process)
    {
        _process = process;
    }

    /// <summary>The port the SMSC listens on (127.0.0.1).</summary>
    public int Port { get; private set; }

    /// <summary>The process id of the node SMSC.</summary>
    public int ProcessId => _process.Id;

    /// <summary>The system_id the SMSC accepts.</summary>
    public const string SystemId = "test";

    /// <summary>The password the SMSC accepts.</summary>
    public const string Password = "secret";

    /// <summary>The folder with the node peers and their node_modules.</summary>
    public static string PeersDirectory => Path.Combine(TestPaths.RepositoryRoot, "tests", "peers");

    /// <summary>Starts the SMSC and waits until it listens.</summary>
    /// <param name="environment">Extra SMSC_* settings (see smsc.js).</param>
    /// <returns>The running peer.</returns>
    public static async Task<NodeSmscPeer> StartAsync(IReadOnlyDictionary<string, string>? environment = null)
    {
        var dir = PeersDirectory;
        if (!Directory.Exists(Path.Combine(dir, "node_modules", "smpp")))
        {
            throw new InvalidOperationException(
                $"The npm smpp package is not installed in {dir}: run `npm ci --no-audit --no-fund` there (./test.sh does it).");
        }

        var info = new ProcessStartInfo("node", "smsc.js")
        {
            WorkingDirectory = dir,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["SMSC_PORT"] = "0";
        info.Environment["SMSC_SYSTEM_ID"] = SystemId;
        info.Environment["SMSC_PASSWORD"] = Password;
        info.Environment["SMSC_MAX_SECONDS"] = "300";
        if (environment is not null)
        {
            foreach (var (key, value) in environment)
            {
                info.Environment[key] = value;
            }
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("node could not be started (is Node.js installed?).");
        var peer = new NodeSmscPeer(process);
        peer.StartReading();
        try
        {
            peer.Port = await peer._port.Task.WaitAsync(StartTimeout);
        }
        catch (TimeoutException)
        {
            await peer.DisposeAsync();
            throw new InvalidOperationException($"smsc.js did not print its port within {StartTimeout}: {string.Join(" | ", peer._stderr)}");
        }

        return peer;
    }

    /// <summary>Sends one control command and returns its reply.</summary>
    /// <param name="command">The command (serialized as JSON), e.g. <c>new { cmd = "stats" }</c>.</param>
    /// <returns>The reply.</returns>
    public async Task<JsonElement> CommandAsync(object command)
    {
        await _commandLock.WaitAsync();
        try
        {
            await _process.StandardInput.WriteLineAsync(JsonSerializer.Serialize(command));
            await _process.StandardInput.FlushAsync();
            var line = await _replies.Reader.ReadAsync().AsTask().WaitAsync(ReplyTimeout);
            return JsonDocument.Parse(line).RootElement.Clone();
        }
        finally
        {
            _commandLock.Release();
        }
    }

    /// <summary>The SMSC's counters (binds, submits, accepted, throttled, ...).</summary>
    public Task<JsonElement> StatsAsync() => CommandAsync(new { cmd = "stats" });

    /// <summary>Every submit_sm the SMSC received, as it decoded them.</summary>
    public async Task<IReadOnlyList<JsonElement>> SubmitsAsync()
    {
        var reply = await CommandAsync(new { cmd = "submits" });
        return [.. reply.GetProperty("submits").EnumerateArray()];
    }

    /// <summary>Stops the SMSC: closes its stdin (it exits by itself), then kills it if it lingers.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or InvalidOperationException)
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
        _commandLock.Dispose();
    }

    private void StartReading()
    {
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                _replies.Writer.TryComplete();
                _port.TrySetException(new InvalidOperationException("smsc.js exited before listening: " + string.Join(" | ", _stderr)));
                return;
            }

            if (e.Data.StartsWith("LISTENING ", StringComparison.Ordinal))
            {
                _port.TrySetResult(int.Parse(e.Data.AsSpan(10), System.Globalization.CultureInfo.InvariantCulture));
            }
            else if (e.Data.StartsWith("REPLY ", StringComparison.Ordinal))
            {
                _replies.Writer.TryWrite(e.Data[6..]);
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_stderr)
                {
                    if (_stderr.Count < 50)
                    {
                        _stderr.Add(e.Data);
                    }
                }
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }
}
