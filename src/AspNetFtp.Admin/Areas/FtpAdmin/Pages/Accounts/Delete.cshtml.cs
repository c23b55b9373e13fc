using AspNetFtp.Admin.FtpAccounts;
using AspNetFtp.Identity.Accounts;
using AspNetFtp.Identity.Audit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AspNetFtp.Admin.Areas.FtpAdmin.Pages.Accounts;

/// <summary>Asks before deleting a user's FTP account (and its app passwords); the user stays.</summary>
internal sealed class AccountDeleteModel(IFtpAccountAdministration accounts, IFtpAuditLog audit) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "user")]
    public string? Account { get; set; }

    public FtpAccountSummary? Found { get; private set; }

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Found = string.IsNullOrEmpty(Account) ? null : await accounts.FindAccountAsync(Account, cancellationToken);
        return Found is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(Account))
        {
            return NotFound();
        }

        FtpAccountResult<bool> result = await accounts.DeleteAccountAsync(Account, cancellationToken);
        if (!result.Succeeded)
        {
            return NotFound();
        }

        await audit.RecordAsync(User, AdminAuditKinds.AccountDeleted, Account, "account and its app passwords", cancellationToken);
        TempData["StatusMessage"] = $"The FTP account of '{Account}' was deleted.";
        return RedirectToPage("/Accounts/Index", new { area = FtpAdminArea.Name });
    }
}
