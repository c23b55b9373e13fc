using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExistingIdentityApp.Pages;

public class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
