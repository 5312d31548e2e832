namespace BeAlert.Cap;

/// <summary>
/// CAP0501 (CAP 1.2 §3.2.3 mimeType, RFC 2046): <c>mimeType</c> is not <c>type/subtype</c> made of RFC 2045 token
/// characters, optionally followed by <c>; attribute=value</c> parameters (value a token or a quoted string).
/// </summary>
internal sealed class InvalidMimeTypeRule : CapRule
{
    public override void Check(CapAlert alert, CapRuleContext context)
    {
        var infos = alert.Infos;
        for (var i = 0; i < infos.Count; i++)
        {
            var resources = infos[i].Resources;
            for (var r = 0; r < resources.Count; r++)
            {
                var resource = resources[r];
                if (!IsMediaType(resource.MimeType))
                {
                    context.Report(
                        CapDiagnosticCodes.InvalidMimeType,
                        $"<mimeType> {CapRuleText.Quote(resource.MimeType)} is not a MIME type of the form type/subtype: write for example 'image/png', 'audio/mpeg' or 'text/plain; charset=utf-8'.",
                        CapPath.Field(CapPath.Resource(i, r), "mimeType"),
                        resource,
                        "mimeType");
                }
            }
        }
    }

    internal static bool IsMediaType(ReadOnlySpan<char> s)
    {
        var i = Token(s, 0);
        if (i == 0 || i >= s.Length || s[i] != '/')
        {
            return false;
        }

        var end = Token(s, i + 1);
        if (end == i + 1)
        {
            return false;
        }

        i = end;
        while (i < s.Length)
        {
            i = SkipSpace(s, i);
            if (i >= s.Length || s[i] != ';')
            {
                return false;
            }

            i = SkipSpace(s, i + 1);
            end = Token(s, i);
            if (end == i || end >= s.Length || s[end] != '=')
            {
                return false;
            }

            i = end + 1;
            end = i < s.Length && s[i] == '"' ? QuotedString(s, i) : Token(s, i);
            if (end <= i)
            {
                return false;
            }

            i = end;
        }

        return true;
    }

    /// <summary>The index after the token starting at <paramref name="start"/> (equal to start when there is none).</summary>
    private static int Token(ReadOnlySpan<char> s, int start)
    {
        var i = start;
        while (i < s.Length && IsTokenChar(s[i]))
        {
            i++;
        }

        return i;
    }

    /// <summary>The index after the quoted string starting at <paramref name="start"/>, or -1 when it is not closed.</summary>
    private static int QuotedString(ReadOnlySpan<char> s, int start)
    {
        for (var i = start + 1; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '"')
            {
                return i + 1;
            }

            if (c == '\\')
            {
                i++;
            }
            else if (c is '\r' or '\n' || c > '\x7f')
            {
                return -1;
            }
        }

        return -1;
    }

    private static int SkipSpace(ReadOnlySpan<char> s, int i)
    {
        while (i < s.Length && s[i] is ' ' or '\t')
        {
            i++;
        }

        return i;
    }

    private static bool IsTokenChar(char c) =>
        c is > ' ' and < '\x7f' and not ('(' or ')' or '<' or '>' or '@' or ',' or ';' or ':' or '\\' or '"' or '/' or '[' or ']' or '?' or '=');
}
