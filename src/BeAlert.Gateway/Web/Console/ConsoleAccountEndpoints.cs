using System.Security.Cryptography;
using BeAlert.Gateway.Audit;
using BeAlert.Gateway.Security;
using BeAlert.Gateway.Security.Admin;

namespace BeAlert.Gateway.Web.Console;

/// <summary>Body of <c>POST /api/admin/accounts</c>.</summary>
/// <param name="UserName">3–64 characters: letters, digits, '.', '-', '_', '@' (stored lower-case).</param>
/// <param name="DisplayName">1–200 characters (the user name when left out).</param>
/// <param name="AuthorityId">The authority the person acts for.</param>
/// <param name="Password">The initial password (12–256 characters, not containing the user name); left out: one is generated and returned once.</param>
public sealed record CreateConsoleAccountRequest(string? UserName, string? DisplayName, string? AuthorityId, string? Password);

/// <summary>Body of <c>POST /api/admin/accounts/{id}/password</c>: the new password, or none to generate one.</summary>
public sealed record SetConsolePasswordRequest(string? Password);

/// <summary>
/// A console account as the admin API shows it (never a password hash). <see cref="LockedUntil"/> is set while too many
/// wrong passwords lock it (the sign-in page does not say so, to anyone).
/// </summary>
public sealed record ConsoleAccountResponse(string Id, string UserName, string DisplayName, string AuthorityId, bool Disabled)
{
    public DateTimeOffset? LockedUntil { get; init; }

    public static ConsoleAccountResponse From(ConsoleAccount a) => new(a.Id, a.UserName, a.DisplayName, a.AuthorityId, a.Disabled);

    /// <summary>The account as seen at <paramref name="now"/> (with its lockout when one is in force).</summary>
    public static ConsoleAccountResponse From(ConsoleAccount a, DateTimeOffset now) =>
        From(a) with { LockedUntil = a.LockedUntil > now ? a.LockedUntil : null };
}

/// <summary>A created account, or a password change; <see cref="Password"/> only when the gateway generated it (shown once).</summary>
public sealed record ConsoleAccountSecretResponse(string Id, string UserName, string DisplayName, string AuthorityId, bool Disabled, string? Password);

/// <summary>
/// The console account admin API (policy <see cref="GatewayPolicies.Admin"/>): list, create (with a given or generated
/// password), set a password (clears a lockout), disable and enable. Every change is audited under the account's
/// authority; passwords never appear in the audit log or in any answer but the one that generated them.
/// </summary>
internal static class ConsoleAccountEndpoints
{
    public const int MaxDisplayNameLength = 200;
    public const int GeneratedPasswordLength = 20;

    // No look-alikes (0/O, 1/l/I): a generated password is read off a screen and typed.
    private const string PasswordAlphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static void Map(WebApplication app)
    {
        var group = app.MapGroup("/api/admin/accounts").RequireAuthorization(GatewayPolicies.Admin).WithTags("Admin");

        group.MapGet(string.Empty, ListAsync)
            .WithName("ListConsoleAccounts").WithSummary("Console accounts (people who sign in to /console), optionally of one authority (?authority=ID).")
            .Produces<ConsoleAccountResponse[]>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost(string.Empty, CreateAsync)
            .WithName("CreateConsoleAccount").WithSummary("Creates a console account; without a password one is generated and returned once.")
            .DocumentJsonBody<CreateConsoleAccountRequest>()
            .Produces<ConsoleAccountSecretResponse>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        group.MapPost("/{id}/password", SetPasswordAsync)
            .WithName("SetConsolePassword").WithSummary("Sets a console account's password (and clears a lockout); without one in the body one is generated and returned once.")
            .DocumentJsonBody<SetConsolePasswordRequest>()
            .Produces<ConsoleAccountSecretResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        group.MapPost("/{id}/disable", (string id, HttpContext context, ConsoleAccountStore accounts, AuditLog audit, CancellationToken ct) => SetDisabledAsync(id, true, context, accounts, audit, ct))
            .WithName("DisableConsoleAccount").WithSummary("Disables a console account: its sign-ins fail and its open sessions stop within 5 s on every instance.")
            .Produces<ConsoleAccountResponse>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id}/enable", (string id, HttpContext context, ConsoleAccountStore accounts, AuditLog audit, CancellationToken ct) => SetDisabledAsync(id, false, context, accounts, audit, ct))
            .WithName("EnableConsoleAccount").WithSummary("Enables a disabled console account.")
            .Produces<ConsoleAccountResponse>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    /// <summary>Why a password is not acceptable for <paramref name="userName"/>, or null (length rules, not the user name, not one repeated character).</summary>
    public static string? CheckPassword(string? password, string? userName)
    {
        if (ConsoleAccountStore.CheckPassword(password) is { } problem)
        {
            return problem;
        }

        if (userName is { Length: > 0 } && password!.Contains(userName, StringComparison.OrdinalIgnoreCase))
        {
            return "A password must not contain the user name.";
        }

        return password!.Distinct().Count() < 4 ? "A password has at least 4 different characters." : null;
    }

    public static string GeneratePassword() => RandomNumberGenerator.GetString(PasswordAlphabet, GeneratedPasswordLength);

    private static async Task<IResult> ListAsync(string? authority, ConsoleAccountStore accounts, AuthorityStore authorities, TimeProvider time, CancellationToken cancellationToken)
    {
        if (authority is not null && (authority.Length > 64 || await authorities.FindAsync(authority, cancellationToken).ConfigureAwait(false) is null))
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No authority '{Truncate(authority)}'.");
        }

