namespace BeAlert.Cap;

/// <summary>
/// One alert rendered as an e-mail in one language by <see cref="CapRenderer.RenderEmail"/>: subject, plain text body
/// and HTML body. Addresses and MIME are the transport's business.
/// </summary>
public sealed record EmailMessage
{
    internal EmailMessage(string language, string senderName, string subject, string textBody, string htmlBody)
    {
        Language = language;
        SenderName = senderName;
        Subject = subject;
        TextBody = textBody;
        HtmlBody = htmlBody;
    }

    /// <summary>The language of the message (also the <c>lang</c> of the HTML document).</summary>
    public string Language { get; }

    /// <summary>The display name for the From header: the info's <c>senderName</c>, or <see cref="RenderOptions.DefaultSenderName"/>.</summary>
    public string SenderName { get; }

    /// <summary>The subject: status prefix and headline (or event), on one line without control characters.</summary>
    public string Subject { get; }

    /// <summary>The plain text body (lines end with <c>\n</c>).</summary>
    public string TextBody { get; }

    /// <summary>The HTML body: a complete HTML document in which every value is HTML-encoded and only http and https URIs are links.</summary>
    public string HtmlBody { get; }
}
