using MailKit.Net.Smtp;
using MimeKit;

namespace BeAlert.Dispatch;

/// <summary>
/// MailKit's client, told not to give up on a whole transaction when one RCPT TO is refused: each refusal is recorded
/// with its reply so that the recipient, and only that recipient, fails with the relay's reason.
/// </summary>
internal sealed class AlertSmtpClient : SmtpClient
{
    /// <summary>The recipients refused in the current transaction, with the relay's reply.</summary>
    public List<(MailboxAddress Mailbox, SmtpResponse Response)> Refused { get; } = [];

    protected override void OnRecipientNotAccepted(MimeMessage message, MailboxAddress mailbox, SmtpResponse response) =>
        Refused.Add((mailbox, response));

    protected override void OnNoRecipientsAccepted(MimeMessage message)
    {
        // Every recipient has its own refusal in Refused; MailKit then resets the transaction.
    }
}
