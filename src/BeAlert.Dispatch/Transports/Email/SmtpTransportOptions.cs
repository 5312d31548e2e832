using System.Net;

namespace BeAlert.Dispatch;

/// <summary>
/// Settings of <see cref="SmtpEmailTransport"/>: the relay, the connection pool, batching and the sender. The transport
/// checks them once (<see cref="Validate"/>) and copies them when it is created.
/// </summary>
public sealed class SmtpTransportOptions
{
    /// <summary>The endpoint's name in reports and failover (default <c>smtp</c>).</summary>
    public string Name { get; set; } = "smtp";

    /// <summary>The relay's host name or IP address. Required.</summary>
    public string Host { get; set; } = string.Empty;

    /// <summary>The relay's TCP port (default 25).</summary>
    public int Port { get; set; } = 25;

    /// <summary>How the connection is protected (default <see cref="SmtpSecurity.StartTls"/>; use <see cref="SmtpSecurity.None"/> only on loopback).</summary>
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>User name and password for SMTP AUTH, or <see langword="null"/> for none (default). Never logged or reported.</summary>
    public NetworkCredential? Credentials { get; set; }

    /// <summary>How many connections the pool keeps open to the relay (default 4, 1 to 256).</summary>
    public int Connections { get; set; } = 4;

    /// <summary>How many transactions one connection carries before it is closed with QUIT and opened again (default 1,000; 0 = no limit).</summary>
    public int MessagesPerConnection { get; set; } = 1000;

    /// <summary>
    /// The largest number of recipients put into one message (one SMTP transaction with many RCPT TO) when they share
    /// the same content (default 1 = one message per recipient; at most 1,000; RFC 5321 requires relays to take 100).
    /// </summary>
    public int BatchSize { get; set; } = 1;

