using System.ComponentModel.DataAnnotations;
using AspNetFtp.Admin.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AspNetFtp.Admin.Areas.FtpAdmin.Pages;

/// <summary>
/// The second step of a sign-in with two-factor sign-in enabled: the code of the user's authenticator app, checked by
/// Identity's <c>SignInManager</c> (a wrong code counts toward the lockout). Reached only after a right password.
/// </summary>
[AllowAnonymous]
internal sealed class LoginTwoFactorModel(IAdminAccounts accounts, FtpAdminPath path) : PageModel
{
    public const string InvalidCodeMessage = "Invalid authenticator code.";

    [BindProperty]
    [Required(ErrorMessage = "Enter the code of your authenticator app.")]
    [StringLength(7, MinimumLength = 6, ErrorMessage = "The code has 6 digits.")]
    [Display(Name = "Authenticator code")]
    public string Code { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Why the code was refused, or null.</summary>
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync() =>
        await accounts.HasPendingTwoFactorAsync() ? Page() : RedirectToPage("/Login", new { area = FtpAdminArea.Name });

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await accounts.HasPendingTwoFactorAsync())
        {
            return RedirectToPage("/Login", new { area = FtpAdminArea.Name });
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        AdminSignInOutcome outcome = await accounts.SignInWithAuthenticatorCodeAsync(Code);
        if (outcome == AdminSignInOutcome.Succeeded)
        {
            return LocalRedirect(AdminReturnUrl.Safe(this, path, ReturnUrl));
        }

        Problem = outcome switch
        {
            AdminSignInOutcome.LockedOut => LoginModel.LockedOutMessage,
            AdminSignInOutcome.NotAdministrator => LoginModel.NotAdministratorMessage,
            _ => InvalidCodeMessage,
        };
        Code = "";
        return Page();
    }
}
