using System.ComponentModel.DataAnnotations;
using AspNetFtp.Admin.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AspNetFtp.Admin.Areas.FtpAdmin.Pages;

/// <summary>
/// Sign-in with the application's Identity users (<see cref="IAdminAccounts"/>): a wrong password counts toward the
/// lockout FTP and the web app share; only administrators get in. Also the sign-out handler.
/// </summary>
[AllowAnonymous]
internal sealed class LoginModel(IAdminAccounts accounts, FtpAdminPath path) : PageModel
{
    public const string InvalidMessage = "Invalid user name or password.";
    public const string LockedOutMessage = "This account is locked out. Try again later.";
    public const string NotAllowedMessage = "This account may not sign in yet (it is not confirmed).";
    public const string NotAdministratorMessage = "This account is not an administrator of the FTP server.";
    public const string SignedOutMessage = "You have signed out.";

    [BindProperty]
    [Required(ErrorMessage = "Enter your user name.")]
    [Display(Name = "User name")]
    public string UserName { get; set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "Enter your password.")]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Why the sign-in was refused, or null.</summary>
    public string? Problem { get; private set; }

    /// <summary>A notice that is not a refusal (signed out).</summary>
    public string? Notice { get; private set; }

    public void OnGet(bool denied = false, bool signedOut = false)
    {
        Problem = denied ? NotAdministratorMessage : null;
        Notice = signedOut ? SignedOutMessage : null;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        AdminSignInOutcome outcome = await accounts.SignInAsync(UserName, Password);
        if (outcome == AdminSignInOutcome.Succeeded)
        {
            return LocalRedirect(AdminReturnUrl.Safe(this, path, ReturnUrl));
        }

        if (outcome == AdminSignInOutcome.TwoFactorRequired)
        {
            return RedirectToPage("/LoginTwoFactor", new { area = FtpAdminArea.Name, returnUrl = ReturnUrl });
        }

        Problem = outcome switch
        {
            AdminSignInOutcome.LockedOut => LockedOutMessage,
            AdminSignInOutcome.NotAllowed => NotAllowedMessage,
            AdminSignInOutcome.NotAdministrator => NotAdministratorMessage,
            _ => InvalidMessage,
        };
        Password = "";
        return Page();
    }

    public async Task<IActionResult> OnPostSignOutAsync()
    {
        await accounts.SignOutAsync();
        return RedirectToPage("/Login", new { area = FtpAdminArea.Name, signedOut = true });
    }
}
