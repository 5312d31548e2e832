using System.Globalization;
using MimeKit;

namespace BeAlert.Dispatch;

/// <summary>
/// Builds the MimeMessage of one SMTP transaction around a <see cref="RenderedEmail"/>: From (the no-reply sender),
/// To (the recipient, or the empty group <c>undisclosed-recipients:;</c> when many share the message, so nobody sees
/// anybody else's address), Subject, Date, a Message-ID derived from the delivery keys, Auto-Submitted: auto-generated
/// (RFC 3834) and X-Auto-Response-Suppress: All so that out-of-office replies stay away, Content-Language, and
/// List-Unsubscribe when configured.
/// </summary>
internal sealed class EmailMessageBuilder
{
    private readonly string _fromName;
    private readonly string _fromAddress;
    private readonly string? _replyTo;
    private readonly string _idDomain;
    private readonly string? _unsubscribe;
    private readonly TimeProvider _time;

    public EmailMessageBuilder(SmtpTransportOptions options)
    {
        _fromName = options.FromName;
        _fromAddress = options.FromAddress;
        _replyTo = options.ReplyTo;
        _idDomain = options.FromAddress[(options.FromAddress.LastIndexOf('@') + 1)..];
        _unsubscribe = options.UnsubscribeUri is { } uri ? "<" + uri.AbsoluteUri + ">" : null;
        _time = options.TimeProvider;
    }

    /// <summary>The envelope sender (MAIL FROM), shared: MailKit only reads it.</summary>
    public MailboxAddress Sender => new(string.Empty, _fromAddress);

    /// <summary>The message for <paramref name="keys"/>; <paramref name="to"/> is the single recipient, or <see langword="null"/> for a batch.</summary>
    public MimeMessage Build(RenderedEmail email, ReadOnlySpan<DeliveryKey> keys, MailboxAddress? to)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(_fromName, _fromAddress));
        if (_replyTo is not null)
        {
            message.ReplyTo.Add(new MailboxAddress(string.Empty, _replyTo));
        }

        if (to is not null)
        {
            message.To.Add(new MailboxAddress(string.Empty, to.Address));
        }
        else
        {
            message.To.Add(new GroupAddress("undisclosed-recipients"));
        }

        message.Subject = email.Subject;
        message.Date = _time.GetUtcNow();
        message.MessageId = MessageId(keys, _idDomain);
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Headers.Add("X-Auto-Response-Suppress", "All");
        if (_unsubscribe is not null)
        {
            message.Headers.Add(HeaderId.ListUnsubscribe, _unsubscribe);
        }

        var body = new PrerenderedBody(email);
        if (email.Language is { } language)
        {
            body.Headers.Add(HeaderId.ContentLanguage, language);
        }

        message.Body = body;
        return message;
    }

    /// <summary>
    /// <c>campaign.sequence@domain</c> for one delivery, so a retry of the same delivery carries the same Message-ID and
    /// a receiving system can drop the copy; for a batch, the first key, the count and a hash of every sequence.
    /// </summary>
    internal static string MessageId(ReadOnlySpan<DeliveryKey> keys, string domain)
    {
        var first = keys[0];
        if (keys.Length == 1)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{first.CampaignId:N}.{first.Sequence}@{domain}");
        }

        var hash = 14695981039346656037UL; // FNV-1a over the sequences, in the order sent
        foreach (var key in keys)
        {
            hash = (hash ^ (ulong)key.Sequence) * 1099511628211UL;
        }

        return string.Create(CultureInfo.InvariantCulture, $"{first.CampaignId:N}.{first.Sequence}.{keys.Length}.{hash:x16}@{domain}");
    }
}
