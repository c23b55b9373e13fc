using AspNetFtp.Identity.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AspNetFtp.Admin.Areas.FtpAdmin.Pages.Accounts;

/// <summary>The FTP accounts: user, group, home, last login and number of app passwords.</summary>
internal sealed class AccountListModel(IFtpAccountAdministration accounts) : PageModel
{
    public IReadOnlyList<FtpAccountSummary> Accounts { get; private set; } = [];

    /// <summary>What the last change did, shown once.</summary>
    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Accounts = await accounts.ListAccountsAsync(cancellationToken);
}
