using AspNetFtp.Admin.FtpAccounts;
using AspNetFtp.Admin.Tests.Infrastructure;
using AspNetFtp.Identity.Audit;
using AspNetFtp.Identity.Entities;
using AspNetFtp.Protocol.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AspNetFtp.Admin.Tests;

/// <summary>
/// The FTP groups page: the form saves exactly the checked letters, refuses a bad or taken name next to the field
/// without saving, edits, and deletes only a group without accounts, after a confirmation; every change is audited.
/// </summary>
[Collection(AdminAppCollection.Name)]
public sealed class FtpGroupsTests(AdminApp app) : SignedInAdminTest(app)
{
    [Fact]
    public void The_form_offers_every_permission_letter_the_engine_knows_in_its_order() =>
        Assert.Equal(FtpPermissionLetters.AllLetters, string.Concat(FtpPermissionChoice.All.Select(c => c.Letter)));

    [Fact]
    public async Task Creating_a_group_saves_exactly_the_checked_permission_letters_and_is_audited()
    {
        string name = AdminData.Unique("readers-");
        await Page.GotoAsync("/admin/groups");
        await Page.ClickAsync("#new-group");
        await Page.FillAsync("#Input_Name", name);
        foreach (char letter in FtpPermissionLetters.AllLetters)
        {
            await Letter(letter).SetCheckedAsync(letter is 'e' or 'l' or 'r' or 'M');
        }

        await Page.FillAsync("#Input_HomeDirectory", "/srv/ftp/{username}");
        await Page.CheckAsync("#Input_RequireAppPasswords");
        await Screenshots.SaveAsync(Page, "group-form");
        await Page.ClickAsync("#save");

        await Expect(Page.Locator("#notice")).ToHaveTextAsync($"Group '{name}' was created.");
        FtpUserGroup group = await App.GroupAsync(name) ?? throw new InvalidOperationException("No group saved.");
        Assert.Equal(("elrM", "/srv/ftp/{username}", true), (group.Permissions, group.HomeDirectory, group.RequireAppPasswords));
        await Expect(Page.Locator($"tr[data-group='{name}'] td.permissions")).ToHaveTextAsync("elrM");
        await Screenshots.SaveAsync(Page, "groups");
        FtpAuditEntry entry = Assert.Single(await App.AuditAsync(AdminAuditKinds.GroupCreated, name));
        Assert.Equal((AdminApp.AdministratorName, $"group '{name}': permissions elrM, home /srv/ftp/{{username}}, app passwords only"), (entry.Actor, entry.Detail));
    }

    [Fact]
    public async Task A_taken_group_name_is_refused_next_to_the_name_field_and_nothing_is_saved()
    {
        int before = await CountGroupsAsync();
        await Page.GotoAsync("/admin/groups/edit");
        await Page.FillAsync("#Input_Name", AdminApp.GroupName);
        await Page.ClickAsync("#save");

        await Expect(Page.Locator("#name-problem")).ToHaveTextAsync($"group '{AdminApp.GroupName}' already exists");
        Assert.Equal(before, await CountGroupsAsync());
    }

    [Fact]
    public async Task A_name_longer_than_the_limit_is_refused_next_to_the_name_field_and_nothing_is_saved()
    {
        string name = new('n', FtpUserGroup.MaxNameLength + 1);
        await Page.GotoAsync("/admin/groups/edit");
        // The field's maxlength stops a person typing more; a crafted post is what the server must refuse.
        await Page.EvalOnSelectorAsync("#Input_Name", "e => e.removeAttribute('maxlength')");
        await Page.FillAsync("#Input_Name", name);
        await Page.ClickAsync("#save");

        await Expect(Page.Locator("#name-problem")).ToHaveTextAsync($"The name must be at most {FtpUserGroup.MaxNameLength} characters.");
        Assert.Null(await App.GroupAsync(name));
        Assert.Null(await App.GroupAsync(name[..FtpUserGroup.MaxNameLength]));
    }

