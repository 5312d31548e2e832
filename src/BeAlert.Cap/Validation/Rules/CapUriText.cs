namespace BeAlert.Cap;

/// <summary>The URI checks of <c>web</c> and <c>uri</c> (xs:anyURI, so surrounding whitespace is ignored).</summary>
internal static class CapUriText
{
    /// <summary>
    /// Whether <paramref name="text"/> is a full absolute URI: it starts with its own scheme (so a Unix path such as
    /// <c>/tmp/x</c> or a Windows path such as <c>C:\x</c>, which <see cref="Uri"/> would turn into <c>file:</c> URIs,
    /// does not count), and an http or https URI names a host.
    /// </summary>
    internal static bool IsAbsolute(string text) => IsPlainWebLink(text) || IsAbsoluteByUri(text);

    /// <summary>The check of <see cref="IsAbsolute"/> by <see cref="Uri"/>, for any text.</summary>
    internal static bool IsAbsoluteByUri(string text)
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

    /// <summary>
    /// The usual link, recognised without building a <see cref="Uri"/> (which costs more than all other rules of a
    /// typical alert together): <c>http://</c> or <c>https://</c>, a host of dot-separated labels (1 to 63 ASCII
    /// letters, digits and single inner hyphens; the last one starts with a letter, so it is no IPv4 address; at most
    /// 253 characters), then nothing, or a path of unreserved characters and '/' and an optional query of those and
    /// '=' and '&amp;'. Every such text is an absolute URI with a host for <see cref="Uri"/> too (tests hold this
    /// against it); anything else, including surrounding whitespace, is left to <see cref="IsAbsoluteByUri"/>.
    /// </summary>
    internal static bool IsPlainWebLink(string text)
    {
        var rest = text.AsSpan();
        if (rest.StartsWith("https://", StringComparison.Ordinal))
        {
            rest = rest[8..];
        }
        else if (rest.StartsWith("http://", StringComparison.Ordinal))
        {
            rest = rest[7..];
        }
        else
        {
            return false;
        }

        var hostLength = rest.IndexOfAny('/', '?');
        var host = hostLength < 0 ? rest : rest[..hostLength];
        if (host.IsEmpty || host.Length > 253 || host.ContainsAnyExcept(HostCharacters))
        {
            return false;
        }

        // Labels of 1 to 63 characters, a hyphen neither first, nor last, nor doubled; the last label starts with a letter.
        var labels = host;
        while (true)
        {
            var dot = labels.IndexOf('.');
            var label = dot < 0 ? labels : labels[..dot];
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-' || label.Contains("--", StringComparison.Ordinal))
            {
                return false;
            }

            if (dot < 0)
            {
                if (!char.IsAsciiLetter(label[0]))
                {
                    return false;
                }

                break;
            }

            labels = labels[(dot + 1)..];
        }

        // A path of unreserved characters and '/', then an optional query that may also hold '=' and '&'.
        var after = rest[host.Length..];
        var question = after.IndexOf('?');
        return question < 0
            ? !after.ContainsAnyExcept(PathCharacters)
            : !after[..question].ContainsAnyExcept(PathCharacters) && !after[(question + 1)..].ContainsAnyExcept(QueryCharacters);
    }

    private const string AsciiLettersAndDigits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private static readonly System.Buffers.SearchValues<char> HostCharacters = System.Buffers.SearchValues.Create(AsciiLettersAndDigits + "-.");

    private static readonly System.Buffers.SearchValues<char> PathCharacters = System.Buffers.SearchValues.Create(AsciiLettersAndDigits + "-._~/");

    private static readonly System.Buffers.SearchValues<char> QueryCharacters = System.Buffers.SearchValues.Create(AsciiLettersAndDigits + "-._~/=&");

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
