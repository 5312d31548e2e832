using System.Globalization;
using System.Text;

namespace BeAlert.Cap;

/// <summary>Converting element text into model values: coded values, times, numbers, coordinates, lists.</summary>
internal sealed partial class CapReaderSession
{
    private static readonly char[] Blanks = [' ', '\t', '\r', '\n'];
    private static readonly System.Buffers.SearchValues<byte> BlankBytes = System.Buffers.SearchValues.Create(" \t\r\n"u8);

    /// <summary>Reads a coded value (xs:string enumeration: whitespace is significant to the XSD).</summary>
    private TEnum ReadEnum<TEnum>(string element, TEnum fallback)
        where TEnum : struct, Enum
    {
        // The usual coded value, read whole by NextChild and spelled exactly: matched on its bytes, not decoded.
        if (_prefetched is var (start, end, _) && CapEnumText.TryParseExact(_plain!.Bytes(start, end), out TEnum exact))
        {
            TakePrefetched();
            return _version == CapVersion.Cap12 ? exact : CheckInVersion(element, CapEnumText.ToText(exact), exact);
        }

        var raw = ReadValueChars();
        if (CapEnumText.TryParse<TEnum>(raw, ignoreCase: false, out var value))
        {
            return CheckInVersion(element, raw, value);
        }

        var trimmed = raw.Trim(Blanks);
        if (typeof(TEnum) == typeof(CapCertainty) && trimmed.Equals("Very Likely", StringComparison.OrdinalIgnoreCase))
        {
            if (_version != CapVersion.Cap12 || _lenient)
            {
                Report(CapDiagnosticCodes.DeprecatedVeryLikely, "certainty 'Very Likely' is deprecated (CAP 1.1) and was removed in CAP 1.2; it was read as 'Likely'.");
                return (TEnum)(object)CapCertainty.Likely;
            }

            Report(CapDiagnosticCodes.InvalidEnumValue, "certainty 'Very Likely' was removed in CAP 1.2: use 'Likely'.");
            return fallback;
        }

        if (CapEnumText.TryParse<TEnum>(trimmed, ignoreCase: false, out value))
        {
            if (_lenient)
            {
                Report(CapDiagnosticCodes.RepairedWhitespace, $"<{element}> '{trimmed}' had surrounding whitespace, which was removed.");
                return CheckInVersion(element, trimmed, value);
            }

            Report(CapDiagnosticCodes.InvalidEnumValue, $"<{element}> '{Shorten(raw)}' has surrounding whitespace, which CAP coded values must not have: write '{trimmed}'.");
            return fallback;
        }

        if (CapEnumText.TryParse<TEnum>(trimmed, ignoreCase: true, out value))
        {
            var text = CapEnumText.ToText(value);
            if (_lenient)
            {
                Report(CapDiagnosticCodes.RepairedEnumCase, $"<{element}> '{trimmed}' was read as '{text}' (CAP values are case-sensitive).");
                return CheckInVersion(element, text, value);
            }

            Report(CapDiagnosticCodes.InvalidEnumValue, $"<{element}> '{Shorten(raw)}' is not a CAP value (values are case-sensitive): write '{text}'.");
            return fallback;
        }

        Report(CapDiagnosticCodes.InvalidEnumValue, $"<{element}> '{Shorten(raw)}' is not one of: {CapEnumText.Allowed<TEnum>()}.");
        return fallback;
    }

    /// <summary>Values that CAP 1.2 added are errors in older documents (their schema rejects them).</summary>
    private TEnum CheckInVersion<TEnum>(string element, ReadOnlySpan<char> text, TEnum value)
        where TEnum : struct, Enum
    {
        if (_version == CapVersion.Cap12)
        {
            return value;
        }

        object boxed = value;
        var missing = boxed switch
        {
            CapResponseType.Avoid or CapResponseType.AllClear => true,
            CapStatus.Draft or CapCategory.Cbrne or CapCertainty.Observed => _version == CapVersion.Cap10,
            _ => false,
        };
        if (missing)
        {
            Report(CapDiagnosticCodes.NotInVersion, $"<{element}> '{text}' is not defined in CAP {VersionText(_version)}; declare the CAP 1.2 namespace to use it.");
        }

        return value;
    }

