namespace BeAlert.Dispatch;

/// <summary>Which SMTP command a reply answered; the same code means different things at different stages.</summary>
internal enum SmtpStage : byte
{
    /// <summary>Connecting: greeting, EHLO, STARTTLS, AUTH.</summary>
    Connect,

    /// <summary>MAIL FROM.</summary>
    MailFrom,

    /// <summary>RCPT TO: the reply is about one recipient.</summary>
    RcptTo,

    /// <summary>DATA or the end of the message data.</summary>
    Data,
}
