using System.Collections.Concurrent;
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
    private const int FileBufferSize = 16 * 1024;

    private readonly CapParser _parser = parser;
    private readonly CapValidator _validator = profile.Validator;

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
        if (files.Count <= 1 || maxDegreeOfParallelism <= 1)
        {
            return files.Select(ValidateFile);
        }

        // Load-balanced partitioning hands out files a few at a time from the front of the list. The default range
        // partitioning would give each worker a contiguous slice, and with ordered, non-buffered merging every
        // worker but the first would soon block on a full buffer: the run would be serial again.
        return Partitioner.Create(files as IList<string> ?? [.. files], loadBalance: true)
            .AsParallel()
            .AsOrdered()
            .WithDegreeOfParallelism(Math.Min(maxDegreeOfParallelism, files.Count))
            .WithMergeOptions(ParallelMergeOptions.NotBuffered)
            .Select(ValidateFile);
    }

    /// <summary>Reads and validates one file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The outcome; I/O failures and unreadable documents are values, not exceptions.</returns>
    public FileValidationResult ValidateFile(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileBufferSize, FileOptions.SequentialScan);
            CapDocument document;
            try
            {
                document = _parser.Parse(stream);
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
