namespace BeAlert.Cli.Validation;

/// <summary>Counts over one run, accumulated in input order by the thread that writes the report.</summary>
internal sealed class ValidationSummary
{
    /// <summary>Files looked at.</summary>
    public int Files { get; private set; }

    /// <summary>Files read without any error diagnostic.</summary>
    public int Valid { get; private set; }

    /// <summary>Files with at least one error diagnostic (unreadable documents included).</summary>
    public int Invalid { get; private set; }

    /// <summary>Files that could not be opened or read (I/O errors).</summary>
    public int Unreadable { get; private set; }

    /// <summary>Error diagnostics over all files.</summary>
    public int Errors { get; private set; }

    /// <summary>Warning diagnostics over all files.</summary>
    public int Warnings { get; private set; }

    /// <summary>Adds one file's outcome.</summary>
    /// <param name="result">The outcome.</param>
    public void Add(FileValidationResult result)
    {
        Files++;
        if (result.IoError is not null)
        {
            Unreadable++;
        }
        else if (result.IsValid)
        {
            Valid++;
        }
        else
        {
            Invalid++;
        }

        Errors += result.ErrorCount;
        Warnings += result.WarningCount;
    }
}
