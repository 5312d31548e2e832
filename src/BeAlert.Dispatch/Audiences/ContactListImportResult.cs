namespace BeAlert.Dispatch;

/// <summary>
/// The outcome of an import: the list when every row was valid, otherwise no list and every error found. Nothing is
/// ever half-imported.
/// </summary>
/// <param name="List">The imported list, or <see langword="null"/> when there is any error.</param>
/// <param name="Errors">Every error found (up to the configured maximum), in file order.</param>
/// <param name="RowCount">The data rows read (blank lines excluded).</param>
public sealed record ContactListImportResult(ContactList? List, IReadOnlyList<ContactImportError> Errors, int RowCount)
{
    /// <summary>Whether the list was imported.</summary>
    public bool Succeeded => List is not null;
}
