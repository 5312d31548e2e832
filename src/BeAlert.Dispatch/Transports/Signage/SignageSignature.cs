using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace BeAlert.Dispatch;

/// <summary>
/// The signature BeAlert puts on every signage push, and the check a vendor runs on it. The header
/// <see cref="HeaderName"/> carries <c>t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</c>, where the hex is the lower-case
/// HMAC-SHA256, keyed with the vendor's secret (its UTF-8 bytes), of the ASCII timestamp, a full stop, and the exact
/// request body bytes. During a secret rotation the header may carry several <c>v1=</c> entries; one match is enough.
/// The timestamp lets a vendor refuse replays older than a tolerance (five minutes by default).
/// </summary>
public static class SignageSignature
{
    /// <summary>The request header that carries the signature.</summary>
    public const string HeaderName = "X-BeAlert-Signature";

    /// <summary>The tolerance <see cref="Verify(string?, ReadOnlySpan{byte}, string, DateTimeOffset)"/> uses between the signed time and now.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    /// <summary>The longest header value the verifier reads (a hostile header gives <see cref="SignageSignatureCheck.Malformed"/>).</summary>
    public const int MaxHeaderLength = 1024;

    private const int HexLength = 64;

    /// <summary>Computes the header value for a body.</summary>
    /// <param name="secret">The vendor's secret (at least 16 characters is advised).</param>
    /// <param name="timestamp">When the body is signed.</param>
    /// <param name="body">The exact bytes sent.</param>
    /// <returns>The header value, <c>t=...,v1=...</c>.</returns>
    public static string Compute(string secret, DateTimeOffset timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var seconds = timestamp.ToUnixTimeSeconds();
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        Mac(secret, seconds, body, mac);
        return string.Create(CultureInfo.InvariantCulture, $"t={seconds},v1={Convert.ToHexStringLower(mac)}");
    }

    /// <summary>Checks a header with the default tolerance of five minutes.</summary>
    /// <param name="header">The header value as received (null when absent).</param>
    /// <param name="body">The exact bytes received.</param>
    /// <param name="secret">The vendor's secret.</param>
    /// <param name="now">The receiver's time.</param>
    /// <returns>Whether the signature is valid, and if not, why.</returns>
    public static SignageSignatureCheck Verify(string? header, ReadOnlySpan<byte> body, string secret, DateTimeOffset now) =>
        Verify(header, body, [secret], now, DefaultTolerance);

    /// <summary>Checks a header against one or more secrets (during a rotation) and a time tolerance.</summary>
    /// <param name="header">The header value as received (null when absent).</param>
    /// <param name="body">The exact bytes received.</param>
    /// <param name="secrets">The secrets that may have signed it.</param>
    /// <param name="now">The receiver's time.</param>
    /// <param name="tolerance">How far the signed time may be from <paramref name="now"/>, either way.</param>
    /// <returns>Whether the signature is valid, and if not, why.</returns>
    public static SignageSignatureCheck Verify(string? header, ReadOnlySpan<byte> body, IReadOnlyList<string> secrets, DateTimeOffset now, TimeSpan tolerance)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        if (string.IsNullOrEmpty(header))
        {
            return SignageSignatureCheck.Missing;
        }

        if (header.Length > MaxHeaderLength || !TryParse(header, out var seconds, out var signatures))
        {
            return SignageSignatureCheck.Malformed;
        }

        if (seconds < -62_135_596_800 || seconds > 253_402_300_799
            || (DateTimeOffset.FromUnixTimeSeconds(seconds) - now).Duration() > tolerance)
        {
            return SignageSignatureCheck.Expired;
        }

        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        Span<byte> given = stackalloc byte[HMACSHA256.HashSizeInBytes];
        foreach (var secret in secrets)
        {
            if (string.IsNullOrEmpty(secret))
            {
                continue;
            }

            Mac(secret, seconds, body, expected);
            foreach (var signature in signatures)
            {
                if (Convert.FromHexString(signature, given, out _, out var written) == System.Buffers.OperationStatus.Done
                    && written == given.Length
                    && CryptographicOperations.FixedTimeEquals(expected, given))
                {
                    return SignageSignatureCheck.Valid;
                }
            }
        }

        return SignageSignatureCheck.Mismatch;
    }

    private static bool TryParse(string header, out long seconds, out List<string> signatures)
    {
        seconds = 0;
        signatures = [];
        var haveTime = false;
        foreach (var part in header.Split(','))
        {
            var item = part.Trim();
            if (item.StartsWith("t=", StringComparison.Ordinal))
            {
                if (haveTime || !long.TryParse(item.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out seconds))
                {
                    return false;
                }

                haveTime = true;
            }
            else if (item.StartsWith("v1=", StringComparison.Ordinal))
            {
                if (item.Length != 3 + HexLength)
                {
                    return false;
                }

                signatures.Add(item[3..]);
            }
        }

        return haveTime && signatures.Count > 0;
    }

    private static void Mac(string secret, long seconds, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        var key = Encoding.UTF8.GetBytes(secret);
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        Span<byte> prefix = stackalloc byte[24];
        var length = Encoding.ASCII.GetBytes(seconds.ToString(CultureInfo.InvariantCulture), prefix);
        prefix[length++] = (byte)'.';
        hmac.AppendData(prefix[..length]);
        hmac.AppendData(body);
        hmac.GetHashAndReset(destination);
        CryptographicOperations.ZeroMemory(key);
    }
}
