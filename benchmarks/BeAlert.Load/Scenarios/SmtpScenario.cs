using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using BeAlert.Cap;
using BeAlert.Dispatch;

namespace BeAlert.Load.Scenarios;

/// <summary>
/// E-mails per second through <see cref="SmtpEmailTransport"/> to an SMTP server, optionally side by side with postfix's
/// smtp-source sending the same number of recipients over the same number of sessions to the same smtp-sink:
/// <code>
/// smtp --host H --port P --messages N --connections C [--batch R] [--linger-ms L]
/// smtp --local [--baseline] --messages N --connections C [--batch R]
/// </code>
/// <c>--local</c> starts smtp-sink on 127.0.0.1 (as <c>nobody</c> when root) and stops it at the end; <c>--baseline</c>
/// also runs smtp-source (<c>-s C -d</c>, R recipients per message) against it. The last line is one JSON object:
/// scenario, recipients, deliveries, elapsed_s, per_s, peak_rss_mb, plus baseline_* and ratio when measured.
/// </summary>
public static class SmtpScenario
{
    /// <summary>Runs the scenario; returns the process exit code (0 ok, 1 failures, 2 usage).</summary>
    /// <param name="args">The arguments after <c>smtp</c>.</param>
    /// <param name="output">Where progress and the JSON line go.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        string host = "127.0.0.1";
        int port = 25, messages = 100_000, connections = 8, batch = 1, lingerMs = 5;
        bool local = false, baseline = false;
        try
        {
            for (var i = 0; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "--host": host = args[++i]; break;
                    case "--port": port = Number(args[++i], 1, 65535); break;
                    case "--messages": messages = Number(args[++i], 1, 100_000_000); break;
                    case "--connections": connections = Number(args[++i], 1, 256); break;
                    case "--batch": batch = Number(args[++i], 1, 1000); break;
                    case "--linger-ms": lingerMs = Number(args[++i], 0, 5000); break;
                    case "--local": local = true; break;
                    case "--baseline": baseline = true; break;
                    default: throw new FormatException($"unknown option {args[i]}");
                }
            }

