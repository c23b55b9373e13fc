using System.Globalization;
using AspNetFtp.Admin.FtpAccounts;
using AspNetFtp.Identity.Accounts;
using AspNetFtp.Identity.Audit;
using AspNetFtp.Protocol.Abstractions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AspNetFtp.Admin.Areas.FtpAdmin.Pages.Limits;

/// <summary>
/// The limits of one group (<c>?group=</c>) or one account (<c>?user=</c>): quotas with the account's usage and a recount
/// button, upload and download rates, sessions, and the group's upload mode. A bad value is refused next to its field and
/// nothing is saved; every change and recount is audited with the administrator.
/// </summary>
internal sealed class LimitsModel(IFtpLimitsAdministration limits, IFtpAuditLog audit) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "group")]
    public string? Group { get; set; }

    [BindProperty(SupportsGet = true, Name = "user")]
    public string? UserName { get; set; }

    [BindProperty]
    public LimitsInput Input { get; set; } = new();

    public FtpLimitsSummary? Current { get; private set; }

    public bool IsAccount => UserName is not null;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        Input = new LimitsInput
        {
            QuotaBytes = Text(Current!.QuotaBytes),
            QuotaFiles = Text(Current.QuotaFiles),
            UploadRate = Text(Current.UploadBytesPerSecond),
            DownloadRate = Text(Current.DownloadBytesPerSecond),
            MaxSessions = Text(Current.MaxSessions),
            UploadMode = Current.UploadMode?.ToString() ?? string.Empty,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (!ModelState.IsValid || Read() is not { } changes)
        {
            return Page();
        }

        FtpAccountResult<FtpLimitsSummary> result = IsAccount
            ? await limits.SetAccountLimitsAsync(UserName!, changes, cancellationToken)
            : await limits.SetGroupLimitsAsync(Group!, changes, cancellationToken);
        if (!result.Succeeded)
        {
            ModelState.AddModelError(string.Empty, result.Error ?? "not saved");
            return Page();
        }

        FtpLimitsSummary saved = result.Value!;
        string target = IsAccount ? $"account '{UserName}'" : $"group '{Group}'";
        await audit.RecordAsync(User, AdminAuditKinds.LimitsChanged, UserName, $"{target}: {Describe(saved)}", cancellationToken);
        TempData["StatusMessage"] = $"The limits of {target} were saved.";
        return RedirectToPage(new { group = Group, user = UserName });
    }

    public async Task<IActionResult> OnPostRecountAsync(CancellationToken cancellationToken)
    {
        if (!IsAccount || !await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        FtpAccountResult<FtpQuotaUsage> result = await limits.RecountUsageAsync(UserName!, cancellationToken);
        if (!result.Succeeded)
        {
            ModelState.AddModelError(string.Empty, result.Error ?? "not counted");
            return Page();
        }

        FtpQuotaUsage usage = result.Value;
        string detail = string.Create(CultureInfo.InvariantCulture, $"usage of '{UserName}' counted: {usage.Bytes} bytes in {usage.Files} files");
        await audit.RecordAsync(User, AdminAuditKinds.UsageRecounted, UserName, detail, cancellationToken);
        TempData["StatusMessage"] = string.Create(CultureInfo.InvariantCulture, $"Counted {usage.Bytes} bytes in {usage.Files} files.");
        return RedirectToPage(new { user = UserName });
    }

    /// <summary>What a stored value looks like in its field: empty for null, <c>none</c> for an account's 0.</summary>
    public string Text(long? value) => value switch
    {
        null => string.Empty,
        0 when IsAccount => FtpLimitText.None,
        _ => value.Value.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>A value for people (the group's, shown beside an account's field).</summary>
    public static string Show(long? value, bool size) =>
        value is null or 0 ? "no limit" : size ? FtpLimitText.Format(value.Value) : value.Value.ToString(CultureInfo.InvariantCulture);

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if ((Group is null) == (UserName is null))
        {
            return false;
        }

        Current = IsAccount
            ? await limits.FindAccountLimitsAsync(UserName!, cancellationToken)
            : await limits.FindGroupLimitsAsync(Group!, cancellationToken);
        return Current is not null;
    }

    private FtpLimitChanges? Read()
    {
        long? Size(string? text, string field)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            if (!FtpLimitText.TryParseLimit(text, IsAccount, out long? value))
            {
                ModelState.AddModelError(field, $"'{text}' is not a number (K, M, G suffixes) or none.");
            }

            return value;
        }

        long? quotaBytes = Size(Input.QuotaBytes, "Input.QuotaBytes");
        long? quotaFiles = Size(Input.QuotaFiles, "Input.QuotaFiles");
        long? up = Size(Input.UploadRate, "Input.UploadRate");
        long? down = Size(Input.DownloadRate, "Input.DownloadRate");
        long? sessions = Size(Input.MaxSessions, "Input.MaxSessions");
        if (sessions > int.MaxValue)
        {
            ModelState.AddModelError("Input.MaxSessions", $"'{Input.MaxSessions}' is too many sessions.");
        }

        FtpUploadMode? mode = null;
        if (!IsAccount && !string.IsNullOrEmpty(Input.UploadMode))
        {
            if (!Enum.TryParse(Input.UploadMode, ignoreCase: false, out FtpUploadMode parsed) || !Enum.IsDefined(parsed))
            {
                ModelState.AddModelError("Input.UploadMode", $"'{Input.UploadMode}' is not an upload mode.");
            }

            mode = parsed;
        }

        if (!ModelState.IsValid)
        {
            return null;
        }

        return new FtpLimitChanges
        {
            QuotaBytes = new(quotaBytes),
            QuotaFiles = new(quotaFiles),
            UploadBytesPerSecond = new(up),
            DownloadBytesPerSecond = new(down),
            MaxSessions = new(sessions is long s ? (int)s : null),
            UploadMode = IsAccount ? null : new FtpSetting<FtpUploadMode?>(mode),
        };
    }

    private static string Describe(FtpLimitsSummary s)
    {
        static string V(long? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "default";
        string text = $"quota {V(s.QuotaBytes)} bytes, {V(s.QuotaFiles)} files, upload {V(s.UploadBytesPerSecond)} B/s, download {V(s.DownloadBytesPerSecond)} B/s, sessions {V(s.MaxSessions)}";
        return s.Group is null ? text + $", upload mode {s.UploadMode?.ToString() ?? "default"}" : text;
    }
}
