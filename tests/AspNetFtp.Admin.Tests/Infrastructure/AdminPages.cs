using Microsoft.Playwright;

namespace AspNetFtp.Admin.Tests.Infrastructure;

/// <summary>What a person does on the admin's pages, through the browser.</summary>
internal static class AdminPages
{
    /// <summary>Fills and submits the sign-in form at /admin/login and waits for the next page to load.</summary>
    public static async Task SignInAsync(IPage page, string userName, string password)
    {
        if (!page.Url.Contains("/admin/login", StringComparison.Ordinal))
        {
            await page.GotoAsync("/admin/login");
        }

        await page.FillAsync("input[name='UserName']", userName);
        await page.FillAsync("input[name='Password']", password);
        await page.ClickAsync("#sign-in");
        await page.WaitForLoadStateAsync(LoadState.Load);
    }
}
