using System.ComponentModel.DataAnnotations;
using AspNetFtp.Admin.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AspNetFtp.Admin.Areas.FtpAdmin.Pages.Users;

/// <summary>Creates an Identity user; the application's user and password rules answer next to their fields, and nothing is saved until all pass.</summary>
internal sealed class CreateModel(IAdminUsers users) : PageModel
{
    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        [AdminUserFields.UserName] = nameof(UserName),
        [AdminUserFields.Email] = nameof(Email),
        [AdminUserFields.Password] = nameof(Password),
    };

    [BindProperty]
    [Required(ErrorMessage = "Enter a user name.")]
    [StringLength(256, ErrorMessage = "A user name has at most 256 characters.")]
    [Display(Name = "User name")]
    public string UserName { get; set; } = "";

    [BindProperty]
    [EmailAddress(ErrorMessage = "Enter an e-mail address, or leave it empty.")]
    [StringLength(256, ErrorMessage = "An e-mail address has at most 256 characters.")]
    [Display(Name = "E-mail (optional)")]
    public string? Email { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Enter a password.")]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "Enter the password again.")]
    [Compare(nameof(Password), ErrorMessage = "The two passwords differ.")]
    [DataType(DataType.Password)]
    [Display(Name = "Password again")]
    public string ConfirmPassword { get; set; } = "";

    /// <summary>A refusal that belongs to no one field.</summary>
    public string? Problem { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            AdminUserResult result = await users.CreateAsync(UserName.Trim(), Email, Password, User, cancellationToken);
            if (result.Succeeded)
            {
                StatusMessage = result.Message;
                return RedirectToPage("/Users/Index", new { area = FtpAdminArea.Name, q = UserName.Trim() });
            }

            Problem = UserForms.Show(ModelState, result, Fields) ?? result.Message;
        }

        // Passwords are never sent back to the browser.
        Password = "";
        ConfirmPassword = "";
        return Page();
    }
}
