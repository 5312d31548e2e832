using System.Collections.Concurrent;
using BeAlert.Gateway.Storage;
using Dapper;
using Microsoft.AspNetCore.Identity;

namespace BeAlert.Gateway.Web.Console;

/// <summary>An operator console account: a person who signs in with a password and acts for one authority.</summary>
public sealed record ConsoleAccount(string Id, string UserName, string DisplayName, string AuthorityId, bool Disabled)
{
    /// <summary>Changes whenever the password changes: a sign-in cookie carries it, so a new password ends old sessions.</summary>
    public string PasswordStamp { get; init; } = string.Empty;

    /// <summary>Until when too many wrong passwords lock the account (null when it never was; may lie in the past).</summary>
    public DateTimeOffset? LockedUntil { get; init; }
}

/// <summary>
/// The outcome of a sign-in attempt. Callers show one message (and status) for every failure, so names can't be
/// probed; <see cref="LockedOut"/> is for the audit log and the admin API only.
/// </summary>
public enum SignInOutcome
{
    Success,
    Failed,
    LockedOut,
}

/// <summary>
/// Console accounts in the gateway database. Passwords are hashed with ASP.NET Core Identity's
/// <see cref="PasswordHasher{TUser}"/> (PBKDF2-HMAC-SHA512, 100,000 iterations, random salt, versioned format);
/// five wrong passwords in a row lock the account for <see cref="LockoutDuration"/>. User names are case-insensitive
/// (stored lower-case).
/// </summary>
public sealed class ConsoleAccountStore(GatewayDatabase database, TimeProvider time)
{
    public const int MinimumPasswordLength = 12;
    public const int MaximumPasswordLength = 256;
    public const int MaxFailedAttempts = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(5);

    /// <summary>Password hashes computed at the same time, at most.</summary>
    public const int ConcurrentHashes = 2;

    private static readonly PasswordHasher<ConsoleAccount> Hasher = new();
    private static readonly SemaphoreSlim HashGate = new(ConcurrentHashes, ConcurrentHashes);

    // A hash to verify against when the user name is unknown, so both paths cost the same.
    private static readonly string DummyHash = Hasher.HashPassword(null!, "not a password of anyone");

    private const string FingerprintKeyName = "audit-name-fingerprint";

    private readonly ConcurrentDictionary<string, (ConsoleAccount? Account, long Expires)> _cache = new(StringComparer.Ordinal);
    private byte[]? _fingerprintKey;

    /// <summary>Why a password is not acceptable, or null when it is.</summary>
    public static string? CheckPassword(string? password) => password switch
    {
        null or "" => "A password is required.",
        { Length: < MinimumPasswordLength } => $"A password has at least {MinimumPasswordLength} characters.",
        { Length: > MaximumPasswordLength } => $"A password has at most {MaximumPasswordLength} characters.",
        _ => null,
    };

