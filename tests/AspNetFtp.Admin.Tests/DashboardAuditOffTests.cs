using AspNetFtp.Admin.Areas.FtpAdmin.Pages;
using AspNetFtp.Admin.Tests.Infrastructure;
using AspNetFtp.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AspNetFtp.Admin.Tests;

/// <summary>The dashboard of an app whose audit log is off: it says the figures need the audit log, never shows zeros.</summary>
[Collection(AuditOffAppCollection.Name)]
public sealed class DashboardAuditOffTests(AuditOffAdminApp app) : SignedInAdminTest(app)
{
    [Fact]
    public async Task With_the_audit_log_off_the_dashboard_says_the_figures_need_it_instead_of_showing_zeros()
    {
        // A login that the audit log would count: with it off, nothing may claim "0 logins".
        await using (RawFtpClient client = await App.ConnectFtpAsync())
        {
            Assert.Equal(230, (await client.AttemptLoginAsync(AdminApp.FtpUserName, AdminApp.Password)).Code);
        }

        await Page.ReloadAsync();

        await Expect(Page.Locator("#audit-off")).ToHaveTextAsync(IndexModel.AuditOffMessage);
        await Expect(Page.Locator("#total-logins-succeeded")).ToHaveCountAsync(0);
        await Expect(Page.Locator("#total-bytes-in")).ToHaveCountAsync(0);
        await Expect(Page.Locator("#chart-bytes")).ToHaveCountAsync(0);
        await Expect(Page.Locator("#active-sessions")).ToHaveTextAsync("0");
        await Screenshots.SaveAsync(Page, "dashboard-audit-off");
    }
}