    /// <summary>Reads a CAP date-time (xs:dateTime collapses surrounding whitespace; the CAP pattern applies after).</summary>
    private CapDateTime? ReadTime(string element)
    {
        var raw = ReadValueChars();
        var text = raw.Trim(Blanks);
        switch (CapDateTimeText.TryParse(text, out var value))
        {
            case CapDateTimeText.Outcome.Valid:
                return value;
            case CapDateTimeText.Outcome.ZuluDesignator when _lenient:
                Report(CapDiagnosticCodes.RepairedZuluTime, $"<{element}> '{text}' uses 'Z'; it was read as {value} (CAP writes UTC as -00:00).");
                return value;
            case CapDateTimeText.Outcome.ZuluDesignator:
                Report(CapDiagnosticCodes.ZuluTimeZone, $"<{element}> '{text}' uses the 'Z' time zone designator, which CAP forbids: write {value}.");
                return null;
            case CapDateTimeText.Outcome.FractionalSeconds:
                Report(CapDiagnosticCodes.InvalidDateTime, $"<{element}> '{Shorten(raw)}' has fractions of a second, which CAP times do not allow: write YYYY-MM-DDThh:mm:ss±hh:mm.");
                return null;
            case CapDateTimeText.Outcome.MissingOffset:
                Report(CapDiagnosticCodes.InvalidDateTime, $"<{element}> '{Shorten(raw)}' has no time zone offset; CAP requires one, for example {text}+01:00 (or -00:00 for UTC).");
                return null;
            default:
                Report(CapDiagnosticCodes.InvalidDateTime, $"<{element}> '{Shorten(raw)}' is not a CAP date-time: write YYYY-MM-DDThh:mm:ss±hh:mm, for example 2026-11-25T14:30:00+01:00.");
                return null;
        }
    }

    /// <summary>Reads a plain identifier-like string; lenient mode removes surrounding whitespace.</summary>
    private string ReadToken(string element)
    {
        var raw = ReadValue();
        if (!_lenient)
        {
            return raw;
        }

        var trimmed = raw.Trim(Blanks);
        if (trimmed.Length != raw.Length)
        {
            Report(CapDiagnosticCodes.RepairedWhitespace, $"<{element}> had surrounding whitespace, which was removed.");
        }

        return trimmed;
    }

    private string ReadLanguage() => ReadValue().Trim(Blanks);

    private long? ReadSize()
    {
        var raw = ReadValueChars();
        var text = raw.Trim(Blanks);
        if (text.Length > 0 && IsDecimalDigits(text, allowPoint: false)
            && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var size))
        {
            return size;
        }

