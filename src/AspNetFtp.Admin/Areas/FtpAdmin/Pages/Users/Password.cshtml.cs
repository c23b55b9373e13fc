using System.ComponentModel.DataAnnotations;
using AspNetFtp.Admin.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AspNetFtp.Admin.Areas.FtpAdmin.Pages.Users;

/// <summary>Sets a user's new password (the application's password rules apply); their open FTP sessions end.</summary>
internal sealed class PasswordModel(IAdminUsers users) : PageModel
{
    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        [AdminUserFields.Password] = nameof(NewPassword),
    };

    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "Enter the new password.")]
    [DataType(DataType.Password)]
    [Display(Name = "New password")]
    public string NewPassword { get; set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "Enter the new password again.")]
    [Compare(nameof(NewPassword), ErrorMessage = "The two passwords differ.")]
    [DataType(DataType.Password)]
    [Display(Name = "New password again")]
    public string ConfirmPassword { get; set; } = "";

    public AdminUserRow? Target { get; private set; }

    public string? Problem { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Target = await users.FindAsync(Id, cancellationToken);
        return Target is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Target = await users.FindAsync(Id, cancellationToken);
        if (Target is null)
        {
            return NotFound();
        }

        if (ModelState.IsValid)
        {
            AdminUserResult result = await users.ResetPasswordAsync(Id, NewPassword, User, cancellationToken);
            if (result.Succeeded)
            {
                StatusMessage = result.Message;
                return RedirectToPage("/Users/Index", new { area = FtpAdminArea.Name, q = Target.UserName });
            }

            Problem = UserForms.Show(ModelState, result, Fields) ?? result.Message;
        }

        NewPassword = "";
        ConfirmPassword = "";
        return Page();
    }
}
