using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace BeAlert.Gateway.Citizens;

/// <summary>
/// The citizen's secrets: access tokens (<c>cit_</c> + 43 base64url characters, 256 random bits, stored as SHA-256)
/// and six-digit one-time codes (stored as HMAC-SHA-256 keyed with the registration id, so a code hash copied out of
/// one row cannot be replayed against another; five attempts, fifteen minutes).
/// </summary>
internal static class CitizenSecrets
{
    public const string TokenPrefix = "cit_";
    public const int MaxCodeAttempts = 5;
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(15);

    public static string NewToken() => TokenPrefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static bool IsWellFormedToken(string? token) =>
        token is { Length: 47 } && token.StartsWith(TokenPrefix, StringComparison.Ordinal);

    public static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    public static string NewCode() => RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);

    public static string HashCode(string salt, string code) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(salt), Encoding.UTF8.GetBytes(code)));

    public static bool CodeMatches(string salt, string presented, string storedHash) =>
        presented.Length == 6 && presented.All(char.IsAsciiDigit)
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(HashCode(salt, presented)), Encoding.ASCII.GetBytes(storedHash));

    public static string NewRegistrationId() => "reg_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
}
