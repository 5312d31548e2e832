using System.Globalization;
using MimeKit;
using MimeKit.Utils;

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
    private readonly string _fromAddress;
    private readonly string _idDomain;
    private readonly TimeProvider _time;

    // Headers that are the same in every message, encoded once; each message gets clones (a Header belongs to one list).
    private readonly Header[] _fixed;
    private readonly Header _undisclosed = new(HeaderId.To, "undisclosed-recipients:;");

    public EmailMessageBuilder(SmtpTransportOptions options)
    {
        _fromAddress = options.FromAddress;
        _idDomain = options.FromAddress[(options.FromAddress.LastIndexOf('@') + 1)..];
        _time = options.TimeProvider;
        var from = new InternetAddressList { new MailboxAddress(options.FromName, options.FromAddress) };
        var headers = new List<Header> { new(HeaderId.From, from.ToString(FormatOptions.Default, encode: true)) };
        if (options.ReplyTo is { } replyTo)
        {
            headers.Add(new Header(HeaderId.ReplyTo, replyTo));
        }

        headers.Add(new Header("Auto-Submitted", "auto-generated"));
        headers.Add(new Header("X-Auto-Response-Suppress", "All"));
        if (options.UnsubscribeUri is { } uri)
        {
            headers.Add(new Header(HeaderId.ListUnsubscribe, "<" + uri.AbsoluteUri + ">"));
        }

        headers.Add(new Header(HeaderId.MimeVersion, "1.0"));
        _fixed = [.. headers];
    }

    /// <summary>The envelope sender (MAIL FROM), shared: MailKit only reads it.</summary>
    public MailboxAddress Sender => new(string.Empty, _fromAddress);

    /// <summary>The message for <paramref name="keys"/>; <paramref name="to"/> is the single recipient, or <see langword="null"/> for a batch.</summary>
    public MimeMessage Build(RenderedEmail email, ReadOnlySpan<DeliveryKey> keys, MailboxAddress? to)
    {
        var parts = new object[_fixed.Length + 5];
        var n = 0;
        parts[n++] = _fixed[0].Clone(); // From
        parts[n++] = to is null ? _undisclosed.Clone() : new Header(HeaderId.To, to.Address);
        parts[n++] = email.SubjectHeader.Clone();
        parts[n++] = new Header(HeaderId.Date, DateUtils.FormatDate(_time.GetUtcNow()));
        parts[n++] = new Header(HeaderId.MessageId, "<" + MessageId(keys, _idDomain) + ">");
        for (var i = 1; i < _fixed.Length; i++)
        {
            parts[n++] = _fixed[i].Clone();
        }

        var body = new PrerenderedBody(email);
        if (email.Language is { } language)
        {
            body.Headers.Add(HeaderId.ContentLanguage, language);
        }

        parts[n] = body;
        return new MimeMessage(parts);
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
