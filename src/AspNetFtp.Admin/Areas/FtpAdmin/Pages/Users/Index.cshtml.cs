using AspNetFtp.Admin.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AspNetFtp.Admin.Areas.FtpAdmin.Pages.Users;

/// <summary>
/// The application's Identity users: search by user name or e-mail, 25 a page, each with its FTP group, lockout and
/// role; Lock, Unlock, Grant and Revoke are POSTs here, then back to the same search and page.
/// </summary>
internal sealed class IndexModel(IAdminUsers users) : PageModel
{
    /// <summary>The search text (user name or e-mail contains it, any case).</summary>
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    /// <summary>The page number, 1-based.</summary>
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public AdminUserPage Listing { get; private set; } = new([], 0, 1, AdminUserPage.DefaultPageSize);

    /// <summary>What the last change did, shown once.</summary>
    [TempData]
    public string? StatusMessage { get; set; }

    /// <summary>Why the last change was refused, shown once.</summary>
    [TempData]
    public string? ProblemMessage { get; set; }

    public bool IsSelf(AdminUserRow row) => users.IsSelf(row.Id, User);

    public async Task OnGetAsync(CancellationToken cancellationToken) => Listing = await users.SearchAsync(Search, PageNumber, cancellationToken);

    public Task<IActionResult> OnPostLockAsync(string id, CancellationToken cancellationToken) =>
        ChangeAsync(users.LockAsync(id, User, cancellationToken));

    public Task<IActionResult> OnPostUnlockAsync(string id, CancellationToken cancellationToken) =>
        ChangeAsync(users.UnlockAsync(id, User, cancellationToken));

    public Task<IActionResult> OnPostGrantAsync(string id, CancellationToken cancellationToken) =>
        ChangeAsync(users.SetAdministratorAsync(id, administrator: true, User, cancellationToken));

    public Task<IActionResult> OnPostRevokeAsync(string id, CancellationToken cancellationToken) =>
        ChangeAsync(users.SetAdministratorAsync(id, administrator: false, User, cancellationToken));

    private async Task<IActionResult> ChangeAsync(Task<AdminUserResult> change)
    {
        AdminUserResult result = await change;
        if (result.Succeeded)
        {
            StatusMessage = result.Message;
        }
        else
        {
            ProblemMessage = result.Message;
        }

        return RedirectToPage("/Users/Index", new { area = FtpAdminArea.Name, q = Search, p = PageNumber });
    }
}
