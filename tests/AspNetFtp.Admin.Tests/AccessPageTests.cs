using AspNetFtp.Admin.Areas.FtpAdmin.Pages.Access;
using AspNetFtp.Admin.Tests.Infrastructure;
using AspNetFtp.Identity.Accounts;
using AspNetFtp.Identity.Audit;
using AspNetFtp.Identity.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AspNetFtp.Admin.Tests;

/// <summary>
/// The Access page of a group and of an account: address lists saved in their canonical text, a bad entry refused
/// next to its field with nothing saved, the account's expiry, directory rules added with a checkbox per letter and
/// removed; every change audited with the administrator as actor.
/// </summary>
[Collection(AdminAppCollection.Name)]
public sealed class AccessPageTests(AdminApp app) : SignedInAdminTest(app)
{
    private ILocator RuleLetter(char letter) => Page.Locator(char.IsUpper(letter) ? $"#rule-perm-upper-{letter}" : $"#rule-perm-{letter}");

    private Task<List<FtpDirectoryRule>> RulesAsync(int? groupId, int? accountId) =>
        App.QueryAsync(db => db.Set<FtpDirectoryRule>().AsNoTracking().Where(r => r.GroupId == groupId && r.AccountId == accountId).ToListAsync());

    [Fact]
    public async Task The_group_page_links_to_access_where_address_lists_are_saved_canonical_and_audited()
    {
        (_, string group) = await App.SeedAccountAsync();
        await Page.GotoAsync($"/admin/groups/edit?group={group}");
        await Page.ClickAsync("#access-link");
        await Page.FillAsync("#AllowedAddresses", " 192.0.2.0/24 ,2001:db8::/32 ");
        await Page.FillAsync("#DeniedAddresses", "::ffff:192.0.2.7");
        await Page.ClickAsync("#save-access");

        await Expect(Page.Locator("#notice")).ToHaveTextAsync("The access rules were saved.");
        FtpUserGroup saved = (await App.GroupAsync(group))!;
        Assert.Equal(("192.0.2.0/24, 2001:db8::/32", "192.0.2.7"), (saved.AllowedAddresses, saved.DeniedAddresses));
        await Expect(Page.Locator("#AllowedAddresses")).ToHaveValueAsync("192.0.2.0/24, 2001:db8::/32");
        FtpAuditEntry entry = Assert.Single(await App.AuditAsync(AccessModel.RulesChanged, $"group '{group}'"));
        Assert.Equal((AdminApp.AdministratorName, $"group '{group}': allowed 192.0.2.0/24, 2001:db8::/32, denied 192.0.2.7"), (entry.Actor, entry.Detail));
    }

    [Fact]
    public async Task A_bad_network_is_refused_next_to_its_field_and_nothing_is_saved()
    {
        (_, string group) = await App.SeedAccountAsync();
        await Page.GotoAsync($"/admin/access?group={group}");
        await Page.FillAsync("#AllowedAddresses", "10.0.0.1/8");
        await Page.ClickAsync("#save-access");

        await Expect(Page.Locator("#allowed-problem")).ToContainTextAsync("'10.0.0.1/8' is not an IP address or a CIDR network");
        FtpUserGroup saved = (await App.GroupAsync(group))!;
        Assert.Null(saved.AllowedAddresses);
        Assert.Empty(await App.AuditAsync(AccessModel.RulesChanged, $"group '{group}'"));
    }

    [Fact]
    public async Task The_account_page_links_to_access_where_the_expiry_is_saved_in_utc_and_audited()
    {
        (string user, _) = await App.SeedAccountAsync();
        await Page.GotoAsync($"/admin/accounts/details?user={user}");
        await Page.ClickAsync("#access-link");
        await Page.FillAsync("#Expires", "2031-05-06T07:08");
        await Page.FillAsync("#AllowedAddresses", "127.0.0.1");
        await Page.ClickAsync("#save-access");

        await Expect(Page.Locator("#notice")).ToHaveTextAsync("The access rules were saved.");
        FtpUserAccount account = (await App.AccountAsync(user))!;
        Assert.Equal(new DateTime(2031, 5, 6, 7, 8, 0, DateTimeKind.Utc), account.ExpiresUtc);
        Assert.Equal("127.0.0.1", account.AllowedAddresses);
        FtpAuditEntry entry = Assert.Single(await App.AuditAsync(AccessModel.RulesChanged, user));
        Assert.Equal((AdminApp.AdministratorName, $"account '{user}': allowed 127.0.0.1, denied none, expires 2031-05-06 07:08 UTC"), (entry.Actor, entry.Detail));
    }

    [Fact]
    public async Task A_directory_rule_is_added_with_exactly_the_checked_letters_and_removed_both_audited()
    {
        (_, string group) = await App.SeedAccountAsync();
        int groupId = (await App.GroupAsync(group))!.Id;
        await Page.GotoAsync($"/admin/access?group={group}");
        await Page.FillAsync("#RulePath", "/incoming/archive/");
        foreach (char letter in "elr")
        {
            await RuleLetter(letter).CheckAsync();
        }

        await Page.ClickAsync("#add-rule");

        await Expect(Page.Locator("#notice")).ToHaveTextAsync("The rule for /incoming/archive was saved.");
        await Expect(Page.Locator("tr[data-path='/incoming/archive'] td.letters")).ToHaveTextAsync("elr");
        FtpDirectoryRule rule = Assert.Single(await RulesAsync(groupId, null));
        Assert.Equal(("/incoming/archive", "elr"), (rule.Path, rule.Permissions));
        await Screenshots.SaveAsync(Page, "access");
        Assert.Equal(AdminApp.AdministratorName, Assert.Single(await App.AuditAsync(AccessModel.DirectoryRuleSet, $"group '{group}'")).Actor);

        await Page.Locator("tr[data-path='/incoming/archive'] button.remove-rule").ClickAsync();

        await Expect(Page.Locator("#notice")).ToHaveTextAsync("The rule for /incoming/archive was removed.");
        Assert.Empty(await RulesAsync(groupId, null));
        FtpAuditEntry removed = Assert.Single(await App.AuditAsync(AccessModel.DirectoryRuleRemoved, $"group '{group}'"));
        Assert.Equal($"group '{group}': directory rule /incoming/archive removed", removed.Detail);
    }

    [Fact]
    public async Task A_rule_path_above_the_root_is_refused_next_to_the_path_field_and_nothing_is_saved()
    {
        (string user, _) = await App.SeedAccountAsync();
        int accountId = (await App.AccountAsync(user))!.Id;
        await Page.GotoAsync($"/admin/access?user={user}");
        await Page.FillAsync("#RulePath", "/../etc");
        await RuleLetter('w').CheckAsync();
        await Page.ClickAsync("#add-rule");

        await Expect(Page.Locator("#path-problem")).ToHaveTextAsync("'/../etc' is not a valid path (OutsideRoot)");
        Assert.Empty(await RulesAsync(null, accountId));
    }
}
