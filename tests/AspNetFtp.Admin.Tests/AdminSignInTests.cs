using AspNetFtp.Admin.Access;
using AspNetFtp.Admin.Areas.FtpAdmin.Pages;
using AspNetFtp.Admin.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AspNetFtp.Admin.Tests;

/// <summary>Sign-in to the admin with the application's Identity users: administrators only, lockout shared with FTP.</summary>
[Collection(AdminAppCollection.Name)]
public sealed class AdminSignInTests(AdminApp app) : IAsyncLifetime
{
    private IPage? _page;

    private IPage Page => _page ?? throw new InvalidOperationException("No page.");

    public async Task InitializeAsync() => _page = await app.NewPageAsync();

    public async Task DisposeAsync()
    {
        if (_page is not null)
        {
            await _page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task An_administrator_signs_in_and_lands_on_the_dashboard()
    {
        await Page.GotoAsync("/admin");
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin/login\\?"));
        await Screenshots.SaveAsync(Page, "sign-in");

        await AdminPages.SignInAsync(Page, AdminApp.AdministratorName, AdminApp.Password);

        await Expect(Page).ToHaveURLAsync(app.BaseUrl + "/admin");
        await Expect(Page.Locator("h1")).ToHaveTextAsync("Dashboard");
        await Expect(Page.Locator(".who")).ToHaveTextAsync("Signed in as " + AdminApp.AdministratorName);
        await Page.GotoAsync("/admin/sessions");
        await Expect(Page.Locator("h1")).ToHaveTextAsync("Live sessions");
        await Screenshots.SaveAsync(Page, "live-sessions");
    }

    [Fact]
    public async Task A_user_without_the_administrator_role_is_refused_with_the_reason_and_reaches_no_page()
    {
        await AdminPages.SignInAsync(Page, AdminApp.PlainUserName, AdminApp.Password);

        await Expect(Page.Locator("#problem")).ToHaveTextAsync(LoginModel.NotAdministratorMessage);
        await Screenshots.SaveAsync(Page, "sign-in-refused");
        IAPIResponse data = await Page.APIRequest.GetAsync("/admin/sessions?handler=Data", new APIRequestContextOptions { MaxRedirects = 0 });
        Assert.Equal(401, data.Status);
        await Page.GotoAsync("/admin/sessions");
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin/login\\?"));
    }

    [Fact]
    public async Task A_wrong_password_is_refused_and_counts_toward_the_lockout_FTP_shares()
    {
        await AdminPages.SignInAsync(Page, AdminApp.LockoutUserName, "Wrong-Passw0rd!");

        await Expect(Page.Locator("#problem")).ToHaveTextAsync(LoginModel.InvalidMessage);
        IdentityUser user = await app.FindUserAsync(AdminApp.LockoutUserName);
        Assert.Equal(1, user.AccessFailedCount);

        // Four more reach Identity's limit of five: the account is locked, for FTP too, even with the right password.
        for (int attempt = 2; attempt <= 5; attempt++)
        {
            await AdminPages.SignInAsync(Page, AdminApp.LockoutUserName, "Wrong-Passw0rd!");
        }

        await Expect(Page.Locator("#problem")).ToHaveTextAsync(LoginModel.LockedOutMessage);
        await using RawFtpClient ftp = await app.ConnectFtpAsync();
        FtpReply reply = await ftp.AttemptLoginAsync(AdminApp.LockoutUserName, AdminApp.Password);
        Assert.Equal(530, reply.Code);
    }

    [Fact]
    public async Task An_administrator_with_two_factor_sign_in_needs_the_authenticator_code_after_the_password_and_a_wrong_code_counts_toward_the_lockout()
    {
        await AdminPages.SignInAsync(Page, AdminApp.TwoFactorName, AdminApp.Password);

        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin/logintwofactor"));
        IAPIResponse data = await Page.APIRequest.GetAsync("/admin/sessions?handler=Data", new APIRequestContextOptions { MaxRedirects = 0 });
        Assert.Equal(401, data.Status);
        await Screenshots.SaveAsync(Page, "sign-in-two-factor");

        string key = await app.AuthenticatorKeyAsync(AdminApp.TwoFactorName);
        IReadOnlyList<string> valid = Totp.CodesAround(key, DateTimeOffset.UtcNow, stepsEitherSide: 3);
        string wrong = Enumerable.Range(0, 10).Select(i => new string((char)('0' + i), 6)).First(c => !valid.Contains(c));
        await Page.FillAsync("input[name='Code']", wrong);
        await Page.ClickAsync("#verify");
        await Expect(Page.Locator("#problem")).ToHaveTextAsync(LoginTwoFactorModel.InvalidCodeMessage);
        Assert.Equal(1, (await app.FindUserAsync(AdminApp.TwoFactorName)).AccessFailedCount);

        await Page.FillAsync("input[name='Code']", Totp.Code(key, DateTimeOffset.UtcNow));
        await Page.ClickAsync("#verify");
        await Expect(Page).ToHaveURLAsync(app.BaseUrl + "/admin");
        await Expect(Page.Locator(".who")).ToHaveTextAsync("Signed in as " + AdminApp.TwoFactorName);
    }

    [Fact]
    public async Task Admin_pages_refuse_frames_foreign_scripts_and_caches_and_the_sign_in_cookie_is_HttpOnly_and_SameSite()
    {
        IResponse? login = await Page.GotoAsync("/admin/login");
        Assert.NotNull(login);
        Dictionary<string, string> headers = await login.AllHeadersAsync();
        Assert.Equal(AdminResponseHeaders.ContentSecurityPolicy, headers["content-security-policy"]);
        Assert.Equal("DENY", headers["x-frame-options"]);
        Assert.Equal("no-cache, no-store", headers["cache-control"]);

        await AdminPages.SignInAsync(Page, AdminApp.AdministratorName, AdminApp.Password);
        await Expect(Page.Locator("h1")).ToHaveTextAsync("Dashboard");

        BrowserContextCookiesResult identity = Assert.Single(await Page.Context.CookiesAsync(), c => c.Name == ".AspNetCore.Identity.Application");
        Assert.True(identity.HttpOnly);
        Assert.Equal(SameSiteAttribute.Lax, identity.SameSite);
    }
}
