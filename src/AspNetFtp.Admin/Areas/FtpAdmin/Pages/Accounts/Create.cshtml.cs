using System.ComponentModel.DataAnnotations;
using AspNetFtp.Admin.FtpAccounts;
using AspNetFtp.Identity.Accounts;
using AspNetFtp.Identity.Audit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AspNetFtp.Admin.Areas.FtpAdmin.Pages.Accounts;

/// <summary>Gives an existing user without an FTP account one, in a group picked from the list.</summary>
internal sealed class AccountCreateModel(IFtpAccountAdministration accounts, IFtpAuditLog audit) : PageModel
{
    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["userName"] = nameof(UserName),
        ["groupName"] = nameof(GroupName),
        ["homeDirectory"] = nameof(HomeDirectory),
    };

    [BindProperty]
    [Display(Name = "User name")]
    [Required(ErrorMessage = "Enter the user name of an existing user.")]
    public string? UserName { get; set; }

    [BindProperty]
    [Display(Name = "Group")]
    [Required(ErrorMessage = "Pick a group.")]
    public string? GroupName { get; set; }

    [BindProperty]
    [Display(Name = "Home directory (optional)")]
    [StringLength(FtpHomeDirectory.MaxLength, ErrorMessage = "The home directory must be at most {1} characters.")]
    public string? HomeDirectory { get; set; }

    public IReadOnlyList<FtpGroupSummary> Groups { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Groups = await accounts.ListGroupsAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            FtpAccountResult<FtpAccountSummary> result = await accounts.CreateAccountAsync(UserName!, GroupName!, HomeDirectory, cancellationToken);
            if (result.Succeeded)
            {
                FtpAccountSummary created = result.Value!;
                await audit.RecordAsync(User, AdminAuditKinds.AccountCreated, created.UserName,
                    $"account in group '{created.GroupName}', home {created.HomeDirectory ?? "the group's"}", cancellationToken);
                TempData["StatusMessage"] = $"The FTP account of '{created.UserName}' was created.";
                return RedirectToPage("/Accounts/Details", new { area = FtpAdminArea.Name, user = created.UserName });
            }

            FormErrors.Add(ModelState, result, Fields);
        }

        Groups = await accounts.ListGroupsAsync(cancellationToken);
        return Page();
    }
}
