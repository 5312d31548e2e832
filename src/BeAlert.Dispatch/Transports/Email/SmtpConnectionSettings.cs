using System.Net;
using MailKit.Security;

namespace BeAlert.Dispatch;

/// <summary>What a pooled connection needs from <see cref="SmtpTransportOptions"/>, copied once.</summary>
internal sealed record SmtpConnectionSettings(
    string Host,
    int Port,
    SecureSocketOptions Security,
    NetworkCredential? Credentials,
    string? LocalDomain,
    TimeSpan ConnectTimeout,
    TimeSpan CommandTimeout,
    int MessagesPerConnection)
{
    public static SmtpConnectionSettings From(SmtpTransportOptions options) => new(
        options.Host,
        options.Port,
        options.Security switch
        {
            SmtpSecurity.None => SecureSocketOptions.None,
            SmtpSecurity.Tls => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.StartTls,
        },
        options.Credentials is { } c ? new NetworkCredential(c.UserName, c.Password, c.Domain) : null,
        options.LocalDomain,
        options.ConnectTimeout,
        options.CommandTimeout,
        options.MessagesPerConnection);
}
