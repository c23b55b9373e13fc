using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AspNetFtp.Admin.Areas.FtpAdmin.Pages;

/// <summary>The mount point itself: the live sessions, until the dashboard comes.</summary>
internal sealed class IndexModel : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Sessions", new { area = FtpAdminArea.Name });
}
