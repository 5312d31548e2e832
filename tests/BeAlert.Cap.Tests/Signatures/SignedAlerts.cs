using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Time.Testing;

namespace BeAlert.Cap.Tests.Signatures;

/// <summary>Documents, signers and verifiers for the signature tests.</summary>
internal static class SignedAlerts
{
    /// <summary>The typical four-language sample alert (copied from samples/cap into the test output).</summary>
    internal static byte[] Typical() => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Samples", "be-typical-4lang.xml"));

    /// <summary>A small sample alert.</summary>
    internal static byte[] Small() => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Samples", "be-small.xml"));

    /// <summary>A clock at <see cref="TestKeys.Now"/>.</summary>
    internal static FakeTimeProvider Clock(DateTimeOffset? now = null) => new(now ?? TestKeys.Now);

    /// <summary>Signs with a key and optional certificate, at <see cref="TestKeys.Now"/>.</summary>
    internal static byte[] Sign(byte[] document, AsymmetricAlgorithm key, X509Certificate2? certificate = null, CapSignerOptions? options = null)
    {
        options ??= new CapSignerOptions();
        options.TimeProvider = Clock();
        return new CapSigner(key, certificate, options).Sign(document);
    }

    /// <summary>A verifier that pins these certificates, at <see cref="TestKeys.Now"/> unless a clock is given.</summary>
    internal static CapSignatureVerifier Pinning(params X509Certificate2[] certificates) => Pinning(Clock(), certificates);

    internal static CapSignatureVerifier Pinning(TimeProvider clock, params X509Certificate2[] certificates)
    {
        var options = new CapSignatureVerifierOptions { TimeProvider = clock };
        options.TrustedCertificates.AddRange(certificates);
        return new CapSignatureVerifier(options);
    }

    /// <summary>A verifier that pins these public keys.</summary>
    internal static CapSignatureVerifier PinningKeys(params AsymmetricAlgorithm[] keys)
    {
        var options = new CapSignatureVerifierOptions { TimeProvider = Clock() };
        foreach (var key in keys)
        {
            options.TrustedPublicKeys.Add(PublicKey.CreateFromSubjectPublicKeyInfo(key.ExportSubjectPublicKeyInfo(), out _));
        }

        return new CapSignatureVerifier(options);
    }

    /// <summary>A verifier that trusts chains to these roots.</summary>
    internal static CapSignatureVerifier Rooted(TimeProvider clock, params X509Certificate2[] roots)
    {
        var options = new CapSignatureVerifierOptions { TimeProvider = clock };
        options.TrustedRoots.AddRange(roots);
        return new CapSignatureVerifier(options);
    }

    /// <summary>Replaces the first occurrence of a text in a UTF-8 document (fails the test when it is absent).</summary>
    internal static byte[] Replace(byte[] document, string find, string replacement)
    {
        var text = Encoding.UTF8.GetString(document);
        var index = text.IndexOf(find, StringComparison.Ordinal);
        Assert.True(index >= 0, $"'{find}' not found in the document");
        return Encoding.UTF8.GetBytes(string.Concat(text.AsSpan(0, index), replacement, text.AsSpan(index + find.Length)));
    }

    /// <summary>The text between two markers of a UTF-8 document.</summary>
    internal static string Between(byte[] document, string start, string end)
    {
        var text = Encoding.UTF8.GetString(document);
        var from = text.IndexOf(start, StringComparison.Ordinal);
        Assert.True(from >= 0, $"'{start}' not found");
        from += start.Length;
        var to = text.IndexOf(end, from, StringComparison.Ordinal);
        Assert.True(to >= 0, $"'{end}' not found");
        return text[from..to];
    }

    /// <summary>Asserts the status and that the diagnostics hold exactly one code (possibly several times), and returns them.</summary>
    internal static IReadOnlyList<CapDiagnostic> AssertOutcome(CapSignatureResult result, CapSignatureStatus status, string code)
    {
        Assert.True(status == result.Status, $"expected {status} {code}, got {result.Status}: {string.Join(" | ", result.Diagnostics)}");
        Assert.NotEmpty(result.Diagnostics);
        Assert.All(result.Diagnostics, d => Assert.Equal(code, d.Code));
        Assert.All(result.Diagnostics, d => Assert.False(string.IsNullOrWhiteSpace(d.Message)));
        Assert.All(result.Diagnostics, d => Assert.StartsWith("/", d.Path, StringComparison.Ordinal));
        return result.Diagnostics;
    }
}
