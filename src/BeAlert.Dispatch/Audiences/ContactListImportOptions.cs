namespace BeAlert.Dispatch;

/// <summary>Limits of <see cref="ContactListImporter"/>: every one bounds the time and memory a hostile file can cost.</summary>
public sealed class ContactListImportOptions
{
    /// <summary>The largest file accepted, in bytes. Default 32 MiB.</summary>
    public int MaxBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>The most data rows accepted. Default 500,000; at most <see cref="ContactList.MaxContacts"/>.</summary>
    public int MaxRows { get; set; } = 500_000;

    /// <summary>The most columns in the header. Default 32.</summary>
    public int MaxColumns { get; set; } = 32;

    /// <summary>The longest field, in characters. Default 256.</summary>
    public int MaxFieldLength { get; set; } = 256;

    /// <summary>The most errors reported; the import stops looking after that many. Default 1,000.</summary>
    public int MaxErrors { get; set; } = 1_000;

    /// <summary>Checks the settings, reporting every problem at once.</summary>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public void Validate()
    {
        var errors = new List<string>();
        if (MaxBytes < 1)
        {
            errors.Add($"MaxBytes must be positive; it is {MaxBytes}.");
        }

        if (MaxRows < 1 || MaxRows > ContactList.MaxContacts)
        {
            errors.Add($"MaxRows must be 1 to {ContactList.MaxContacts}; it is {MaxRows}.");
        }

        if (MaxColumns < 1)
        {
            errors.Add($"MaxColumns must be positive; it is {MaxColumns}.");
        }

        if (MaxFieldLength < EmailAddress.MaxLength)
        {
            errors.Add($"MaxFieldLength must be at least {EmailAddress.MaxLength} (the longest e-mail address); it is {MaxFieldLength}.");
        }

        if (MaxErrors < 1)
        {
            errors.Add($"MaxErrors must be positive; it is {MaxErrors}.");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors));
        }
    }
}