            if (baseline && !local)
            {
                throw new FormatException("--baseline needs --local (smtp-source and the transport must share one smtp-sink)");
            }
        }
        catch (Exception e) when (e is FormatException or IndexOutOfRangeException)
        {
            await output.WriteLineAsync("smtp: " + e.Message + "\nusage: smtp --host H --port P --messages N --connections C [--batch R] [--linger-ms L] | --local [--baseline]");
            return 2;
        }

        Process? sink = null;
        try
        {
            if (local)
            {
                port = FreePort();
                sink = StartSink(port);
            }

            var content = Content();
            var bodyBytes = System.Text.Encoding.UTF8.GetByteCount(content.Text) + System.Text.Encoding.UTF8.GetByteCount(content.Html!);
            var options = new SmtpTransportOptions
            {
                Name = "load-smtp",
                Host = host,
                Port = port,
                Security = SmtpSecurity.None,
                Connections = connections,
                MessagesPerConnection = 0,
                BatchSize = batch,
                BatchLinger = TimeSpan.FromMilliseconds(lingerMs),
            };

            // Warm-up: JIT and connections, not measured.
            await RunTransportAsync(options, content, Math.Min(Math.Max(messages / 20, 200), 5000), cancellationToken);
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var run = await RunTransportAsync(options, content, messages, cancellationToken);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"transport: {run.Accepted} accepted, {run.Failed} failed in {run.Elapsed.TotalSeconds:0.000} s = {messages / run.Elapsed.TotalSeconds:0} recipients/s ({connections} connections, batch {batch})"));

            var result = new Dictionary<string, object>
            {
                ["scenario"] = "smtp",
                ["recipients"] = messages,
                ["deliveries"] = run.Accepted,
                ["failed"] = run.Failed,
                ["connections"] = connections,
                ["batch"] = batch,
                ["elapsed_s"] = Math.Round(run.Elapsed.TotalSeconds, 3),
                ["per_s"] = Math.Round(messages / run.Elapsed.TotalSeconds, 1),
                ["messages_per_s"] = Math.Round(Math.Ceiling(messages / (double)batch) / run.Elapsed.TotalSeconds, 1),
                ["cpu_s"] = Math.Round(cpu.TotalSeconds, 3),
                ["cpu_us_per_recipient"] = Math.Round(cpu.TotalMicroseconds / messages, 1),
            };
            if (baseline)
            {
                var source = await RunSmtpSourceAsync(port, messages, connections, batch, bodyBytes, cancellationToken);
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"smtp-source: {messages} recipients in {source.TotalSeconds:0.000} s = {messages / source.TotalSeconds:0} recipients/s"));
                result["baseline"] = "smtp-source";
                result["baseline_elapsed_s"] = Math.Round(source.TotalSeconds, 3);
                result["baseline_per_s"] = Math.Round(messages / source.TotalSeconds, 1);
                result["ratio"] = Math.Round(source.TotalSeconds / run.Elapsed.TotalSeconds, 3);
            }

            using var self = Process.GetCurrentProcess();
            result["peak_rss_mb"] = Math.Round(self.PeakWorkingSet64 / 1048576.0, 1);
            await output.WriteLineAsync(JsonSerializer.Serialize(result));
            return run.Failed == 0 ? 0 : 1;
        }
        finally
        {
            if (sink is not null)
            {
                try
                {
                    sink.Kill();
                    await sink.WaitForExitAsync(CancellationToken.None);
                }
                catch (InvalidOperationException)
                {
                }

                sink.Dispose();
            }
        }
    }

    private static async Task<(int Accepted, int Failed, TimeSpan Elapsed)> RunTransportAsync(
        SmtpTransportOptions options, MessageContent content, int count, CancellationToken cancellationToken)
    {
        await using var transport = new SmtpEmailTransport(options);
        await transport.StartAsync(new NoReceipts(), cancellationToken);
        var campaign = Guid.NewGuid();
        var next = -1;
        var accepted = 0;
        var failed = 0;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, transport.MaxConcurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var message = new OutboundMessage(new DeliveryKey(campaign, i), string.Create(CultureInfo.InvariantCulture, $"person{i}@example.org"), content, 1, false);
                var result = await transport.SendAsync(message, cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref result.Status == SendStatus.Failed ? ref failed : ref accepted);
            }
        }).ToArray();
        await Task.WhenAll(workers);
        return (accepted, failed, clock.Elapsed);
    }

    private static async Task<TimeSpan> RunSmtpSourceAsync(int port, int recipients, int sessions, int batch, int bodyBytes, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(File.Exists("/usr/sbin/smtp-source") ? "/usr/sbin/smtp-source" : "smtp-source")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[]
                 {
                     "-s", sessions.ToString(CultureInfo.InvariantCulture),
                     "-m", ((recipients + batch - 1) / batch).ToString(CultureInfo.InvariantCulture),
                     "-r", batch.ToString(CultureInfo.InvariantCulture),
                     "-l", bodyBytes.ToString(CultureInfo.InvariantCulture),
                     "-d", "-f", "no-reply@be-alert.be", "-t", "person@example.org",
                     $"127.0.0.1:{port}",
                 })
        {
            info.ArgumentList.Add(arg);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException("smtp-source did not start");
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var elapsed = clock.Elapsed;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"smtp-source exited with {process.ExitCode}: {await stderr}");
        }

        return elapsed;
    }

    private static Process StartSink(int port)
    {
        var info = new ProcessStartInfo(File.Exists("/usr/sbin/smtp-sink") ? "/usr/sbin/smtp-sink" : "smtp-sink") { UseShellExecute = false };
        if (Environment.UserName == "root")
        {
            info.ArgumentList.Add("-u");
            info.ArgumentList.Add("nobody");
        }

        info.ArgumentList.Add($"127.0.0.1:{port}");
        info.ArgumentList.Add("1024");
        var process = Process.Start(info) ?? throw new InvalidOperationException("smtp-sink did not start");
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, port);
                return process;
            }
            catch (SocketException)
            {
                Thread.Sleep(20);
            }
        }

        process.Kill();
        process.Dispose();
        throw new InvalidOperationException($"smtp-sink did not listen on 127.0.0.1:{port}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static int Number(string text, int min, int max)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new FormatException($"'{text}' is not a number from {min} to {max}");
        }

        return value;
    }

    private static MessageContent Content()
    {
        var alert = new CapAlertBuilderStub().Alert;
        const string Text = "BE-Alert: fire at the Feluy chemical site. Stay indoors, close doors and windows, switch off ventilation. " +
                            "Brand op de chemische site van Feluy: blijf binnen. Incendie sur le site chimique de Feluy : restez à l'intérieur. " +
                            "More information: https://www.be-alert.be and https://crisiscenter.be";
        return new MessageContent(DeliveryChannel.Email, "en", Text, alert)
        {
            Subject = "BE-Alert: fire in Feluy — stay indoors",
            Html = "<html><body><h1>BE-Alert</h1><p>" + Text + "</p></body></html>",
        };
    }

    private sealed class NoReceipts : IDeliveryReceiptSink
    {
        public void OnReceipt(in DeliveryReceipt receipt)
        {
        }
    }

    /// <summary>The smallest valid alert for the content record (the e-mail transport does not read it).</summary>
    private sealed class CapAlertBuilderStub
    {
        public CapAlert Alert { get; } = new CapParser().Parse(
            "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>load-smtp</identifier><sender>load@be-alert.be</sender>" +
            "<sent>2026-01-01T00:00:00+00:00</sent><status>Exercise</status><msgType>Alert</msgType><scope>Public</scope></alert>").Alert;
    }
}
