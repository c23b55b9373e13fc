using AspNetFtp.Admin.FtpAccounts;
using AspNetFtp.Identity.Accounts;
using AspNetFtp.Identity.Audit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AspNetFtp.Admin.Areas.FtpAdmin.Pages.Accounts;

/// <summary>Asks before revoking an app password; logins with it fail from then on.</summary>
internal sealed class RevokePasswordModel(IFtpAccountAdministration accounts, IFtpAuditLog audit) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "user")]
    public string? Account { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Name { get; set; }

    public FtpAppPasswordSummary? Found { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(Account) || string.IsNullOrEmpty(Name))
        {
            return NotFound();
        }

        IReadOnlyList<FtpAppPasswordSummary> passwords = (await accounts.ListAppPasswordsAsync(Account, cancellationToken)).Value ?? [];
        Found = passwords.FirstOrDefault(p => string.Equals(p.Name, Name, StringComparison.Ordinal));
        return Found is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(Account) || string.IsNullOrEmpty(Name) || !(await accounts.DeleteAppPasswordAsync(Account, Name, cancellationToken)).Succeeded)
        {
            return NotFound();
        }

        await audit.RecordAsync(User, AdminAuditKinds.AppPasswordRevoked, Account, $"app password '{Name}'", cancellationToken);
        TempData["StatusMessage"] = $"App password '{Name}' was revoked.";
        return RedirectToPage("/Accounts/Details", new { area = FtpAdminArea.Name, user = Account });
    }
}
