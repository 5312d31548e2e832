using System.Text;

namespace BeAlert.Dispatch;

/// <summary>
/// Imports a contact list from CSV: a header row naming the columns, then one contact per row. Either every row is
/// valid and the list is imported, or nothing is and the result lists every problem with its line, row and column.
/// </summary>
/// <remarks>
/// <para>
/// The file: UTF-8 (a byte-order mark is allowed), fields separated by commas, semicolons (as Belgian spreadsheets
/// write) or tabs, whichever the header uses most; fields may be quoted with <c>"</c> (a quote inside is doubled, and a
/// quoted field may span lines), as RFC 4180 describes. Lines end with CR LF, LF or CR. Blank lines are skipped.
/// </para>
/// <para>
/// Columns, recognised by name in English, Dutch, French or German, ignoring case, accents, spaces, '-' and '_':
/// <c>name</c> (naam, nom), <c>phone</c> (telephone, telefoon, gsm, mobile, portable, handy), <c>email</c> (e-mail,
/// mail, courriel) and <c>language</c> (taal, langue, sprache). Other columns are ignored. A phone or an e-mail column
/// is required, and every row needs a phone or an e-mail.
/// </para>
/// <para>
/// Hostile input is expected: size, row, column, field-length and error-count limits (<see cref="ContactListImportOptions"/>)
/// bound time and memory; binary, UTF-16 and non-UTF-8 files are refused with their own codes. The importer never
/// throws for the file's content, only for null arguments or invalid list details.
/// </para>
/// </remarks>
public sealed class ContactListImporter
{
    private static readonly Dictionary<string, Column> Aliases = new(StringComparer.Ordinal)
    {
        ["name"] = Column.Name, ["naam"] = Column.Name, ["nom"] = Column.Name, ["fullname"] = Column.Name,
        ["phone"] = Column.Phone, ["phonenumber"] = Column.Phone, ["telephone"] = Column.Phone, ["tel"] = Column.Phone,
        ["telefoon"] = Column.Phone, ["telefoonnummer"] = Column.Phone, ["gsm"] = Column.Phone, ["mobile"] = Column.Phone,
        ["mobiel"] = Column.Phone, ["portable"] = Column.Phone, ["handy"] = Column.Phone, ["telefon"] = Column.Phone,
        ["email"] = Column.Email, ["emailaddress"] = Column.Email, ["mail"] = Column.Email, ["courriel"] = Column.Email,
        ["emailadres"] = Column.Email, ["adressemail"] = Column.Email,
        ["language"] = Column.Language, ["lang"] = Column.Language, ["taal"] = Column.Language, ["langue"] = Column.Language,
        ["sprache"] = Column.Language,
    };

    private readonly ContactListImportOptions _options;

    /// <summary>Creates an importer.</summary>
    /// <param name="options">Limits; defaults when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public ContactListImporter(ContactListImportOptions? options = null)
    {
        _options = options ?? new ContactListImportOptions();
        _options.Validate();
    }

    private enum Column
    {
        Ignored,
        Name,
        Phone,
        Email,
        Language,
    }

    /// <summary>Imports a list from a stream, reading at most <see cref="ContactListImportOptions.MaxBytes"/> + 1 bytes.</summary>
    /// <param name="csv">The CSV file.</param>
    /// <param name="listId">The new list's id.</param>
    /// <param name="name">The new list's name.</param>
    /// <param name="ownerId">The importing operator.</param>
    /// <returns>The list or every error.</returns>
    public ContactListImportResult Import(Stream csv, long listId, string name, string ownerId)
    {
        ArgumentNullException.ThrowIfNull(csv);
        CheckListDetails(listId, name, ownerId);
        var buffer = new byte[Math.Min(_options.MaxBytes + 1L, 1 << 16)];
        using var content = new MemoryStream();
        int read;
        while ((read = csv.Read(buffer, 0, (int)Math.Min(buffer.Length, _options.MaxBytes + 1L - content.Length))) > 0)
        {
            content.Write(buffer, 0, read);
            if (content.Length > _options.MaxBytes)
            {
                return FileError(ContactImportErrorCode.TooLarge, $"The file is larger than {_options.MaxBytes} bytes.");
            }
        }

        return Import(content.GetBuffer().AsSpan(0, (int)content.Length), listId, name, ownerId);
    }

