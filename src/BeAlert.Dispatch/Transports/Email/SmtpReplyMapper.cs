using System.Globalization;
using System.Text;

namespace BeAlert.Dispatch;

/// <summary>
/// SMTP replies to <see cref="DeliveryError"/> values (RFC 5321 §4.2 reply codes, RFC 3463 enhanced status codes):
/// 4xx is transient (421 and 452 say "slow down": <see cref="DeliveryError.Throttled"/>; the rest
/// <see cref="DeliveryError.TemporaryFailure"/>), 5xx is permanent (a bad mailbox — enhanced 5.1.x, or 550/551/553 to
/// RCPT TO — is <see cref="DeliveryError.InvalidDestination"/>; a message too big or of unacceptable content — 5.3.4,
/// 5.6.x — is <see cref="DeliveryError.ContentRejected"/>; everything else <see cref="DeliveryError.Rejected"/>).
/// </summary>
internal static class SmtpReplyMapper
{
    private const int MaxReasonLength = 300;

    /// <summary>The error for reply <paramref name="code"/> with text <paramref name="text"/> at <paramref name="stage"/>.</summary>
    public static DeliveryError Map(int code, string? text, SmtpStage stage)
    {
        var (enhancedClass, enhancedSubject, enhancedDetail) = ParseEnhanced(text);
        if (code is >= 400 and < 500)
        {
            return code is 421 or 452 ? DeliveryError.Throttled : DeliveryError.TemporaryFailure;
        }

        if (code is >= 500 and < 600)
        {
            if (enhancedClass == 5 && enhancedSubject == 1)
            {
                return DeliveryError.InvalidDestination;
            }

            if (enhancedClass == 5 && (enhancedSubject == 6 || (enhancedSubject == 3 && enhancedDetail == 4)))
            {
                return DeliveryError.ContentRejected;
            }

            return stage == SmtpStage.RcptTo && code is 550 or 551 or 553 ? DeliveryError.InvalidDestination : DeliveryError.Rejected;
        }

        // A 1xx, 2xx or 3xx where an error was expected, or no code at all: the peer is not making sense; try later.
        return DeliveryError.TemporaryFailure;
    }

    /// <summary>The reply as a one-line reason for the report: <c>550 5.1.1 text</c>, control characters removed, bounded.</summary>
    public static string Reason(int code, string? text, SmtpStage stage)
    {
        var builder = new StringBuilder(64);
        builder.Append(CultureInfo.InvariantCulture, $"{code} ");
        foreach (var c in text ?? string.Empty)
        {
            if (builder.Length >= MaxReasonLength)
            {
                break;
            }

            builder.Append(char.IsControl(c) ? ' ' : c);
        }

        builder.Append(stage switch
        {
            SmtpStage.MailFrom => " (MAIL FROM)",
            SmtpStage.RcptTo => " (RCPT TO)",
            SmtpStage.Data => " (DATA)",
            _ => " (connect)",
        });
        return builder.ToString();
    }

    private static (int Class, int Subject, int Detail) ParseEnhanced(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return (0, 0, 0);
        }

        var span = text.AsSpan().TrimStart();
        var end = span.IndexOfAny(' ', '\t', '\n');
        var token = end < 0 ? span : span[..end];
        Span<Range> parts = stackalloc Range[4];
        if (token.Split(parts, '.') != 3)
        {
            return (0, 0, 0);
        }

        return int.TryParse(token[parts[0]], NumberStyles.None, CultureInfo.InvariantCulture, out var c) && c is 2 or 4 or 5 &&
               int.TryParse(token[parts[1]], NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s < 1000 &&
               int.TryParse(token[parts[2]], NumberStyles.None, CultureInfo.InvariantCulture, out var d) && d < 1000
            ? (c, s, d)
            : (0, 0, 0);
    }
}