    [Fact]
    public async Task Editing_a_group_replaces_its_letters_home_and_rule_and_is_audited()
    {
        string name = AdminData.Unique("editors-");
        await App.ManageAsync(m => m.CreateGroupAsync(name, "/a/{username}", "elradfmw"));
        await Page.GotoAsync("/admin/groups");
        await Page.Locator($"tr[data-group='{name}'] a", new PageLocatorOptions { HasTextString = "Edit" }).ClickAsync();
        await Expect(Letter('w')).ToBeCheckedAsync();
        await Expect(Letter('T')).Not.ToBeCheckedAsync();

        await Letter('w').UncheckAsync();
        await Letter('d').UncheckAsync();
        await Letter('T').CheckAsync();
        await Page.FillAsync("#Input_HomeDirectory", "/b/{username}");
        await Page.CheckAsync("#Input_RequireAppPasswords");
        await Page.ClickAsync("#save");

        await Expect(Page.Locator("#notice")).ToHaveTextAsync($"Group '{name}' was saved.");
        FtpUserGroup group = (await App.GroupAsync(name))!;
        Assert.Equal(("elrafmT", "/b/{username}", true), (group.Permissions, group.HomeDirectory, group.RequireAppPasswords));
        Assert.Equal(AdminApp.AdministratorName, Assert.Single(await App.AuditAsync(AdminAuditKinds.GroupChanged, name)).Actor);
    }

    [Fact]
    public async Task Ticking_tls_required_on_a_groups_page_saves_require_tls_and_is_audited_with_the_administrator()
    {
        string name = AdminData.Unique("tls-");
        await App.ManageAsync(m => m.CreateGroupAsync(name, null, "elr"));
        await Page.GotoAsync("/admin/groups");
        await Page.Locator($"tr[data-group='{name}'] a", new PageLocatorOptions { HasTextString = "Edit" }).ClickAsync();
        await Expect(Page.Locator("#Input_RequireTls")).Not.ToBeCheckedAsync();

        await Page.CheckAsync("#Input_RequireTls");
        await Page.ClickAsync("#save");

        await Expect(Page.Locator("#notice")).ToHaveTextAsync($"Group '{name}' was saved.");
        FtpUserGroup group = (await App.GroupAsync(name))!;
        Assert.Equal(("elr", false, true), (group.Permissions, group.RequireAppPasswords, group.RequireTls));
        FtpAuditEntry entry = Assert.Single(await App.AuditAsync(AdminAuditKinds.GroupChanged, name));
        Assert.Equal((AdminApp.AdministratorName, $"group '{name}': permissions elr, home default, TLS required"), (entry.Actor, entry.Detail));

        await Page.Locator($"tr[data-group='{name}'] a", new PageLocatorOptions { HasTextString = "Edit" }).ClickAsync();
        await Expect(Page.Locator("#Input_RequireTls")).ToBeCheckedAsync();
    }

    [Fact]
    public async Task Choosing_a_storage_profile_on_a_groups_page_saves_it_and_default_clears_it_each_audited_with_the_administrator()
    {
        string name = AdminData.Unique("stored-");
        await App.ManageAsync(m => m.CreateGroupAsync(name, null, "elr"));
        await Page.GotoAsync("/admin/groups");
        await Page.Locator($"tr[data-group='{name}'] a", new PageLocatorOptions { HasTextString = "Edit" }).ClickAsync();
        await Expect(Page.Locator("#storage")).ToHaveValueAsync("");
        Assert.Equal(["Default (local disk)", "archive", "fast"], await Page.Locator("#storage option").AllTextContentsAsync());

        await Page.SelectOptionAsync("#storage", "archive");
        await Screenshots.SaveAsync(Page, "group-storage");
        await Page.ClickAsync("#save");

        await Expect(Page.Locator("#notice")).ToHaveTextAsync($"Group '{name}' was saved.");
        Assert.Equal("archive", (await App.GroupAsync(name))!.StorageProfile);
        FtpAuditEntry set = Assert.Single(await App.AuditAsync(AdminAuditKinds.GroupChanged, name));
        Assert.Equal((AdminApp.AdministratorName, $"group '{name}': permissions elr, home default, storage archive"), (set.Actor, set.Detail));

        await Page.Locator($"tr[data-group='{name}'] a", new PageLocatorOptions { HasTextString = "Edit" }).ClickAsync();
        await Expect(Page.Locator("#storage")).ToHaveValueAsync("archive");
        await Page.SelectOptionAsync("#storage", "");
        await Page.ClickAsync("#save");

        await Expect(Page.Locator("#notice")).ToHaveTextAsync($"Group '{name}' was saved.");
        Assert.Null((await App.GroupAsync(name))!.StorageProfile);
        Assert.Equal(
            [$"group '{name}': permissions elr, home default, storage archive", $"group '{name}': permissions elr, home default, storage default"],
            (await App.AuditAsync(AdminAuditKinds.GroupChanged, name)).OrderBy(e => e.Id).Select(e => e.Detail));
    }