    /// <summary>Imports a list from the bytes of a CSV file.</summary>
    /// <param name="csv">The CSV file's bytes.</param>
    /// <param name="listId">The new list's id.</param>
    /// <param name="name">The new list's name.</param>
    /// <param name="ownerId">The importing operator.</param>
    /// <returns>The list or every error.</returns>
    public ContactListImportResult Import(ReadOnlySpan<byte> csv, long listId, string name, string ownerId)
    {
        CheckListDetails(listId, name, ownerId);
        if (csv.Length > _options.MaxBytes)
        {
            return FileError(ContactImportErrorCode.TooLarge, $"The file is larger than {_options.MaxBytes} bytes.");
        }

        if (csv.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || csv.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return FileError(ContactImportErrorCode.Utf16, "The file is UTF-16 text; save it as CSV UTF-8.");
        }

        var nul = csv.IndexOf((byte)0);
        if (nul >= 0)
        {
            return FileError(ContactImportErrorCode.Binary, "The file contains NUL bytes: it is not a CSV text file (an .xlsx or another binary file?). Save it as CSV UTF-8.", LineAt(csv, nul));
        }

        if (csv.StartsWith("\uFEFF"u8))
        {
            csv = csv[3..];
        }

        var invalid = FirstInvalidUtf8(csv);
        if (invalid >= 0)
        {
            return FileError(ContactImportErrorCode.NotUtf8, $"The file is not valid UTF-8 (byte 0x{csv[invalid]:X2} at offset {invalid}); it was probably saved as Windows-1252 or Latin-1. Save it as CSV UTF-8.", LineAt(csv, invalid));
        }

        return Parse(Encoding.UTF8.GetString(csv), listId, name, ownerId);
    }

