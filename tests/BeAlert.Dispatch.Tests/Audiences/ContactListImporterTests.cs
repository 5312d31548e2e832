using System.Text;
using FsCheck.Xunit;

namespace BeAlert.Dispatch.Tests.Audiences;

public sealed class ContactListImporterTests
{
    private static readonly ContactListImporter Importer = new();

    private static ContactListImportResult Import(string csv, ContactListImporter? importer = null) =>
        (importer ?? Importer).Import(Encoding.UTF8.GetBytes(csv), 12, "parents", "school-1");

    [Fact]
    public void Import_SemicolonsBomQuotesAndAliases_ImportsEveryRow()
    {
        var csv = "\uFEFFNaam;GSM;E-mail;Taal;Klas\r\n"
            + "\"Peeters; Jan\";0470 12 34 56;jan@example.be;nl;3A\r\n"
            + "\r\n"
            + "\"Dubois \"\"Zoé\"\"\";;zoe@example.be;fr-BE;\"multi\nline\"\r\n"
            + "Schmitz;+49 151 12345678;;;4B";

        var result = Import(csv);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(3, result.RowCount);
        var list = result.List!;
        Assert.Equal((12L, "parents", "school-1"), (list.Id, list.Name, list.OwnerId));
        Assert.Equal(new Contact("Peeters; Jan", PhoneNumber.Parse("+32470123456"), "jan@example.be", "nl"), list.Contacts[0]);
        Assert.Equal(new Contact("Dubois \"Zoé\"", default, "zoe@example.be", "fr-BE"), list.Contacts[1]);
        Assert.Equal(new Contact("Schmitz", PhoneNumber.Parse("+4915112345678"), null, null), list.Contacts[2]);
    }

    [Fact]
    public void Import_CommaSeparatedEnglishHeader_Imports()
    {
        var result = Import("name,phone,email\nA,0470000001,\nB,,b@example.org\n");
        Assert.True(result.Succeeded);
        Assert.Equal(2, result.List!.Contacts.Count);
    }

    [Fact]
    public void Import_BadRows_ReportsEveryRowAndImportsNothing()
    {
        var csv = "name,phone,email,language\n"
            + "ok,0470000001,ok@example.org,nl\n" // row 1
            + "bad phone,0470 12,,\n" // row 2
            + "bad mail,,not-an-address,\n" // row 3
            + "dup phone,+32 470 00 00 01,,\n" // row 4
            + "dup mail,,OK@example.org,\n" // row 5
            + "nothing,,,\n" // row 6
            + "short,0470000009\n" // row 7
            + "bad language,0470000010,,français\n"; // row 8

        var result = Import(csv);

        Assert.False(result.Succeeded);
        Assert.Null(result.List);
        Assert.Equal(8, result.RowCount);
        Assert.Equal(
            [
                (3, 2, ContactImportErrorCode.BadPhone), (4, 3, ContactImportErrorCode.BadEmail), (5, 4, ContactImportErrorCode.DuplicatePhone),
                (6, 5, ContactImportErrorCode.DuplicateEmail), (7, 6, ContactImportErrorCode.NoContact), (8, 7, ContactImportErrorCode.WrongFieldCount),
                (9, 8, ContactImportErrorCode.BadLanguage),
            ],
            result.Errors.Select(e => (e.Line, e.Row, e.Code)));
        Assert.Contains("row 1", result.Errors.Single(e => e.Code == ContactImportErrorCode.DuplicatePhone).Message, StringComparison.Ordinal);
        Assert.Equal("phone", result.Errors[0].Column);
    }

    [Theory]
    [InlineData("", ContactImportErrorCode.Empty)]
    [InlineData("\n\n  \n", ContactImportErrorCode.Empty)]
    [InlineData("name,phone\n", ContactImportErrorCode.Empty)]
    [InlineData("name,address\nJan,Kerkstraat 1\n", ContactImportErrorCode.MissingContactColumn)]
    [InlineData("phone,telefoon\n0470000001,0470000002\n", ContactImportErrorCode.DuplicateColumn)]
    [InlineData("name,phone\n\"Jan,0470000001\n", ContactImportErrorCode.UnterminatedQuote)]
    public void Import_FileProblems_SpecificCode(string csv, ContactImportErrorCode code)
    {
        var result = Import(csv);

        Assert.False(result.Succeeded);
        Assert.Equal(code, Assert.Single(result.Errors).Code);
    }

