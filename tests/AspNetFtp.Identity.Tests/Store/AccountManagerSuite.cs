using AspNetFtp.Host.Data;
using AspNetFtp.Identity.Accounts;
using AspNetFtp.Identity.Entities;
using AspNetFtp.Identity.Tests.Infrastructure;

namespace AspNetFtp.Identity.Tests.Store;

/// <summary>FtpAccountManager on a real database: every refusal names the problem and writes nothing.</summary>
public abstract class AccountManagerSuite(DatabaseFixture fixture)
{
    private IServiceProvider Services => fixture.Services;

    [ProviderFact]
    public async Task Groups_are_created_listed_and_deleted_duplicates_and_bad_letters_refused()
    {
        string name = Scratch.Name("g");
        FtpUserGroup created = TestAccounts.Check(await Services.ManageAsync(m => m.CreateGroupAsync(name, "/srv/ftp/{username}", "elr")));
        Assert.Equal("elr", created.Permissions);
        RowCounts before = await Services.CountRowsAsync();

        FtpAccountResult<FtpUserGroup> duplicate = await Services.ManageAsync(m => m.CreateGroupAsync(name, null, "elradfmw"));
        Assert.False(duplicate.Succeeded);
        Assert.Contains(name, duplicate.Error, StringComparison.Ordinal);
        Assert.Contains("already exists", duplicate.Error, StringComparison.Ordinal);

        string other = Scratch.Name("g");
        FtpAccountResult<FtpUserGroup> badLetters = await Services.ManageAsync(m => m.CreateGroupAsync(other, null, "elrz"));
        Assert.False(badLetters.Succeeded);
        Assert.Contains("elrz", badLetters.Error, StringComparison.Ordinal);

        FtpAccountResult<FtpUserGroup> emptyName = await Services.ManageAsync(m => m.CreateGroupAsync(" ", null, null));
        Assert.False(emptyName.Succeeded);
        Assert.Equal(before, await Services.CountRowsAsync());

        List<FtpUserGroup> groups = await Services.ManageAsync(m => m.ListGroupsAsync());
        FtpUserGroup listed = Assert.Single(groups, g => g.Name == name);
        Assert.Equal("elr", listed.Permissions);
        Assert.Equal("/srv/ftp/{username}", listed.HomeDirectory);
        Assert.DoesNotContain(groups, g => g.Name == other);

        Assert.True((await Services.ManageAsync(m => m.DeleteGroupAsync(name))).Succeeded);
        Assert.DoesNotContain(await Services.ManageAsync(m => m.ListGroupsAsync()), g => g.Name == name);

        FtpAccountResult<bool> again = await Services.ManageAsync(m => m.DeleteGroupAsync(name));
        Assert.False(again.Succeeded);
        Assert.Contains("does not exist", again.Error, StringComparison.Ordinal);
    }

    [ProviderFact]
    public async Task Default_group_permissions_are_elradfmw()
    {
        string name = Scratch.Name("g");
        FtpUserGroup group = TestAccounts.Check(await Services.ManageAsync(m => m.CreateGroupAsync(name, null, null)));
        Assert.Equal("elradfmw", group.Permissions);
        Assert.Null(group.HomeDirectory);
    }

