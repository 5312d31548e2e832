using BeAlert.Gateway.Audit;
using BeAlert.Gateway.Web.Console;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BeAlert.Gateway.Web.Pages.Console;

/// <summary>
/// Console sign-in: user name and password. Every failure (unknown name, wrong password, locked or disabled account)
/// gets the same page, status and text, so the page does not tell which names exist; attempts are throttled per
/// client address and per user name (<see cref="SignInThrottle"/>, 429 + Retry-After). The audit log holds a keyed
/// fingerprint of a failed attempt's typed name (it may be a password typed in the wrong field), and the account only
/// on success or when a real account is (or gets) locked.
/// </summary>
public sealed class SignInModel(ConsoleAccountStore accounts, AuditLog audit, SignInThrottle throttle) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? UserName { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public string? Error { get; private set; }

    /// <summary>Seconds to wait before the next attempt, when <see cref="Error"/> is the throttle's message.</summary>
    public int RetryAfterSeconds { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!throttle.TryAddress(HttpContext, out var wait))
        {
            return Throttled(wait);
        }

        if (string.IsNullOrWhiteSpace(UserName) || string.IsNullOrEmpty(Password))
        {
            Error = "console.signIn.missing";
            return Page();
        }

        var typed = UserName.Trim();
        var name = typed.Length > 64 ? typed[..64].ToLowerInvariant() : typed.ToLowerInvariant();
        if (!throttle.TryName("console", name, out wait))
        {
            return Throttled(wait);
        }

        var (outcome, account) = await accounts.SignInAsync(typed, Password, cancellationToken).ConfigureAwait(false);
        var remote = HttpContext.Connection.RemoteIpAddress?.ToString();
        if (outcome != SignInOutcome.Success || account is null)
        {
            if (outcome == SignInOutcome.LockedOut && account is not null)
            {
                // A real account that is (or just got) locked: the admin sees which one (also in /api/admin/accounts).
                await audit.RecordAsync(ConsoleAuthentication.CallerPrefix + account.Id, account.UserName, account.AuthorityId, "console.sign-in.locked", account.Id, "LockedOut", remote, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var fingerprint = await accounts.FingerprintAsync(typed, cancellationToken).ConfigureAwait(false);
                await audit.RecordAsync(null, fingerprint, null, "console.sign-in.failed", null, "Failed", remote, cancellationToken).ConfigureAwait(false);
            }

            Error = "console.signIn.failed";
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }

        await HttpContext.SignInAsync(ConsoleAuthentication.CookieScheme, ConsoleAuthentication.Principal(account)).ConfigureAwait(false);
        await audit.RecordAsync(ConsoleAuthentication.CallerPrefix + account.Id, account.UserName, account.AuthorityId, "console.sign-in", null, null, remote, cancellationToken).ConfigureAwait(false);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/console");
    }

    private PageResult Throttled(TimeSpan wait)
    {
        RetryAfterSeconds = SignInThrottle.RetrySeconds(wait);
        Error = "console.signIn.throttled";
        Response.StatusCode = StatusCodes.Status429TooManyRequests;
        Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Page();
    }
}
