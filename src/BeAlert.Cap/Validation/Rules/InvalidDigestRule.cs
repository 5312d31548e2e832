namespace BeAlert.Cap;

/// <summary>CAP0503 (CAP 1.2 §3.2.3 digest, SHA-1 per FIPS 180-2): <c>digest</c> is not 40 hexadecimal digits.</summary>
internal sealed class InvalidDigestRule : CapRule
{
    internal const int Sha1HexLength = 40;

    public override void Check(CapAlert alert, CapRuleContext context)
    {
        var infos = alert.Infos;
        for (var i = 0; i < infos.Count; i++)
        {
            var resources = infos[i].Resources;
            for (var r = 0; r < resources.Count; r++)
            {
                var resource = resources[r];
                if (resource.Digest is { } digest && !IsSha1Hex(digest))
                {
                    var hint = digest.Length == 64 && IsHex(digest)
                        ? " (this looks like SHA-256; CAP 1.2 requires SHA-1)"
                        : string.Empty;
                    context.Report(
                        CapDiagnosticCodes.InvalidDigest,
                        $"<digest> {CapRuleText.Quote(digest)} is not a SHA-1 digest{hint}: write the SHA-1 of the resource as 40 hexadecimal digits, or leave <digest> out.",
                        CapPath.Field(CapPath.Resource(i, r), "digest"),
                        resource,
                        "digest");
                }
            }
        }
    }

    internal static bool IsSha1Hex(string digest) => digest.Length == Sha1HexLength && IsHex(digest);

    private static bool IsHex(string text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
