using Microsoft.Playwright;

namespace AspNetFtp.Admin.Tests.Infrastructure;

/// <summary>What a person does on the admin's pages, through the browser.</summary>
internal static class AdminPages
{
    /// <summary>
    /// Fills and submits the sign-in form at /admin/login and waits until the answer's page has committed (the main
    /// frame navigated). Callers check what came next with Playwright's auto-waiting assertions. Waiting for a load
    /// state after the click hung for the whole timeout now and then (the 'load' wait in a CI run, the
    /// 'DOMContentLoaded' wait here), although the page had loaded.
    /// </summary>
    public static async Task SignInAsync(IPage page, string userName, string password)
    {
        if (!page.Url.Contains("/admin/login", StringComparison.Ordinal))
        {
            await page.GotoAsync("/admin/login");
        }

        await page.FillAsync("input[name='UserName']", userName);
        await page.FillAsync("input[name='Password']", password);
        TaskCompletionSource committed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnNavigated(object? sender, IFrame frame)
        {
            if (frame == page.MainFrame)
            {
                committed.TrySetResult();
            }
        }

        page.FrameNavigated += OnNavigated;
        try
        {
            await page.ClickAsync("#sign-in");
            await committed.Task.WaitAsync(TimeSpan.FromSeconds(20));
        }
        finally
        {
            page.FrameNavigated -= OnNavigated;
        }
    }
}
