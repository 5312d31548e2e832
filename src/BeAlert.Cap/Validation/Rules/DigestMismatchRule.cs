using System.Buffers.Text;

namespace BeAlert.Cap;

/// <summary>
/// CAP0506 (CAP 1.2 §3.2.3 digest): <c>digest</c> differs from the SHA-1 of the decoded <c>derefUri</c>. Checked only
/// when both are present and well formed (CAP0503 and CAP0504 report the malformed ones).
/// </summary>
internal sealed class DigestMismatchRule : CapRule
{
    public override void Check(CapAlert alert, CapRuleContext context)
    {
        Span<char> actual = stackalloc char[InvalidDigestRule.Sha1HexLength];
        var infos = alert.Infos;
        for (var i = 0; i < infos.Count; i++)
        {
            var resources = infos[i].Resources;
            for (var r = 0; r < resources.Count; r++)
            {
                var resource = resources[r];
                if (resource is not { Digest: { } digest, DerefUri: { } derefUri } || !InvalidDigestRule.IsSha1Hex(digest)
                    || !Base64.IsValid(derefUri, out var length))
                {
                    continue;
                }

                if (!CapResourceDigest.TryHashBase64(derefUri, length, actual) || actual.Equals(digest, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                context.Report(
                    CapDiagnosticCodes.DigestMismatch,
                    $"<digest> {digest} does not match the content of <derefUri>, whose SHA-1 is {actual}: the content was changed or the digest computed over something else; recompute <digest> from the decoded content.",
                    CapPath.Field(CapPath.Resource(i, r), "digest"),
                    resource,
                    "digest");
            }
        }
    }
}
