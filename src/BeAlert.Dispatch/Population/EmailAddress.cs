using System.Diagnostics.CodeAnalysis;

namespace BeAlert.Dispatch;

/// <summary>
/// Checks and normalises e-mail addresses for delivery: the practical subset of RFC 5321/5322 that mail servers accept
/// from a registration form or an imported list.
/// </summary>
/// <remarks>
/// Accepted: <c>local@domain</c> with a dot-atom local part (letters, digits and <c>!#$%&amp;'*+/=?^_`{|}~-</c>,
/// dots between them) of at most 64 characters, and a domain of at least two labels, each 1 to 63 letters, digits or
/// hyphens (not at either end), ending in an alphabetic top-level label; 254 characters in all (RFC 5321's path
/// limit). Not accepted, with a message saying so: quoted local parts, IP-literal domains, comments and non-ASCII
/// (internationalised) addresses. The domain is lowercased; the local part is kept as written, because only the
/// receiving server may interpret it.
/// </remarks>
public static class EmailAddress
{
    /// <summary>The longest address accepted (RFC 5321: a 256-octet path minus the angle brackets).</summary>
    public const int MaxLength = 254;

    private const int MaxLocalLength = 64;
    private const int MaxLabelLength = 63;

    /// <summary>Checks and normalises an address.</summary>
    /// <param name="text">The address as written (surrounding white space is ignored).</param>
    /// <param name="normalized">The address with its domain lowercased, when valid.</param>
    /// <param name="error">Why the address is not accepted; <see langword="null"/> when valid.</param>
    /// <returns>Whether the address is valid.</returns>
    public static bool TryNormalize([NotNullWhen(true)] string? text, [NotNullWhen(true)] out string? normalized, [NotNullWhen(false)] out string? error)
    {
        normalized = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "The e-mail address is empty.";
            return false;
        }

        var value = text.AsSpan().Trim();
        if (value.Length > MaxLength)
        {
            error = $"The e-mail address is longer than {MaxLength} characters.";
            return false;
        }

        var at = value.LastIndexOf('@');
        if (at < 0)
        {
            error = "The e-mail address has no '@'.";
            return false;
        }

        var local = value[..at];
        var domain = value[(at + 1)..];
        if ((error = CheckLocal(local)) is not null || (error = CheckDomain(domain)) is not null)
        {
            return false;
        }

        normalized = string.Concat(local, "@", domain.ToString().ToLowerInvariant());
        return true;
    }

    /// <summary>Whether an address is valid (see <see cref="TryNormalize"/>).</summary>
    /// <param name="text">The address.</param>
    /// <returns><see langword="true"/> when valid.</returns>
    public static bool IsValid([NotNullWhen(true)] string? text) => TryNormalize(text, out _, out _);

    private static string? CheckLocal(ReadOnlySpan<char> local)
    {
        if (local.IsEmpty)
        {
            return "The e-mail address has nothing before the '@'.";
        }

        if (local.Length > MaxLocalLength)
        {
            return $"The part before the '@' is longer than {MaxLocalLength} characters.";
        }

        if (local[0] == '.' || local[^1] == '.' || local.Contains("..", StringComparison.Ordinal))
        {
            return "The part before the '@' starts or ends with a dot, or has two dots in a row.";
        }

        foreach (var c in local)
        {
            if (!IsAtext(c) && c != '.')
            {
                return c > 0x7F
                    ? "The e-mail address has non-ASCII characters; internationalised addresses are not supported."
                    : $"The part before the '@' contains '{Printable(c)}', which an unquoted address cannot hold.";
            }
        }

        return null;
    }

    private static string? CheckDomain(ReadOnlySpan<char> domain)
    {
        if (domain.IsEmpty)
        {
            return "The e-mail address has no domain after the '@'.";
        }

        if (domain[0] == '[')
        {
            return "Addresses at an IP literal ([...]) are not accepted.";
        }

        var labels = 0;
        var lastAlphabetic = false;
        foreach (var range in domain.Split('.'))
        {
            var label = domain[range];
            labels++;
            if (label.IsEmpty || label.Length > MaxLabelLength)
            {
                return $"The domain has an empty label or one longer than {MaxLabelLength} characters.";
            }

            if (label[0] == '-' || label[^1] == '-')
            {
                return "A label of the domain starts or ends with '-'.";
            }

            lastAlphabetic = true;
            foreach (var c in label)
            {
                if (c > 0x7F)
                {
                    return "The domain has non-ASCII characters; write it in its ASCII (xn--) form.";
                }

                if (!char.IsAsciiLetterOrDigit(c) && c != '-')
                {
                    return $"The domain contains '{Printable(c)}'; only letters, digits, '-' and dots are allowed.";
                }

                lastAlphabetic &= char.IsAsciiLetter(c) || (c == '-' && label.StartsWith("xn--", StringComparison.OrdinalIgnoreCase)) || (char.IsAsciiDigit(c) && label.StartsWith("xn--", StringComparison.OrdinalIgnoreCase));
            }
        }

        if (labels < 2)
        {
            return "The domain needs at least one dot (as in example.be).";
        }

        return lastAlphabetic ? null : "The top-level domain must be letters (as in .be or .com).";
    }

    private static bool IsAtext(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '/' or '=' or '?' or '^' or '_' or '`' or '{' or '|' or '}' or '~' or '-';

    private static string Printable(char c) => char.IsControl(c) || char.IsSurrogate(c) || c == ' ' ? $"U+{(int)c:X4}" : c.ToString();
}
