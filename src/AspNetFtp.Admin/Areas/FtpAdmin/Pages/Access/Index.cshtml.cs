using System.Globalization;
using AspNetFtp.Admin.FtpAccounts;
using AspNetFtp.Identity.Accounts;
using AspNetFtp.Identity.Audit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AspNetFtp.Admin.Areas.FtpAdmin.Pages.Access;

/// <summary>
/// The Access page of a group (<c>?group=NAME</c>) or an account (<c>?user=NAME</c>): allowed and denied addresses,
/// the account's expiry, and directory rules (add with a checkbox per letter, remove). Each change is one audit row
/// with the administrator as actor; a refused value is shown next to its field and nothing is saved.
/// </summary>
internal sealed class AccessModel(IFtpAccessAdministration access, IFtpAuditLog audit) : PageModel
{
    public const string RulesChanged = AdminAuditKinds.AccessRulesChanged;
    public const string DirectoryRuleSet = AdminAuditKinds.DirectoryRuleSet;
    public const string DirectoryRuleRemoved = AdminAuditKinds.DirectoryRuleRemoved;

    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["allowedAddresses"] = nameof(AllowedAddresses),
        ["deniedAddresses"] = nameof(DeniedAddresses),
        ["expiresUtc"] = nameof(Expires),
        ["path"] = nameof(RulePath),
        ["permissions"] = nameof(RuleLetters),
    };

    [BindProperty(SupportsGet = true, Name = "group")]
    public string? Group { get; set; }

    [BindProperty(SupportsGet = true, Name = "user")]
    public string? Account { get; set; }

    [BindProperty]
    public string? AllowedAddresses { get; set; }

    [BindProperty]
    public string? DeniedAddresses { get; set; }

    /// <summary>The expiry as the form's <c>datetime-local</c> field sends it, in UTC; empty: never.</summary>
    [BindProperty]
    public string? Expires { get; set; }

    [BindProperty]
    public string? RulePath { get; set; }

    [BindProperty]
    public List<string> RuleLetters { get; set; } = [];

    public FtpAccessSummary? Found { get; private set; }

    public FtpAccessScope Scope => string.IsNullOrEmpty(Group) ? FtpAccessScope.Account : FtpAccessScope.Group;

    public string Name => (Scope == FtpAccessScope.Group ? Group : Account) ?? string.Empty;

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        AllowedAddresses = Found!.AllowedAddresses;
        DeniedAddresses = Found.DeniedAddresses;
        Expires = Found.ExpiresUtc?.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
        return Page();
    }

    public async Task<IActionResult> OnPostRulesAsync(CancellationToken cancellationToken)
    {
        if (!ValidTarget)
        {
            return NotFound();
        }

        DateTime? expiresUtc = null;
        if (!string.IsNullOrWhiteSpace(Expires))
        {
            if (!DateTime.TryParseExact(Expires, ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd"], CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTime parsed))
            {
                ModelState.AddModelError(nameof(Expires), "Give a date and time (UTC), or leave it empty for never.");
                return await PageAsync(cancellationToken);
            }

            expiresUtc = DateTime.SpecifyKind(parsed, DateTimeKind.Utc);
        }

        FtpAccountResult<FtpAccessSummary> result = await access.SetAccessRulesAsync(Scope, Name, AllowedAddresses ?? string.Empty, DeniedAddresses ?? string.Empty,
            expiresUtc, cancellationToken);
        if (!result.Succeeded)
        {
            FormErrors.Add(ModelState, result, Fields);
            return await PageAsync(cancellationToken);
        }

        FtpAccessSummary saved = result.Value!;
        string detail = $"{Target}: allowed {saved.AllowedAddresses ?? "any"}, denied {saved.DeniedAddresses ?? "none"}"
            + (Scope == FtpAccessScope.Account ? $", expires {(saved.ExpiresUtc is { } e ? e.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC" : "never")}" : string.Empty);
        await audit.RecordAsync(User, RulesChanged, Scope == FtpAccessScope.Account ? Name : null, detail, cancellationToken);
        StatusMessage = "The access rules were saved.";
        return Redirect();
    }

    public async Task<IActionResult> OnPostAddRuleAsync(CancellationToken cancellationToken)
    {
        if (!ValidTarget)
        {
            return NotFound();
        }

        FtpAccountResult<FtpDirectoryRuleSummary> result = await access.SetDirectoryRuleAsync(Scope, Name, RulePath ?? string.Empty, string.Concat(RuleLetters), cancellationToken);
        if (!result.Succeeded)
        {
            FormErrors.Add(ModelState, result, Fields);
            return await PageAsync(cancellationToken, keepInputs: false);
        }

        FtpDirectoryRuleSummary rule = result.Value!;
        await audit.RecordAsync(User, DirectoryRuleSet, Scope == FtpAccessScope.Account ? Name : null,
            $"{Target}: directory rule {rule.Path} = {(rule.Permissions.Length == 0 ? "none" : rule.Permissions)}", cancellationToken);
        StatusMessage = $"The rule for {rule.Path} was saved.";
        return Redirect();
    }

    public async Task<IActionResult> OnPostRemoveRuleAsync(CancellationToken cancellationToken)
    {
        if (!ValidTarget)
        {
            return NotFound();
        }

        FtpAccountResult<FtpDirectoryRuleSummary> result = await access.RemoveDirectoryRuleAsync(Scope, Name, RulePath ?? string.Empty, cancellationToken);
        if (!result.Succeeded)
        {
            ModelState.AddModelError(string.Empty, result.Error ?? "The rule could not be removed.");
            return await PageAsync(cancellationToken, keepInputs: false);
        }

        await audit.RecordAsync(User, DirectoryRuleRemoved, Scope == FtpAccessScope.Account ? Name : null,
            $"{Target}: directory rule {result.Value!.Path} removed", cancellationToken);
        StatusMessage = $"The rule for {result.Value.Path} was removed.";
        return Redirect();
    }

    private string Target => Scope == FtpAccessScope.Group ? $"group '{Name}'" : $"account '{Name}'";

    private bool ValidTarget => string.IsNullOrEmpty(Group) != string.IsNullOrEmpty(Account);

    private RedirectToPageResult Redirect() => Scope == FtpAccessScope.Group
        ? RedirectToPage("/Access/Index", new { area = FtpAdminArea.Name, group = Name })
        : RedirectToPage("/Access/Index", new { area = FtpAdminArea.Name, user = Name });

    private async Task<IActionResult> PageAsync(CancellationToken cancellationToken, bool keepInputs = true)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (!keepInputs)
        {
            AllowedAddresses = Found!.AllowedAddresses;
            DeniedAddresses = Found.DeniedAddresses;
            Expires = Found.ExpiresUtc?.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
        }

        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (!ValidTarget)
        {
            return false;
        }

        FtpAccountResult<FtpAccessSummary> result = await access.GetAccessAsync(Scope, Name, cancellationToken);
        Found = result.Value;
        return result.Succeeded;
    }
}
