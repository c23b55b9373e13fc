using AspNetFtp.Admin.FtpAccounts;
using AspNetFtp.Admin.Tests.Infrastructure;
using AspNetFtp.Identity.Audit;
using AspNetFtp.Identity.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AspNetFtp.Admin.Tests;

/// <summary>
/// The FTP accounts pages, checked with a real FTP client (curl) against the fixture's FTP server: an account created
/// for a user logs in, an app password is shown once and logs in, a revoked one is refused with 530; every change is
/// audited and no password reaches the audit log.
/// </summary>
[Collection(AdminAppCollection.Name)]
public sealed class FtpAccountsTests(AdminApp app) : SignedInAdminTest(app)
{
    [Fact]
    public async Task An_account_created_for_a_user_logs_in_over_FTP_with_curl()
    {
        string user = AdminData.Unique("newcomer-");
        await App.ManageAsync(m => m.CreateUserAsync(user, null, AdminApp.Password));
        Assert.Equal(Curl.LoginDenied, (await Curl.ListAsync(App, user, AdminApp.Password)).ExitCode);

        await Page.GotoAsync("/admin/accounts");
        await Page.ClickAsync("#new-account");
        await Page.FillAsync("#UserName", user);
        await Page.SelectOptionAsync("#GroupName", AdminApp.GroupName);
        await Page.ClickAsync("#create");

        await Expect(Page.Locator("#notice")).ToHaveTextAsync($"The FTP account of '{user}' was created.");
        Assert.Equal(AdminApp.GroupName, (await App.AccountAsync(user))?.Group?.Name);
        Assert.Equal((0, ""), Outcome(await Curl.ListAsync(App, user, AdminApp.Password)));
        Assert.Equal(AdminApp.AdministratorName, Assert.Single(await App.AuditAsync(AdminAuditKinds.AccountCreated, user)).Actor);
        await Page.GotoAsync("/admin/accounts");
        await Expect(Page.Locator($"tr[data-user='{user}'] td.group")).ToHaveTextAsync(AdminApp.GroupName);
        await Screenshots.SaveAsync(Page, "accounts");
    }

    [Fact]
    public async Task A_user_who_already_has_an_account_is_refused_next_to_the_user_field_and_nothing_is_saved()
    {
        int before = await CountAccountsAsync();
        await Page.GotoAsync("/admin/accounts/create");
        await Page.FillAsync("#UserName", AdminApp.PlainUserName);
        await Page.SelectOptionAsync("#GroupName", AdminApp.GroupName);
        await Page.ClickAsync("#create");

        await Expect(Page.Locator("#user-problem")).ToHaveTextAsync($"user '{AdminApp.PlainUserName}' already has an FTP account");
        Assert.Equal(before, await CountAccountsAsync());
    }

    [Fact]
    public async Task Changing_an_accounts_group_and_home_is_saved_and_audited()
    {
        (string user, string group) = await App.SeedAccountAsync();
        await Page.GotoAsync("/admin/accounts");
        await Page.Locator($"tr[data-user='{user}'] a", new PageLocatorOptions { HasTextString = "Manage" }).ClickAsync();
        await Expect(Page.Locator("#GroupName")).ToHaveValueAsync(group);

        await Page.SelectOptionAsync("#GroupName", AdminApp.GroupName);
        await Page.FillAsync("#HomeDirectory", "/srv/{username}");
        await Page.ClickAsync("#save-account");

        await Expect(Page.Locator("#notice")).ToHaveTextAsync("The account was saved; it applies from the account's next login.");
        FtpUserAccount account = (await App.AccountAsync(user))!;
        Assert.Equal((AdminApp.GroupName, "/srv/{username}"), (account.Group!.Name, account.HomeDirectory));
        FtpAuditEntry entry = Assert.Single(await App.AuditAsync(AdminAuditKinds.AccountChanged, user));
        Assert.Equal((AdminApp.AdministratorName, $"account in group '{AdminApp.GroupName}', home /srv/{{username}}"), (entry.Actor, entry.Detail));
        await Screenshots.SaveAsync(Page, "account");
    }

    [Fact]
    public async Task Choosing_a_storage_profile_on_an_accounts_page_overrides_the_groups_and_inherit_clears_it_each_audited()
    {
        (string user, string group) = await App.SeedAccountAsync();
        await App.ManageAsync(m => m.SetGroupStorageAsync(group, "archive"));
        await Page.GotoAsync($"/admin/accounts/details?user={user}");
        await Expect(Page.Locator("#storage")).ToHaveValueAsync("");
        Assert.Equal(["Inherit from group (archive)", "archive", "fast"], await Page.Locator("#storage option").AllTextContentsAsync());

        await Page.SelectOptionAsync("#storage", "fast");
        await Page.ClickAsync("#save-account");

        await Expect(Page.Locator("#notice")).ToHaveTextAsync("The account was saved; it applies from the account's next login.");
        Assert.Equal("fast", (await App.AccountAsync(user))!.StorageProfile);
        await Expect(Page.Locator("#storage")).ToHaveValueAsync("fast");
        await Page.SelectOptionAsync("#storage", "");
        await Page.ClickAsync("#save-account");

        await Expect(Page.Locator("#notice")).ToHaveTextAsync("The account was saved; it applies from the account's next login.");
        Assert.Null((await App.AccountAsync(user))!.StorageProfile);
        Assert.Equal(
            [
                (AdminApp.AdministratorName, $"account in group '{group}', home the group's, storage fast"),
                (AdminApp.AdministratorName, $"account in group '{group}', home the group's, storage the group's"),
            ],
            (await App.AuditAsync(AdminAuditKinds.AccountChanged, user)).OrderBy(e => e.Id).Select(e => (e.Actor, e.Detail)));
    }