    [ProviderFact]
    public async Task Accounts_refuse_unknown_user_unknown_group_and_duplicates_without_writing()
    {
        string user = Scratch.Name("u");
        string group = Scratch.Name("g");
        TestAccounts.Check(await Services.ManageAsync(m => m.CreateUserAsync(user, "u@example.org", TestAccounts.Password)));
        TestAccounts.Check(await Services.ManageAsync(m => m.CreateGroupAsync(group, null, "elr")));
        RowCounts before = await Services.CountRowsAsync();

        string ghost = Scratch.Name("nobody");
        FtpAccountResult<FtpUserAccount> unknownUser = await Services.ManageAsync(m => m.CreateAccountAsync(ghost, group, null));
        Assert.False(unknownUser.Succeeded);
        Assert.Contains($"user '{ghost}' does not exist", unknownUser.Error, StringComparison.Ordinal);

        string missingGroup = Scratch.Name("nogroup");
        FtpAccountResult<FtpUserAccount> unknownGroup = await Services.ManageAsync(m => m.CreateAccountAsync(user, missingGroup, null));
        Assert.False(unknownGroup.Succeeded);
        Assert.Contains($"group '{missingGroup}' does not exist", unknownGroup.Error, StringComparison.Ordinal);
        Assert.Equal(before, await Services.CountRowsAsync());

        TestAccounts.Check(await Services.ManageAsync(m => m.CreateAccountAsync(user, group, "/home/{username}")));
        FtpAccountResult<FtpUserAccount> duplicate = await Services.ManageAsync(m => m.CreateAccountAsync(user, group, null));
        Assert.False(duplicate.Succeeded);
        Assert.Contains("already has an FTP account", duplicate.Error, StringComparison.Ordinal);
        Assert.Equal(before with { Accounts = before.Accounts + 1 }, await Services.CountRowsAsync());

        List<(string UserName, FtpUserAccount Account)> listed = await Services.ManageAsync(m => m.ListAccountsAsync());
        (string _, FtpUserAccount account) = Assert.Single(listed, r => r.UserName == user);
        Assert.Equal(group, account.Group!.Name);
        Assert.Equal("/home/{username}", account.HomeDirectory);
        Assert.Null(account.LastLoginUtc);
    }

    [ProviderFact]
    public async Task A_group_with_accounts_cannot_be_deleted_until_they_are_gone()
    {
        SeededAccount seeded = await Services.SeedAsync();
        RowCounts before = await Services.CountRowsAsync();

        FtpAccountResult<bool> refused = await Services.ManageAsync(m => m.DeleteGroupAsync(seeded.GroupName));
        Assert.False(refused.Succeeded);
        Assert.Contains($"group '{seeded.GroupName}' still has 1 account", refused.Error, StringComparison.Ordinal);
        Assert.Equal(before, await Services.CountRowsAsync());
        Assert.NotNull(await Services.FindAccountAsync(seeded.UserName));

        Assert.True((await Services.ManageAsync(m => m.DeleteAccountAsync(seeded.UserName))).Succeeded);
        Assert.Null(await Services.FindAccountAsync(seeded.UserName));
        Assert.Equal(before with { Accounts = before.Accounts - 1 }, await Services.CountRowsAsync());

        FtpAccountResult<bool> noAccount = await Services.ManageAsync(m => m.DeleteAccountAsync(seeded.UserName));
        Assert.False(noAccount.Succeeded);
        Assert.Contains("has no FTP account", noAccount.Error, StringComparison.Ordinal);

        Assert.True((await Services.ManageAsync(m => m.DeleteGroupAsync(seeded.GroupName))).Succeeded);
        // The Identity user stays: deleting the FTP account is not deleting the user.
        Assert.Equal(before.Users, (await Services.CountRowsAsync()).Users);
    }

    [ProviderFact]
    public async Task Users_duplicates_and_weak_passwords_are_refused()
    {
        string user = Scratch.Name("u");
        TestAccounts.Check(await Services.ManageAsync(m => m.CreateUserAsync(user, null, TestAccounts.Password)));
        RowCounts before = await Services.CountRowsAsync();

        FtpAccountResult<AppUser> duplicate = await Services.ManageAsync(m => m.CreateUserAsync(user, null, TestAccounts.Password));
        Assert.False(duplicate.Succeeded);
        Assert.Contains("already exists", duplicate.Error, StringComparison.Ordinal);

        FtpAccountResult<AppUser> weak = await Services.ManageAsync(m => m.CreateUserAsync(Scratch.Name("u"), null, "short"));
        Assert.False(weak.Succeeded);
        Assert.Contains("Passwords must", weak.Error, StringComparison.Ordinal);
        Assert.Equal(before, await Services.CountRowsAsync());
    }