        var now = time.GetUtcNow();
        return Results.Ok((await accounts.ListAsync(authority, cancellationToken).ConfigureAwait(false)).Select(a => ConsoleAccountResponse.From(a, now)));
    }

    private static async Task<IResult> CreateAsync(HttpContext context, ConsoleAccountStore accounts, AuthorityStore authorities, AuditLog audit, CancellationToken cancellationToken)
    {
        var (body, error) = await AdminJson.ReadAsync<CreateConsoleAccountRequest>(context).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var errors = new Dictionary<string, string[]>();
        if (ConsoleAccountStore.CheckUserName(body!.UserName) is { } nameProblem)
        {
            errors["userName"] = [nameProblem];
        }

        var displayName = body.DisplayName?.Trim();
        if (body.DisplayName is not null && (string.IsNullOrWhiteSpace(displayName) || displayName.Length > MaxDisplayNameLength || displayName.Any(char.IsControl)))
        {
            errors["displayName"] = [$"1 to {MaxDisplayNameLength} characters, no control characters."];
        }

        if (string.IsNullOrWhiteSpace(body.AuthorityId))
        {
            errors["authorityId"] = ["Required: the authority the person acts for."];
        }
        else if (body.AuthorityId.Length > 64 || await authorities.FindAsync(body.AuthorityId, cancellationToken).ConfigureAwait(false) is null)
        {
            errors["authorityId"] = [$"No authority '{Truncate(body.AuthorityId)}'."];
        }

        var generated = body.Password is null;
        var password = body.Password ?? GeneratePassword();
        if (!generated && CheckPassword(password, body.UserName) is { } passwordProblem)
        {
            errors["password"] = [passwordProblem];
        }

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }

        var account = await accounts.CreateAsync(body.UserName!, displayName ?? body.UserName!, body.AuthorityId!, password, cancellationToken).ConfigureAwait(false);
        if (account is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: $"A console account '{body.UserName!.ToLowerInvariant()}' already exists.");
        }

        await RecordAsync(context, audit, account, "console-account.create", $"user={account.UserName} password={(generated ? "generated" : "given")}", cancellationToken).ConfigureAwait(false);
        return Results.Created($"/api/admin/accounts/{account.Id}", Secret(account, generated ? password : null));
    }

    private static async Task<IResult> SetPasswordAsync(string id, HttpContext context, ConsoleAccountStore accounts, AuditLog audit, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, accounts, cancellationToken).ConfigureAwait(false) is not { } account)
        {
            return UnknownAccount(id);
        }

        var (body, error) = await AdminJson.ReadAsync<SetConsolePasswordRequest>(context).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var generated = body!.Password is null;
        var password = body.Password ?? GeneratePassword();
        if (!generated && CheckPassword(password, account.UserName) is { } problem)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["password"] = [problem] });
        }

        if (!await accounts.SetPasswordAsync(account.Id, password, cancellationToken).ConfigureAwait(false))
        {
            return UnknownAccount(id);
        }

        await RecordAsync(context, audit, account, "console-account.password", generated ? "password=generated" : "password=given", cancellationToken).ConfigureAwait(false);
        return Results.Ok(Secret(account, generated ? password : null));
    }

    private static async Task<IResult> SetDisabledAsync(string id, bool disabled, HttpContext context, ConsoleAccountStore accounts, AuditLog audit, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, accounts, cancellationToken).ConfigureAwait(false) is not { } account)
        {
            return UnknownAccount(id);
        }

        if (account.Disabled == disabled)
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: $"The account '{account.UserName}' is already {(disabled ? "disabled" : "enabled")}.");
        }

        if (!await accounts.SetDisabledAsync(account.Id, disabled, cancellationToken).ConfigureAwait(false))
        {
            return UnknownAccount(id);
        }

        await RecordAsync(context, audit, account, disabled ? "console-account.disable" : "console-account.enable", $"user={account.UserName}", cancellationToken).ConfigureAwait(false);
        return Results.Ok(ConsoleAccountResponse.From(account with { Disabled = disabled }));
    }

    private static async Task<ConsoleAccount?> FindAsync(string id, ConsoleAccountStore accounts, CancellationToken cancellationToken)
    {
        if (id.Length > 64 || !id.StartsWith("acc_", StringComparison.Ordinal))
        {
            return null;
        }

        // Read past the sign-in cache: an admin acts on the stored state.
        var all = await accounts.ListAsync(null, cancellationToken).ConfigureAwait(false);
        return all.FirstOrDefault(a => string.Equals(a.Id, id, StringComparison.Ordinal));
    }

    private static ConsoleAccountSecretResponse Secret(ConsoleAccount a, string? password) =>
        new(a.Id, a.UserName, a.DisplayName, a.AuthorityId, a.Disabled, password);

    private static Task RecordAsync(HttpContext context, AuditLog audit, ConsoleAccount account, string action, string detail, CancellationToken cancellationToken)
    {
        var caller = context.GetCaller();
        return audit.RecordAsync(caller.KeyId, caller.KeyName, account.AuthorityId, action, account.Id, detail, context.Connection.RemoteIpAddress?.ToString(), cancellationToken);
    }

    private static IResult UnknownAccount(string id) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No console account '{Truncate(id)}'.");

    private static string Truncate(string value) => value.Length <= 64 ? value : value[..64] + "…";
}
