using AspNetFtp.Identity.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AspNetFtp.Admin.Areas.FtpAdmin.Pages.Groups;

/// <summary>The FTP groups: name, permission letters, home, app-passwords rule and number of accounts.</summary>
internal sealed class GroupListModel(IFtpAccountAdministration accounts) : PageModel
{
    public IReadOnlyList<FtpGroupSummary> Groups { get; private set; } = [];

    /// <summary>What the last change did, shown once.</summary>
    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Groups = await accounts.ListGroupsAsync(cancellationToken);
}
