namespace BeAlert.Cap;

/// <summary>The URI checks of <c>web</c> and <c>uri</c> (xs:anyURI, so surrounding whitespace is ignored).</summary>
internal static class CapUriText
{
    /// <summary>
    /// Whether <paramref name="text"/> is a full absolute URI: it starts with its own scheme (so a Unix path such as
    /// <c>/tmp/x</c> or a Windows path such as <c>C:\x</c>, which <see cref="Uri"/> would turn into <c>file:</c> URIs,
    /// does not count), and an http or https URI names a host.
    /// </summary>
    internal static bool IsAbsolute(string text)
    {
        var trimmed = text.Trim();
        var colon = SchemeLength(trimmed);
        if (colon <= 0 || !Uri.TryCreate(trimmed, UriKind.Absolute, out var uri))
        {
            return false;
        }

        if (!trimmed.AsSpan(0, colon).Equals(uri.Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var http = uri.Scheme.Equals(Uri.UriSchemeHttp, StringComparison.OrdinalIgnoreCase)
            || uri.Scheme.Equals(Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase);
        return !http || uri.Host.Length > 0;
    }

    /// <summary>Whether <paramref name="text"/> is a relative reference (no scheme of its own).</summary>
    internal static bool IsRelative(string text)
    {
        var trimmed = text.Trim();
        return SchemeLength(trimmed) <= 0 && Uri.TryCreate(trimmed, UriKind.Relative, out _);
    }

    /// <summary>The length of a leading RFC 3986 scheme (<c>ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"</c>), or -1.</summary>
    private static int SchemeLength(string text)
    {
        if (text.Length == 0 || !char.IsAsciiLetter(text[0]))
        {
            return -1;
        }

        for (var i = 1; i < text.Length; i++)
        {
            var c = text[i];
            if (c == ':')
            {
                return i;
            }

            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                return -1;
            }
        }

        return -1;
    }
}
