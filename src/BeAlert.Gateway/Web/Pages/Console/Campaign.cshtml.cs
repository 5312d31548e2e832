using BeAlert.Gateway.Campaigns;
using BeAlert.Gateway.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BeAlert.Gateway.Web.Pages.Console;

/// <summary>
/// One campaign of the operator's authority: live progress per channel (from <c>/api/campaigns/{id}/events</c>),
/// cancel while it runs, then the final report with a chart per channel. Another authority's campaign, or an id that
/// is not one, is a 404 page.
/// </summary>
public sealed class CampaignModel(CampaignStore campaigns) : PageModel
{
    public CampaignEntry? Entry { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (id is null || id.Length > 64 || !Guid.TryParse(id, out var guid))
        {
            return NotFoundPage();
        }

        var entry = await campaigns.FindAsync(guid, cancellationToken).ConfigureAwait(false);
        if (entry is null || !string.Equals(entry.AuthorityId, HttpContext.GetCaller().Authority?.Id, StringComparison.Ordinal))
        {
            return NotFoundPage();
        }

        Entry = entry;
        return Page();
    }

    private PageResult NotFoundPage()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
