using AspNetFtp.Admin.FtpAccounts;
using AspNetFtp.Admin.Tests.Infrastructure;
using AspNetFtp.Identity.Audit;
using AspNetFtp.Identity.Entities;
using AspNetFtp.Protocol.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AspNetFtp.Admin.Tests;

/// <summary>
/// The Limits page of a group and of an account: the form saves exactly what was typed (K/M/G sizes, none, empty),
/// refuses a bad value next to its field without saving, shows the account's usage and counts it again; every change
/// and recount is audited with the administrator.
/// </summary>
[Collection(AdminAppCollection.Name)]
public sealed class FtpLimitsTests(AdminApp app) : SignedInAdminTest(app)
{
    [Fact]
    public async Task A_groups_limits_are_saved_as_typed_from_the_link_on_the_groups_page_and_audited()
    {
        (_, string group) = await App.SeedAccountAsync();
        await Page.GotoAsync("/admin/groups");
        await Page.ClickAsync($"tr[data-group='{group}'] a.limits-link");
        await Page.FillAsync("#Input_QuotaBytes", "10M");
        await Page.FillAsync("#Input_QuotaFiles", "500");
        await Page.FillAsync("#Input_UploadRate", "512K");
        await Page.FillAsync("#Input_DownloadRate", "1M");
        await Page.FillAsync("#Input_MaxSessions", "3");
        await Page.SelectOptionAsync("#Input_UploadMode", "Standard");
        await Screenshots.SaveAsync(Page, "group-limits");
        await Page.ClickAsync("#save");

        await Expect(Page.Locator("#notice")).ToHaveTextAsync($"The limits of group '{group}' were saved.");
        FtpUserGroup saved = await App.GroupAsync(group) ?? throw new InvalidOperationException("No group.");
        Assert.Equal((10L << 20, 500L, 512L << 10, 1L << 20, 3, FtpUploadMode.Standard),
            (saved.QuotaBytes, saved.QuotaFiles, saved.UploadBytesPerSecond, saved.DownloadBytesPerSecond, saved.MaxSessions, saved.UploadMode));
        FtpAuditEntry entry = Assert.Single(await App.AuditAsync(AdminAuditKinds.LimitsChanged, group));
        Assert.Equal((AdminApp.AdministratorName,
            $"group '{group}': quota 10485760 bytes, 500 files, upload 524288 B/s, download 1048576 B/s, sessions 3, upload mode Standard"),
            (entry.Actor, entry.Detail));
    }

    [Fact]
    public async Task A_bad_value_is_refused_next_to_its_field_and_nothing_is_saved()
    {
        (_, string group) = await App.SeedAccountAsync();
        await Page.GotoAsync($"/admin/limits?group={group}");
        await Page.FillAsync("#Input_QuotaBytes", "12X");
        await Page.FillAsync("#Input_MaxSessions", "4");
        await Page.ClickAsync("#save");

        await Expect(Page.Locator("#quota-bytes-problem")).ToHaveTextAsync("'12X' is not a number (K, M, G suffixes) or none.");
        FtpUserGroup saved = await App.GroupAsync(group) ?? throw new InvalidOperationException("No group.");
        Assert.Equal(((long?)null, (int?)null), (saved.QuotaBytes, saved.MaxSessions));
        Assert.Empty(await App.AuditAsync(AdminAuditKinds.LimitsChanged, group));
    }

    [Fact]
    public async Task An_accounts_page_shows_its_usage_and_the_recount_button_counts_the_home_and_is_audited()
    {
        (string user, _) = await App.SeedAccountAsync();
        string root = App.Services.GetRequiredService<IOptions<AspNetFtp.Identity.Accounts.FtpAccountsOptions>>().Value.RootDirectory;
        string home = Directory.CreateDirectory(Path.Combine(root, user)).FullName;
        await File.WriteAllBytesAsync(Path.Combine(home, "a.bin"), new byte[1500]);
        await File.WriteAllBytesAsync(Path.Combine(Directory.CreateDirectory(Path.Combine(home, "sub")).FullName, "b.bin"), new byte[500]);

        await Page.GotoAsync($"/admin/accounts/details?user={user}");
        await Page.ClickAsync("#account-limits");
        await Expect(Page.Locator("#usage-figures")).ToHaveTextAsync("Not counted yet.");
        await Page.ClickAsync("#recount");

        await Expect(Page.Locator("#notice")).ToHaveTextAsync("Counted 2000 bytes in 2 files.");
        await Expect(Page.Locator("#usage-figures")).ToContainTextAsync("2 KiB (2000 bytes) in 2 files");
        FtpUserAccount account = await App.AccountAsync(user) ?? throw new InvalidOperationException("No account.");
        Assert.Equal((2000L, 2L), (account.UsedBytes, account.UsedFiles));
        Assert.NotNull(account.UsageCountedUtc);
        FtpAuditEntry entry = Assert.Single(await App.AuditAsync(AdminAuditKinds.UsageRecounted, user));
        Assert.Equal(AdminApp.AdministratorName, entry.Actor);

        await Page.FillAsync("#Input_QuotaBytes", "none");
        await Page.FillAsync("#Input_MaxSessions", "1");
        await Page.ClickAsync("#save");
        await Expect(Page.Locator("#notice")).ToHaveTextAsync($"The limits of account '{user}' were saved.");
        account = await App.AccountAsync(user) ?? throw new InvalidOperationException("No account.");
        Assert.Equal((0L, 1, (long?)null), (account.QuotaBytes!.Value, account.MaxSessions!.Value, account.UploadBytesPerSecond));
    }
}
