namespace BeAlert.Dispatch;

/// <summary>One problem found while importing a contact list.</summary>
/// <param name="Line">The 1-based line of the file where the row (or the problem) starts; 0 for the file as a whole.</param>
/// <param name="Row">The 1-based data row (the header is row 0); 0 for file-level problems.</param>
/// <param name="Column">The column's header name, or <see langword="null"/>.</param>
/// <param name="Code">What is wrong.</param>
/// <param name="Message">What is wrong and how to fix it, for the person who made the file.</param>
public sealed record ContactImportError(int Line, int Row, string? Column, ContactImportErrorCode Code, string Message)
{
    /// <inheritdoc />
    public override string ToString() =>
        (Line > 0 ? $"line {Line}" : "file") + (Row > 0 ? $" (row {Row})" : string.Empty) + (Column is null ? string.Empty : $", {Column}") + $": {Code}: {Message}";
}
