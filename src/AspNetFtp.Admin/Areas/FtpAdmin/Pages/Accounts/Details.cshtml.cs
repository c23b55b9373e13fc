using AspNetFtp.Admin.FtpAccounts;
using AspNetFtp.Identity.Accounts;
using AspNetFtp.Identity.Audit;
using AspNetFtp.Identity.Entities;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AspNetFtp.Admin.Areas.FtpAdmin.Pages.Accounts;

/// <summary>
/// One account: change its group, home directory and storage profile (inherited from the group unless chosen), and its app passwords (name, created, last used) with create and
/// revoke. A new app password is shown on the page that answers its creation and nowhere else: it is not stored, kept
/// in TempData, logged or audited (only its hash is in the database).
/// </summary>
internal sealed class AccountDetailsModel(IFtpAccountAdministration accounts, IFtpAuditLog audit) : PageModel
{
    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["groupName"] = nameof(GroupName),
        ["homeDirectory"] = nameof(HomeDirectory),
        ["storageProfile"] = nameof(StorageProfile),
        ["name"] = nameof(PasswordName),
    };

    [BindProperty(SupportsGet = true, Name = "user")]
    public string? Account { get; set; }

    [BindProperty]
    public string? GroupName { get; set; }

    [BindProperty]
    public string? HomeDirectory { get; set; }

    /// <summary>The account's own storage profile; empty: the group's.</summary>
    [BindProperty]
    public string? StorageProfile { get; set; }

    [BindProperty]
    public string? PasswordName { get; set; }

    /// <summary>The Storage select: inherit from the group, then each configured profile (and the account's own when no longer configured).</summary>
    public IReadOnlyList<StorageChoice> StorageChoices => StorageChoice.ForAccount(accounts.StorageProfiles, StorageProfile, Found?.GroupStorageProfile);

    public FtpAccountSummary? Found { get; private set; }

    public IReadOnlyList<FtpGroupSummary> Groups { get; private set; } = [];

    public IReadOnlyList<FtpAppPasswordSummary> AppPasswords { get; private set; } = [];

    /// <summary>The app password just created: on this one response only.</summary>
    public string? CreatedPassword { get; private set; }

    public string? CreatedPasswordName { get; private set; }

    /// <summary>What the last change did, shown once.</summary>
    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        GroupName = Found!.GroupName;
        HomeDirectory = Found.HomeDirectory;
        StorageProfile = Found.StorageProfile;
        return Page();
    }

    public async Task<IActionResult> OnPostUpdateAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(Account))
        {
            return NotFound();
        }

        if (string.IsNullOrWhiteSpace(GroupName))
        {
            ModelState.AddModelError(nameof(GroupName), "Pick a group.");
        }
        else if (HomeDirectory is { Length: > FtpHomeDirectory.MaxLength })
        {
            ModelState.AddModelError(nameof(HomeDirectory), $"The home directory must be at most {FtpHomeDirectory.MaxLength} characters.");
        }
        else if (await StorageChangeAsync(cancellationToken) is not { } change)
        {
            ModelState.AddModelError(nameof(StorageProfile), $"'{StorageProfile}' is not a configured storage profile.");
        }
        else
        {
            FtpAccountResult<FtpAccountSummary> result = await accounts.UpdateAccountAsync(Account, GroupName, HomeDirectory ?? string.Empty, cancellationToken);
            if (result.Succeeded && change.Changed)
            {
                result = await accounts.SetAccountStorageAsync(Account, change.Storage, cancellationToken);
            }

            if (result.Succeeded)
            {
                FtpAccountSummary saved = result.Value!;
                string storageText = saved.StorageProfile is { } own ? $", storage {own}" : change.Changed ? ", storage the group's" : string.Empty;
                await audit.RecordAsync(User, AdminAuditKinds.AccountChanged, Account,
                    $"account in group '{saved.GroupName}', home {saved.HomeDirectory ?? "the group's"}{storageText}", cancellationToken);
                StatusMessage = "The account was saved; it applies from the account's next login.";
                return RedirectToPage("/Accounts/Details", new { area = FtpAdminArea.Name, user = Account });
            }

            FormErrors.Add(ModelState, result, Fields);
        }

        return await LoadAsync(cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostCreatePasswordAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(Account))
        {
            return NotFound();
        }

        if (string.IsNullOrWhiteSpace(PasswordName) || PasswordName.Length > FtpAppPassword.MaxNameLength)
        {
            ModelState.AddModelError(nameof(PasswordName), $"Enter a name of 1 to {FtpAppPassword.MaxNameLength} characters, such as 'scanner'.");
        }
        else
        {
            FtpAccountResult<string> result = await accounts.CreateAppPasswordAsync(Account, PasswordName, cancellationToken);
            if (result.Succeeded)
            {
                await audit.RecordAsync(User, AdminAuditKinds.AppPasswordCreated, Account, $"app password '{PasswordName}'", cancellationToken);
                CreatedPassword = result.Value;
                CreatedPasswordName = PasswordName;
                PasswordName = null;
                ModelState.Clear();
            }
            else
            {
                FormErrors.Add(ModelState, result, Fields);
            }
        }

        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        GroupName = Found!.GroupName;
        HomeDirectory = Found.HomeDirectory;
        StorageProfile = Found.StorageProfile;
        return Page();
    }

    /// <summary>
    /// Whether the posted storage differs from the account's and the value to save (null: the group's); null when it names
    /// a profile the select does not offer (a forged form or a profile removed meanwhile), so nothing is saved.
    /// </summary>
    private async Task<(bool Changed, string? Storage)?> StorageChangeAsync(CancellationToken cancellationToken)
    {
        string? storage = string.IsNullOrWhiteSpace(StorageProfile) ? null : StorageProfile;
        string? current = (await accounts.FindAccountAsync(Account!, cancellationToken))?.StorageProfile;
        bool changed = !string.Equals(storage, current, StringComparison.Ordinal);
        return changed && storage is not null && !accounts.StorageProfiles.Contains(storage, StringComparer.OrdinalIgnoreCase)
            ? null
            : (changed, storage);
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        Found = string.IsNullOrEmpty(Account) ? null : await accounts.FindAccountAsync(Account, cancellationToken);
        if (Found is null)
        {
            return false;
        }

        Groups = await accounts.ListGroupsAsync(cancellationToken);
        AppPasswords = (await accounts.ListAppPasswordsAsync(Account!, cancellationToken)).Value ?? [];
        return true;
    }
}
