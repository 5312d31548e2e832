using BeAlert.Gateway.Audit;
using BeAlert.Gateway.Web.Console;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BeAlert.Gateway.Web.Pages.Console;

/// <summary>Console sign-in: user name and password; one message for every failure; audited.</summary>
public sealed class SignInModel(ConsoleAccountStore accounts, AuditLog audit) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? UserName { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(UserName) || string.IsNullOrEmpty(Password))
        {
            Error = "console.signIn.missing";
            return Page();
        }

        var (outcome, account) = await accounts.SignInAsync(UserName.Trim(), Password, cancellationToken).ConfigureAwait(false);
        var remote = HttpContext.Connection.RemoteIpAddress?.ToString();
        if (outcome != SignInOutcome.Success || account is null)
        {
            await audit.RecordAsync(null, UserName.Trim()[..Math.Min(64, UserName.Trim().Length)], null, "console.sign-in.failed", null, outcome.ToString(), remote, cancellationToken).ConfigureAwait(false);
            Error = outcome == SignInOutcome.LockedOut ? "console.signIn.locked" : "console.signIn.failed";
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }

        await HttpContext.SignInAsync(ConsoleAuthentication.CookieScheme, ConsoleAuthentication.Principal(account)).ConfigureAwait(false);
        await audit.RecordAsync(ConsoleAuthentication.CallerPrefix + account.Id, account.UserName, account.AuthorityId, "console.sign-in", null, null, remote, cancellationToken).ConfigureAwait(false);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/console");
    }
}
