using System.Globalization;
using MimeKit;

namespace BeAlert.Dispatch;

/// <summary>
/// Which recipient addresses the transport sends to: a bare <c>local@domain</c> (RFC 5321 §4.1.2 Mailbox) with an ASCII
/// dot-atom local part of at most 64 characters and a host-name domain (IDN allowed), at most 254 characters in all.
/// Quoted local parts, address literals, display names, routes, groups and lists are refused: a registered e-mail
/// address never needs them, and each is a way to smuggle a second recipient or a header into the message.
/// </summary>
internal static class EmailAddressRules
{
    private const int MaxAddressLength = 254;
    private const int MaxLocalPartLength = 64;
    private const int MaxLabelLength = 63;

    private static readonly IdnMapping Idn = new() { AllowUnassigned = false, UseStd3AsciiRules = true };

    /// <summary>Checks <paramref name="text"/> and makes the mailbox to use in RCPT TO.</summary>
    /// <param name="text">The destination as registered.</param>
    /// <param name="mailbox">The mailbox, when usable.</param>
    /// <param name="problem">Why it is not usable, for the report.</param>
    /// <returns><see langword="true"/> when the address is usable.</returns>
    public static bool TryParse(string? text, out MailboxAddress? mailbox, out string? problem)
    {
        mailbox = null;
        problem = Check(text);
        if (problem is not null)
        {
            return false;
        }

        try
        {
            mailbox = new MailboxAddress(string.Empty, text!);
            return true;
        }
        catch (ParseException)
        {
            problem = "not an e-mail address";
            return false;
        }
    }

    private static string? Check(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "the address is empty";
        }

        if (text.Length > MaxAddressLength)
        {
            return $"the address is {text.Length} characters long; at most {MaxAddressLength} are allowed (RFC 5321 §4.5.3.1)";
        }

        var at = text.LastIndexOf('@');
        if (at <= 0 || at == text.Length - 1)
        {
            return "the address needs a local part, '@' and a domain";
        }

        var local = text.AsSpan(0, at);
        var domain = text.AsSpan(at + 1);
        if (local.Length > MaxLocalPartLength)
        {
            return $"the local part is {local.Length} characters long; at most {MaxLocalPartLength} are allowed";
        }

        if (local[0] == '.' || local[^1] == '.' || local.Contains("..", StringComparison.Ordinal))
        {
            return "the local part starts or ends with a dot or has two dots in a row";
        }

        foreach (var c in local)
        {
            if (!IsAtext(c) && c != '.')
            {
                return c > 0x7E
                    ? "the local part has non-ASCII characters (SMTPUTF8 addresses are not sent)"
                    : $"the local part has the character U+{(int)c:X4}, which a plain address cannot hold";
            }
        }

        return CheckDomain(domain);
    }

    private static string? CheckDomain(ReadOnlySpan<char> domain)
    {
        if (domain[0] == '[')
        {
            return "address literals ([1.2.3.4]) are not accepted as a domain";
        }

        string ascii;
        try
        {
            ascii = Idn.GetAscii(domain.ToString());
        }
        catch (ArgumentException)
        {
            return "the domain is not a valid host name";
        }

        if (ascii.Length > 253)
        {
            return "the domain is longer than 253 characters";
        }

        foreach (var label in ascii.Split('.'))
        {
            if (label.Length is 0 or > MaxLabelLength || label[0] == '-' || label[^1] == '-' ||
                !label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                return "the domain is not a valid host name";
            }
        }

        return null;
    }

    /// <summary>RFC 5322 §3.2.3 atext.</summary>
    private static bool IsAtext(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '/' or '=' or '?' or '^' or '_' or '`' or '{' or '|' or '}' or '~';
}