    /// <summary>How long a batch that is not full waits for more recipients before it is sent (default 20 ms, at most 5 s).</summary>
    public TimeSpan BatchLinger { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>The sender's address, in From and in MAIL FROM (default <c>no-reply@be-alert.be</c>). Its domain also names Message-IDs.</summary>
    public string FromAddress { get; set; } = "no-reply@be-alert.be";

    /// <summary>The sender's display name (default <c>BE-Alert</c>).</summary>
    public string FromName { get; set; } = "BE-Alert";

    /// <summary>An address for replies (Reply-To), or <see langword="null"/> for none (default): replies then go to the no-reply sender.</summary>
    public string? ReplyTo { get; set; }

    /// <summary>
    /// Where people can stop receiving these e-mails (an <c>https:</c> page or a <c>mailto:</c> address), sent as
    /// List-Unsubscribe (RFC 2369); <see langword="null"/> for none (default).
    /// </summary>
    public Uri? UnsubscribeUri { get; set; }

    /// <summary>The name given in EHLO, or <see langword="null"/> to let the client choose (default).</summary>
    public string? LocalDomain { get; set; }

    /// <summary>How long opening a connection (TCP, greeting, EHLO, TLS, AUTH) may take (default 15 s).</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long one SMTP command may wait for its reply (default 60 s).</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The largest plain plus HTML body, in UTF-8 bytes; larger content fails with <see cref="DeliveryError.ContentRejected"/> (default 256 KiB).</summary>
    public int MaxBodyBytes { get; set; } = 256 * 1024;

    /// <summary>The longest subject, in characters; a longer one is shortened with an ellipsis (default 200).</summary>
    public int MaxSubjectLength { get; set; } = 200;

    /// <summary>The clock for Date headers and the batch linger. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Checks the options, listing every problem at once.</summary>
    /// <exception cref="ArgumentException">One or more settings are invalid.</exception>
    public void Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Name) || Name.Length > 64 || Name.Any(char.IsControl))
        {
            errors.Add($"{nameof(Name)} must be 1 to 64 characters without control characters.");
        }

        if (string.IsNullOrWhiteSpace(Host) || Host.Length > 253 || Host.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            errors.Add($"{nameof(Host)} is required: a host name or IP address of at most 253 characters without spaces.");
        }

        if (Port is < 1 or > 65535)
        {
            errors.Add($"{nameof(Port)} must be 1 to 65535 (it is {Port}).");
        }

        if (!Enum.IsDefined(Security))
        {
            errors.Add($"{nameof(Security)} is not a known value ({(int)Security}).");
        }

        if (Credentials is { } credentials && string.IsNullOrEmpty(credentials.UserName))
        {
            errors.Add($"{nameof(Credentials)} has no user name.");
        }

        if (Connections is < 1 or > 256)
        {
            errors.Add($"{nameof(Connections)} must be 1 to 256 (it is {Connections}).");
        }

        if (MessagesPerConnection < 0)
        {
            errors.Add($"{nameof(MessagesPerConnection)} must be 0 (no limit) or more (it is {MessagesPerConnection}).");
        }

        if (BatchSize is < 1 or > 1000)
        {
            errors.Add($"{nameof(BatchSize)} must be 1 to 1000 (it is {BatchSize}).");
        }

        if (BatchLinger < TimeSpan.Zero || BatchLinger > TimeSpan.FromSeconds(5))
        {
            errors.Add($"{nameof(BatchLinger)} must be 0 to 5 seconds (it is {BatchLinger}).");
        }

        if (!EmailAddressRules.TryParse(FromAddress, out _, out var fromProblem))
        {
            errors.Add($"{nameof(FromAddress)} is not a usable address: {fromProblem}.");
        }

        if (FromName is null || FromName.Length > 64 || FromName.Any(char.IsControl))
        {
            errors.Add($"{nameof(FromName)} must be at most 64 characters without control characters.");
        }

        if (ReplyTo is not null && !EmailAddressRules.TryParse(ReplyTo, out _, out var replyProblem))
        {
            errors.Add($"{nameof(ReplyTo)} is not a usable address: {replyProblem}.");
        }

        if (UnsubscribeUri is { } uri &&
            (!uri.IsAbsoluteUri || uri.Scheme is not ("https" or "mailto") || uri.AbsoluteUri.Length > 500 || uri.AbsoluteUri.Any(c => c is '<' or '>' || char.IsControl(c))))
        {
            errors.Add($"{nameof(UnsubscribeUri)} must be an absolute https: or mailto: URI of at most 500 characters.");
        }

        if (LocalDomain is { } local && (local.Length is 0 or > 253 || local.Any(c => char.IsControl(c) || char.IsWhiteSpace(c))))
        {
            errors.Add($"{nameof(LocalDomain)} must be 1 to 253 characters without spaces.");
        }

        if (ConnectTimeout <= TimeSpan.Zero || ConnectTimeout > TimeSpan.FromMinutes(10))
        {
            errors.Add($"{nameof(ConnectTimeout)} must be more than 0 and at most 10 minutes (it is {ConnectTimeout}).");
        }

        if (CommandTimeout <= TimeSpan.Zero || CommandTimeout > TimeSpan.FromMinutes(10))
        {
            errors.Add($"{nameof(CommandTimeout)} must be more than 0 and at most 10 minutes (it is {CommandTimeout}).");
        }

        if (MaxBodyBytes is < 1024 or > 64 * 1024 * 1024)
        {
            errors.Add($"{nameof(MaxBodyBytes)} must be 1 KiB to 64 MiB (it is {MaxBodyBytes}).");
        }

        if (MaxSubjectLength is < 16 or > 900)
        {
            errors.Add($"{nameof(MaxSubjectLength)} must be 16 to 900 (it is {MaxSubjectLength}).");
        }

        if (TimeProvider is null)
        {
            errors.Add($"{nameof(TimeProvider)} is null.");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid SmtpTransportOptions: " + string.Join(" ", errors));
        }
    }
}