        Report(CapDiagnosticCodes.InvalidInteger, $"<size> '{Shorten(raw)}' is not a whole number of bytes.");
        return null;
    }

    private decimal? ReadDecimal(string element)
    {
        var raw = ReadValueChars();
        var text = raw.Trim(Blanks);
        if (text.Length > 0 && IsDecimalDigits(text, allowPoint: true)
            && decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Report(CapDiagnosticCodes.InvalidDecimal, $"<{element}> '{Shorten(raw)}' is not a decimal number (feet above mean sea level, for example 1500 or 1500.5).");
        return null;
    }

    /// <summary>xs:integer / xs:decimal lexical space: optional sign, digits, at most one point (for decimals), no exponent.</summary>
    private static bool IsDecimalDigits(ReadOnlySpan<char> text, bool allowPoint)
    {
        var start = text[0] is '+' or '-' ? 1 : 0;
        var digits = 0;
        var points = 0;
        for (var i = start; i < text.Length; i++)
        {
            if (char.IsAsciiDigit(text[i]))
            {
                digits++;
            }
            else if (text[i] == '.' && allowPoint && points++ == 0)
            {
                continue;
            }
            else
            {
                return false;
            }
        }

        return digits > 0;
    }

    /// <summary>
    /// Reads <c>lat,lon lat,lon ...</c>; returns null (and reports) when the text is not such a list. The text is read as
    /// UTF-8, usually straight from the document (a polygon can be hundreds of kilobytes, and every character of it is
    /// ASCII when it is valid).
    /// </summary>
    private CapPolygon? ReadPolygon()
    {
        var slot = PositionSlot();
        var points = TryReadPolygonInPlace() ?? ReadPolygonText();
        if (points is null)
        {
            return null;
        }

        return new CapPolygon(EquatableList<CapPoint>.Wrap(points)) { SourceSlot = slot };
    }

    /// <summary>
    /// The usual polygon, <c>&lt;polygon&gt;</c> then plain points then <c>&lt;/polygon&gt;</c> in the UTF-8 reader: one
    /// pass finds the end of the text and counts its commas (no search for references, CDATA or CR first: the point
    /// reader takes none of them), the points are read from the document's bytes, and the end tag is taken. Anything
    /// else, a bad point included, returns null with the reader where it was, for <see cref="ReadPolygonText"/> to read
    /// (and report) as any value.
    /// </summary>
    private CapPoint[]? TryReadPolygonInPlace()
    {
        if (_prefetched is not null || _plain is not { } plain || _reader.AttributeCount != 0
            || !plain.TryPeekContentCountingCommas(_options.MaxValueLength, out var textStart, out var close, out var commas))
        {
            return null;
        }

        var start = Position();
        var points = PointArray(commas);
        var count = CapPointText.ReadPoints(plain.Bytes(textStart, close), points, out var failedAt);
        if (failedAt >= 0 || count == 0 || !plain.TryTakeOwnEndTag(close))
        {
            return null;
        }

        _reader.SkipWhitespaceText = false;
        _valueStart = start;
        return Finish(points, count);
    }

    /// <summary>Reads <c>lat,lon lat,lon ...</c> from the value's text; returns null (and reports) when it is not such a list.</summary>
    private CapPoint[]? ReadPolygonText()
    {
        var text = ReadValueUtf8();
        var points = PointArray(text.AsSpan().Count((byte)','));
        var count = CapPointText.ReadPoints(text, points, out var failedAt);
        if (failedAt >= 0)
        {
            var rest = text.AsSpan(failedAt);
            var end = rest.IndexOfAny(BlankBytes);
            Report(CapDiagnosticCodes.InvalidPolygon, $"<polygon> point {count + 1} '{ShortenUtf8(end < 0 ? rest : rest[..end])}' is not 'latitude,longitude' (decimal degrees, no spaces around the comma).");
            return null;
        }

        if (count == 0)
        {
            Report(CapDiagnosticCodes.InvalidPolygon, "<polygon> is empty: give at least four latitude,longitude pairs, the first repeated last.");
            return null;
        }

        return Finish(points, count);
    }

    /// <summary>
    /// The array for a polygon of <paramref name="commas"/> commas: one per point, so it is sized once instead of grown,
    /// with room for the closing point lenient mode may add. Every element up to the count read is written before it is
    /// read, so it is not zeroed first. Past <see cref="CapParserOptions.MaxPolygonPoints"/> the parse stops.
    /// </summary>
    private CapPoint[] PointArray(int commas) => commas > _options.MaxPolygonPoints
        ? throw LimitExceeded("points in one polygon", _options.MaxPolygonPoints, nameof(CapParserOptions.MaxPolygonPoints))
        : GC.AllocateUninitializedArray<CapPoint>(commas + (_lenient ? 1 : 0));

    /// <summary>The points read, closed in lenient mode when they are not (and reported), in an array of their size.</summary>
    private CapPoint[] Finish(CapPoint[] points, int count)
    {
        if (_lenient && count >= 3 && points[0] != points[count - 1])
        {
            points[count++] = points[0];
            Report(CapDiagnosticCodes.RepairedPolygonClosed, $"<polygon> did not end on its first point; {points[0]} was added to close it.");
        }

        if (count != points.Length)
        {
            Array.Resize(ref points, count);
        }

        return points;
    }

    private CapCircle? ReadCircle()
    {
        var slot = PositionSlot();
        var raw = ReadValueChars();
        var text = raw.Trim(Blanks);
        var space = text.IndexOfAny(Blanks);
        if (space > 0)
        {
            var radiusText = text[space..].TrimStart(Blanks);
            if (TryParsePair(text[..space], out var center) && radiusText.IndexOfAny(Blanks) < 0 && CapNumber.TryParse(radiusText, out var radius))
            {
                return new CapCircle(center, radius) { SourceSlot = slot };
            }
        }

        Report(CapDiagnosticCodes.InvalidCircle, $"<circle> '{Shorten(raw)}' is not 'latitude,longitude radius' (decimal degrees, then the radius in km), for example '50.85,4.35 5'.");
        return null;
    }

    private static bool TryParsePair(ReadOnlySpan<char> text, out CapPoint point) => TryParsePairPrefix(text, out point, out var length) && length == text.Length;

    /// <summary>Reads <c>latitude,longitude</c> at the start of <paramref name="text"/>; <paramref name="length"/> is what it took.</summary>
    private static bool TryParsePairPrefix(ReadOnlySpan<char> text, out CapPoint point, out int length)
    {
        point = default;
        length = 0;
        if (!CapNumber.TryParsePrefix(text, out var latitude, out var first) || first >= text.Length || text[first] != ','
            || !CapNumber.TryParsePrefix(text[(first + 1)..], out var longitude, out var second))
        {
            return false;
        }

        length = first + 1 + second;
        point = new CapPoint(latitude, longitude);
        return true;
    }

    private List<string> ReadList(string element, string code)
    {
        var raw = ReadValue();
        if (CapListText.TrySplit(raw, out var items))
        {
            return items;
        }

        Report(code, $"<{element}> '{Shorten(raw)}' has an unbalanced or misplaced double quote: entries are separated by spaces, and an entry containing spaces is enclosed in double quotes.");
        return [];
    }

    private List<CapReference> ReadReferences()
    {
        var raw = ReadValue();
        var references = new List<CapReference>();
        foreach (var token in raw.Split(Blanks, StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = token.Split(',');
            if (parts.Length != 3)
            {
                Report(CapDiagnosticCodes.InvalidReferences, $"<references> entry '{Shorten(token)}' is not 'sender,identifier,sent' (three parts separated by commas; entries separated by spaces).");
                continue;
            }

            var outcome = CapDateTimeText.TryParse(parts[2], out var sent);
            if (outcome == CapDateTimeText.Outcome.ZuluDesignator && _lenient)
            {
                Report(CapDiagnosticCodes.RepairedZuluTime, $"<references> entry '{Shorten(token)}' uses 'Z'; it was read as {sent}.");
            }
            else if (outcome != CapDateTimeText.Outcome.Valid)
            {
                Report(CapDiagnosticCodes.InvalidReferences, $"<references> entry '{Shorten(token)}' has '{Shorten(parts[2])}' as its sent time, which is not a CAP date-time (YYYY-MM-DDThh:mm:ss±hh:mm).");
                continue;
            }

            references.Add(new CapReference(parts[0], parts[1], sent));
        }

        if (references.Count == 0 && raw.AsSpan().Trim(Blanks).IsEmpty)
        {
            Report(CapDiagnosticCodes.InvalidReferences, "<references> is empty: list the earlier messages as 'sender,identifier,sent', or remove the element.");
        }

        return references;
    }

    /// <summary>Keeps quoted input in messages short.</summary>
    private static string Shorten(ReadOnlySpan<char> text) => text.Length <= 80 ? text.ToString() : string.Concat(text[..77], "...");

    /// <summary>As <see cref="Shorten"/> for UTF-8, decoding no more than the 80 characters it can keep (a bad polygon
    /// point can be a long run without blanks).</summary>
    private static string ShortenUtf8(ReadOnlySpan<byte> text)
    {
        const int MaxBytes = 4 * 80;
        return text.Length <= MaxBytes
            ? Shorten(Encoding.UTF8.GetString(text))
            : string.Concat(Encoding.UTF8.GetString(text[..MaxBytes]).AsSpan(0, 77), "...");
    }
}