    private static void CheckListDetails(long listId, string name, string ownerId)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(listId);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(listId, ContactList.MaxId);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerId);
    }

    private static ContactListImportResult FileError(ContactImportErrorCode code, string message, int line = 0) =>
        new(null, [new ContactImportError(line, 0, null, code, message)], 0);

    private static int LineAt(ReadOnlySpan<byte> bytes, int offset) => bytes[..offset].Count((byte)'\n') + 1;

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return -1;
        }

        var offset = 0;
        while (offset < bytes.Length)
        {
            if (System.Text.Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return offset;
            }

            offset += consumed;
        }

        return -1;
    }

    private static string Normalize(string header)
    {
        var builder = new StringBuilder(header.Length);
        foreach (var c in header.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }

    private static char DetectDelimiter(string text)
    {
        int commas = 0, semicolons = 0, tabs = 0;
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c is '\n' or '\r')
            {
                break;
            }
            else if (!quoted)
            {
                commas += c == ',' ? 1 : 0;
                semicolons += c == ';' ? 1 : 0;
                tabs += c == '\t' ? 1 : 0;
            }
        }

        return semicolons > commas && semicolons >= tabs ? ';' : tabs > commas ? '\t' : ',';
    }

    private ContactListImportResult Parse(string text, long listId, string name, string ownerId)
    {
        var errors = new List<ContactImportError>();
        var reader = new CsvReader(text, DetectDelimiter(text), _options.MaxFieldLength);
        var fields = new List<string?>();
        Column[]? columns = null;
        string[] headers = [];
        var contacts = new List<Contact>();
        var phones = new Dictionary<ulong, int>();
        var emails = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var rows = 0;
        while (reader.Read(fields, out var line, out var unterminated))
        {
            if (unterminated)
            {
                errors.Add(new ContactImportError(line, rows + 1, null, ContactImportErrorCode.UnterminatedQuote, "A quoted field starting on this line is never closed (a missing '\"')."));
                break;
            }

            if (fields.Count == 1 && fields[0] is { } only && string.IsNullOrWhiteSpace(only))
            {
                continue; // blank line
            }

            if (columns is null)
            {
                if (fields.Count > _options.MaxColumns)
                {
                    errors.Add(new ContactImportError(line, 0, null, ContactImportErrorCode.TooManyColumns, $"The header has {fields.Count} columns; at most {_options.MaxColumns} are allowed."));
                    break;
                }

                headers = [.. fields.Select(f => f?.Trim() ?? string.Empty)];
                columns = new Column[headers.Length];
                var seen = new HashSet<Column>();
                for (var i = 0; i < headers.Length; i++)
                {
                    columns[i] = Aliases.GetValueOrDefault(Normalize(headers[i]), Column.Ignored);
                    if (columns[i] != Column.Ignored && !seen.Add(columns[i]))
                    {
                        errors.Add(new ContactImportError(line, 0, headers[i], ContactImportErrorCode.DuplicateColumn, $"The header names the {columns[i].ToString().ToLowerInvariant()} column twice."));
                    }
                }

                if (!seen.Contains(Column.Phone) && !seen.Contains(Column.Email))
                {
                    errors.Add(new ContactImportError(line, 0, null, ContactImportErrorCode.MissingContactColumn, "The header (first line) names neither a phone column (phone, telefoon, téléphone, gsm) nor an e-mail column (email, e-mail, courriel)."));
                }

                if (errors.Count > 0)
                {
                    break;
                }

                continue;
            }

            rows++;
            if (rows > _options.MaxRows)
            {
                errors.Add(new ContactImportError(line, rows, null, ContactImportErrorCode.TooManyRows, $"The file has more than {_options.MaxRows} rows; split it into several lists."));
                break;
            }

            if (!CheckRow(fields, columns, headers, line, rows, errors, phones, emails, out var contact))
            {
                if (errors.Count >= _options.MaxErrors)
                {
                    errors.Add(new ContactImportError(line, rows, null, ContactImportErrorCode.TooManyErrors, $"More than {_options.MaxErrors} errors; the rest of the file was not checked."));
                    break;
                }

                continue;
            }

            if (errors.Count == 0)
            {
                contacts.Add(contact!);
            }
        }

        if (columns is null && errors.Count == 0)
        {
            errors.Add(new ContactImportError(0, 0, null, ContactImportErrorCode.Empty, "The file is empty: it needs a header line and at least one contact."));
        }
        else if (errors.Count == 0 && rows == 0)
        {
            errors.Add(new ContactImportError(0, 0, null, ContactImportErrorCode.Empty, "The file has a header but no contact rows."));
        }

        return errors.Count > 0
            ? new ContactListImportResult(null, errors, rows)
            : new ContactListImportResult(new ContactList(listId, name, ownerId, contacts), [], rows);
    }

    private bool CheckRow(
        List<string?> fields,
        Column[] columns,
        string[] headers,
        int line,
        int row,
        List<ContactImportError> errors,
        Dictionary<ulong, int> phones,
        Dictionary<string, int> emails,
        out Contact? contact)
    {
        contact = null;
        var before = errors.Count;
        if (fields.Count != columns.Length)
        {
            errors.Add(new ContactImportError(line, row, null, ContactImportErrorCode.WrongFieldCount, $"The row has {fields.Count} fields; the header has {columns.Length}."));
            return false;
        }

        string? name = null, email = null, language = null;
        PhoneNumber phone = default;
        for (var i = 0; i < fields.Count; i++)
        {
            if (columns[i] == Column.Ignored)
            {
                continue;
            }

            var value = fields[i]?.Trim();
            if (fields[i] is null)
            {
                errors.Add(new ContactImportError(line, row, headers[i], ContactImportErrorCode.FieldTooLong, $"The field is longer than {_options.MaxFieldLength} characters."));
                continue;
            }

            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            switch (columns[i])
            {
                case Column.Name:
                    name = value;
                    break;
                case Column.Phone:
                    if (!PhoneNumber.TryParse(value, out phone, out var phoneError))
                    {
                        errors.Add(new ContactImportError(line, row, headers[i], ContactImportErrorCode.BadPhone, phoneError));
                    }
                    else if (phones.TryGetValue(phone.Digits, out var first))
                    {
                        errors.Add(new ContactImportError(line, row, headers[i], ContactImportErrorCode.DuplicatePhone, $"The phone number {phone} is already on row {first}."));
                    }
                    else
                    {
                        phones[phone.Digits] = row;
                    }

                    break;
                case Column.Email:
                    if (!EmailAddress.TryNormalize(value, out email, out var emailError))
                    {
                        errors.Add(new ContactImportError(line, row, headers[i], ContactImportErrorCode.BadEmail, emailError));
                    }
                    else if (emails.TryGetValue(email, out var first))
                    {
                        errors.Add(new ContactImportError(line, row, headers[i], ContactImportErrorCode.DuplicateEmail, $"The e-mail address {email} is already on row {first}."));
                    }
                    else
                    {
                        emails[email] = row;
                    }

                    break;
                case Column.Language:
                    if (!LanguageTags.IsWellFormed(value))
                    {
                        errors.Add(new ContactImportError(line, row, headers[i], ContactImportErrorCode.BadLanguage, "The language must be a code such as nl, fr, de, en or nl-BE."));
                    }
                    else
                    {
                        language = value;
                    }

                    break;
            }
        }

        if (errors.Count > before)
        {
            return false;
        }

        if (phone.IsEmpty && email is null)
        {
            errors.Add(new ContactImportError(line, row, null, ContactImportErrorCode.NoContact, "The row has neither a phone number nor an e-mail address."));
            return false;
        }

        contact = new Contact(name, phone, email, language);
        return true;
    }

    /// <summary>An RFC 4180 record reader over a string; a field longer than the limit comes back as <see langword="null"/>.</summary>
    private sealed class CsvReader(string text, char delimiter, int maxField)
    {
        private readonly StringBuilder _field = new();
        private int _position;
        private int _line = 1;

        public bool Read(List<string?> fields, out int line, out bool unterminated)
        {
            fields.Clear();
            line = _line;
            unterminated = false;
            if (_position >= text.Length)
            {
                return false;
            }

            while (true)
            {
                _field.Clear();
                var tooLong = false;
                if (_position < text.Length && text[_position] == '"')
                {
                    _position++;
                    while (true)
                    {
                        if (_position >= text.Length)
                        {
                            unterminated = true;
                            return true;
                        }

                        var c = text[_position];
                        if (c == '"')
                        {
                            if (_position + 1 < text.Length && text[_position + 1] == '"')
                            {
                                Append('"', ref tooLong);
                                _position += 2;
                                continue;
                            }

                            _position++;
                            break;
                        }

                        if (c == '\n' || (c == '\r' && (_position + 1 >= text.Length || text[_position + 1] != '\n')))
                        {
                            _line++;
                        }

                        Append(c, ref tooLong);
                        _position++;
                    }
                }

                // Unquoted text, or text after a closing quote (kept, as spreadsheets do).
                while (_position < text.Length && text[_position] != delimiter && text[_position] is not ('\n' or '\r'))
                {
                    Append(text[_position++], ref tooLong);
                }

                fields.Add(tooLong ? null : _field.ToString());
                if (_position < text.Length && text[_position] == delimiter)
                {
                    _position++;
                    continue;
                }

                if (_position < text.Length && text[_position] == '\r')
                {
                    _position++;
                }

                if (_position < text.Length && text[_position] == '\n')
                {
                    _position++;
                }

                _line++;
                return true;
            }
        }

        private void Append(char c, ref bool tooLong)
        {
            if (_field.Length < maxField)
            {
                _field.Append(c);
            }
            else
            {
                tooLong = true;
            }
        }
    }
}
