using AspNetFtp.Admin.FtpAccounts;
using AspNetFtp.Identity.Accounts;
using AspNetFtp.Identity.Audit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AspNetFtp.Admin.Areas.FtpAdmin.Pages.Groups;

/// <summary>Asks before deleting a group; a group that still has accounts is refused with the manager's message.</summary>
internal sealed class GroupDeleteModel(IFtpAccountAdministration accounts, IFtpAuditLog audit) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Group { get; set; }

    public FtpGroupSummary? Found { get; private set; }

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Found = string.IsNullOrEmpty(Group) ? null : await accounts.FindGroupAsync(Group, cancellationToken);
        return Found is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(Group))
        {
            return NotFound();
        }

        FtpAccountResult<bool> result = await accounts.DeleteGroupAsync(Group, cancellationToken);
        if (!result.Succeeded)
        {
            Problem = result.Error;
            Found = await accounts.FindGroupAsync(Group, cancellationToken);
            return Found is null ? NotFound() : Page();
        }

        await audit.RecordAsync(User, AdminAuditKinds.GroupDeleted, null, $"group '{Group}'", cancellationToken);
        TempData["StatusMessage"] = $"Group '{Group}' was deleted.";
        return RedirectToPage("/Groups/Index", new { area = FtpAdminArea.Name });
    }
}
