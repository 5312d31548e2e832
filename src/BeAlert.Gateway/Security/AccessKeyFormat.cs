using System.Buffers.Text;
using System.Security.Cryptography;

namespace BeAlert.Gateway.Security;

/// <summary>
/// Access keys: <c>bea_</c> and 43 base64url characters (32 random bytes). Only their SHA-256 is stored; a key is
/// shown once, when it is made. The hash needs no salt or stretching: the key has 256 bits of entropy.
/// </summary>
public static class AccessKeyFormat
{
    public const string Prefix = "bea_";
    public const string Description = "'bea_' followed by 43 base64url characters";
    private const int SecretLength = 43;

    public static string NewKey() => Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static bool IsWellFormed(string? key) =>
        key is not null
        && key.Length == Prefix.Length + SecretLength
        && key.StartsWith(Prefix, StringComparison.Ordinal)
        && key.AsSpan(Prefix.Length).ContainsAnyExcept(Base64UrlAlphabet) is false;

    /// <summary>Lower-case hex SHA-256 of the key's UTF-8 bytes: what the database stores and looks up.</summary>
    public static string Hash(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)));
    }

    private static readonly System.Buffers.SearchValues<char> Base64UrlAlphabet =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
}

/// <summary>The names of the demo keys (configuration <c>BeAlert:Demo:Keys:&lt;name&gt;</c>).</summary>
public static class DemoKeyNames
{
    public const string Admin = "Admin";
    public const string Commune = "Commune";
    public const string Province = "Province";
    public const string Federal = "Federal";
    public const string SchoolBoard = "SchoolBoard";
    public const string Vendor = "Vendor";

    public static readonly IReadOnlyList<string> All = [Admin, Commune, Province, Federal, SchoolBoard, Vendor];
}
