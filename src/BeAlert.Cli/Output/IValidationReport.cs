using BeAlert.Cli.Validation;

namespace BeAlert.Cli.Output;

/// <summary>Writes the results of a validation run, one file at a time, in input order.</summary>
internal interface IValidationReport
{
    /// <summary>Writes one file's result.</summary>
    /// <param name="result">The result.</param>
    void WriteFile(FileValidationResult result);

    /// <summary>Finishes the report (closing brackets, summary line) and flushes what is buffered.</summary>
    /// <param name="summary">The counts over the run.</param>
    void Complete(ValidationSummary summary);
}
