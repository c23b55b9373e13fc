using AspNetFtp.Admin.Bans;
using AspNetFtp.Protocol.Defender;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AspNetFtp.Admin.Areas.FtpAdmin.Pages;

/// <summary>
/// The defender's bans in force (every node's, from the ban store): address, reason, since, until, offences and who
/// made it. Lift ends one at once on this node (the others at their next refresh); Ban adds one by hand, for some
/// minutes or until lifted. Both go to the audit log (<c>AddressBanned</c>, <c>AddressBanLifted</c>) with the
/// administrator as the actor.
/// </summary>
internal sealed class BansModel(FtpDefender defender) : PageModel
{
    public const string LiftedMessage = "The ban was lifted.";
    public const string NotBannedMessage = "That address was not banned.";
    public const string StoreFailedMessage = "The ban store is unavailable; nothing was changed.";

    public IReadOnlyList<BanRow> Rows { get; private set; } = [];

    public bool DefenderEnabled => defender.Enabled;

    [BindProperty]
    public BanInput Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        string? address = Input.Address?.Trim();
        if (!FtpDefender.TryNormalizeAddress(address, out string canonical))
        {
            ModelState.AddModelError("Input.Address", "Enter an IP address (203.0.113.7, 2001:db8::1) or a CIDR range (198.51.100.0/24).");
        }

        if (!Input.Permanent && Input.Minutes is not (>= 1 and <= BanInput.MaxMinutes))
        {
            ModelState.AddModelError("Input.Minutes", $"Enter a number of minutes from 1 to {BanInput.MaxMinutes}, or choose until lifted.");
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        TimeSpan? duration = Input.Permanent ? null : TimeSpan.FromMinutes(Input.Minutes!.Value);
        try
        {
            await defender.BanAsync(canonical, duration, Input.Reason ?? "", User.Identity?.Name, cancellationToken);
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or ArgumentException))
        {
            StatusMessage = StoreFailedMessage;
            return RedirectToPage("/Bans", new { area = FtpAdminArea.Name });
        }

        StatusMessage = $"{canonical} is banned {(duration is { } d ? $"for {d.TotalMinutes:0} min" : "until lifted")}.";
        return RedirectToPage("/Bans", new { area = FtpAdminArea.Name });
    }

    public async Task<IActionResult> OnPostLiftAsync(string? address, CancellationToken cancellationToken)
    {
        bool lifted = false;
        if (FtpDefender.TryNormalizeAddress(address, out string canonical))
        {
            try
            {
                lifted = await defender.LiftAsync(canonical, User.Identity?.Name, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                StatusMessage = StoreFailedMessage;
                return RedirectToPage("/Bans", new { area = FtpAdminArea.Name });
            }
        }

        StatusMessage = lifted ? LiftedMessage : NotBannedMessage;
        return RedirectToPage("/Bans", new { area = FtpAdminArea.Name });
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Rows = BanRows.From(await defender.ListActiveAsync(cancellationToken));
}
