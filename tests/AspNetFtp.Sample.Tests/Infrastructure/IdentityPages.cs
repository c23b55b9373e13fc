using Microsoft.Playwright;

namespace AspNetFtp.Sample.Tests.Infrastructure;

/// <summary>What a person does on the Identity UI pages (Microsoft.AspNetCore.Identity.UI), through the browser.</summary>
internal static class IdentityPages
{
    /// <summary>Registers through /Identity/Account/Register and lands on the confirmation page.</summary>
    public static async Task RegisterAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/Identity/Account/Register");
        await page.FillAsync("input[name='Input.Email']", email);
        await page.FillAsync("input[name='Input.Password']", password);
        await page.FillAsync("input[name='Input.ConfirmPassword']", password);
        await page.ClickAsync("#registerSubmit");
        await page.WaitForURLAsync("**/Identity/Account/RegisterConfirmation**", new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
    }

    /// <summary>
    /// Follows the confirmation link the RegisterConfirmation page shows when the app has no e-mail sender, and
    /// waits for the confirmation page to say so.
    /// </summary>
    public static async Task ConfirmAccountAsync(IPage page)
    {
        await page.ClickAsync("#confirm-link");
        await page.WaitForURLAsync("**/Identity/Account/ConfirmEmail**", new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
        await Assertions.Expect(page.GetByText("Thank you for confirming your email.")).ToBeVisibleAsync();
    }

    /// <summary>Logs in through /Identity/Account/Login; true when the app then shows the user signed in.</summary>
    public static async Task<bool> LogInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/Identity/Account/Login");
        await page.FillAsync("input[name='Input.Email']", email);
        await page.FillAsync("input[name='Input.Password']", password);
        await page.ClickAsync("#login-submit");
        await page.WaitForLoadStateAsync(LoadState.Load);
        return await page.GetByText("Signed in as " + email).CountAsync() == 1;
    }

    /// <summary>Changes the password on /Identity/Account/Manage/ChangePassword (signed in) and waits for the page to confirm it.</summary>
    public static async Task ChangePasswordAsync(IPage page, string oldPassword, string newPassword)
    {
        await page.GotoAsync("/Identity/Account/Manage/ChangePassword");
        await page.FillAsync("input[name='Input.OldPassword']", oldPassword);
        await page.FillAsync("input[name='Input.NewPassword']", newPassword);
        await page.FillAsync("input[name='Input.ConfirmPassword']", newPassword);
        await page.ClickAsync("#change-password-form button[type='submit']");
        await Assertions.Expect(page.GetByText("Your password has been changed.")).ToBeVisibleAsync();
    }
}
