using BeAlert.Cap;

namespace BeAlert.Cli.Validation;

/// <summary>
/// Validates files with one shared <see cref="CapParser"/> and <see cref="CapValidator"/> (both thread-safe),
/// several files at a time, handing the results back in input order.
/// </summary>
/// <param name="parser">The parser (strict or lenient).</param>
/// <param name="profile">The profile whose validator applies the rules.</param>
internal sealed class CapFileValidator(CapParser parser, ValidationProfile profile)
{
    /// <summary>Files per unit of work handed to a worker.</summary>
    private const int BatchSize = 32;

    /// <summary>How many batches workers may complete ahead of the caller.</summary>
    private const int Window = 16;

    private readonly CapParser _parser = parser;
    private readonly CapValidator _validator = profile.Validator;

    // Documents whose root is not a CAP alert get a second look as a feed or envelope that carries alerts.
    private readonly CapFeedReader _feeds = new(new CapFeedReaderOptions { Parser = parser, Validator = profile.Validator });

    /// <summary>
    /// Validates <paramref name="files"/> on up to <paramref name="maxDegreeOfParallelism"/> threads. The results
    /// stream back in the order of <paramref name="files"/> as soon as each one and all before it are done, so a
    /// report can be written while later files are still being read.
    /// </summary>
    /// <param name="files">The files, in the order to report them.</param>
    /// <param name="maxDegreeOfParallelism">The number of worker threads (at least 1).</param>
    /// <returns>One result per file, in input order.</returns>
    public IEnumerable<FileValidationResult> ValidateAll(IReadOnlyList<string> files, int maxDegreeOfParallelism)
    {
        ArgumentNullException.ThrowIfNull(files);
        var directory = Environment.CurrentDirectory;
        if (files.Count <= 1 || maxDegreeOfParallelism <= 1)
        {
            return files.Select(file => ValidateFile(file, directory));
        }

        return ValidateInParallel(files, Math.Min(maxDegreeOfParallelism, files.Count), directory);
    }

    /// <summary>
    /// Workers take batches of files from the front of the list (one atomic increment per batch, not per file) and
    /// store each result in its slot; the caller receives the results in input order, batch by batch, and workers
    /// never run more than <see cref="Window"/> batches ahead of it, so memory stays bounded for any number of files.
    /// Synchronisation is per batch: a per-file handoff (as in an ordered PLINQ query) costs more than a small alert's
    /// validation.
    /// </summary>
    private IEnumerable<FileValidationResult> ValidateInParallel(IReadOnlyList<string> files, int workers, string directory)
    {
        var batchCount = (files.Count + BatchSize - 1) / BatchSize;
        var results = new FileValidationResult?[files.Count];
        var done = new bool[batchCount];
        var gate = new object();
        var next = -1;
        var consumed = 0;
        var stopped = false;
        Exception? failure = null;

        void Work()
        {
            try
            {
                int batch;
                while ((batch = Interlocked.Increment(ref next)) < batchCount)
                {
                    lock (gate)
                    {
                        while (!stopped && batch >= consumed + Window)
                        {
                            Monitor.Wait(gate);
                        }

                        if (stopped)
                        {
                            return;
                        }
                    }

                    var end = Math.Min(files.Count, (batch + 1) * BatchSize);
                    for (var i = batch * BatchSize; i < end; i++)
                    {
                        results[i] = ValidateFile(files[i], directory);
                    }

                    lock (gate)
                    {
                        done[batch] = true;
                        Monitor.PulseAll(gate);
                    }
                }
            }
            catch (Exception e)
            {
                lock (gate)
                {
                    failure ??= e;
                    stopped = true;
                    Monitor.PulseAll(gate);
                }
            }
        }

        var threads = new Thread[workers];
        for (var w = 0; w < workers; w++)
        {
            threads[w] = new Thread(Work) { IsBackground = true, Name = "bealert validate " + w };
            threads[w].Start();
        }

        try
        {
            for (var batch = 0; batch < batchCount; batch++)
            {
                lock (gate)
                {
                    while (!done[batch] && failure is null)
                    {
                        Monitor.Wait(gate);
                    }

                    if (failure is not null)
                    {
                        System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
                    }
                }

                var end = Math.Min(files.Count, (batch + 1) * BatchSize);
                for (var i = batch * BatchSize; i < end; i++)
                {
                    var result = results[i]!;
                    results[i] = null;
                    yield return result;
                }

                lock (gate)
                {
                    consumed = batch + 1;
                    Monitor.PulseAll(gate);
                }
            }
        }
        finally
        {
            // Also when the caller stops early: release and end the workers.
            lock (gate)
            {
                stopped = true;
                Monitor.PulseAll(gate);
            }

            foreach (var thread in threads)
            {
                thread.Join();
            }
        }
    }

    /// <summary>
    /// Reads a document whose root is not a CAP alert as an Atom or RSS feed or an EDXL-DE envelope. It is valid when its
    /// own structure is and every alert it embeds is; diagnostics have paths rooted in the feed. Its version is that of
    /// its first embedded alert (CAP 1.2 when it only links to alerts). A root that is no feed either keeps the
    /// original "not a CAP alert" error.
    /// </summary>
    private FileValidationResult ValidateFeed(string path, Stream stream, CapParseException notAnAlert)
    {
        if (!_feeds.TryRead(stream, out var feed, out var error))
        {
            var reason = error.Code == CapDiagnosticCodes.FeedNotRecognized ? notAnAlert : error;
            return new FileValidationResult(path, null, [reason.ToDiagnostic()]);
        }

        var version = feed.Entries.SelectMany(e => e.EmbeddedAlerts).Select(d => (CapVersion?)d.Version).FirstOrDefault() ?? CapVersion.Cap12;
        return new FileValidationResult(path, version, feed.Diagnostics);
    }

    /// <summary>Reads and validates one file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The outcome; I/O failures and unreadable documents are values, not exceptions.</returns>
    public FileValidationResult ValidateFile(string path) => ValidateFile(path, directory: null);

    /// <summary>Reads and validates one file, a relative path being taken from <paramref name="directory"/> when given
    /// (the caller read the working directory once; FileStream would ask the system for it on every relative path).</summary>
    private FileValidationResult ValidateFile(string path, string? directory)
    {
        try
        {
            // No FileStream buffer: the parser reads the whole file into a pooled buffer of its own.
            using var stream = new FileStream(directory is null ? path : Path.GetFullPath(path, directory), FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
            CapDocument document;
            try
            {
                document = _parser.Parse(stream);
            }
            catch (CapParseException e) when (e.Code == CapDiagnosticCodes.NotCapAlert)
            {
                stream.Position = 0;
                return ValidateFeed(path, stream, e);
            }
            catch (CapParseException e)
            {
                return new FileValidationResult(path, null, [e.ToDiagnostic()]);
            }

            return new FileValidationResult(path, document.Version, _validator.Validate(document).Diagnostics);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new FileValidationResult(path, null, [], e.Message);
        }
    }
}
