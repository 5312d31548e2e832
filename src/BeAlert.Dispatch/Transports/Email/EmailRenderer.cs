using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using MimeKit;
using MimeKit.Text;

namespace BeAlert.Dispatch;

/// <summary>
/// Turns a <see cref="MessageContent"/> into a <see cref="RenderedEmail"/> once (cached per content instance, which the
/// engine shares across every delivery of one channel and language): subject cleaned to one bounded line, body encoded
/// as UTF-8 quoted-printable, plain and HTML as multipart/alternative (RFC 2046 §5.1.4, plain first).
/// </summary>
internal sealed partial class EmailRenderer
{
    private const string Ellipsis = "\u2026";

    private readonly ConditionalWeakTable<MessageContent, RenderedEmail> _cache = [];
    private readonly int _maxBodyBytes;
    private readonly int _maxSubjectLength;
    private readonly string _fallbackSubject;

    public EmailRenderer(int maxBodyBytes, int maxSubjectLength, string fallbackSubject)
    {
        _maxBodyBytes = maxBodyBytes;
        _maxSubjectLength = maxSubjectLength;
        _fallbackSubject = fallbackSubject;
    }

    public RenderedEmail Get(MessageContent content) => _cache.GetValue(content, Render);

    private RenderedEmail Render(MessageContent content)
    {
        var text = content.Text ?? string.Empty;
        var html = content.Html;
        long bytes = Encoding.UTF8.GetByteCount(text) + (html is null ? 0 : Encoding.UTF8.GetByteCount(html));
        if (bytes > _maxBodyBytes)
        {
            return RenderedEmail.Refused($"the e-mail body is {bytes} bytes (plain + HTML); the limit is {_maxBodyBytes}");
        }

        var subject = CleanSubject(content.Subject);
        if (subject.Length == 0)
        {
            subject = _fallbackSubject;
        }

        var language = content.Language is { } tag && LanguageTag().IsMatch(tag) ? tag : null;
        var plain = TextPart(TextFormat.Plain, text);
        MimeEntity body = html is null ? plain : new MultipartAlternative { plain, TextPart(TextFormat.Html, html) };

        using var stream = new MemoryStream(((int)bytes * 11 / 10) + 512);
        var options = FormatOptions.Default.Clone();
        options.NewLineFormat = NewLineFormat.Dos;
        body.WriteTo(options, stream, contentOnly: true);
        var encoded = stream.ToArray();
        return body is Multipart multipart
            ? RenderedEmail.Create(subject, language, "multipart", "alternative", multipart.Boundary, encoded)
            : RenderedEmail.Create(subject, language, "text", "plain", null, encoded);
    }

    private static TextPart TextPart(TextFormat format, string text)
    {
        var part = new TextPart(format) { ContentTransferEncoding = ContentEncoding.QuotedPrintable };
        part.SetText(Encoding.UTF8, text);
        return part;
    }

    /// <summary>
    /// One line: control characters (CR and LF included, so no header can be injected), line and paragraph separators and
    /// format characters become spaces, runs of white space collapse, and the text is cut at a character boundary.
    /// </summary>
    internal string CleanSubject(string? subject)
    {
        if (string.IsNullOrEmpty(subject))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(subject.Length);
        var pendingSpace = false;
        foreach (var rune in subject.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (Rune.IsWhiteSpace(rune) || category is UnicodeCategory.Control or UnicodeCategory.Format
                or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate)
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(rune.ToString());
        }

        if (builder.Length <= _maxSubjectLength)
        {
            return builder.ToString();
        }

        // Cut on a user-perceived character boundary, leaving room for the ellipsis.
        var cleaned = builder.ToString();
        var cut = 0;
        var enumerator = StringInfo.GetTextElementEnumerator(cleaned);
        while (enumerator.MoveNext())
        {
            var next = enumerator.ElementIndex + enumerator.GetTextElement().Length;
            if (next > _maxSubjectLength - Ellipsis.Length)
            {
                break;
            }

            cut = next;
        }

        return string.Concat(cleaned.AsSpan(0, cut).TrimEnd(), Ellipsis);
    }

    [GeneratedRegex("^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8}){0,7}$", RegexOptions.CultureInvariant)]
    private static partial Regex LanguageTag();
}