    [Fact]
    public void Import_Utf16_RefusedAsUtf16()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("phone\n0470000001\n")).ToArray();
        Assert.Equal(ContactImportErrorCode.Utf16, Assert.Single(Importer.Import(bytes, 1, "l", "o").Errors).Code);
    }

    [Fact]
    public void Import_Windows1252_RefusedAsNotUtf8WithTheLine()
    {
        var bytes = Encoding.Latin1.GetBytes("name;phone\nJan;0470000001\nZoé;0470000002\n");

        var error = Assert.Single(Importer.Import(bytes, 1, "l", "o").Errors);

        Assert.Equal((ContactImportErrorCode.NotUtf8, 3), (error.Code, error.Line));
    }

    [Fact]
    public void Import_Binary_RefusedAsBinary()
    {
        byte[] zip = [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00];
        Assert.Equal(ContactImportErrorCode.Binary, Assert.Single(Importer.Import(zip, 1, "l", "o").Errors).Code);
    }

    [Fact]
    public void Import_OverByteLimit_TooLarge_FromSpanAndStream()
    {
        var importer = new ContactListImporter(new ContactListImportOptions { MaxBytes = 1_000 });
        var bytes = Encoding.UTF8.GetBytes("phone\n" + string.Concat(Enumerable.Repeat("0470000001\n", 100)));

        Assert.Equal(ContactImportErrorCode.TooLarge, Assert.Single(importer.Import(bytes, 1, "l", "o").Errors).Code);
        using var endless = new EndlessStream();
        Assert.Equal(ContactImportErrorCode.TooLarge, Assert.Single(importer.Import(endless, 1, "l", "o").Errors).Code);
        Assert.True(endless.Position <= 1_001 + 65_536);
    }

    [Fact]
    public void Import_Stream_SameAsSpan()
    {
        var bytes = Encoding.UTF8.GetBytes("phone;email\n0470000001;a@example.org\n");
        using var stream = new MemoryStream(bytes);
        Assert.Equal(Importer.Import(bytes, 1, "l", "o").List!.Contacts, Importer.Import(stream, 1, "l", "o").List!.Contacts);
    }

    [Fact]
    public void Import_MillionRows_TooManyRowsWithoutReadingOn()
    {
        var builder = new StringBuilder("phone\n", 12_000_000);
        for (var i = 0; i < 1_000_000; i++)
        {
            builder.Append("+32 470 ").Append(i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        }

        var result = Import(builder.ToString());

        var error = Assert.Single(result.Errors);
        Assert.Equal((ContactImportErrorCode.TooManyRows, 500_001), (error.Code, error.Row));
    }

    [Fact]
    public void Import_HugeRow_FieldTooLongAndTooManyColumns()
    {
        Assert.Equal(ContactImportErrorCode.FieldTooLong, Assert.Single(Import("name,phone\n" + new string('x', 5_000_000) + ",0470000001\n").Errors).Code);
        Assert.Equal(ContactImportErrorCode.TooManyColumns, Assert.Single(Import(string.Join(',', Enumerable.Repeat("c", 100_000)) + ",phone\n").Errors).Code);
        Assert.Equal(ContactImportErrorCode.FieldTooLong, Assert.Single(Import("phone\n\"" + new string('1', 100_000) + "\"\n").Errors).Code);
    }

    [Fact]
    public void Import_ManyBadRows_StopsAtMaxErrors()
    {
        var importer = new ContactListImporter(new ContactListImportOptions { MaxErrors = 10 });
        var result = Import("phone\n" + string.Concat(Enumerable.Repeat("nonsense\n", 1_000)), importer);

        Assert.Equal(11, result.Errors.Count);
        Assert.Equal(ContactImportErrorCode.TooManyErrors, result.Errors[^1].Code);
    }

    [Fact]
    public void Options_Invalid_EveryProblemReported()
    {
        var e = Assert.Throws<ArgumentException>(() => new ContactListImporter(new ContactListImportOptions { MaxBytes = 0, MaxRows = 0, MaxFieldLength = 10 }));
        Assert.Contains("MaxBytes", e.Message, StringComparison.Ordinal);
        Assert.Contains("MaxRows", e.Message, StringComparison.Ordinal);
        Assert.Contains("MaxFieldLength", e.Message, StringComparison.Ordinal);
    }

    [Property(MaxTest = 500)]
    public void Import_AnyBytes_ReportNeverException_AllOrNothing(byte[] bytes)
    {
        var result = Importer.Import(bytes, 1, "l", "o");

        Assert.Equal(result.List is null, result.Errors.Count > 0);
        if (result.List is not null)
        {
            Assert.Equal(result.RowCount, result.List.Contacts.Count);
        }
    }

    [Property(MaxTest = 300)]
    public void Import_AnyTextAfterAHeader_ReportNeverException_AllOrNothing(string[] lines)
    {
        var text = "name;phone;email\n" + string.Join('\n', lines ?? []);

        var result = Import(text);

        Assert.Equal(result.List is null, result.Errors.Count > 0);
        Assert.True(result.List is null || result.List.Contacts.All(c => !c.Phone.IsEmpty || c.Email is not null));
    }

    [Property(MaxTest = 200)]
    public void Import_WrittenFromValidContacts_ReadsThemBack(uint[] numbers)
    {
        var contacts = (numbers ?? []).Distinct().Take(200).Select(n => new Contact(
            $"Name \"{n}\"; x", PhoneNumber.Parse("+32 47" + (n % 10) + " " + (n % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture)), $"c{n}@example.org", n % 2 == 0 ? "nl" : null))
            .DistinctBy(c => c.Phone).ToList();
        var csv = new StringBuilder("name;phone;email;language\r\n");
        foreach (var c in contacts)
        {
            csv.Append('"').Append(c.Name!.Replace("\"", "\"\"", StringComparison.Ordinal)).Append("\";").Append(c.Phone).Append(';').Append(c.Email).Append(';').Append(c.Language).Append("\r\n");
        }

        var result = Import(csv.ToString());

        if (contacts.Count == 0)
        {
            Assert.Equal(ContactImportErrorCode.Empty, Assert.Single(result.Errors).Code);
        }
        else
        {
            Assert.True(result.Succeeded, string.Join("\n", result.Errors));
            Assert.Equal(contacts, result.List!.Contacts);
        }
    }

    private sealed class EndlessStream : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            buffer.AsSpan(offset, count).Fill((byte)'1');
            _position += count;
            return count;
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