    [Fact]
    public async Task A_storage_profile_the_select_does_not_offer_is_refused_next_to_the_field_and_nothing_is_saved()
    {
        string name = AdminData.Unique("forged-");
        await App.ManageAsync(m => m.CreateGroupAsync(name, null, "elr"));
        await Page.GotoAsync($"/admin/groups/edit?group={name}");

        // A forged form: a profile the server does not have, with a change of letters beside it.
        await Page.EvalOnSelectorAsync("#storage", "s => { const o = document.createElement('option'); o.value = 'tape'; o.text = 'tape'; s.add(o); s.value = 'tape'; }");
        await Letter('w').CheckAsync();
        await Page.ClickAsync("#save");

        await Expect(Page.Locator("#storage-problem")).ToHaveTextAsync("'tape' is not a configured storage profile.");
        FtpUserGroup group = (await App.GroupAsync(name))!;
        Assert.Equal(("elr", (string?)null), (group.Permissions, group.StorageProfile));
        Assert.Empty(await App.AuditAsync(AdminAuditKinds.GroupChanged, name));
    }

    [Fact]
    public async Task Deleting_a_group_is_refused_while_it_has_accounts_and_succeeds_after_confirmation_once_they_are_gone()
    {
        (string user, string group) = await App.SeedAccountAsync();
        await Page.GotoAsync("/admin/groups");
        await Page.Locator($"tr[data-group='{group}'] a", new PageLocatorOptions { HasTextString = "Delete" }).ClickAsync();
        await Expect(Page.Locator("h1")).ToHaveTextAsync($"Delete group {group}?");
        Assert.NotNull(await App.GroupAsync(group));

        await Page.ClickAsync("#confirm-delete");

        await Expect(Page.Locator("#problem")).ToHaveTextAsync($"group '{group}' still has 1 account(s); delete or move them first");
        Assert.NotNull(await App.GroupAsync(group));

        await App.ManageAsync(m => m.DeleteAccountAsync(user));
        await Page.GotoAsync($"/admin/groups/delete?group={group}");
        await Page.ClickAsync("#confirm-delete");

        await Expect(Page.Locator("#notice")).ToHaveTextAsync($"Group '{group}' was deleted.");
        Assert.Null(await App.GroupAsync(group));
        Assert.Equal(AdminApp.AdministratorName, Assert.Single(await App.AuditAsync(AdminAuditKinds.GroupDeleted, group)).Actor);
    }

    [Fact]
    public async Task A_delete_posted_without_the_antiforgery_token_is_refused_with_400_and_the_group_stays()
    {
        string name = AdminData.Unique("kept-");
        await App.ManageAsync(m => m.CreateGroupAsync(name, null, "elr"));
        IFormData form = Page.APIRequest.CreateFormData();
        form.Set("Group", name);

        // The signed-in administrator's cookies, as a forged cross-site form would send them, but no token.
        IAPIResponse response = await Page.APIRequest.PostAsync($"/admin/groups/delete?group={name}", new APIRequestContextOptions { Form = form, MaxRedirects = 0 });

        Assert.Equal(400, response.Status);
        Assert.NotNull(await App.GroupAsync(name));
    }

    [Fact]
    public async Task A_visitor_who_is_not_signed_in_is_sent_to_sign_in_from_the_groups_and_accounts_pages()
    {
        IPage visitor = await App.NewPageAsync();
        try
        {
            foreach (string path in (string[])["/admin/groups", "/admin/groups/edit", "/admin/accounts", "/admin/accounts/details?user=" + AdminApp.FtpUserName])
            {
                await visitor.GotoAsync(path);
                await Expect(visitor).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin/login\\?"));
            }
        }
        finally
        {
            await visitor.Context.CloseAsync();
        }
    }

    private ILocator Letter(char letter) => Page.Locator($"input[name='Input.Permissions'][value='{letter}']");

    private Task<int> CountGroupsAsync() => App.QueryAsync(db => db.Set<FtpUserGroup>().CountAsync());
}
