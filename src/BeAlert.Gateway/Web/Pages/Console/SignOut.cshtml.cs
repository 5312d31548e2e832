using BeAlert.Gateway.Audit;
using BeAlert.Gateway.Web.Console;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BeAlert.Gateway.Web.Pages.Console;

/// <summary>Signs out (POST only, with the CSRF token) and goes back to the sign-in page.</summary>
public sealed class SignOutModel(AuditLog audit) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Console/Index");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await audit.RecordAsync(HttpContext, "console.sign-out", cancellationToken: cancellationToken).ConfigureAwait(false);
        await HttpContext.SignOutAsync(ConsoleAuthentication.CookieScheme).ConfigureAwait(false);
        return LocalRedirect(ConsoleAuthentication.SignInPath);
    }
}
