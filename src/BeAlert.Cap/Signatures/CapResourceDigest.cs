using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;

namespace BeAlert.Cap;

/// <summary>
/// The <c>digest</c> of a CAP resource (CAP 1.2 §3.2.3): the SHA-1 (FIPS 180-2) of the resource file, written as 40
/// hexadecimal digits. Compute it, check it against content you fetched from <c>uri</c> (CAP1041), or check every
/// <c>derefUri</c> of an alert (CAP0506, the same finding as the validator's rule). Content larger than the limit is not
/// hashed (CAP1042). SHA-1 is what CAP prescribes: a digest proves integrity against accidents only; against an
/// attacker, rely on the signature of the alert (<see cref="CapSignatureVerifier"/>), which covers the digest.
/// </summary>
public static class CapResourceDigest
{
    /// <summary>The default limit on content that is hashed: 16 MiB.</summary>
    public const long DefaultMaxContentBytes = 16 * 1024 * 1024;

    private const int HexLength = 40;

    /// <summary>Computes the CAP digest of content.</summary>
    /// <param name="content">The resource content.</param>
    /// <returns>The SHA-1, as 40 lowercase hexadecimal digits.</returns>
    public static string Compute(ReadOnlySpan<byte> content)
    {
        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
#pragma warning disable CA5350 // CAP 1.2 §3.2.3 defines <digest> as SHA-1; the standard names it, we do not choose it.
        SHA1.HashData(content, hash);
#pragma warning restore CA5350
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>Checks a resource's <c>digest</c> against its content, for example the bytes fetched from its <c>uri</c>.</summary>
    /// <param name="resource">The resource.</param>
    /// <param name="content">The content.</param>
    /// <param name="resourcePath">The resource's element path for the diagnostic, for example <c>/alert/info[1]/resource[2]</c>.</param>
    /// <returns><see langword="null"/> when the digest matches; otherwise why not: CAP1041 (mismatch), CAP1043 (no digest)
    /// or CAP0503 (the digest is not SHA-1 hexadecimal).</returns>
    public static CapDiagnostic? Check(CapResource resource, ReadOnlySpan<byte> content, string resourcePath = "/alert/info/resource")
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(resourcePath);
        return DigestProblem(resource, resourcePath) ?? Compare(resource.Digest!, Compute(content), resourcePath, content.Length);
    }

