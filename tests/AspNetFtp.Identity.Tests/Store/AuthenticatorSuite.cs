using AspNetFtp.Host.Data;
using AspNetFtp.Identity.Accounts;
using AspNetFtp.Identity.Authentication;
using AspNetFtp.Identity.Entities;
using AspNetFtp.Identity.Tests.Infrastructure;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AspNetFtp.Identity.Tests.Store;

/// <summary>IdentityFtpAuthenticator (without the cache) on a real database, registered as the host registers it.</summary>
public abstract class AuthenticatorSuite(DatabaseFixture fixture)
{
    private IServiceProvider Services => fixture.Services;

    private IdentityFtpAuthenticator<AppUser, AppDbContext> Authenticator => Services.GetRequiredService<IdentityFtpAuthenticator<AppUser, AppDbContext>>();

    private Task<FtpAuthenticationResult> LoginAsync(string user, string password) =>
        Authenticator.AuthenticateAsync(TestAccounts.Login(user, password), CancellationToken.None).AsTask();

    private Task<int> AccessFailedCountAsync(string user) =>
        Services.WithStoreAsync(async (_, users) => await users.GetAccessFailedCountAsync((await users.FindByNameAsync(user))!));

    [ProviderFact]
    public async Task The_right_password_logs_in_with_the_groups_permissions_and_records_the_login()
    {
        SeededAccount seeded = await Services.SeedAsync(permissions: "elr");
        DateTime before = DateTime.UtcNow.AddSeconds(-2);

        FtpAuthenticationResult result = await LoginAsync(seeded.UserName, seeded.Password);

        Assert.Equal(FtpAuthenticationStatus.Succeeded, result.Status);
        Assert.Equal(seeded.UserName, result.User!.Name);
        Assert.Equal(FtpPermissionLetters.Parse("elr"), result.User.Permissions);
        Assert.Equal(Path.Combine(fixture.RootDirectory, seeded.UserName), result.User.HomeDirectory);
        FtpUserAccount account = (await Services.FindAccountAsync(seeded.UserName))!;
        Assert.NotNull(account.LastLoginUtc);
        Assert.InRange(account.LastLoginUtc!.Value, before, DateTime.UtcNow.AddSeconds(2));
    }

    [ProviderFact]
    public async Task Home_is_the_accounts_else_the_groups_else_root_slash_username_with_username_replaced()
    {
        string groupHome = Path.Combine(fixture.Directory, "groups", "{username}", "files");
        SeededAccount accountHome = await Services.SeedAsync(groupHome: groupHome, accountHome: Path.Combine(fixture.Directory, "own", "{username}"));
        SeededAccount fromGroup = await Services.SeedAsync(groupHome: groupHome);
        SeededAccount fromRoot = await Services.SeedAsync();
        SeededAccount fixedHome = await Services.SeedAsync(accountHome: Path.Combine(fixture.Directory, "shared"));

        Assert.Equal(Path.Combine(fixture.Directory, "own", accountHome.UserName), (await LoginAsync(accountHome.UserName, accountHome.Password)).User!.HomeDirectory);
        Assert.Equal(Path.Combine(fixture.Directory, "groups", fromGroup.UserName, "files"), (await LoginAsync(fromGroup.UserName, fromGroup.Password)).User!.HomeDirectory);
        Assert.Equal(Path.Combine(fixture.RootDirectory, fromRoot.UserName), (await LoginAsync(fromRoot.UserName, fromRoot.Password)).User!.HomeDirectory);
        Assert.Equal(Path.Combine(fixture.Directory, "shared"), (await LoginAsync(fixedHome.UserName, fixedHome.Password)).User!.HomeDirectory);
    }

