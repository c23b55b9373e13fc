using AspNetFtp.Host.Data;
using AspNetFtp.Identity.Entities;
using AspNetFtp.Identity.Tests.Infrastructure;
using AspNetFtp.Protocol.Abstractions;
using AspNetFtp.Protocol.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AspNetFtp.Identity.Tests.Store;

/// <summary>
/// Issue 10: what a group and an account say beyond home and letters (limits, TLS, upload mode, directory rules)
/// reaches the session's snapshot at login, through the credential cache the server wraps around the authenticator,
/// and a change made between two logins is seen by the second one.
/// </summary>
public abstract class AccountSnapshotSuite(DatabaseFixture fixture) : IDisposable
{
    private ServiceProvider? _services;

    private IServiceProvider Services => _services ??= fixture.BuildServices();

    private async Task<FtpUser> LoginAsync(SeededAccount seeded)
    {
        FtpAuthenticationResult result = await Services.GetRequiredService<IFtpAuthenticator>()
            .AuthenticateAsync(TestAccounts.Login(seeded.UserName, seeded.Password), CancellationToken.None);
        Assert.Equal(FtpAuthenticationStatus.Succeeded, result.Status);
        return result.User!;
    }

    private Task EditAsync(SeededAccount seeded, Action<FtpUserGroup, FtpUserAccount> edit) => Services.WithStoreAsync(async (db, users) =>
    {
        string id = (await users.FindByNameAsync(seeded.UserName))!.Id;
        FtpUserAccount account = await db.Set<FtpUserAccount>().Include(a => a.Group).SingleAsync(a => a.UserId == id);
        edit(account.Group!, account);
        return await db.SaveChangesAsync();
    });

    public void Dispose()
    {
        _services?.Dispose();
        GC.SuppressFinalize(this);
    }

    [ProviderFact]
    public async Task An_account_without_limits_rules_or_tls_logs_in_with_none()
    {
        SeededAccount seeded = await Services.SeedAsync();

        FtpUser user = await LoginAsync(seeded);

        Assert.Equal(FtpUserLimits.None, user.Limits);
        Assert.False(user.RequireTls);
        Assert.Null(user.UploadMode);
        Assert.Empty(user.DirectoryPermissions);
    }

    [ProviderFact]
    public async Task The_groups_limits_apply_unless_the_account_sets_its_own_and_an_accounts_zero_lifts_the_groups_limit()
    {
        SeededAccount seeded = await Services.SeedAsync();
        await EditAsync(seeded, (group, account) =>
        {
            group.MaxSessions = 2;
            group.UploadBytesPerSecond = 1000;
            group.DownloadBytesPerSecond = 2000;
            group.QuotaBytes = 3000;
            group.QuotaFiles = 4;
            account.DownloadBytesPerSecond = 5000;
            account.QuotaBytes = 0;
        });

        FtpUser user = await LoginAsync(seeded);

        Assert.Equal(new FtpUserLimits(MaxSessions: 2, UploadBytesPerSecond: 1000, DownloadBytesPerSecond: 5000, QuotaBytes: null, QuotaFiles: 4), user.Limits);
    }

    [ProviderFact]
    public async Task Tls_requirement_and_upload_mode_come_from_the_group()
    {
        SeededAccount seeded = await Services.SeedAsync();
        await EditAsync(seeded, (group, _) =>
        {
            group.RequireTls = true;
            group.UploadMode = FtpUploadMode.AtomicResume;
        });

        FtpUser user = await LoginAsync(seeded);

        Assert.True(user.RequireTls);
        Assert.Equal(FtpUploadMode.AtomicResume, user.UploadMode);
    }

    [ProviderFact]
    public async Task Directory_rules_are_the_groups_with_the_accounts_replacing_one_of_the_same_path()
    {
        SeededAccount seeded = await Services.SeedAsync(permissions: "elr");
        await EditAsync(seeded, (group, account) =>
        {
            group.DirectoryRules.Add(new FtpDirectoryRule { Path = "/incoming", Permissions = "ew" });
            group.DirectoryRules.Add(new FtpDirectoryRule { Path = "/archive", Permissions = "elr" });
            account.DirectoryRules.Add(new FtpDirectoryRule { Path = "/incoming", Permissions = "elrw" });
        });

        FtpUser user = await LoginAsync(seeded);

        Assert.Equal(
            [new FtpDirectoryPermission("/archive", FtpPermissionLetters.Parse("elr")), new FtpDirectoryPermission("/incoming", FtpPermissionLetters.Parse("elrw"))],
            user.DirectoryPermissions);
    }

    [ProviderFact]
    public async Task A_stored_rule_whose_letters_do_not_parse_grants_nothing_at_its_path()
    {
        SeededAccount seeded = await Services.SeedAsync(permissions: "elradfmw");
        await EditAsync(seeded, (group, _) => group.DirectoryRules.Add(new FtpDirectoryRule { Path = "/archive", Permissions = "elr?" }));

        FtpUser user = await LoginAsync(seeded);

        Assert.Equal([new FtpDirectoryPermission("/archive", FtpPermissions.None)], user.DirectoryPermissions);
    }

    [ProviderFact]
    public async Task A_limit_or_rule_changed_between_two_logins_is_seen_by_the_second_even_through_the_credential_cache()
    {
        SeededAccount seeded = await Services.SeedAsync();
        Assert.Null((await LoginAsync(seeded)).Limits.QuotaBytes);

        await EditAsync(seeded, (group, _) => group.QuotaBytes = 10_000);
        Assert.Equal(10_000, (await LoginAsync(seeded)).Limits.QuotaBytes);

        await EditAsync(seeded, (_, account) => account.DirectoryRules.Add(new FtpDirectoryRule { Path = "/ro", Permissions = "elr" }));
        Assert.Equal("/ro", Assert.Single((await LoginAsync(seeded)).DirectoryPermissions).Path);

        await EditAsync(seeded, (group, _) => group.RequireTls = true);
        Assert.True((await LoginAsync(seeded)).RequireTls);
    }
}

[UsesProvider(DatabaseProvider.Sqlite)]
public sealed class SqliteAccountSnapshotTests(SqliteFixture fixture) : AccountSnapshotSuite(fixture), IClassFixture<SqliteFixture>;

[UsesProvider(DatabaseProvider.PostgreSql)]
public sealed class PostgreSqlAccountSnapshotTests(PostgreSqlFixture fixture) : AccountSnapshotSuite(fixture), IClassFixture<PostgreSqlFixture>;

[UsesProvider(DatabaseProvider.MySql)]
public sealed class MySqlAccountSnapshotTests(MySqlFixture fixture) : AccountSnapshotSuite(fixture), IClassFixture<MySqlFixture>;