    [Fact]
    public async Task An_app_password_is_shown_once_and_logs_in_over_FTP_with_curl()
    {
        (string user, _) = await App.SeedAccountAsync(requireAppPasswords: true);
        await Page.GotoAsync($"/admin/accounts/details?user={user}");
        await Page.FillAsync("#PasswordName", "scanner");
        await Page.ClickAsync("#create-password");

        string password = await Page.Locator("#created-password").InnerTextAsync();
        Assert.Matches(@"^ftp-\d+-[a-z2-9]{4}(-[a-z2-9]{4}){5}$", password);
        await Expect(Page.Locator("tr[data-password='scanner'] td.name")).ToHaveTextAsync("scanner");
        Assert.Equal((0, ""), Outcome(await Curl.ListAsync(App, user, password)));

        await Page.GotoAsync($"/admin/accounts/details?user={user}");
        await Expect(Page.Locator("tr[data-password='scanner'] td.last-used")).Not.ToHaveTextAsync("never");
        Assert.DoesNotContain(password, await Page.ContentAsync(), StringComparison.Ordinal);
        List<FtpAuditEntry> rows = await App.QueryAsync(db => db.Set<FtpAuditEntry>().AsNoTracking().Where(e => e.UserName == user).ToListAsync());
        Assert.Contains(rows, e => e.Kind == AdminAuditKinds.AppPasswordCreated && e.Detail == "app password 'scanner'" && e.Actor == AdminApp.AdministratorName);
        Assert.DoesNotContain(rows, e => (e.Detail ?? "").Contains(password[^8..], StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_revoked_app_password_is_refused_over_FTP_with_530()
    {
        (string user, _) = await App.SeedAccountAsync();
        string password = await App.ManageAsync(m => m.CreateAppPasswordAsync(user, "backup"));
        Assert.Equal((0, ""), Outcome(await Curl.ListAsync(App, user, password)));
        await Page.GotoAsync($"/admin/accounts/details?user={user}");

        await Page.Locator("tr[data-password='backup'] a", new PageLocatorOptions { HasTextString = "Revoke" }).ClickAsync();
        await Expect(Page.Locator("h1")).ToHaveTextAsync($"Revoke app password backup of {user}?");
        Assert.Single((await App.AccountAsync(user))!.AppPasswords);
        await Page.ClickAsync("#confirm-revoke");

        await Expect(Page.Locator("#notice")).ToHaveTextAsync("App password 'backup' was revoked.");
        Assert.Empty((await App.AccountAsync(user))!.AppPasswords);
        (int exitCode, _, string stderr) = await Curl.ListAsync(App, user, password);
        Assert.Equal(Curl.LoginDenied, exitCode);
        Assert.Contains("530", stderr, StringComparison.Ordinal);
        Assert.Equal(AdminApp.AdministratorName, Assert.Single(await App.AuditAsync(AdminAuditKinds.AppPasswordRevoked, user)).Actor);
    }

    [Fact]
    public async Task Deleting_an_account_after_confirmation_removes_it_and_keeps_the_user()
    {
        (string user, _) = await App.SeedAccountAsync();
        await Page.GotoAsync($"/admin/accounts/details?user={user}");
        await Page.ClickAsync("#delete-account");
        await Expect(Page.Locator("h1")).ToHaveTextAsync($"Delete the FTP account of {user}?");
        Assert.NotNull(await App.AccountAsync(user));

        await Page.ClickAsync("#confirm-delete");

        await Expect(Page.Locator("#notice")).ToHaveTextAsync($"The FTP account of '{user}' was deleted.");
        Assert.Null(await App.AccountAsync(user));
        Assert.Equal(user, (await App.FindUserAsync(user)).UserName);
        Assert.Equal(AdminApp.AdministratorName, Assert.Single(await App.AuditAsync(AdminAuditKinds.AccountDeleted, user)).Actor);
    }

    private static (int, string) Outcome((int ExitCode, string StdOut, string StdErr) curl) => (curl.ExitCode, curl.StdErr);

    private Task<int> CountAccountsAsync() => App.QueryAsync(db => db.Set<FtpUserAccount>().CountAsync());
}
