using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AspNetFtp.Admin.Areas.FtpAdmin.Pages;

/// <summary>Where a completed sign-in goes: the admin page asked for before it (local, under the mount point), else the dashboard.</summary>
internal static class AdminReturnUrl
{
    public static string Safe(PageModel page, FtpAdminPath path, string? returnUrl)
    {
        string prefix = page.Request.PathBase + path.Prefix;
        if (!string.IsNullOrEmpty(returnUrl) && page.Url.IsLocalUrl(returnUrl)
            && returnUrl.StartsWith(prefix + "/", StringComparison.OrdinalIgnoreCase))
        {
            return returnUrl;
        }

        return page.Url.Page("/Index", new { area = FtpAdminArea.Name }) ?? prefix;
    }
}
