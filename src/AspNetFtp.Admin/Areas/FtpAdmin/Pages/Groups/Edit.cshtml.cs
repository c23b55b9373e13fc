using AspNetFtp.Admin.FtpAccounts;
using AspNetFtp.Identity.Accounts;
using AspNetFtp.Identity.Audit;
using AspNetFtp.Protocol.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AspNetFtp.Admin.Areas.FtpAdmin.Pages.Groups;

/// <summary>
/// Creates a group (no <c>group</c> in the query) or edits one: name, a checkbox per permission letter, home directory,
/// app-passwords rule, TLS requirement, storage profile (<see cref="StorageChoices"/>). The account manager validates; its refusal is shown next to the field, and nothing is saved.
/// </summary>
internal sealed class GroupEditModel(IFtpAccountAdministration accounts, IFtpAuditLog audit) : PageModel
{
    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["name"] = "Input.Name",
        ["newName"] = "Input.Name",
        ["homeDirectory"] = "Input.HomeDirectory",
        ["permissions"] = "Input.Permissions",
        ["storageProfile"] = "Input.StorageProfile",
    };

    /// <summary>The group being edited; null when creating one.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Group { get; set; }

    [BindProperty]
    public GroupInput Input { get; set; } = new();

    public bool IsNew => string.IsNullOrEmpty(Group);

    /// <summary>The Storage select: the default storage, then each configured profile (and the group's own when no longer configured).</summary>
    public IReadOnlyList<StorageChoice> StorageChoices => StorageChoice.ForGroup(accounts.StorageProfiles, Input.StorageProfile);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (IsNew)
        {
            Input = new GroupInput { Permissions = [.. FtpPermissionLetters.Default.Select(c => c.ToString())] };
            return Page();
        }

        if (await accounts.FindGroupAsync(Group!, cancellationToken) is not { } group)
        {
            return NotFound();
        }

        Input = new GroupInput
        {
            Name = group.Name,
            HomeDirectory = group.HomeDirectory,
            Permissions = [.. group.Permissions.Select(c => c.ToString())],
            RequireAppPasswords = group.RequireAppPasswords,
            RequireTls = group.RequireTls,
            StorageProfile = group.StorageProfile,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        string? storage = string.IsNullOrWhiteSpace(Input.StorageProfile) ? null : Input.StorageProfile;
        string? current = IsNew ? null : (await accounts.FindGroupAsync(Group!, cancellationToken))?.StorageProfile;
        bool storageChanged = !string.Equals(storage, current, StringComparison.Ordinal);
        if (storageChanged && storage is not null && !accounts.StorageProfiles.Contains(storage, StringComparer.OrdinalIgnoreCase))
        {
            // A profile the select does not offer (a forged form or a profile removed meanwhile): nothing is saved.
            ModelState.AddModelError("Input.StorageProfile", $"'{storage}' is not a configured storage profile.");
            return Page();
        }

        string letters = string.Concat(Input.Permissions);
        FtpAccountResult<FtpGroupSummary> result = IsNew
            ? await accounts.CreateGroupAsync(Input.Name!, Input.HomeDirectory, letters, Input.RequireAppPasswords, cancellationToken)
            : await accounts.UpdateGroupAsync(Group!, Input.Name, Input.HomeDirectory ?? string.Empty, letters, Input.RequireAppPasswords, cancellationToken);
        if (!result.Succeeded)
        {
            FormErrors.Add(ModelState, result, Fields);
            return Page();
        }

        if (result.Value!.RequireTls != Input.RequireTls)
        {
            result = await accounts.SetGroupRequireTlsAsync(result.Value.Name, Input.RequireTls, cancellationToken);
            if (!result.Succeeded)
            {
                FormErrors.Add(ModelState, result, Fields);
                return Page();
            }
        }

        if (storageChanged)
        {
            result = await accounts.SetGroupStorageAsync(result.Value!.Name, storage, cancellationToken);
            if (!result.Succeeded)
            {
                FormErrors.Add(ModelState, result, Fields);
                return Page();
            }
        }

        FtpGroupSummary saved = result.Value!;
        string settings = FtpAccountAudit.Describe(saved.Permissions, saved.HomeDirectory, saved.RequireAppPasswords, saved.RequireTls, saved.StorageProfile)
            + (storageChanged && saved.StorageProfile is null ? ", storage default" : string.Empty);
        string detail = IsNew || string.Equals(Group, saved.Name, StringComparison.Ordinal)
            ? $"group '{saved.Name}': {settings}"
            : $"group '{Group}' renamed '{saved.Name}': {settings}";
        await audit.RecordAsync(User, IsNew ? AdminAuditKinds.GroupCreated : AdminAuditKinds.GroupChanged, null, detail, cancellationToken);
        TempData["StatusMessage"] = IsNew ? $"Group '{saved.Name}' was created." : $"Group '{saved.Name}' was saved.";
        return RedirectToPage("/Groups/Index", new { area = FtpAdminArea.Name });
    }
}
