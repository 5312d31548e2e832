namespace BeAlert.Cap;

/// <summary>CAP0207 (CAP 1.2 §3.2.2 language; xs:language): <c>language</c> is not an RFC 3066 tag.</summary>
internal sealed class InvalidLanguageRule : CapRule
{
    public override void Check(CapAlert alert, CapRuleContext context)
    {
        var infos = alert.Infos;
        for (var i = 0; i < infos.Count; i++)
        {
            var info = infos[i];
            if (info.Language is { } language && !IsLanguageTag(language))
            {
                context.Report(
                    CapDiagnosticCodes.InvalidLanguage,
                    $"<language> {CapRuleText.Quote(language)} is not an RFC 3066 language tag: use letters, then optional '-'-separated subtags of 1 to 8 letters or digits, for example 'nl-BE', 'fr-BE', 'de-BE' or 'en-US'.",
                    CapPath.Field(CapPath.Info(i), "language"),
                    info,
                    "language");
            }
        }
    }

    /// <summary>Matches <c>[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*</c>, the pattern of xs:language.</summary>
    internal static bool IsLanguageTag(ReadOnlySpan<char> tag)
    {
        var i = 0;
        var length = 0;
        while (i < tag.Length && char.IsAsciiLetter(tag[i]))
        {
            i++;
            length++;
        }

        if (length is 0 or > 8)
        {
            return false;
        }

        while (i < tag.Length)
        {
            if (tag[i] != '-')
            {
                return false;
            }

            i++;
            length = 0;
            while (i < tag.Length && char.IsAsciiLetterOrDigit(tag[i]))
            {
                i++;
                length++;
            }

            if (length is 0 or > 8)
            {
                return false;
            }
        }

        return true;
    }
}
