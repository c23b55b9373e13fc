using AspNetFtp.Host.Data;
using AspNetFtp.Identity.Accounts;
using AspNetFtp.Identity.Entities;
using AspNetFtp.Identity.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AspNetFtp.Identity.Tests.Store;

/// <summary>
/// Changing groups and accounts (FtpAccountManager's Update methods and <see cref="IFtpAccountAdministration"/>, what the
/// web admin uses): a refused change names its parameter and writes nothing.
/// </summary>
public abstract class AccountEditSuite(DatabaseFixture fixture)
{
    private IServiceProvider Services => fixture.Services;

    [ProviderFact]
    public async Task A_group_is_renamed_and_its_home_letters_and_rule_replaced()
    {
        string name = Scratch.Name("g");
        string renamed = Scratch.Name("g");
        TestAccounts.Check(await Services.ManageAsync(m => m.CreateGroupAsync(name, "/srv/{username}", "elr")));

        FtpUserGroup changed = TestAccounts.Check(await Services.ManageAsync(m => m.UpdateGroupAsync(name, renamed, "/data/{username}", "lrwT", true)));

        Assert.Equal((renamed, "/data/{username}", "lrwT", true), (changed.Name, changed.HomeDirectory, changed.Permissions, changed.RequireAppPasswords));
        FtpUserGroup stored = (await Services.ManageAsync(m => m.FindGroupAsync(renamed)))!;
        Assert.Equal((renamed, "/data/{username}", "lrwT", true), (stored.Name, stored.HomeDirectory, stored.Permissions, stored.RequireAppPasswords));
        Assert.Null(await Services.ManageAsync(m => m.FindGroupAsync(name)));
    }

    [ProviderFact]
    public async Task A_group_cannot_take_the_name_of_another_and_nothing_of_the_change_is_written()
    {
        string name = Scratch.Name("g");
        string other = Scratch.Name("g");
        TestAccounts.Check(await Services.ManageAsync(m => m.CreateGroupAsync(name, null, "elr")));
        TestAccounts.Check(await Services.ManageAsync(m => m.CreateGroupAsync(other, null, "e")));

        FtpAccountResult<FtpUserGroup> taken = await Services.ManageAsync(m => m.UpdateGroupAsync(name, other, "/x", "elrw", true));
        FtpAccountResult<FtpUserGroup> tooLong = await Services.ManageAsync(m => m.UpdateGroupAsync(name, new string('n', FtpUserGroup.MaxNameLength + 1), null, "elrw", null));
        FtpAccountResult<FtpUserGroup> badHome = await Services.ManageAsync(m => m.UpdateGroupAsync(name, null, new string('h', FtpHomeDirectory.MaxLength + 1), "elrw", null));

        Assert.Equal((false, $"group '{other}' already exists", "newName"), (taken.Succeeded, taken.Error, taken.Field));
        Assert.Equal((false, "newName"), (tooLong.Succeeded, tooLong.Field));
        Assert.Equal((false, "homeDirectory"), (badHome.Succeeded, badHome.Field));
        FtpUserGroup stored = (await Services.ManageAsync(m => m.FindGroupAsync(name)))!;
        Assert.Equal(("elr", (string?)null, false), (stored.Permissions, stored.HomeDirectory, stored.RequireAppPasswords));
    }

    [ProviderFact]
    public async Task An_account_moves_to_another_group_and_gets_its_own_home()
    {
        SeededAccount seeded = await Services.SeedAsync(permissions: "elr");
        string target = Scratch.Name("g");
        TestAccounts.Check(await Services.ManageAsync(m => m.CreateGroupAsync(target, null, "elrw")));

        TestAccounts.Check(await Services.ManageAsync(m => m.UpdateAccountAsync(seeded.UserName, target, "/home/{username}")));

        FtpUserAccount account = (await Services.FindAccountAsync(seeded.UserName))!;
        Assert.Equal((target, "/home/{username}"), (account.Group!.Name, account.HomeDirectory));
    }

    [ProviderFact]
    public async Task An_account_is_not_moved_to_a_missing_group_and_keeps_its_home()
    {
        SeededAccount seeded = await Services.SeedAsync(accountHome: "/home/a");
        string ghost = Scratch.Name("nogroup");

        FtpAccountResult<FtpUserAccount> refused = await Services.ManageAsync(m => m.UpdateAccountAsync(seeded.UserName, ghost, "/elsewhere"));

        Assert.Equal((false, $"group '{ghost}' does not exist", "groupName"), (refused.Succeeded, refused.Error, refused.Field));
        FtpUserAccount account = (await Services.FindAccountAsync(seeded.UserName))!;
        Assert.Equal((seeded.GroupName, "/home/a"), (account.Group!.Name, account.HomeDirectory));
    }

    [ProviderFact]
    public async Task The_administration_lists_an_accounts_app_passwords_by_name_with_their_times_and_never_a_hash()
    {
        SeededAccount seeded = await Services.SeedAsync();
        TestAccounts.Check(await Services.ManageAsync(m => m.CreateAppPasswordAsync(seeded.UserName, "scanner")));
        TestAccounts.Check(await Services.ManageAsync(m => m.CreateAppPasswordAsync(seeded.UserName, "backup")));
        await using AsyncServiceScope scope = Services.CreateAsyncScope();
        IFtpAccountAdministration administration = scope.ServiceProvider.GetRequiredService<IFtpAccountAdministration>();

        IReadOnlyList<FtpAppPasswordSummary> listed = TestAccounts.Check(await administration.ListAppPasswordsAsync(seeded.UserName));
        FtpAccountSummary account = (await administration.FindAccountAsync(seeded.UserName))!;

        Assert.Equal(["backup", "scanner"], listed.Select(p => p.Name));
        Assert.All(listed, p => Assert.Null(p.LastUsedUtc));
        Assert.Equal((seeded.UserName, seeded.GroupName, 2), (account.UserName, account.GroupName, account.AppPasswords));
        Assert.Equal(3, typeof(FtpAppPasswordSummary).GetProperties().Length);
    }
}

[UsesProvider(DatabaseProvider.Sqlite)]
public sealed class SqliteAccountEditTests(SqliteFixture fixture) : AccountEditSuite(fixture), IClassFixture<SqliteFixture>;

[UsesProvider(DatabaseProvider.PostgreSql)]
public sealed class PostgreSqlAccountEditTests(PostgreSqlFixture fixture) : AccountEditSuite(fixture), IClassFixture<PostgreSqlFixture>;

[UsesProvider(DatabaseProvider.MySql)]
public sealed class MySqlAccountEditTests(MySqlFixture fixture) : AccountEditSuite(fixture), IClassFixture<MySqlFixture>;