    /// <summary>Checks a resource's <c>digest</c> against content read from a stream (to its end, not disposed), reading at most <paramref name="maxContentBytes"/> + 1 bytes.</summary>
    /// <param name="resource">The resource.</param>
    /// <param name="content">The content, for example an HTTP response body.</param>
    /// <param name="maxContentBytes">The largest content hashed; longer content gives CAP1042 and is not read further.</param>
    /// <param name="resourcePath">The resource's element path for the diagnostic.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns><see langword="null"/> when the digest matches; otherwise CAP1041, CAP1042, CAP1043 or CAP0503.</returns>
    public static async ValueTask<CapDiagnostic?> CheckAsync(CapResource resource, Stream content, long maxContentBytes = DefaultMaxContentBytes, string resourcePath = "/alert/info/resource", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(resourcePath);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxContentBytes);
        if (DigestProblem(resource, resourcePath) is { } problem)
        {
            return problem;
        }

#pragma warning disable CA5350 // CAP 1.2 §3.2.3 defines <digest> as SHA-1.
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
#pragma warning restore CA5350
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            long total = 0;
            int read;
            while ((read = await content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += read;
                if (total > maxContentBytes)
                {
                    return TooLarge(resourcePath, maxContentBytes, "The content");
                }

                hash.AppendData(buffer, 0, read);
            }

            return Compare(resource.Digest!, Convert.ToHexStringLower(hash.GetHashAndReset()), resourcePath, total);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Checks every derefUri digest of an alert with the default limit (see <see cref="CheckDerefUris(CapAlert, long)"/>).</summary>
    /// <param name="alert">The alert.</param>
    /// <returns>The diagnostics; empty when all match.</returns>
    public static IReadOnlyList<CapDiagnostic> CheckDerefUris(CapAlert alert) => CheckDerefUris(alert, DefaultMaxContentBytes);

    /// <summary>Checks every derefUri digest of a parsed document with the default limit, with source lines and columns.</summary>
    /// <param name="document">The document.</param>
    /// <returns>The diagnostics, in document order; empty when all match.</returns>
    public static IReadOnlyList<CapDiagnostic> CheckDerefUris(CapDocument document) => CheckDerefUris(document, DefaultMaxContentBytes);

    /// <summary>
    /// Checks every resource that carries both <c>derefUri</c> and <c>digest</c>: the digest must be the SHA-1 of the
    /// decoded content. Resources without a digest are skipped (their content is in the alert, covered by its signature).
    /// </summary>
    /// <param name="alert">The alert.</param>
    /// <param name="maxContentBytes">The largest decoded content hashed; larger content gives CAP1042.</param>
    /// <returns>CAP0506 per mismatch, CAP1042 per content over the limit, CAP0503/CAP0504 for a malformed digest or derefUri; empty when all match.</returns>
    public static IReadOnlyList<CapDiagnostic> CheckDerefUris(CapAlert alert, long maxContentBytes)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxContentBytes);
        var context = new CapRuleContext(sourceMap: null);
        CheckDerefUris(alert, maxContentBytes, context);
        return context.ToSortedList();
    }

    /// <summary>Checks every derefUri digest of a parsed document, with source lines and columns (see <see cref="CheckDerefUris(CapAlert, long)"/>).</summary>
    /// <param name="document">The document.</param>
    /// <param name="maxContentBytes">The largest decoded content hashed; larger content gives CAP1042.</param>
    /// <returns>The diagnostics, in document order; empty when all match.</returns>
    public static IReadOnlyList<CapDiagnostic> CheckDerefUris(CapDocument document, long maxContentBytes)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxContentBytes);
        var context = new CapRuleContext(document.SourceMap);
        CheckDerefUris(document.Alert, maxContentBytes, context);
        return context.ToSortedList();
    }

    /// <summary>Writes the SHA-1 of decoded Base64 text as lowercase hexadecimal; false when the text is not Base64.</summary>
    internal static bool TryHashBase64(string base64, int decodedLength, Span<char> hex)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(decodedLength, 1));
        try
        {
            if (!Convert.TryFromBase64Chars(base64, buffer, out var written))
            {
                return false;
            }

            Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
#pragma warning disable CA5350 // CAP 1.2 §3.2.3 defines <digest> as SHA-1.
            SHA1.HashData(buffer.AsSpan(0, written), hash);
#pragma warning restore CA5350
            return Convert.TryToHexStringLower(hash, hex, out _);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void CheckDerefUris(CapAlert alert, long maxContentBytes, CapRuleContext context)
    {
        Span<char> actual = stackalloc char[HexLength];
        var infos = alert.Infos;
        for (var i = 0; i < infos.Count; i++)
        {
            var resources = infos[i].Resources;
            for (var r = 0; r < resources.Count; r++)
            {
                var resource = resources[r];
                if (resource is not { Digest: { } digest, DerefUri: { } derefUri })
                {
                    continue;
                }

                var path = CapPath.Resource(i, r);
                if (!InvalidDigestRule.IsSha1Hex(digest))
                {
                    context.Report(CapDiagnosticCodes.InvalidDigest, $"<digest> {CapRuleText.Quote(digest)} is not a SHA-1 digest (40 hexadecimal digits), so the content cannot be checked.", CapPath.Field(path, "digest"), resource, "digest");
                }
                else if (!Base64.IsValid(derefUri, out var length))
                {
                    context.Report(CapDiagnosticCodes.InvalidDerefUri, $"<derefUri> is not Base64 ({derefUri.Length} characters), so its digest cannot be checked.", CapPath.Field(path, "derefUri"), resource, "derefUri");
                }
                else if (length > maxContentBytes)
                {
                    context.Report(CapDiagnosticCodes.ResourceContentTooLarge, $"<derefUri> holds {CapRuleText.Number(length)} bytes, more than the limit of {CapRuleText.Number(maxContentBytes)}; its digest was not checked.", CapPath.Field(path, "derefUri"), resource, "derefUri");
                }
                else if (TryHashBase64(derefUri, length, actual) && !actual.Equals(digest, StringComparison.OrdinalIgnoreCase))
                {
                    context.Report(
                        CapDiagnosticCodes.DigestMismatch,
                        $"<digest> {digest} does not match the content of <derefUri>, whose SHA-1 is {actual}: the content was changed or the digest computed over something else; recompute <digest> from the decoded content.",
                        CapPath.Field(path, "digest"),
                        resource,
                        "digest");
                }
            }
        }
    }

    private static CapDiagnostic? DigestProblem(CapResource resource, string resourcePath)
    {
        if (resource.Digest is not { } digest)
        {
            return Diagnostic(CapDiagnosticCodes.ResourceDigestMissing, $"The resource '{resource.ResourceDesc}' has no <digest>, so its content cannot be checked; ask the sender to include the SHA-1 of the file.", resourcePath);
        }

        return InvalidDigestRule.IsSha1Hex(digest)
            ? null
            : Diagnostic(CapDiagnosticCodes.InvalidDigest, $"<digest> {CapRuleText.Quote(digest)} is not a SHA-1 digest (40 hexadecimal digits), so the content cannot be checked.", resourcePath + "/digest");
    }

    private static CapDiagnostic? Compare(string expected, string actual, string resourcePath, long length) =>
        actual.Equals(expected, StringComparison.OrdinalIgnoreCase)
            ? null
            : Diagnostic(
                CapDiagnosticCodes.ResourceContentMismatch,
                $"<digest> {expected} does not match the {CapRuleText.Number(length)} bytes of content checked, whose SHA-1 is {actual}: the file changed since the alert was written, or it is not the file the alert means. Do not use it.",
                resourcePath + "/digest");

    private static CapDiagnostic TooLarge(string resourcePath, long limit, string what) =>
        Diagnostic(CapDiagnosticCodes.ResourceContentTooLarge, $"{what} is larger than the limit of {CapRuleText.Number(limit)} bytes; its digest was not checked.", resourcePath);

    private static CapDiagnostic Diagnostic(string code, string message, string path) =>
        new(code, CapRuleCatalog.Get(code).Severity, message, path);
}
