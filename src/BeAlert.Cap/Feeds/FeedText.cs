using System.Text;

namespace BeAlert.Cap;

/// <summary>
/// Turns feed bytes into text the way an XML processor would (byte order mark, else the XML declaration's encoding,
/// else UTF-8), refusing bytes that do not match the encoding, and maps lines and columns to offsets in that text.
/// Reading the feed from text lets an embedded alert be cut out of it exactly as written.
/// </summary>
internal static class FeedText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Decodes a whole document; throws <see cref="CapParseException"/> (CAP0007) for bad bytes or an unknown encoding.</summary>
    internal static string Decode(ReadOnlySpan<byte> bytes)
    {
        Encoding encoding;
        var skip = 0;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            encoding = StrictUtf8;
            skip = 3;
        }
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0, 0]) || bytes.StartsWith((ReadOnlySpan<byte>)[0, 0, 0xFE, 0xFF]))
        {
            encoding = new UTF32Encoding(bigEndian: bytes[0] == 0, byteOrderMark: false, throwOnInvalidCharacters: true);
            skip = 4;
        }
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            encoding = new UnicodeEncoding(bigEndian: bytes[0] == 0xFE, byteOrderMark: false, throwOnInvalidBytes: true);
            skip = 2;
        }
        else if (bytes.Length >= 2 && (bytes[0] == 0 || bytes[1] == 0))
        {
            // UTF-16 without a byte order mark ('<' as 00 3C or 3C 00).
            encoding = new UnicodeEncoding(bigEndian: bytes[0] == 0, byteOrderMark: false, throwOnInvalidBytes: true);
        }
        else
        {
            encoding = DeclaredEncoding(bytes);
        }

        try
        {
            return encoding.GetString(bytes[skip..]);
        }
        catch (DecoderFallbackException e)
        {
            var (line, column) = PositionOfByte(bytes, skip, encoding, e.Index);
            throw new CapParseException(
                CapDiagnosticCodes.EncodingError,
                $"The bytes do not match the document's character encoding ({encoding.WebName}).",
                "/",
                line,
                column,
                e);
        }
    }

    private static Encoding DeclaredEncoding(ReadOnlySpan<byte> bytes)
    {
        if (!bytes.StartsWith("<?xml"u8))
        {
            return StrictUtf8;
        }

        var declaration = bytes[..Math.Min(bytes.Length, 256)];
        var close = declaration.IndexOf("?>"u8);
        declaration = close >= 0 ? declaration[..close] : declaration;
        var at = declaration.IndexOf("encoding"u8);
        if (at < 0)
        {
            return StrictUtf8;
        }

        var rest = declaration[(at + 8)..].TrimStart(" \t\r\n"u8);
        if (rest.Length == 0 || rest[0] != '=')
        {
            return StrictUtf8;
        }

        rest = rest[1..].TrimStart(" \t\r\n"u8);
        if (rest.Length < 2 || rest[0] is not ((byte)'"' or (byte)'\''))
        {
            return StrictUtf8;
        }

        var end = rest[1..].IndexOf(rest[0]);
        var name = Encoding.ASCII.GetString(end < 0 ? rest[1..] : rest.Slice(1, end));
        try
        {
            var declared = Encoding.GetEncoding(name, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
            if (declared.CodePage is 1200 or 1201 or 12000 or 12001)
            {
                // A declaration read as ASCII cannot name UTF-16 or UTF-32: the bytes are not in that encoding.
                throw new CapParseException(CapDiagnosticCodes.EncodingError, $"The document declares encoding '{name}' but is not written in it.", "/", 1, 1);
            }

            return declared;
        }
        catch (ArgumentException e)
        {
            throw new CapParseException(CapDiagnosticCodes.EncodingError, $"The document declares encoding '{name}', which is not supported; use UTF-8.", "/", 1, 1, e);
        }
    }

    private static (int Line, int Column) PositionOfByte(ReadOnlySpan<byte> bytes, int skip, Encoding encoding, int index)
    {
        try
        {
            var before = encoding.GetString(bytes.Slice(skip, Math.Clamp(index, 0, bytes.Length - skip)));
            var map = new LineMap(before);
            return map.PositionOf(before.Length);
        }
        catch (DecoderFallbackException)
        {
            return (0, 0);
        }
    }
}

/// <summary>The start offset of every line of a text, with XML's line ends (CR LF, CR, LF).</summary>
internal sealed class LineMap
{
    private readonly string _text;
    private readonly List<int> _starts = [0];

    internal LineMap(string text)
    {
        _text = text;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                _starts.Add(i + 1);
            }
            else if (c == '\r')
            {
                if (i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                _starts.Add(i + 1);
            }
        }
    }

    /// <summary>The offset of a 1-based line and column, clamped to the text.</summary>
    internal int OffsetOf(int line, int column)
    {
        if (line < 1)
        {
            return 0;
        }

        var start = line <= _starts.Count ? _starts[line - 1] : _text.Length;
        return Math.Clamp(start + Math.Max(column, 1) - 1, 0, _text.Length);
    }

    /// <summary>The 1-based line and column of an offset.</summary>
    internal (int Line, int Column) PositionOf(int offset)
    {
        var index = _starts.BinarySearch(offset);
        var line = index >= 0 ? index : ~index - 1;
        return (line + 1, offset - _starts[line] + 1);
    }
}