    [ProviderFact]
    public async Task App_passwords_are_created_once_refused_twice_and_revoked()
    {
        SeededAccount seeded = await Services.SeedAsync();
        string password = TestAccounts.Check(await Services.ManageAsync(m => m.CreateAppPasswordAsync(seeded.UserName, "scanner")));
        Assert.Matches("^ftp-[1-9][0-9]*-[a-z2-9]{4}(-[a-z2-9]{4}){5}$", password);
        FtpUserAccount account = (await Services.FindAccountAsync(seeded.UserName))!;
        FtpAppPassword stored = Assert.Single(account.AppPasswords);
        Assert.Equal("scanner", stored.Name);
        Assert.DoesNotContain(password, stored.PasswordHash, StringComparison.Ordinal);
        Assert.Null(stored.LastUsedUtc);
        RowCounts before = await Services.CountRowsAsync();

        FtpAccountResult<string> duplicate = await Services.ManageAsync(m => m.CreateAppPasswordAsync(seeded.UserName, "scanner"));
        Assert.False(duplicate.Succeeded);
        Assert.Contains("already has an app password named 'scanner'", duplicate.Error, StringComparison.Ordinal);

        string ghost = Scratch.Name("nobody");
        FtpAccountResult<string> unknown = await Services.ManageAsync(m => m.CreateAppPasswordAsync(ghost, "scanner"));
        Assert.False(unknown.Succeeded);
        Assert.Contains(ghost, unknown.Error, StringComparison.Ordinal);

        FtpAccountResult<string> emptyName = await Services.ManageAsync(m => m.CreateAppPasswordAsync(seeded.UserName, ""));
        Assert.False(emptyName.Succeeded);
        Assert.Equal(before, await Services.CountRowsAsync());

        FtpAccountResult<bool> wrongName = await Services.ManageAsync(m => m.DeleteAppPasswordAsync(seeded.UserName, "backup"));
        Assert.False(wrongName.Succeeded);
        Assert.Contains("no app password named 'backup'", wrongName.Error, StringComparison.Ordinal);
        Assert.Equal(before, await Services.CountRowsAsync());

        Assert.True((await Services.ManageAsync(m => m.DeleteAppPasswordAsync(seeded.UserName, "scanner"))).Succeeded);
        Assert.Empty((await Services.FindAccountAsync(seeded.UserName))!.AppPasswords);
        Assert.False((await Services.ManageAsync(m => m.DeleteAppPasswordAsync(seeded.UserName, "scanner"))).Succeeded);
    }

    [ProviderFact]
    public async Task User_names_that_cannot_stand_in_a_path_get_no_account()
    {
        string group = Scratch.Name("g");
        TestAccounts.Check(await Services.ManageAsync(m => m.CreateGroupAsync(group, null, null)));
        // Identity's default user name characters allow '.', so '..' is a valid Identity user name.
        string dots = "..";
        if ((await Services.ManageAsync(m => m.CreateUserAsync(dots, null, TestAccounts.Password))).Succeeded is false)
        {
            Assert.NotNull(await Services.WithStoreAsync((_, users) => users.FindByNameAsync(dots)));
        }

        RowCounts before = await Services.CountRowsAsync();
        FtpAccountResult<FtpUserAccount> refused = await Services.ManageAsync(m => m.CreateAccountAsync(dots, group, null));
        Assert.False(refused.Succeeded);
        Assert.Contains("cannot be used in a home directory path", refused.Error, StringComparison.Ordinal);
        Assert.Equal(before, await Services.CountRowsAsync());
    }
}

[UsesProvider(DatabaseProvider.Sqlite)]
public sealed class SqliteAccountManagerTests(SqliteFixture fixture) : AccountManagerSuite(fixture), IClassFixture<SqliteFixture>;

[UsesProvider(DatabaseProvider.PostgreSql)]
public sealed class PostgreSqlAccountManagerTests(PostgreSqlFixture fixture) : AccountManagerSuite(fixture), IClassFixture<PostgreSqlFixture>;

[UsesProvider(DatabaseProvider.MySql)]
public sealed class MySqlAccountManagerTests(MySqlFixture fixture) : AccountManagerSuite(fixture), IClassFixture<MySqlFixture>;
