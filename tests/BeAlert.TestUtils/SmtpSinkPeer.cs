using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace BeAlert.TestUtils;

/// <summary>
/// Postfix's <c>smtp-sink</c> (Debian package postfix) started on 127.0.0.1 and a free port, stopped on dispose.
/// With <c>dump: true</c> every transaction is written to its own file in <see cref="DumpDirectory"/>; with
/// <c>verbose: true</c> the SMTP commands it received are collected in <see cref="Commands"/>.
/// Extra arguments (e.g. <c>-r RCPT</c>, <c>-f DATA</c>, <c>-Q RCPT</c>) make it answer with errors: see <c>man smtp-sink</c>.
/// </summary>
public sealed class SmtpSinkPeer : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private SmtpSinkPeer(Process process, int port, string? dumpDirectory)
    {
        _process = process;
        Port = port;
        DumpDirectory = dumpDirectory;
    }

    /// <summary>The path of smtp-sink on Debian.</summary>
    public static string Executable => File.Exists("/usr/sbin/smtp-sink") ? "/usr/sbin/smtp-sink" : "smtp-sink";

    /// <summary>The port it listens on (on 127.0.0.1).</summary>
    public int Port { get; }

    /// <summary>Where the dumped messages go, or <see langword="null"/> when not dumping.</summary>
    public string? DumpDirectory { get; }

    /// <summary>The SMTP command lines seen so far (verbose mode), such as <c>EHLO host</c>, <c>RCPT TO:&lt;a@b&gt;</c>, <c>QUIT</c>.</summary>
    public IReadOnlyList<string> Commands
    {
        get
        {
            lock (_output)
            {
                // Lines look like "/usr/sbin/smtp-sink: EHLO host" (the prefix is argv[0]).
                return _output.Select(l => (Line: l, At: l.IndexOf("smtp-sink: ", StringComparison.Ordinal)))
                    .Where(x => x.At >= 0)
                    .Select(x => x.Line[(x.At + "smtp-sink: ".Length)..])
                    .Where(l => l.Length > 0 && char.IsAsciiLetterUpper(l[0]) || l == ".")
                    .ToList();
            }
        }
    }

    /// <summary>Starts smtp-sink; waits until it accepts connections.</summary>
    /// <param name="dump">Write each transaction to a file in <see cref="DumpDirectory"/>.</param>
    /// <param name="verbose">Record the SMTP commands (<c>-v</c>).</param>
    /// <param name="options">More smtp-sink options, one argument per element.</param>
    /// <returns>The running peer.</returns>
    public static SmtpSinkPeer Start(bool dump = false, bool verbose = false, params string[] options)
    {
        var port = FreePort();
        string? dumpDirectory = null;
        var info = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (Environment.UserName == "root")
        {
            info.ArgumentList.Add("-u");
            info.ArgumentList.Add("nobody");
        }

        if (verbose)
        {
            info.ArgumentList.Add("-v");
        }

        if (dump)
        {
            dumpDirectory = Directory.CreateTempSubdirectory("smtp-sink-").FullName;
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(dumpDirectory, (UnixFileMode)0x1FF); // 0777: smtp-sink writes as nobody
            }
            info.ArgumentList.Add("-d");
            info.ArgumentList.Add(Path.Combine(dumpDirectory, "msg."));
        }

        foreach (var option in options)
        {
            info.ArgumentList.Add(option);
        }

        info.ArgumentList.Add($"127.0.0.1:{port}");
        info.ArgumentList.Add("256");
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException("smtp-sink did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(
                "smtp-sink is not installed: run ./test.sh as root, or apt-get install postfix (preseed 'No configuration').", e);
        }

        var peer = new SmtpSinkPeer(process, port, dumpDirectory);
        process.OutputDataReceived += (_, e) => peer.Collect(e.Data);
        process.ErrorDataReceived += (_, e) => peer.Collect(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        peer.WaitUntilListening();
        return peer;
    }

    /// <summary>A port on 127.0.0.1 that nothing listens on right now.</summary>
    /// <returns>The port.</returns>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits (at most <paramref name="timeout"/>) until <paramref name="count"/> messages are dumped; returns their paths, oldest first.</summary>
    /// <param name="count">How many messages are expected.</param>
    /// <param name="timeout">How long to wait at most (default 10 s).</param>
    /// <returns>The dumped files.</returns>
    public IReadOnlyList<string> WaitForDumps(int count, TimeSpan? timeout = null)
    {
        var directory = DumpDirectory ?? throw new InvalidOperationException("started without dump: true");
        var deadline = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(10);
        while (true)
        {
            var files = Directory.GetFiles(directory).OrderBy(File.GetLastWriteTimeUtc).ToList();
            if (files.Count >= count || deadline.Elapsed > limit)
            {
                return files;
            }

            Thread.Sleep(20);
        }
    }

    /// <summary>Stops smtp-sink and removes the dump directory.</summary>
    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
        if (DumpDirectory is not null)
        {
            try
            {
                Directory.Delete(DumpDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>What smtp-sink printed, for failure messages.</summary>
    /// <returns>The output so far.</returns>
    public string Output()
    {
        lock (_output)
        {
            return string.Join('\n', _output);
        }
    }

    private void Collect(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Add(line);
        }
    }

    private void WaitUntilListening()
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"smtp-sink exited with {_process.ExitCode}: {Output()}");
            }

            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(20);
            }
        }

        throw new InvalidOperationException($"smtp-sink did not listen on 127.0.0.1:{Port} within 10 s: {Output()}");
    }
}