    [ProviderFact]
    public async Task An_account_whose_user_name_cannot_stand_in_a_path_is_not_allowed()
    {
        // The manager refuses such accounts; one written behind its back must still not log in.
        string group = Scratch.Name("g");
        TestAccounts.Check(await Services.ManageAsync(m => m.CreateGroupAsync(group, null, null)));
        string name = ".";
        await Services.WithStoreAsync(async (db, users) =>
        {
            AppUser? user = await users.FindByNameAsync(name);
            if (user is null)
            {
                user = new AppUser { UserName = name };
                Assert.True((await users.CreateAsync(user, TestAccounts.Password)).Succeeded);
            }

            int groupId = (await db.Set<FtpUserGroup>().FirstAsync(g => g.Name == group)).Id;
            db.Add(new FtpUserAccount { UserId = user.Id, GroupId = groupId, CreatedUtc = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });

        Assert.Equal(FtpAuthenticationStatus.NotAllowed, (await LoginAsync(name, TestAccounts.Password)).Status);
    }

    [ProviderFact]
    public async Task A_wrong_password_is_refused_and_counts_toward_lockout_and_a_success_resets_the_count()
    {
        SeededAccount seeded = await Services.SeedAsync();

        Assert.Equal(FtpAuthenticationStatus.InvalidCredentials, (await LoginAsync(seeded.UserName, "Wrong!pass1")).Status);
        Assert.Equal(1, await AccessFailedCountAsync(seeded.UserName));
        Assert.Equal(FtpAuthenticationStatus.InvalidCredentials, (await LoginAsync(seeded.UserName, "Wrong!pass2")).Status);
        Assert.Equal(2, await AccessFailedCountAsync(seeded.UserName));

        Assert.True((await LoginAsync(seeded.UserName, seeded.Password)).Succeeded);
        Assert.Equal(0, await AccessFailedCountAsync(seeded.UserName));
    }

    [ProviderFact]
    public async Task Five_failures_lock_the_user_out_even_with_the_right_password()
    {
        SeededAccount seeded = await Services.SeedAsync();
        for (int i = 0; i < 5; i++)
        {
            Assert.False((await LoginAsync(seeded.UserName, "Wrong!pass" + i)).Succeeded);
        }

        Assert.Equal(FtpAuthenticationStatus.LockedOut, (await LoginAsync(seeded.UserName, seeded.Password)).Status);
        Assert.True(await Services.WithStoreAsync(async (_, users) => await users.IsLockedOutAsync((await users.FindByNameAsync(seeded.UserName))!)));
    }

    [ProviderFact]
    public async Task Unknown_users_and_users_without_an_FTP_account_are_refused()
    {
        string noAccount = Scratch.Name("u");
        TestAccounts.Check(await Services.ManageAsync(m => m.CreateUserAsync(noAccount, null, TestAccounts.Password)));

        // Without an FTP account the password is not looked at: right or wrong, the same refusal.
        Assert.Equal(FtpAuthenticationStatus.NotAllowed, (await LoginAsync(noAccount, TestAccounts.Password)).Status);
        Assert.Equal(FtpAuthenticationStatus.NotAllowed, (await LoginAsync(noAccount, "Wrong!pass")).Status);
        Assert.Equal(FtpAuthenticationStatus.InvalidCredentials, (await LoginAsync(Scratch.Name("ghost"), TestAccounts.Password)).Status);
    }

    [ProviderFact]
    public async Task An_app_password_logs_in_and_records_its_last_use()
    {
        SeededAccount seeded = await Services.SeedAsync(permissions: "elradfmw");
        string appPassword = TestAccounts.Check(await Services.ManageAsync(m => m.CreateAppPasswordAsync(seeded.UserName, "scanner")));
        TestAccounts.Check(await Services.ManageAsync(m => m.CreateAppPasswordAsync(seeded.UserName, "backup")));

        FtpAuthenticationResult result = await LoginAsync(seeded.UserName, appPassword);

        Assert.Equal(FtpAuthenticationStatus.Succeeded, result.Status);
        FtpUserAccount account = (await Services.FindAccountAsync(seeded.UserName))!;
        Assert.NotNull(account.AppPasswords.Single(p => p.Name == "scanner").LastUsedUtc);
        Assert.Null(account.AppPasswords.Single(p => p.Name == "backup").LastUsedUtc);
        Assert.NotNull(account.LastLoginUtc);

        // The Identity password still works for a group that does not require app passwords.
        Assert.True((await LoginAsync(seeded.UserName, seeded.Password)).Succeeded);
    }

    [ProviderFact]
    public async Task A_group_requiring_app_passwords_refuses_the_identity_password()
    {
        SeededAccount seeded = await Services.SeedAsync(appPasswordsOnly: true);
        string appPassword = TestAccounts.Check(await Services.ManageAsync(m => m.CreateAppPasswordAsync(seeded.UserName, "client")));

        Assert.Equal(FtpAuthenticationStatus.InvalidCredentials, (await LoginAsync(seeded.UserName, seeded.Password)).Status);
        Assert.Equal(FtpAuthenticationStatus.Succeeded, (await LoginAsync(seeded.UserName, appPassword)).Status);
    }

    [ProviderFact]
    public async Task Deleting_the_identity_user_deletes_its_FTP_account_and_app_passwords()
    {
        SeededAccount seeded = await Services.SeedAsync();
        TestAccounts.Check(await Services.ManageAsync(m => m.CreateAppPasswordAsync(seeded.UserName, "scanner")));
        RowCounts before = await Services.CountRowsAsync();

        IdentityResult deleted = await Services.WithStoreAsync(async (_, users) => await users.DeleteAsync((await users.FindByNameAsync(seeded.UserName))!));

        Assert.True(deleted.Succeeded, string.Join("; ", deleted.Errors.Select(e => e.Description)));
        Assert.Equal(new RowCounts(before.Users - 1, before.Groups, before.Accounts - 1, before.AppPasswords - 1), await Services.CountRowsAsync());
        Assert.Equal(FtpAuthenticationStatus.InvalidCredentials, (await LoginAsync(seeded.UserName, seeded.Password)).Status);
        // The group stays and, now empty, can be deleted.
        Assert.True((await Services.ManageAsync(m => m.DeleteGroupAsync(seeded.GroupName))).Succeeded);
    }
}

[UsesProvider(DatabaseProvider.Sqlite)]
public sealed class SqliteAuthenticatorTests(SqliteFixture fixture) : AuthenticatorSuite(fixture), IClassFixture<SqliteFixture>;

[UsesProvider(DatabaseProvider.PostgreSql)]
public sealed class PostgreSqlAuthenticatorTests(PostgreSqlFixture fixture) : AuthenticatorSuite(fixture), IClassFixture<PostgreSqlFixture>;

[UsesProvider(DatabaseProvider.MySql)]
public sealed class MySqlAuthenticatorTests(MySqlFixture fixture) : AuthenticatorSuite(fixture), IClassFixture<MySqlFixture>;
