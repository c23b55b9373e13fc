using System.Globalization;
using System.Text.RegularExpressions;
using AspNetFtp.Admin.Areas.FtpAdmin.Pages;
using AspNetFtp.Admin.Tests.Infrastructure;
using AspNetFtp.Admin.Users;
using AspNetFtp.Identity.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AspNetFtp.Admin.Tests;

/// <summary>The Users page: the application's Identity users found, paged and changed by an administrator, each change audited.</summary>
[Collection(AdminAppCollection.Name)]
public sealed class UsersPageTests(AdminApp app) : IAsyncLifetime
{
    private IPage? _page;

    private IPage Page => _page ?? throw new InvalidOperationException("No page.");

    public async Task InitializeAsync()
    {
        _page = await app.NewPageAsync();
        await AdminPages.SignInAsync(Page, AdminApp.AdministratorName, AdminApp.Password);
    }

    public async Task DisposeAsync()
    {
        if (_page is not null)
        {
            await _page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Search_matches_user_names_and_emails_in_any_case_and_pages_them_25_at_a_time()
    {
        string token = TestUsers.UniqueName("pager");
        var expected = new List<string>();
        for (int i = 0; i < 30; i++)
        {
            string name = $"{token}-{i:D2}";
            await TestUsers.CreateAsync(app, name, $"{name}@example.org");
            expected.Add(name);
        }

        // Only the e-mail holds the token.
        string byEmail = TestUsers.UniqueName("zz-mailonly");
        await TestUsers.CreateAsync(app, byEmail, $"{token}-mail@example.org");
        expected.Add(byEmail);

        await Page.GotoAsync("/admin/users?q=" + Uri.EscapeDataString(token.ToUpperInvariant()));

        await Expect(Page.Locator("#user-count")).ToHaveTextAsync("Users 1–25 of 31");
        Assert.Equal(expected[..25], await Page.Locator("#users tbody td.name").AllTextContentsAsync());
        Assert.Equal(["1", "2"], await Page.Locator("#pages a, #pages span").AllTextContentsAsync());
        await Screenshots.SaveAsync(Page, "users");

        await Page.Locator("#pages a[href*='p=2']").ClickAsync();

        await Expect(Page.Locator("#user-count")).ToHaveTextAsync("Users 26–31 of 31");
        Assert.Equal(expected[25..], await Page.Locator("#users tbody td.name").AllTextContentsAsync());
        await Expect(Page.Locator($"tr[data-user='{byEmail}'] td.email")).ToHaveTextAsync($"{token}-mail@example.org");
    }

    [Fact]
    public async Task Creating_a_user_saves_the_identity_user_and_an_audit_row_naming_the_administrator()
    {
        string name = TestUsers.UniqueName("newcomer");
        await Page.GotoAsync("/admin/users");
        await Page.ClickAsync("#create-user");
        await Page.FillAsync("input[name='UserName']", name);
        await Page.FillAsync("input[name='Email']", name + "@example.org");
        await Page.FillAsync("input[name='Password']", "Fresh-Passw0rd!");
        await Page.FillAsync("input[name='ConfirmPassword']", "Fresh-Passw0rd!");
        await Screenshots.SaveAsync(Page, "user-create");

        await Page.ClickAsync("#create");

        await Expect(Page.Locator("#notice")).ToHaveTextAsync($"Created the user '{name}'.");
        await Expect(Page.Locator($"tr[data-user='{name}'] td.ftp")).ToHaveTextAsync("none");
        IdentityUser user = Assert.IsType<IdentityUser>(await TestUsers.FindAsync(app, name));
        Assert.Equal(name + "@example.org", user.Email);
        Assert.True(await TestUsers.WithUsersAsync(app, (users, _) => users.CheckPasswordAsync(user, "Fresh-Passw0rd!")));
        FtpAuditEntry audit = Assert.Single(await TestUsers.AuditAsync(app, name, AdminUsersText.KindCreated));
        Assert.Equal((AdminApp.AdministratorName, $"created with e-mail {name}@example.org"), (audit.Actor, audit.Detail));
    }

    [Fact]
    public async Task A_password_the_rules_refuse_is_shown_next_to_its_field_and_nothing_is_saved()
    {
        string name = TestUsers.UniqueName("weak");
        await Page.GotoAsync("/admin/users/create");
        await Page.FillAsync("input[name='UserName']", name);
        await Page.FillAsync("input[name='Password']", "abcdefgh");
        await Page.FillAsync("input[name='ConfirmPassword']", "abcdefgh");

        await Page.ClickAsync("#create");

        await Expect(Page.Locator("#password-problem")).ToHaveTextAsync(
            "Passwords must have at least one non alphanumeric character. Passwords must have at least one digit ('0'-'9'). Passwords must have at least one uppercase ('A'-'Z').");
        await Expect(Page.Locator("#username-problem")).ToHaveTextAsync("");
        await Expect(Page.Locator("input[name='UserName']")).ToHaveValueAsync(name);
        await Expect(Page.Locator("input[name='Password']")).ToHaveValueAsync("");
        await Screenshots.SaveAsync(Page, "user-create-invalid");
        Assert.Null(await TestUsers.FindAsync(app, name));
        Assert.Empty(await TestUsers.AuditAsync(app, name, AdminUsersText.KindCreated));
    }

    [Fact]
    public async Task Reset_password_replaces_the_hash_and_the_security_stamp_so_only_the_new_password_checks()
    {
        string name = TestUsers.UniqueName("resetme");
        IdentityUser before = await TestUsers.CreateAsync(app, name);
        await Page.GotoAsync("/admin/users?q=" + name);
        await Page.Locator($"tr[data-user='{name}'] a.reset").ClickAsync();
        await Expect(Page.Locator("h1")).ToHaveTextAsync($"Reset the password of {name}");
        await Page.FillAsync("input[name='NewPassword']", "Brand-New-Passw0rd!");
        await Page.FillAsync("input[name='ConfirmPassword']", "Brand-New-Passw0rd!");

        await Page.ClickAsync("#reset");

        await Expect(Page.Locator("#notice")).ToHaveTextAsync($"The password of '{name}' was changed; their open FTP sessions end.");
        IdentityUser after = Assert.IsType<IdentityUser>(await TestUsers.FindAsync(app, name));
        Assert.NotEqual(before.SecurityStamp, after.SecurityStamp);
        Assert.False(await TestUsers.WithUsersAsync(app, (users, _) => users.CheckPasswordAsync(after, AdminApp.Password)));
        Assert.True(await TestUsers.WithUsersAsync(app, (users, _) => users.CheckPasswordAsync(after, "Brand-New-Passw0rd!")));
        Assert.Equal(AdminApp.AdministratorName, Assert.Single(await TestUsers.AuditAsync(app, name, AdminUsersText.KindPasswordReset)).Actor);
    }

    [Fact]
    public async Task Lock_keeps_the_user_out_until_unlock_clears_the_lockout_and_the_failed_count()
    {
        string name = TestUsers.UniqueName("lockme");
        IdentityUser created = await TestUsers.CreateAsync(app, name);
        await TestUsers.WithUsersAsync(app, async (users, _) => (await users.AccessFailedAsync((await users.FindByIdAsync(created.Id))!)).Succeeded);
        await Page.GotoAsync("/admin/users?q=" + name);

        await Page.Locator($"tr[data-user='{name}'] button.lock").ClickAsync();

        await Expect(Page.Locator("#notice")).ToHaveTextAsync($"'{name}' is locked: no sign-in, on the web or over FTP, until unlocked.");
        await Expect(Page.Locator($"tr[data-user='{name}'] td.locked")).ToHaveTextAsync("until unlocked");
        IdentityUser locked = Assert.IsType<IdentityUser>(await TestUsers.FindAsync(app, name));
        Assert.Equal(AdminUsersText.LockedUntilUnlocked, locked.LockoutEnd);
        Assert.True(await TestUsers.WithUsersAsync(app, (users, _) => users.IsLockedOutAsync(locked)));
        Assert.Equal(1, locked.AccessFailedCount);

        await Page.Locator($"tr[data-user='{name}'] button.unlock").ClickAsync();

        await Expect(Page.Locator("#notice")).ToHaveTextAsync($"'{name}' is unlocked.");
        await Expect(Page.Locator($"tr[data-user='{name}'] td.locked")).ToHaveTextAsync("no");
        IdentityUser unlocked = Assert.IsType<IdentityUser>(await TestUsers.FindAsync(app, name));
        Assert.Equal(((DateTimeOffset?)null, 0), (unlocked.LockoutEnd, unlocked.AccessFailedCount));
        Assert.Single(await TestUsers.AuditAsync(app, name, AdminUsersText.KindLocked));
        Assert.Single(await TestUsers.AuditAsync(app, name, AdminUsersText.KindUnlocked));
    }

    [Fact]
    public async Task Delete_asks_for_confirmation_then_removes_the_user_with_the_ftp_account_and_its_app_passwords()
    {
        string name = TestUsers.UniqueName("leaver");
        IdentityUser user = await TestUsers.CreateAsync(app, name);
        await TestUsers.GiveFtpAccountAsync(app, name);
        int accountId = Assert.IsType<int>(await TestUsers.FtpAccountIdAsync(app, user.Id));
        Assert.Equal(1, await TestUsers.AppPasswordCountAsync(app, accountId));
        await Page.GotoAsync("/admin/users?q=" + name);
        await Expect(Page.Locator($"tr[data-user='{name}'] td.ftp")).ToHaveTextAsync("group " + AdminApp.GroupName);

        await Page.Locator($"tr[data-user='{name}'] a.delete").ClickAsync();

        await Expect(Page.Locator("h1")).ToHaveTextAsync($"Delete the user {name}?");
        await Screenshots.SaveAsync(Page, "user-delete");
        Assert.NotNull(await TestUsers.FindAsync(app, name));

        await Page.ClickAsync("#confirm-delete");

        await Expect(Page.Locator("#notice")).ToHaveTextAsync($"Deleted the user '{name}'.");
        Assert.Null(await TestUsers.FindAsync(app, name));
        Assert.Null(await TestUsers.FtpAccountIdAsync(app, user.Id));
        Assert.Equal(0, await TestUsers.AppPasswordCountAsync(app, accountId));
        FtpAuditEntry audit = Assert.Single(await TestUsers.AuditAsync(app, name, AdminUsersText.KindDeleted));
        Assert.Equal((AdminApp.AdministratorName, "deleted with the FTP account in group " + AdminApp.GroupName), (audit.Actor, audit.Detail));
    }

    [Fact]
    public async Task Granting_the_role_lets_that_user_sign_in_to_the_admin()
    {
        string name = TestUsers.UniqueName("promoted");
        await TestUsers.CreateAsync(app, name);
        await Page.GotoAsync("/admin/users?q=" + name);
        await Expect(Page.Locator($"tr[data-user='{name}'] td.admin")).ToHaveTextAsync("no");

        await Page.Locator($"tr[data-user='{name}'] button.grant").ClickAsync();

        await Expect(Page.Locator("#notice")).ToHaveTextAsync($"'{name}' is now an administrator.");
        await Expect(Page.Locator($"tr[data-user='{name}'] td.admin")).ToHaveTextAsync("yes");
        Assert.Equal(AdminApp.AdministratorName, Assert.Single(await TestUsers.AuditAsync(app, name, AdminUsersText.KindRoleGranted)).Actor);
        IPage other = await app.NewPageAsync();
        try
        {
            await AdminPages.SignInAsync(other, name, AdminApp.Password);
            await Expect(other).ToHaveURLAsync(app.BaseUrl + "/admin");
            await Expect(other.Locator(".who")).ToHaveTextAsync("Signed in as " + name);
        }
        finally
        {
            await other.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task An_administrator_cannot_revoke_their_own_role()
    {
        await Page.GotoAsync("/admin/users?q=" + AdminApp.AdministratorName);

        await Page.Locator($"tr[data-user='{AdminApp.AdministratorName}'] button.revoke").ClickAsync();

        await Expect(Page.Locator("#problem")).ToHaveTextAsync(AdminUsersText.CannotRevokeSelf);
        await Expect(Page.Locator($"tr[data-user='{AdminApp.AdministratorName}'] td.admin")).ToHaveTextAsync("yes");
        IdentityUser chief = await app.FindUserAsync(AdminApp.AdministratorName);
        Assert.True(await TestUsers.WithUsersAsync(app, (users, _) => users.IsInRoleAsync(chief, AdminApp.Role)));
    }

    [Fact]
    public async Task An_administrator_cannot_lock_or_delete_themselves()
    {
        IdentityUser chief = await app.FindUserAsync(AdminApp.AdministratorName);
        await Page.GotoAsync("/admin/users?q=" + AdminApp.AdministratorName);

        await Page.Locator($"tr[data-user='{AdminApp.AdministratorName}'] button.lock").ClickAsync();

        await Expect(Page.Locator("#problem")).ToHaveTextAsync(AdminUsersText.CannotLockSelf);
        Assert.Null((await app.FindUserAsync(AdminApp.AdministratorName)).LockoutEnd);

        // The confirmation page offers no button; a forged POST (with a valid antiforgery token) is refused too.
        await Page.GotoAsync("/admin/users/delete?id=" + chief.Id);
        await Expect(Page.Locator("#problem")).ToHaveTextAsync(AdminUsersText.CannotDeleteSelf);
        await Expect(Page.Locator("#confirm-delete")).ToHaveCountAsync(0);
        await Page.GotoAsync("/admin/users?q=" + AdminApp.AdministratorName);
        string token = await Page.Locator("input[name='__RequestVerificationToken']").First.GetAttributeAsync("value") ?? "";
        IAPIResponse forged = await Page.APIRequest.PostAsync("/admin/users/delete", new APIRequestContextOptions
        {
            Form = Page.APIRequest.CreateFormData().Set("Id", chief.Id).Set("__RequestVerificationToken", token),
        });
        Assert.Equal(200, forged.Status);
        Assert.Contains(AdminUsersText.CannotDeleteSelf, await forged.TextAsync(), StringComparison.Ordinal);
        Assert.NotNull(await TestUsers.FindAsync(app, AdminApp.AdministratorName));
    }
}
