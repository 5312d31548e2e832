namespace BeAlert.Dispatch;

/// <summary>Why a contact-list import was refused. File-level codes stop the import; row-level codes are collected for every row.</summary>
public enum ContactImportErrorCode
{
    /// <summary>The file is empty or holds only blank lines.</summary>
    Empty = 1,

    /// <summary>The file is larger than <see cref="ContactListImportOptions.MaxBytes"/>.</summary>
    TooLarge = 2,

    /// <summary>The file holds NUL bytes: it is binary (a spreadsheet, an archive), not CSV text.</summary>
    Binary = 3,

    /// <summary>The file is UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8.</summary>
    Utf16 = 4,

    /// <summary>The file is not valid UTF-8 (often Windows-1252 from an old spreadsheet); save it as UTF-8.</summary>
    NotUtf8 = 5,

    /// <summary>A quoted field is never closed.</summary>
    UnterminatedQuote = 6,

    /// <summary>The header names neither a phone nor an e-mail column.</summary>
    MissingContactColumn = 7,

    /// <summary>The header names the same column twice.</summary>
    DuplicateColumn = 8,

    /// <summary>The header has more than <see cref="ContactListImportOptions.MaxColumns"/> columns.</summary>
    TooManyColumns = 9,

    /// <summary>The file has more than <see cref="ContactListImportOptions.MaxRows"/> data rows.</summary>
    TooManyRows = 10,

    /// <summary>More errors than <see cref="ContactListImportOptions.MaxErrors"/>; the rest of the file was not checked.</summary>
    TooManyErrors = 11,

    /// <summary>A row has a different number of fields than the header.</summary>
    WrongFieldCount = 20,

    /// <summary>A field is longer than <see cref="ContactListImportOptions.MaxFieldLength"/> characters.</summary>
    FieldTooLong = 21,

    /// <summary>The phone number is not valid.</summary>
    BadPhone = 22,

    /// <summary>The e-mail address is not valid.</summary>
    BadEmail = 23,

    /// <summary>The language is not a language tag such as nl, fr-BE.</summary>
    BadLanguage = 24,

    /// <summary>The row has neither a phone number nor an e-mail address.</summary>
    NoContact = 25,

    /// <summary>The phone number was already given on an earlier row.</summary>
    DuplicatePhone = 26,

    /// <summary>The e-mail address was already given on an earlier row.</summary>
    DuplicateEmail = 27,
}