    /// <summary>Why a user name is not acceptable, or null: 3–64 characters of a–z, 0–9, '.', '-', '_' and '@'.</summary>
    public static string? CheckUserName(string? userName) =>
        userName is { Length: >= 3 and <= 64 } && userName.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '@')
            ? null
            : "A user name has 3 to 64 characters: letters, digits, '.', '-', '_' or '@'.";

    /// <summary>Creates an account; null when the user name is taken. Throws <see cref="ArgumentException"/> on a bad name or password.</summary>
    public async Task<ConsoleAccount?> CreateAsync(string userName, string displayName, string authorityId, string password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userName);
        if (CheckUserName(userName) is { } nameProblem)
        {
            throw new ArgumentException(nameProblem, nameof(userName));
        }

        if (CheckPassword(password) is { } passwordProblem)
        {
            throw new ArgumentException(passwordProblem, nameof(password));
        }

        var account = new ConsoleAccount("acc_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8)), userName.ToLowerInvariant(), displayName, authorityId, Disabled: false);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO console_accounts (id, user_name, display_name, authority_id, password_hash, failed_attempts, locked_until, disabled, created_at)
            VALUES (@Id, @UserName, @DisplayName, @AuthorityId, @Hash, 0, 0, 0, @CreatedAt)
            ON CONFLICT (user_name) DO NOTHING
            """,
            new { account.Id, account.UserName, account.DisplayName, account.AuthorityId, Hash = Hasher.HashPassword(account, password), CreatedAt = time.GetUtcNow().ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows == 1 ? account : null;
    }

    /// <summary>
    /// Checks a password; counts failures and locks the account after <see cref="MaxFailedAttempts"/>. The account
    /// comes back on success and on <see cref="SignInOutcome.LockedOut"/> (for the audit log: never tell the caller).
    /// </summary>
    public async Task<(SignInOutcome Outcome, ConsoleAccount? Account)> SignInAsync(string userName, string password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(password);
        if (userName.Length > 64 || password.Length > MaximumPasswordLength)
        {
            return (SignInOutcome.Failed, null);
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            "SELECT " + Columns + " FROM console_accounts WHERE user_name = @name",
            new { name = userName.ToLowerInvariant() },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (row is null)
        {
            await VerifyAsync(null!, DummyHash, password, cancellationToken).ConfigureAwait(false);
            return (SignInOutcome.Failed, null);
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        if (row.LockedUntil > now)
        {
            // The same work as a wrong password (one hash), so a locked account does not answer faster than others.
            await VerifyAsync(null!, DummyHash, password, cancellationToken).ConfigureAwait(false);
            return (SignInOutcome.LockedOut, row.ToAccount());
        }

        var account = row.ToAccount();
        var verdict = await VerifyAsync(account, row.PasswordHash, password, cancellationToken).ConfigureAwait(false);
        if (verdict == PasswordVerificationResult.Failed || account.Disabled)
        {
            // One atomic increment: wrong passwords sent at the same moment each count.
            var failures = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "UPDATE console_accounts SET failed_attempts = failed_attempts + 1 WHERE id = @id RETURNING failed_attempts",
                new { id = row.Id },
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (failures < MaxFailedAttempts)
            {
                return (SignInOutcome.Failed, null);
            }

            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE console_accounts SET failed_attempts = 0, locked_until = @lockedUntil WHERE id = @id",
                new { lockedUntil = now + (long)LockoutDuration.TotalMilliseconds, id = row.Id },
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            return (SignInOutcome.LockedOut, account with { LockedUntil = DateTimeOffset.FromUnixTimeMilliseconds(now + (long)LockoutDuration.TotalMilliseconds) });
        }

        var newHash = verdict == PasswordVerificationResult.SuccessRehashNeeded ? Hasher.HashPassword(account, password) : row.PasswordHash;
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE console_accounts SET failed_attempts = 0, locked_until = 0, password_hash = @newHash, last_sign_in_at = @now WHERE id = @id",
            new { newHash, now, id = row.Id },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        _cache.TryRemove(row.Id, out _);
        return (SignInOutcome.Success, account with { PasswordStamp = StampOf(newHash) });
    }

    /// <summary>
    /// A keyed fingerprint of a typed user name for the audit log (<c>name:</c> + 16 hex digits of HMAC-SHA256):
    /// the same name gives the same fingerprint on every instance and after restarts (the key is in the database), so
    /// repeated attempts can be told apart, but what was typed (perhaps a password) cannot be read back.
    /// </summary>
    public async Task<string> FingerprintAsync(string typedName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(typedName);
        var key = _fingerprintKey ??= await LoadFingerprintKeyAsync(cancellationToken).ConfigureAwait(false);
        var normalised = typedName.Trim().ToLowerInvariant();
        var mac = System.Security.Cryptography.HMACSHA256.HashData(key, System.Text.Encoding.UTF8.GetBytes(normalised.Length > 256 ? normalised[..256] : normalised));
        return "name:" + Convert.ToHexStringLower(mac)[..16];
    }

    private async Task<byte[]> LoadFingerprintKeyAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO console_secrets (name, value) VALUES (@name, @value) ON CONFLICT (name) DO NOTHING",
            new { name = FingerprintKeyName, value = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)) },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        var stored = await connection.ExecuteScalarAsync<string>(new CommandDefinition(
            "SELECT value FROM console_secrets WHERE name = @name",
            new { name = FingerprintKeyName },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return Convert.FromBase64String(stored!);
    }

    internal static string StampOf(string passwordHash) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(passwordHash)))[..16];

    /// <summary>
    /// Verifies a password with at most <see cref="ConcurrentHashes"/> hashes at a time, so a flood of sign-in attempts
    /// (100,000 PBKDF2 iterations each) queues instead of taking every core from the dispatch engine.
    /// </summary>
    private static async Task<PasswordVerificationResult> VerifyAsync(ConsoleAccount account, string hash, string password, CancellationToken cancellationToken)
    {
        await HashGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return Hasher.VerifyHashedPassword(account, hash, password);
        }
        finally
        {
            HashGate.Release();
        }
    }

    /// <summary>The account by id (cached for <see cref="CacheLifetime"/>: a disabled account stops working within that).</summary>
    public async Task<ConsoleAccount?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        var now = time.GetTimestamp();
        if (_cache.TryGetValue(id, out var cached) && cached.Expires > now)
        {
            return cached.Account;
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            "SELECT " + Columns + " FROM console_accounts WHERE id = @id",
            new { id },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        var account = row?.ToAccount();
        _cache[id] = (account, now + (long)(CacheLifetime.TotalSeconds * time.TimestampFrequency));
        return account;
    }

    /// <summary>The accounts of one authority, or all of them.</summary>
    public async Task<IReadOnlyList<ConsoleAccount>> ListAsync(string? authorityId = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            authorityId is null
                ? "SELECT " + Columns + " FROM console_accounts ORDER BY user_name"
                : "SELECT " + Columns + " FROM console_accounts WHERE authority_id = @authorityId ORDER BY user_name",
            new { authorityId },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToAccount())];
    }

    /// <summary>Disables or enables an account; false when the id is unknown.</summary>
    public async Task<bool> SetDisabledAsync(string id, bool disabled, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE console_accounts SET disabled = @disabled WHERE id = @id",
            new { id, disabled = disabled ? 1 : 0 },
            cancellationToken: cancellationToken)).ConfigureAwait(false) == 1;
        _cache.TryRemove(id, out _);
        return changed;
    }

    /// <summary>Sets a new password (and clears a lockout); false when the id is unknown.</summary>
    public async Task<bool> SetPasswordAsync(string id, string password, CancellationToken cancellationToken = default)
    {
        if (CheckPassword(password) is { } problem)
        {
            throw new ArgumentException(problem, nameof(password));
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE console_accounts SET password_hash = @hash, failed_attempts = 0, locked_until = 0 WHERE id = @id",
            new { id, hash = Hasher.HashPassword(null!, password) },
            cancellationToken: cancellationToken)).ConfigureAwait(false) == 1;

        // A new password ends the account's sessions (their cookies carry the old stamp) as soon as the cache forgets it.
        _cache.TryRemove(id, out _);
        return changed;
    }

    private const string Columns =
        "id, user_name AS UserName, display_name AS DisplayName, authority_id AS AuthorityId, password_hash AS PasswordHash, failed_attempts AS FailedAttempts, locked_until AS LockedUntil, disabled";

    private sealed class Row
    {
        public string Id { get; set; } = string.Empty;

        public string UserName { get; set; } = string.Empty;

        public string DisplayName { get; set; } = string.Empty;

        public string AuthorityId { get; set; } = string.Empty;

        public string PasswordHash { get; set; } = string.Empty;

        public long FailedAttempts { get; set; }

        public long LockedUntil { get; set; }

        public long Disabled { get; set; }

        public ConsoleAccount ToAccount() => new(Id, UserName, DisplayName, AuthorityId, Disabled != 0)
        {
            PasswordStamp = StampOf(PasswordHash),
            LockedUntil = LockedUntil > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(LockedUntil) : null,
        };
    }
}

/// <summary>The console's tables: accounts, and the data-protection key ring (cookies and CSRF tokens) shared by instances.</summary>
internal sealed class ConsoleSchema : ISchemaPart
{
    public int Order => 5;

    public string Name => "console";

    public IEnumerable<string> Statements(SqlDialect dialect)
    {
        yield return $"""
            CREATE TABLE IF NOT EXISTS console_accounts (
                id TEXT PRIMARY KEY,
                user_name TEXT NOT NULL UNIQUE,
                display_name TEXT NOT NULL,
                authority_id TEXT NOT NULL REFERENCES authorities(id),
                password_hash TEXT NOT NULL,
                failed_attempts BIGINT NOT NULL,
                locked_until BIGINT NOT NULL,
                disabled {dialect.Bool} NOT NULL,
                created_at BIGINT NOT NULL,
                last_sign_in_at BIGINT NULL)
            """;
        yield return "CREATE TABLE IF NOT EXISTS data_protection_keys (name TEXT PRIMARY KEY, xml TEXT NOT NULL)";
        yield return "CREATE TABLE IF NOT EXISTS console_secrets (name TEXT PRIMARY KEY, value TEXT NOT NULL)";
    }
}
