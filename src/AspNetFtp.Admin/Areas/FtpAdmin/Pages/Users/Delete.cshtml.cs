using AspNetFtp.Admin.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AspNetFtp.Admin.Areas.FtpAdmin.Pages.Users;

/// <summary>The confirmation step of deleting a user (GET shows what goes; only the POST deletes).</summary>
internal sealed class DeleteModel(IAdminUsers users) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    public AdminUserRow? Target { get; private set; }

    public bool IsSelf { get; private set; }

    public string? Problem { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Target = await users.FindAsync(Id, cancellationToken);
        if (Target is null)
        {
            return NotFound();
        }

        IsSelf = users.IsSelf(Id, User);
        Problem = IsSelf ? AdminUsersText.CannotDeleteSelf : null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        AdminUserResult result = await users.DeleteAsync(Id, User, cancellationToken);
        if (result.Succeeded)
        {
            StatusMessage = result.Message;
            return RedirectToPage("/Users/Index", new { area = FtpAdminArea.Name });
        }

        Target = await users.FindAsync(Id, cancellationToken);
        if (Target is null)
        {
            return NotFound();
        }

        IsSelf = users.IsSelf(Id, User);
        Problem = result.Message;
        return Page();
    }
}
