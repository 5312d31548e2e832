using System.Text;
using MimeKit;

namespace BeAlert.Dispatch;

/// <summary>
/// One <see cref="MessageContent"/> made ready for e-mail, once: the cleaned subject, the language tag and the body
/// already MIME-encoded, or why the content cannot be sent.
/// </summary>
internal sealed class RenderedEmail
{
    private RenderedEmail(string subject, string? language, string mediaType, string mediaSubtype, string? boundary, byte[] content, string? problem)
    {
        Subject = subject;
        Language = language;
        MediaType = mediaType;
        MediaSubtype = mediaSubtype;
        Boundary = boundary;
        Content = content;
        Problem = problem;
        SubjectHeader = new Header(Encoding.UTF8, HeaderId.Subject, subject);
    }

    /// <summary>The Subject header, encoded once (RFC 2047 for non-ASCII); messages take clones.</summary>
    public Header SubjectHeader { get; }

    /// <summary>The subject, one line, bounded.</summary>
    public string Subject { get; }

    /// <summary>The Content-Language value, or <see langword="null"/> when the content's language is not a well-formed tag.</summary>
    public string? Language { get; }

    /// <summary>The body's media type (<c>multipart</c> or <c>text</c>).</summary>
    public string MediaType { get; }

    /// <summary>The body's media subtype (<c>alternative</c> or <c>plain</c>).</summary>
    public string MediaSubtype { get; }

    /// <summary>The multipart boundary; <see langword="null"/> for a single text part.</summary>
    public string? Boundary { get; }

    /// <summary>The encoded body content (after the body's own headers), 7-bit, CRLF line ends.</summary>
    public byte[] Content { get; }

    /// <summary>Why this content cannot be sent (too large); <see langword="null"/> when it can.</summary>
    public string? Problem { get; }

    public static RenderedEmail Create(string subject, string? language, string mediaType, string mediaSubtype, string? boundary, byte[] content) =>
        new(subject, language, mediaType, mediaSubtype, boundary, content, null);

    public static RenderedEmail Refused(string problem) =>
        new(string.Empty, null, "text", "plain", null, [], problem);
}
