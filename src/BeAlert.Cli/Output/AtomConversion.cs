using BeAlert.Cap;

namespace BeAlert.Cli.Output;

/// <summary>
/// <c>bealert convert --to atom</c>: turns CAP files into one Atom 1.0 feed of the alerts (one entry per alert, newest
/// first, CAP index fields, each alert embedded as <c>application/cap+xml</c> content), written as UTF-8. The entries
/// link to the alerts by <c>file:</c> URL, or below the base URI when one is given.
/// </summary>
internal static class AtomConversion
{
    /// <summary>Writes the feed of <paramref name="alerts"/> to <paramref name="output"/> (left open).</summary>
    /// <param name="alerts">The alerts, each with the path of the file it was read from.</param>
    /// <param name="output">Where the feed goes (for example standard output).</param>
    /// <param name="timeProvider">The clock for the feed's <c>updated</c> time.</param>
    /// <param name="baseUri">Where the alert files are published (<c>https://host/cap/</c>), or <see langword="null"/> for file URLs.</param>
    /// <param name="embed">Whether each entry carries the whole alert (default) or only its index and link.</param>
    public static void Write(IReadOnlyList<(string Path, CapAlert Alert)> alerts, Stream output, TimeProvider timeProvider, Uri? baseUri = null, bool embed = true)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var links = new Dictionary<CapAlert, Uri>(ReferenceEqualityComparer.Instance);
        foreach (var (path, alert) in alerts)
        {
            links[alert] = baseUri is null ? new Uri(Path.GetFullPath(path)) : new Uri(baseUri, Uri.EscapeDataString(Path.GetFileName(path)));
        }

        var options = new CapFeedWriterOptions
        {
            FeedId = FeedId(alerts),
            Title = "CAP alerts",
            AlertLink = alert => links[alert],
            TimeProvider = timeProvider,
            EmbedAlerts = embed,
        };
        CapFeedWriter.WriteAtom(alerts.Select(a => a.Alert), output, options);
    }

    /// <summary>Reads the files as CAP alerts and writes their feed; a file that is not a valid alert is an error on <paramref name="stderr"/>.</summary>
    /// <param name="files">The CAP files.</param>
    /// <param name="output">Where the feed goes.</param>
    /// <param name="stderr">Where problems go.</param>
    /// <param name="timeProvider">The clock for the feed's <c>updated</c> time.</param>
    /// <param name="baseUri">Where the alert files are published, or <see langword="null"/> for file URLs.</param>
    /// <returns>The exit code: 0 written, 1 some file is not a valid CAP alert (nothing written), 2 a file could not be read.</returns>
    public static int Convert(IReadOnlyList<string> files, Stream output, TextWriter stderr, TimeProvider timeProvider, Uri? baseUri = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(stderr);
        var alerts = new List<(string, CapAlert)>(files.Count);
        var exit = CliApp.ExitOk;
        foreach (var file in files)
        {
            try
            {
                using var stream = File.OpenRead(file);
                var document = CapParser.Default.Parse(stream);
                var errors = CapValidator.Default.Validate(document).Errors.ToList();
                if (errors.Count > 0)
                {
                    stderr.WriteLine($"bealert convert: {file}: not a valid CAP alert: {errors[0]}");
                    exit = Math.Max(exit, CliApp.ExitInvalid);
                    continue;
                }

                alerts.Add((file, document.Alert));
            }
            catch (CapParseException e)
            {
                stderr.WriteLine($"bealert convert: {file}: {e.Message}");
                exit = Math.Max(exit, CliApp.ExitInvalid);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"bealert convert: {file}: cannot read the file: {e.Message}");
                exit = CliApp.ExitUsage;
            }
        }

        if (exit == CliApp.ExitOk)
        {
            Write(alerts, output, timeProvider, baseUri);
        }

        return exit;
    }

    private static string FeedId(IReadOnlyList<(string Path, CapAlert Alert)> alerts)
    {
        // Stable for the same set of alerts: a name-based id from their senders and identifiers.
        var key = string.Join('\n', alerts.Select(a => a.Alert.Sender + "," + a.Alert.Identifier).Order(StringComparer.Ordinal));
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key));
        return "urn:uuid:" + new Guid(hash.AsSpan(0, 16)).ToString();
    }
}
