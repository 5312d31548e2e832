namespace BeAlert.Dispatch;

/// <summary>How the connection to the SMTP relay is protected.</summary>
public enum SmtpSecurity : byte
{
    /// <summary>Plain text. Only for a relay on the loopback interface or a trusted private link.</summary>
    None = 0,

    /// <summary>Connect in plain text, then upgrade with STARTTLS; fail if the relay does not offer it (port 587 or 25).</summary>
    StartTls = 1,

    /// <summary>TLS from the first byte (SMTPS, port 465).</summary>
    Tls = 2,
}
