using MimeKit;
using MimeKit.IO;

namespace BeAlert.Dispatch;

/// <summary>
/// A message body whose content was MIME-encoded once per <see cref="MessageContent"/>: each message gets its own
/// small instance (headers are per entity in MimeKit) that writes the shared, already 7-bit bytes as they are.
/// </summary>
internal sealed class PrerenderedBody : MimeEntity
{
    private readonly RenderedEmail _email;

    public PrerenderedBody(RenderedEmail email)
        : base(new ContentType(email.MediaType, email.MediaSubtype))
    {
        _email = email;
        if (email.Boundary is { } boundary)
        {
            ContentType.Boundary = boundary;
        }
        else
        {
            ContentType.Charset = "utf-8";
            Headers.Add(HeaderId.ContentTransferEncoding, "quoted-printable");
        }
    }

    /// <summary>Nothing to do: the content is quoted-printable, so it passes any 7-bit relay with short lines.</summary>
    public override void Prepare(EncodingConstraint constraint, int maxLineLength = 78)
    {
    }

    public override void WriteTo(FormatOptions options, Stream stream, bool contentOnly, CancellationToken cancellationToken = default)
    {
        base.WriteTo(options, stream, contentOnly, cancellationToken);
        WriteContent(stream, cancellationToken);
    }

    public override async Task WriteToAsync(FormatOptions options, Stream stream, bool contentOnly, CancellationToken cancellationToken = default)
    {
        await base.WriteToAsync(options, stream, contentOnly, cancellationToken).ConfigureAwait(false);
        if (stream is ICancellableStream)
        {
            WriteContent(stream, cancellationToken);
        }
        else
        {
            await stream.WriteAsync(_email.Content, cancellationToken).ConfigureAwait(false);
        }
    }

    private void WriteContent(Stream stream, CancellationToken cancellationToken)
    {
        if (stream is ICancellableStream cancellable)
        {
            cancellable.Write(_email.Content, 0, _email.Content.Length, cancellationToken);
        }
        else
        {
            cancellationToken.ThrowIfCancellationRequested();
            stream.Write(_email.Content, 0, _email.Content.Length);
        }
    }
}
