using System.Text;

namespace BeAlert.Cap;

/// <summary>
/// Text hygiene shared by every channel: CAP values are hostile input, so control and format characters go, lone
/// surrogates become U+FFFD, decomposed Latin letters are composed, whitespace runs become one space, and every value
/// is bounded in length.
/// </summary>
internal static class RenderText
{
    /// <summary>The mark of a shortened text. Plain dots, so that it never changes a GSM message into UCS-2.</summary>
    internal const string Ellipsis = "...";

    private const char Replacement = '\uFFFD';

    /// <summary>(base letter, combining mark) → precomposed letter, for the Latin-1 letters Belgian texts use.</summary>
    private static readonly Dictionary<(char Letter, char Mark), char> Compositions = BuildCompositions();

    /// <summary>
    /// Cleans one CAP value for a one-line channel: whitespace (line breaks included) collapsed to single spaces,
    /// trimmed, at most <paramref name="maxLength"/> characters (cut at a word boundary with an ellipsis).
    /// </summary>
    internal static string Line(string? value, int maxLength, out bool cut)
    {
        cut = false;
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(Math.Min(value.Length, maxLength + 16));
        var pendingSpace = false;
        var limit = maxLength + 1;
        for (var i = 0; i < value.Length && builder.Length <= limit; i++)
        {
            var c = value[i];
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (!TryAccept(value, ref i, out var accepted, out var second))
            {
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            if (IsCombiningMark(accepted) && builder.Length > 0
                && Compositions.TryGetValue((builder[^1], accepted), out var composed))
            {
                builder[^1] = composed;
                continue;
            }

            builder.Append(accepted);
            if (second != '\0')
            {
                builder.Append(second);
            }
        }

        var text = builder.ToString();
        if (text.Length > maxLength)
        {
            cut = true;
            return CutAtWord(text, maxLength);
        }

        return text;
    }

    /// <summary>
    /// Cleans one CAP value for a channel that keeps paragraphs (e-mail): each line cleaned as by <see cref="Line"/>,
    /// runs of blank lines reduced to one, at most <paramref name="maxLength"/> characters.
    /// </summary>
    internal static string Paragraphs(string? value, int maxLength, out bool cut)
    {
        cut = false;
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var bounded = value.Length > maxLength * 2 ? value[..(maxLength * 2)] : value;
        var lines = bounded.ReplaceLineEndings("\n").Split('\n');
        var output = new StringBuilder(Math.Min(bounded.Length, maxLength + 16));
        var blank = false;
        foreach (var raw in lines)
        {
            var line = Line(raw, maxLength, out _);
            if (line.Length == 0)
            {
                blank = output.Length > 0;
                continue;
            }

            if (output.Length > 0)
            {
                output.Append(blank ? "\n\n" : "\n");
            }

            blank = false;
            output.Append(line);
            if (output.Length > maxLength)
            {
                break;
            }
        }

        var text = output.ToString();
        if (text.Length > maxLength || bounded.Length < value.Length)
        {
            cut = true;
            return CutAtWord(text, Math.Min(maxLength, text.Length));
        }

        return text;
    }

    /// <summary>
    /// Replaces typographic punctuation that the GSM alphabet lacks with its plain equivalent (see
    /// <see cref="RenderOptions.GsmFriendlyPunctuation"/>). Letters are never touched.
    /// </summary>
    internal static string GsmPunctuation(string text)
    {
        if (!text.AsSpan().ContainsAny(TypographicCharacters))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\u2018' or '\u2019' or '\u201A' or '\u201B' or '\u2032' or '\u00B4' or '\u0060':
                    builder.Append('\'');
                    break;
                case '\u201C' or '\u201D' or '\u201E' or '\u201F' or '\u2033' or '\u00AB' or '\u00BB' or '\u2039' or '\u203A':
                    builder.Append('"');
                    break;
                case '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212':
                    builder.Append('-');
                    break;
                case '\u2026':
                    builder.Append("...");
                    break;
                case '\u2022' or '\u00B7':
                    builder.Append('-');
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        return builder.ToString();
    }

    private static readonly System.Buffers.SearchValues<char> TypographicCharacters = System.Buffers.SearchValues.Create(
        "\u2018\u2019\u201A\u201B\u2032\u00B4\u0060\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB\u2039\u203A\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2026\u2022\u00B7");

    /// <summary>Whether a value is an absolute http or https URI without spaces or control characters.</summary>
    internal static bool IsWebLink(string? value) =>
        !string.IsNullOrEmpty(value)
        && value.Length <= 2048
        && !value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
        && Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(uri.Host);

    /// <summary>
    /// Cuts a text to at most <paramref name="maxLength"/> characters, ellipsis included, at the last word boundary
    /// that keeps at least half of the room; inside a word only when no such boundary exists. Never splits a surrogate pair.
    /// </summary>
    internal static string CutAtWord(string text, int maxLength)
    {
        if (text.Length <= maxLength)
        {
            return text;
        }

        var room = Math.Max(0, maxLength - Ellipsis.Length);
        var space = room > 0 ? text.LastIndexOf(' ', room) : -1;
        if (space >= room / 2 && space > 0)
        {
            return Finish(text[..space]);
        }

        if (room > 0 && char.IsHighSurrogate(text[room - 1]))
        {
            room--;
        }

        return room == 0 ? Ellipsis[..Math.Min(Ellipsis.Length, maxLength)] : text[..room] + Ellipsis;
    }

    /// <summary>Ends a cut text: trailing separators removed; an ellipsis unless it ends a sentence.</summary>
    internal static string Finish(string cut)
    {
        var trimmed = cut.TrimEnd(' ', ',', ';', ':', '-', '(', '/');
        if (trimmed.Length == 0)
        {
            return Ellipsis;
        }

        return trimmed[^1] is '.' or '!' or '?' ? trimmed : trimmed + Ellipsis;
    }

    /// <summary>
    /// Accepts the character at <paramref name="i"/> (advancing past a surrogate pair): control and format characters
    /// are dropped (zero-width joiners kept), lone surrogates become U+FFFD.
    /// </summary>
    private static bool TryAccept(string value, ref int i, out char accepted, out char second)
    {
        var c = value[i];
        second = '\0';
        accepted = c;
        if (char.IsHighSurrogate(c))
        {
            if (i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                var category = char.GetUnicodeCategory(value, i);
                second = value[++i];
                if (category == System.Globalization.UnicodeCategory.Format)
                {
                    // Tag characters and other invisible supplementary format characters.
                    return false;
                }

                return true;
            }

            accepted = Replacement;
            return true;
        }

        if (char.IsLowSurrogate(c))
        {
            accepted = Replacement;
            return true;
        }

        if (char.IsControl(c) || c is '\uFFFE' or '\uFFFF')
        {
            // Control characters and the two non-characters XML cannot carry.
            return false;
        }

        if (char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format && c is not '\u200C' and not '\u200D')
        {
            return false;
        }

        return true;
    }

    private static bool IsCombiningMark(char c) => c is >= '\u0300' and <= '\u036F';

    private static Dictionary<(char, char), char> BuildCompositions()
    {
        var table = new Dictionary<(char, char), char>();
        void Add(char mark, string pairs)
        {
            for (var i = 0; i + 1 < pairs.Length; i += 2)
            {
                table[(pairs[i], mark)] = pairs[i + 1];
            }
        }

        Add('\u0300', "AÀEÈIÌOÒUÙaàeèiìoòuù");
        Add('\u0301', "AÁEÉIÍOÓUÚYÝaáeéiíoóuúyý");
        Add('\u0302', "AÂEÊIÎOÔUÛaâeêiîoôuû");
        Add('\u0303', "AÃNÑOÕaãnñoõ");
        Add('\u0308', "AÄEËIÏOÖUÜaäeëiïoöuüyÿ");
        Add('\u030A', "AÅaå");
        Add('\u0327', "CÇcç");
        return table;
    }
}
