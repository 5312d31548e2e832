using System.Collections.Concurrent;
using System.Diagnostics;

namespace BeAlert.Dispatch.Tests.Storage;

/// <summary>
/// Runs a scenario of tests/BeAlert.Dispatch.CrashChild in its own process, collects its stdout lines as they come,
/// and kills it with SIGKILL (Process.Kill on Unix) when the test decides. Reusable for any component that needs a
/// real crash: add a scenario to the child, then wait for its <c>DONE n</c> lines and kill.
/// </summary>
internal sealed class ChildProcessHarness : IDisposable
{
    private readonly Process _process;
    private readonly BlockingCollection<string> _lines = [];
    private readonly ConcurrentQueue<string> _errors = new();

    private ChildProcessHarness(Process process)
    {
        _process = process;
    }

    /// <summary>The highest <c>DONE n</c> step seen so far, or -1.</summary>
    public int LastDone { get; private set; } = -1;

    public bool Finished { get; private set; }

    public string StandardError => string.Join(Environment.NewLine, _errors);

    public static ChildProcessHarness Start(string scenario, string databasePath)
    {
        var child = Path.Combine(AppContext.BaseDirectory, "BeAlert.Dispatch.CrashChild.dll");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(child);
        start.ArgumentList.Add(scenario);
        start.ArgumentList.Add(databasePath);
        var process = new Process { StartInfo = start };
        var harness = new ChildProcessHarness(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                harness._lines.CompleteAdding();
            }
            else
            {
                harness._lines.Add(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                harness._errors.Enqueue(e.Data);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return harness;
    }

    /// <summary>Reads lines until step <paramref name="step"/> is reported done; false if the child ended or the time ran out first.</summary>
    public bool WaitForDone(int step, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            while (LastDone < step)
            {
                if (!_lines.TryTake(out var line, Timeout.Infinite, cancellation.Token))
                {
                    return false;
                }

                Observe(line);
            }

            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Kills the child with SIGKILL, waits for it to exit, then reads whatever it had already written.</summary>
    public void KillHard()
    {
        _process.Kill();
        _process.WaitForExit();
        foreach (var line in _lines.GetConsumingEnumerable())
        {
            Observe(line);
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
        _lines.Dispose();
    }

    private void Observe(string line)
    {
        if (line.StartsWith("DONE ", StringComparison.Ordinal))
        {
            LastDone = Math.Max(LastDone, int.Parse(line.AsSpan(5), System.Globalization.CultureInfo.InvariantCulture));
        }
        else if (line == "FINISHED")
        {
            Finished = true;
        }
    }
}
