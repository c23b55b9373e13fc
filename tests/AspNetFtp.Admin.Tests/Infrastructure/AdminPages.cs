using Microsoft.Playwright;

namespace AspNetFtp.Admin.Tests.Infrastructure;

/// <summary>What a person does on the admin's pages, through the browser.</summary>
internal static class AdminPages
{
    /// <summary>
    /// Fills and submits the sign-in form at /admin/login and waits until the answer's page has committed.
    /// Callers check what came next with Playwright's auto-waiting assertions; waiting for the 'load' event
    /// after the click raced the navigation and once hung for the whole timeout on a loaded CI machine.
    /// </summary>
    public static async Task SignInAsync(IPage page, string userName, string password)
    {
        if (!page.Url.Contains("/admin/login", StringComparison.Ordinal))
        {
            await page.GotoAsync("/admin/login");
        }

        await page.FillAsync("input[name='UserName']", userName);
        await page.FillAsync("input[name='Password']", password);
        await page.RunAndWaitForNavigationAsync(
            () => page.ClickAsync("#sign-in"),
            new PageRunAndWaitForNavigationOptions { WaitUntil = WaitUntilState.Commit });
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }
}
